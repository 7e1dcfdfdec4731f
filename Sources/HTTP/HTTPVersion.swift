// The protocol version of a request. It decides defaults, not syntax: HTTP/1.1 connections
// persist unless closed and must name a Host, while HTTP/1.0 ones close unless the client
// asks for keep-alive. Versions compare as (major, minor) pairs, so 1.2 counts as "1.1 or later".

/// The `HTTP/x.y` of the request line. Apache accepts any single digits with a major of 1–9.
public struct HTTPVersion: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// What a request line without a version means (Apache's default `Allow0.9`).
    public static let http0_9 = HTTPVersion(major: 0, minor: 9)
    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)

    public static func < (a: HTTPVersion, b: HTTPVersion) -> Bool {
        (a.major, a.minor) < (b.major, b.minor)
    }

    public var description: String { "HTTP/\(major).\(minor)" }
}

