// Keep-alive on the wire, checked on the lab's own server: one TCP connection carries several
// requests, the Keep-Alive header's `max` counts down to MaxKeepAliveRequests, and an idle
// connection is closed after KeepAliveTimeout. Each test decides one check of lab.xml.
import HTTP
import LabCheckKit
import Posix
import ServerHarness
import Testing

/// What curl and browsers send to ask for keep-alive explicitly; the server then answers with
/// a `Keep-Alive: timeout=T, max=N` header (an HTTP/1.1 connection persists without it too).
let keepAliveHeader = [("Connection", "keep-alive")]

@Suite("Lab 3: keep-alive on the wire", .serialized)
struct KeepAliveChecks {
    /// keepalive.connection-reuse
    @Test("N requests in a row travel over one TCP connection: the server counts them 1...N on it", arguments: [3, 6])
    func connectionReuse(requests: Int) throws {
        let server = try TestServer.lab("")
        defer { server.stop() }
        let c = try server.connect()
        var counts: [Int] = [], pids: Set<String> = []
        for _ in 0..<requests {
            let answer = parseFlatJSON(try c.request("/lab/whoami").text)
            counts.append(Int(answer["connection_requests"] ?? "") ?? -1)
            pids.insert(answer["pid"] ?? "?")
        }
        CheckMeasures.record("keepalive.connection-reuse", "requests_on_one_connection_\(requests)", counts.last ?? -1, unit: "requests")
        #expect(counts == Array(1...requests), "connection_requests seen: \(counts)")
        #expect(pids.count == 1, "one connection stays with one process: \(pids.sorted())")
        #expect(!c.waitForClose(timeoutMs: 200), "the connection is still open after \(requests) requests")
    }

    /// keepalive.max-countdown
    @Test("With MaxKeepAliveRequests M, max= goes M, M-1… 1, and response M+1 closes the connection", arguments: [3, 5])
    func maxCountdown(limit: Int) throws {
        let server = try TestServer.lab("MaxKeepAliveRequests \(limit)")
        defer { server.stop() }
        let c = try server.connect()
        var maxes: [Int?] = []
        for _ in 0..<limit { maxes.append(keepAliveMax(try c.request("/", headers: keepAliveHeader))) }
        let last = try c.request("/", headers: keepAliveHeader)
        CheckMeasures.record("keepalive.max-countdown", "first_max_with_limit_\(limit)", maxes.first.flatMap { $0 } ?? -1)
        #expect(maxes == Array((1...limit).reversed()), "max= values: \(maxes.map { $0.map(String.init) ?? "none" })")
        #expect(last.headers["Connection"]?.lowercased() == "close", "response \(limit + 1) says Connection: close")
        #expect(c.waitForClose(timeoutMs: 5000), "the server closed the connection after response \(limit + 1)")
    }

    /// keepalive.timeout-close
    @Test("An idle keep-alive connection stays open until KeepAliveTimeout, then the server closes it", arguments: [1, 2])
    func timeoutClose(seconds: Int) throws {
        let server = try TestServer.lab("KeepAliveTimeout \(seconds)")
        defer { server.stop() }
        let c = try server.connect()
        let response = try c.request("/", headers: keepAliveHeader)
        let start = MonotonicClock.nowMs()
        #expect(response.headers["Keep-Alive"]?.hasPrefix("timeout=\(seconds)") == true, "Keep-Alive: \(response.headers["Keep-Alive"] ?? "none")")
        // A slow machine only closes later, never sooner: the lower bound is safe, the upper generous.
        #expect(!c.waitForClose(timeoutMs: seconds * 1000 - 300), "closed before KeepAliveTimeout \(seconds)")
        let closed = c.waitForClose(timeoutMs: 5000)
        CheckMeasures.record("keepalive.timeout-close", "closed_after_ms_timeout_\(seconds)", Int(MonotonicClock.nowMs() - start), unit: "ms")
        #expect(closed, "still open \(seconds + 5) s after its last response")
    }
}
