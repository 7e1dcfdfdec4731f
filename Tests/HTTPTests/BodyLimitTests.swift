// LimitRequestBody per `<Location>`: the parser asks, for each request with a body, which
// limit its decoded path has; the server-wide limit applies when there is no rule.
@testable import HTTP
import Testing

@Suite("LimitRequestBody by path")
struct BodyLimitTests {
    /// `<Location /small>` 5 bytes, `<Location /big>` unlimited, 10 elsewhere.
    static let limits: HTTPLimits = {
        var limits = HTTPLimits(body: 10)
        limits.bodyByPath = { path in
            path.hasPrefix("/small") ? 5 : path.hasPrefix("/big") ? 0 : 10
        }
        return limits
    }()

    static func post(_ path: String, _ body: String) -> String {
        "POST \(path) HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }

    static func chunked(_ path: String, _ body: String) -> String {
        "POST \(path) HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + String(body.utf8.count, radix: 16) + "\r\n\(body)\r\n0\r\n\r\n"
    }

    @Test("Each location's limit applies to Content-Length and to chunked bodies", arguments: [
        (post("/small/a", "12345"), 200), (post("/small/a", "123456"), 413), (chunked("/small/a", "123456"), 413),
        (post("/big/a", String(repeating: "x", count: 20)), 200), (chunked("/big/a", String(repeating: "x", count: 20)), 200),
        (post("/other", "12345678"), 200), (post("/other", "12345678901"), 413),
        // The path is decoded first, as <Location> matching sees it.
        (post("/%73mall/a", "123456"), 413),
    ])
    func limitsByPath(raw: String, expected: Int) {
        #expect(status(raw, limits: Self.limits) == expected)
    }

    @Test("Without a rule, the server-wide limit applies; limits compare by their numbers")
    func serverWide() {
        #expect(status(Self.post("/small/a", "123456"), limits: HTTPLimits(body: 10)) == 200)
        #expect(Self.limits == HTTPLimits(body: 10))
    }
}
