// Malformed and oversized requests get Apache's exact status codes from a running server.
import ServerHarness
import Testing

@Suite("Framing errors on a live server", .serialized)
struct FramingErrorTests {
    static let cases: [(name: String, request: String, status: Int)] = [
        ("bare LF line endings", "GET / HTTP/1.1\nHost: x\n\n", 400),
        ("a lowercase method", "get / HTTP/1.1\r\nHost: x\r\n\r\n", 501),
        ("an unknown method", "BREW / HTTP/1.1\r\nHost: x\r\n\r\n", 501),
        ("HTTP/1.1 without Host", "GET / HTTP/1.1\r\n\r\n", 400),
        ("a bad version", "GET / HTTP/1.11\r\nHost: x\r\n\r\n", 400),
        ("a space before the colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
        ("a request line over LimitRequestLine", "GET /\(String(repeating: "a", count: 300)) HTTP/1.1\r\nHost: x\r\n\r\n", 414),
        ("a header over LimitRequestFieldSize", "GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 300))\r\n\r\n", 400),
        ("too many header fields", "GET / HTTP/1.1\r\nHost: x\r\n" + (0..<6).map { "X-\($0): y\r\n" }.joined() + "\r\n", 400),
        ("a malformed Content-Length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 12abc\r\n\r\n", 400),
        ("a body over LimitRequestBody", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n", 413),
        ("a Transfer-Encoding not ending in chunked", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 400),
        ("an Expect other than 100-continue", "GET / HTTP/1.1\r\nHost: x\r\nExpect: tea\r\n\r\n", 417),
        ("a POST to a directory index, served as Apache does", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", 200),
        ("a path climbing above the root", "GET /../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("an encoded climb", "GET /%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("an encoded slash", "GET /a%2Fb HTTP/1.1\r\nHost: x\r\n\r\n", 404),
    ]

    static let limits = "LimitRequestLine 200\nLimitRequestFieldSize 200\nLimitRequestFields 5\nLimitRequestBody 10"

    @Test("Each malformed request gets Apache's status", arguments: Harness.allCases)
    func statuses(harness: Harness) throws {
        let server = try harness.start(Self.limits)
        defer { server.stop() }
        for item in Self.cases {
            let c = try server.connect()
            try c.send(item.request)
            let r = try c.readResponse(timeoutMs: 5000)
            #expect(r.status == item.status, "\(item.name)")
            #expect(r.version == "HTTP/1.1", "\(item.name): the status line always says HTTP/1.1")
        }
    }

    @Test("Transfer-Encoding with Content-Length is served, then the connection closes", arguments: Harness.allCases)
    func teAndCl(harness: Harness) throws {
        let server = try harness.start()
        defer { server.stop() }
        let c = try server.connect()
        try c.send("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")
        let r = try c.readResponse()
        #expect(r.status == 200)
        #expect(r.headers["Connection"] == "close")
        #expect(c.waitForClose(timeoutMs: 5000))
    }
}
