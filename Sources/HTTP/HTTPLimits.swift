// The four request limits of Apache's core, with Apache's defaults.
// A server that reads untrusted bytes must bound every buffer it grows: these are the bounds.
// Apache reads a line into a buffer of *limit + 2* bytes (room for the CRLF), so a request line
// or header line of exactly `limit` characters passes and one of `limit + 1` fails.

/// LimitRequestLine, LimitRequestFieldSize, LimitRequestFields and LimitRequestBody.
public struct HTTPLimits: Sendable, Equatable {
    /// Longest request line, CRLF excluded (LimitRequestLine, default 8190). Over it: 414.
    public var requestLine: Int
    /// Longest header field line, CRLF excluded, and longest merged value
    /// (LimitRequestFieldSize, default 8190). Over it: 400.
    public var fieldSize: Int
    /// Most header fields in one request; 0 means unlimited (LimitRequestFields, default 100).
    public var fields: Int
    /// Largest request body in bytes; 0 means unlimited (LimitRequestBody, default 1 GiB). Over it: 413.
    public var body: Int64
    /// LimitRequestBody as `<Location>` sections set it: given the decoded path of a request
    /// that has a body, the limit for it (0: unlimited). Nil: `body` applies everywhere.
    /// Not part of `==` (two closures cannot be compared).
    public var bodyByPath: (@Sendable (_ decodedPath: String) -> Int64)?

    public init(requestLine: Int = 8190, fieldSize: Int = 8190, fields: Int = 100,
                body: Int64 = 1 << 30) {
        self.requestLine = requestLine
        self.fieldSize = fieldSize
        self.fields = fields
        self.body = body
    }

    public static func == (a: HTTPLimits, b: HTTPLimits) -> Bool {
        (a.requestLine, a.fieldSize, a.fields, a.body) == (b.requestLine, b.fieldSize, b.fields, b.body)
    }

    /// The body limit for a request: its `<Location>`'s, or the server-wide one when the
    /// path does not decode (that request is refused anyway).
    func body(for request: HTTPRequest) -> Int64 {
        guard let bodyByPath, let path = try? request.decodedPath() else { return body }
        return bodyByPath(path)
    }

    /// Apache's compiled-in defaults.
    public static let apacheDefaults = HTTPLimits()
}
