// A request the server refuses, as a status code plus the sentence Apache would log.
// Errors are values, not strings: the connection code decides from `status` what to send,
// and the error log prints `reason`, so lab handouts can quote one stable text.

/// Why a request was refused: the response status and a short reason for the error log.
public struct HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    public let status: Int
    public let reason: String

    public init(_ status: Int, _ reason: String) {
        self.status = status
        self.reason = reason
    }

    public var description: String { "\(status) \(reason)" }

    // The texts below follow the messages Apache writes to its error log.
    static let badRequestLine = HTTPError(400, "HTTP Request Line; malformed request line")
    static let bareLineFeed = HTTPError(400, "Request line or header not terminated by CRLF")
    static let requestLineTooLong = HTTPError(414, "Request line exceeds LimitRequestLine")
    static let fieldTooLong = HTTPError(400, "Size of a request header field exceeds server limit.")
    static let tooManyFields = HTTPError(400, "The number of request header fields exceeds this server's limit.")
    static let malformedFieldName = HTTPError(400, "Request header field name is malformed")
    static let malformedFieldValue = HTTPError(400, "Request header value is malformed")
    static let missingHost = HTTPError(400, "client sent HTTP/1.1 request without hostname")
    static let badHost = HTTPError(400, "Client sent malformed Host header")
    static let badContentLength = HTTPError(400, "client sent invalid Content-Length")
    static let unknownTransferEncoding = HTTPError(400, "client sent unknown Transfer-Encoding")
    static let unknownMethod = HTTPError(501, "Method not implemented")
    static let bodyTooLarge = HTTPError(413, "Requested content-length is larger than the configured limit")
    static let chunkedBodyTooLarge = HTTPError(413, "Read content length exceeds the configured limit")
    static let badChunk = HTTPError(400, "Error reading chunk: invalid chunk size line")
    static let chunkTooLarge = HTTPError(413, "Error reading chunk: chunk size exceeds limit")
    static let badTrailer = HTTPError(400, "Error while reading HTTP trailer")
}
