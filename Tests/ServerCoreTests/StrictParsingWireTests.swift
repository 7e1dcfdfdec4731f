// Apache's strict parsing and its answers, on the wire of a running server under every MPM:
// malformed hosts refused with 400, an HTTP/0.9 request answered with the bare body,
// LimitRequestBody changed by a <Location>, several ranges answered as multipart/byteranges.
import Posix
import ServerHarness
import Testing

@Suite("Strict parsing on a live server", .serialized)
struct StrictParsingWireTests {
    static let files = ["htdocs/digits.txt": "0123456789abcdefghijklmnopqrstuvwxyz",
                        "htdocs/small/index.html": "<p>small</p>\n", "htdocs/index.html": "<p>It works.</p>\n"]
    static let config = """
        LimitRequestBody 10
        <Location /small>
            LimitRequestBody 5
        </Location>

        """

    /// Sends `raw` on a new connection and reads until the server closes it (bounded: a
    /// connection still open after 5 s fails the exchange).
    func exchange(_ server: TestServer, _ raw: String) throws -> [UInt8] {
        let c = try server.connect()
        defer { c.fd.close() }
        try c.send(raw)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let deadline = MonotonicClock.nowMs() + 5000
        while MonotonicClock.nowMs() < deadline {
            guard let events = try? c.fd.poll(for: .readable, timeoutMs: 500), !events.isEmpty else { continue }
            let result = buffer.withUnsafeMutableBytes { try? c.fd.read(into: $0) }
            guard case .processed(let n)? = result, n > 0 else { return received }
            received += buffer[0..<n]
        }
        Issue.record("the server kept the connection open after \(raw.debugDescription)")
        return received
    }

    func status(_ server: TestServer, _ raw: String) throws -> Int {
        let c = try server.connect()
        try c.send(raw)
        return try c.readResponse(timeoutMs: 5000).status
    }

    @Test("Malformed hosts are 400, with the connection kept answering", arguments: Harness.allCases)
    func hosts(harness: Harness) throws {
        let server = try harness.start(Self.config, files: Self.files)
        defer { server.stop() }
        for host in ["127.1", "0x7f.0.0.1", "0177.0.0.1", "%65xample.org", "a:80:80", "[::1", "::1", "a b", ""] {
            #expect(try status(server, "GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n") == 400, "Host: \(host)")
        }
        #expect(try status(server, "GET http://127.1/ HTTP/1.1\r\nHost: x\r\n\r\n") == 400)
        #expect(try status(server, "GET / HTTP/1.1\r\nHost: [::1]:80\r\n\r\n") == 200)
    }

    @Test("HTTP/0.9: the body alone, then the connection closes", arguments: Harness.allCases)
    func http09(harness: Harness) throws {
        let server = try harness.start(Self.config, files: Self.files)
        defer { server.stop() }
        #expect(String(decoding: try exchange(server, "GET /\r\n"), as: UTF8.self) == "<p>It works.</p>\n")
        let missing = String(decoding: try exchange(server, "GET /nope\r\n"), as: UTF8.self)
        #expect(missing.hasPrefix("<!DOCTYPE") && missing.contains("404"), "an error page, still without a head")
        #expect(String(decoding: try exchange(server, "HEAD /\r\n"), as: UTF8.self).hasPrefix("HTTP/1.1 400 "))
    }

    @Test("LimitRequestBody inside <Location> applies there only", arguments: Harness.allCases)
    func bodyLimitByLocation(harness: Harness) throws {
        let server = try harness.start(Self.config, files: Self.files)
        defer { server.stop() }
        #expect(try status(server, "POST /small/ HTTP/1.1\r\nHost: x\r\nContent-Length: 8\r\n\r\n12345678") == 413)
        #expect(try status(server, "POST /small/ HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n12345") == 200)
        #expect(try status(server, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 8\r\n\r\n12345678") == 200)
    }

    @Test("Several ranges are one multipart/byteranges body", arguments: Harness.allCases)
    func multipart(harness: Harness) throws {
        let server = try harness.start(Self.config, files: Self.files)
        defer { server.stop() }
        let r = try server.get("/digits.txt", headers: [("Range", "bytes=0-1,3-4")])
        #expect(r.status == 206)
        let type = try #require(r.headers["Content-Type"])
        #expect(type.hasPrefix("multipart/byteranges; boundary="))
        let boundary = String(type.dropFirst("multipart/byteranges; boundary=".count))
        #expect(boundary.count == 16)
        #expect(r.text == "\r\n--\(boundary)\r\nContent-type: text/plain\r\nContent-range: bytes 0-1/36\r\n\r\n01"
                + "\r\n--\(boundary)\r\nContent-type: text/plain\r\nContent-range: bytes 3-4/36\r\n\r\n34"
                + "\r\n--\(boundary)--\r\n")
        #expect(r.headers["Content-Length"] == "186")
        #expect(try server.get("/digits.txt", headers: [("Range", "bytes=0-5,3-9")]).headers["Content-Range"] == "bytes 0-9/36")
        #expect(try server.get("/digits.txt", headers: [("Range", "bytes=100-200,300-400")]).status == 416)
    }
}
