// The head of a response: status line and header fields, serialised for the wire.
// The status line always says HTTP/1.1, whatever the request's version: the version names
// what the server can speak, and an HTTP/1.0 client reads a 1.1 response just fine (RFC 9110
// §6.2). `Date` and `Server` are added by the caller, which owns the clock and the banner.

public struct HTTPResponseHead: Sendable, Equatable {
    public var status: Int
    public var headers: HTTPHeaders

    public init(status: Int, headers: HTTPHeaders = [:]) {
        self.status = status
        self.headers = headers
    }

    /// The interim response a client waits for after `Expect: 100-continue`.
    public static let continueBytes: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// `HTTP/1.1 NNN Reason`, then each field as `Name: value`, then an empty line.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + headers.serializedCount)
        out.append(contentsOf: "HTTP/1.1 \(status) \(HTTPStatus.reason(status))\r\n".utf8)
        headers.serialize(into: &out)
        out.append(.cr)
        out.append(.lf)
        return out
    }
}
