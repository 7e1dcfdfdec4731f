// One parsed request, plus the facts the connection code needs to decide what happens next.
// The parser computes the framing facts once (is the body chunked? did TE and CL clash?) so
// the MPMs never look at raw headers to decide whether a connection may be reused.
// The target is kept whole, with the offsets of its parts: the path and the query become
// Strings only when a handler asks for them.

/// A complete request: line, headers and (de-chunked) body.
public struct HTTPRequest: Sendable {
    /// The method exactly as sent (`GET`, `POST`...); case matters (`get` is unknown: 501).
    public var method: String
    /// The request-target exactly as sent (`/a%20b?x=1`, `*`, or `http://host/path`).
    public private(set) var target: String
    /// Where the authority, path and query lie in `target`.
    var parts: RequestTarget.Parts
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    /// The body bytes, after removing the chunked framing. Empty when there is no body.
    public var body: [UInt8]
    /// The host the client named: from an absolute-form target, else the `Host` field.
    public var host: String?
    /// The client sent `Expect: 100-continue`.
    public var expectsContinue: Bool
    /// The client sent an `Expect` other than 100-continue: the answer is 417 (Apache logs
    /// "client sent an unrecognized expectation value of Expect").
    public var unmetExpectation: Bool
    /// The connection must close after this response whatever the keep-alive rules say:
    /// the request carried both Transfer-Encoding and Content-Length (a smuggling shape),
    /// or it expected `100 Continue` and the server never answered it (as Apache's
    /// `r->expecting_100` left set, e.g. with HTTP/1.0 or with no body to read).
    public var mustCloseAfterResponse: Bool
    /// The body was sent with `Transfer-Encoding: chunked`.
    public var wasChunked: Bool

    public init(method: String, target: String, version: HTTPVersion = .http1_1,
                headers: HTTPHeaders = [:], body: [UInt8] = []) {
        var text = target
        let parts = text.withUTF8 { RequestTarget.split($0) }
        self.init(method: method, target: text, parts: parts, version: version, headers: headers)
        self.body = body
        self.host = parts.authority.map { slice(of: $0).asciiLowercased() } ?? headers["Host"]
    }

    init(method: String, target: String, parts: RequestTarget.Parts, version: HTTPVersion,
         headers: HTTPHeaders = HTTPHeaders()) {
        self.method = method
        self.target = target
        self.parts = parts
        self.version = version
        self.headers = headers
        self.body = []
        self.host = nil
        self.expectsContinue = false
        self.unmetExpectation = false
        self.mustCloseAfterResponse = false
        self.wasChunked = false
    }

    /// The path part of the target, still percent-encoded (`/a%20b`); `/` for `http://host`.
    public var rawPath: String {
        parts.path.isEmpty ? "/" : slice(of: parts.path)
    }

    /// What follows `?`, still encoded, or nil when there is no `?`.
    public var query: String? {
        parts.query.map { slice(of: $0) }
    }

    /// An HTTP/0.9 "simple request" (`GET /` with no version): the answer is the body alone,
    /// with no status line and no header, and the connection closes after it.
    public var isHTTP09: Bool { version == .http0_9 }

    /// The bytes of `target` in `range`, as a String.
    func slice(of range: Range<Int>) -> String {
        var text = target
        return text.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// The client sent a `keep-alive` token in `Connection` (the HTTP/1.0 way to ask for
    /// persistence; Apache answers it with `Keep-Alive:` and `Connection: Keep-Alive`).
    public var keepAliveToken: Bool { headers.hasToken("keep-alive", in: "Connection") }

    /// The client sent `Connection: close`.
    public var closeToken: Bool { headers.hasToken("close", in: "Connection") }

    /// HEAD asks for the response head only, which always has a known length.
    public var isHead: Bool { method == "HEAD" }

    /// The path, percent-decoded and normalised, or the error Apache answers with
    /// (400 for a bad escape or a climb above `/`, 404 for `%2F` or `%00`).
    public func decodedPath() throws(HTTPError) -> String {
        try URIPath.decode(rawPath)
    }
}
