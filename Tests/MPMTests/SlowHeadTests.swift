// Slow request heads (slowloris) under event: the listener thread reads request heads itself
// and hands a worker only a complete one, so clients that send their heads slowly hold no
// thread. The contrast with worker, where each such client holds a thread in `R`, is the
// point of the test.
import Posix
import ServerHarness
import Testing

@Suite("Slow request heads", .serialized)
struct SlowHeadTests {
    @Test("Under event, clients that send half a head hold no thread; their requests are answered once complete")
    func slowHeadsHoldNoThread() throws {
        let server = try TestServer.start(config: ThreadedMPM.event.config(threads: 2, startServers: 1,
                                                                             extra: "Timeout 20\nMaxRequestWorkers 2\nMaxSpareThreads 4"))
        defer { server.stop() }
        #expect(waitUntil(timeoutMs: 5000) { server.children().count == 1 })
        // Four clients, more than the child's two threads, each with a head not finished.
        let slow = try (0..<4).map { _ -> HTTPConnection in
            let c = try server.connect()
            try c.send("GET /lab/whoami HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n")
            return c
        }
        var status: [String: String] = [:]
        #expect(waitUntil(timeoutMs: 5000) {
            status = (try? server.status()) ?? [:]
            return status["ConnsTotal"] == "5"   // the four slow clients and the status request
        }, "status: \(status)")
        #expect(!(status["Scoreboard"] ?? "R").contains("R"), "no thread reads a head: \(status["Scoreboard"] ?? "")")
        #expect(status["BusyWorkers"] == "1", "only the status request holds a worker: \(status)")
        // A new client is served at once, long before the heads' Timeout.
        let fresh = try server.connect()
        #expect(try fresh.request("/lab/whoami", headers: [("Connection", "close")], timeoutMs: 5000).status == 200)
        // Each slow client finishes its head and gets its answer.
        for c in slow {
            try c.send("\r\n")
            #expect(try c.readResponse(timeoutMs: 5000).status == 200)
        }
    }
}
