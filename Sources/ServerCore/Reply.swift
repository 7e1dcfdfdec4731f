// What a handler answers: a status, headers and a body. The body is either bytes in memory
// or a range of an open file, which the connection sends with sendfile(2) so that a large
// static file never passes through the server's memory.
import HTTP
import Posix

public struct Reply: Sendable {
    public enum Body: Sendable {
        case empty
        case bytes([UInt8])
        /// `length` bytes of `file` from `offset`; the reply owns the descriptor.
        case file(FileDescriptor, offset: Int64, length: Int64)
    }

    public var status: Int
    public var headers: HTTPHeaders
    public var body: Body
    /// Set by handlers that want the connection closed after this reply.
    public var closeConnection = false

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: Body = .empty) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A text or HTML reply.
    public static func text(_ status: Int, _ text: String, type: String = "text/plain; charset=utf-8") -> Reply {
        var headers = HTTPHeaders()
        headers.set("Content-Type", type)
        return Reply(status: status, headers: headers, body: .bytes(Array(text.utf8)))
    }

    /// The body length, when known.
    public var bodyLength: Int64 {
        switch body {
        case .empty: 0
        case .bytes(let b): Int64(b.count)
        case .file(_, _, let length): length
        }
    }

    /// Releases a file body that will not be sent (HEAD, errors).
    public func releaseBody() {
        if case .file(let fd, _, _) = body { fd.close() }
    }
}

/// Apache's error pages: a small HTML document naming the status.
public enum ErrorPage {
    public static func reply(_ status: Int, detail: String? = nil) -> Reply {
        let reason = HTTPStatus.reason(status)
        let explanation = detail ?? defaultExplanation(status)
        let html = """
            <!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
            <html><head>
            <title>\(status) \(reason)</title>
            </head><body>
            <h1>\(reason)</h1>
            <p>\(HTMLEscape.text(explanation))</p>
            </body></html>

            """
        return .text(status, html, type: "text/html; charset=iso-8859-1")
    }

    static func defaultExplanation(_ status: Int) -> String {
        switch status {
        case 400: "Your browser sent a request that this server could not understand."
        case 403: "You don't have permission to access this resource."
        case 404: "The requested URL was not found on this server."
        case 405: "The requested method is not allowed for this URL."
        case 408: "Server timeout waiting for the HTTP request from the client."
        case 411: "A request of the requested method requires a valid Content-length."
        case 413: "The requested resource does not allow request data with this method, or the amount of data provided in the request exceeds the capacity limit."
        case 414: "The requested URL's length exceeds the capacity limit for this server."
        case 416: "None of the range-specifier values in the Range request-header field overlap the current extent of the selected resource."
        case 417: "The expectation given in the Expect request-header field could not be met by this server."
        case 500: "The server encountered an internal error or misconfiguration and was unable to complete your request."
        case 501: "This server does not support the method used in the request."
        case 503: "The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later."
        default: HTTPStatus.reason(status)
        }
    }
}

/// Escaping for text put into HTML by hand-written pages (status page, error pages).
public enum HTMLEscape {
    public static func text(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
