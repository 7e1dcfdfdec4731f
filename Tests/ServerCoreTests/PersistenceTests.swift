// HTTP/1.1 persistence against a running mpmd: when a connection stays open, what the
// Keep-Alive header says, when it closes.
import HTTP
import Posix
import ServerHarness
import Testing

@Suite("Keep-alive and pipelining on a live server", .serialized)
struct PersistenceTests {
    @Test("An HTTP/1.1 connection carries several requests, counted by the lab handler", arguments: Harness.allCases)
    func connectionCarriesSeveralRequests(harness: Harness) throws {
        let server = try harness.start()
        defer { server.stop() }
        let c = try server.connect()
        var counts: [String] = []
        for _ in 0..<3 {
            let r = try c.request("/lab/whoami")
            #expect(r.status == 200)
            #expect(r.headers["Keep-Alive"] == nil, "a plain 1.1 persistent response has no Keep-Alive header")
            counts.append(parseFlatJSON(r.text)["connection_requests"] ?? "?")
        }
        #expect(counts == ["1", "2", "3"])
    }

    @Test("Keep-Alive max counts down and the (MaxKeepAliveRequests+1)th response closes", arguments: Harness.allCases)
    func maxCountdown(harness: Harness) throws {
        let server = try harness.start("MaxKeepAliveRequests 3\nKeepAliveTimeout 5")
        defer { server.stop() }
        let c = try server.connect()
        var seen: [String] = []
        for _ in 0..<4 {
            let r = try c.request("/", headers: [("Connection", "keep-alive")], version: "HTTP/1.0")
            seen.append(r.headers["Keep-Alive"] ?? "Connection: \(r.headers["Connection"] ?? "-")")
        }
        #expect(seen == ["timeout=5, max=3", "timeout=5, max=2", "timeout=5, max=1", "Connection: close"])
        #expect(c.waitForClose(timeoutMs: 5000))
    }

    @Test("HTTP/1.0 without the keep-alive token closes after one response", arguments: Harness.allCases)
    func http10Closes(harness: Harness) throws {
        let server = try harness.start()
        defer { server.stop() }
        let c = try server.connect()
        let r = try c.request("/", version: "HTTP/1.0")
        #expect(r.status == 200)
        #expect(r.headers["Connection"] == "close")
        #expect(c.waitForClose(timeoutMs: 5000))
    }

    @Test("Pipelined requests are answered in order", arguments: Harness.allCases)
    func pipelining(harness: Harness) throws {
        let server = try harness.start()
        defer { server.stop() }
        let c = try server.connect()
        try c.send("GET /lab/whoami HTTP/1.1\r\nHost: x\r\n\r\nGET /nothing-here HTTP/1.1\r\nHost: x\r\n\r\nGET /lab/whoami HTTP/1.1\r\nHost: x\r\n\r\n")
        let statuses = try (0..<3).map { _ in try c.readResponse().status }
        #expect(statuses == [200, 404, 200])
    }

    @Test("A request that fails to parse closes the connection and drops what was pipelined behind it", arguments: Harness.allCases)
    func errorDropsPipelined(harness: Harness) throws {
        let server = try harness.start()
        defer { server.stop() }
        let c = try server.connect()
        try c.send("GET / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")   // first has no Host
        let r = try c.readResponse()
        #expect(r.status == 400)
        #expect(r.headers["Connection"] == "close")
        #expect(c.waitForClose(timeoutMs: 5000))
    }

    @Test("An idle keep-alive connection is closed after KeepAliveTimeout", arguments: Harness.allCases)
    func keepAliveTimeout(harness: Harness) throws {
        let server = try harness.start("KeepAliveTimeout 1")
        defer { server.stop() }
        let c = try server.connect()
        _ = try c.request("/")
        let start = MonotonicClock.nowMs()
        #expect(!c.waitForClose(timeoutMs: 600), "closed well before KeepAliveTimeout")
        #expect(c.waitForClose(timeoutMs: 5000), "still open long after KeepAliveTimeout")
        #expect(MonotonicClock.nowMs() - start >= 900)
    }

    @Test("Headers that stop arriving get 408 after Timeout", arguments: Harness.allCases)
    func headerTimeout(harness: Harness) throws {
        let server = try harness.start("Timeout 1")
        defer { server.stop() }
        let c = try server.connect()
        try c.send("GET / HTTP/1.1\r\nHost: x\r\n")
        let r = try c.readResponse(timeoutMs: 5000)
        #expect(r.status == 408)
        #expect(c.waitForClose(timeoutMs: 5000))
    }

    @Test("A connection that never sends a request line is closed silently after Timeout", arguments: Harness.allCases)
    func silentFirstLineTimeout(harness: Harness) throws {
        let server = try harness.start("Timeout 1")
        defer { server.stop() }
        let c = try server.connect()
        #expect(c.waitForClose(timeoutMs: 5000))
        #expect(throws: (any Error).self) { try c.readResponse(timeoutMs: 100) }
    }

    @Test("100-continue is sent before the body is read", arguments: Harness.allCases)
    func expectContinue(harness: Harness) throws {
        let server = try harness.start()
        defer { server.stop() }
        let c = try server.connect()
        try c.send("POST /lab/whoami HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
        let interim = try c.readResponse()
        #expect(interim.status == 100)
        try c.send("hello")
        let final = try c.readResponse()
        #expect(final.status == 405)
    }
}
