// The contrast the course is built around: idle keep-alive clients hold worker threads under
// worker, and are parked by the listener under event. Written with XCTest: long scenarios.
import Posix
import ServerHarness
import XCTest

final class KeepAliveContrastTests: XCTestCase {
    /// Every worker thread of the only child is given an idle keep-alive client; then a new
    /// client asks for a page. Returns how long it waited, in milliseconds.
    func freshRequestLatency(_ mpm: ThreadedMPM) throws -> Int64 {
        let config = mpm.config(threads: 2, startServers: 1, extra: "KeepAliveTimeout 2\nMaxRequestWorkers 2\nMaxSpareThreads 4")
        let server = try TestServer.start(config: config)
        defer { server.stop() }
        XCTAssertTrue(waitUntil(timeoutMs: 5000) { server.children().count == 1 })
        let idle = try (0..<2).map { _ -> HTTPConnection in
            let c = try server.connect()
            XCTAssertEqual(try c.request("/").status, 200)
            return c
        }
        // No wait needed here: once a response is read, its worker thread (worker) keeps the
        // connection, or has already handed it to the listener (event).
        let start = MonotonicClock.nowMs()
        let c = try server.connect()
        XCTAssertEqual(try c.request("/", headers: [("Connection", "close")], timeoutMs: 10_000).status, 200)
        let waited = MonotonicClock.nowMs() - start
        _ = idle
        return waited
    }

    func testUnderWorkerIdleKeepAliveClientsHoldEveryThreadSoANewClientWaitsForKeepAliveTimeout() throws {
        let ms = try freshRequestLatency(.worker)
        XCTAssertGreaterThanOrEqual(ms, 1500, "the new client had to wait for a keep-alive thread to give up")
    }

    func testUnderEventIdleKeepAliveClientsAreParkedAndANewClientIsServedAtOnce() throws {
        let ms = try freshRequestLatency(.event)
        XCTAssertLessThan(ms, 1000, "a worker was free: the idle connections wait in the listener, not in threads")
    }

    func testEventCountsParkedConnectionsInConnsAsyncKeepAlive() throws {
        let server = try TestServer.start(config: ThreadedMPM.event.config(threads: 2, startServers: 1, extra: "KeepAliveTimeout 10"))
        defer { server.stop() }
        XCTAssertTrue(waitUntil(timeoutMs: 5000) { server.children().count == 1 })
        let idle = try (0..<5).map { _ -> HTTPConnection in
            let c = try server.connect()
            XCTAssertEqual(try c.request("/").status, 200)
            return c
        }
        var status: [String: String] = [:]
        XCTAssertTrue(waitUntil(timeoutMs: 3000) {
            status = (try? server.status()) ?? [:]
            return status["ConnsAsyncKeepAlive"] == "5"
        }, "status: \(status)")
        XCTAssertFalse(status["Scoreboard"]?.contains("K") ?? true, "parked connections hold no thread: \(status["Scoreboard"] ?? "")")
        _ = idle
    }

    func testUnderWorkerIdleKeepAliveConnectionsShowAsKSlots() throws {
        let server = try TestServer.start(config: ThreadedMPM.worker.config(threads: 4, startServers: 1, extra: "KeepAliveTimeout 10"))
        defer { server.stop() }
        XCTAssertTrue(waitUntil(timeoutMs: 5000) { server.children().count == 1 })
        let idle = try (0..<2).map { _ -> HTTPConnection in
            let c = try server.connect()
            XCTAssertEqual(try c.request("/").status, 200)
            return c
        }
        var board = ""
        XCTAssertTrue(waitUntil(timeoutMs: 3000) {
            board = (try? server.status())?["Scoreboard"] ?? ""
            return board.filter { $0 == "K" }.count == 2
        }, "scoreboard: \(board)")
        _ = idle
    }
}

final class WriteCompletionTests: XCTestCase {
    func testUnderEventASlowReaderWaitsInTheListenerNotInAWorker() throws {
        // 32 MiB: far more than the socket buffers hold, so the response must wait for the reader.
        let big = String(repeating: "0123456789abcdef", count: 2 * 1024 * 1024)
        let server = try TestServer.start(config: ThreadedMPM.event.config(threads: 2, startServers: 1),
                                          files: ["htdocs/big.txt": big])
        defer { server.stop() }
        XCTAssertTrue(waitUntil(timeoutMs: 5000) { server.children().count == 1 })
        let slow = try server.connect()
        try slow.send("GET /big.txt HTTP/1.1\r\nHost: x\r\n\r\n")   // and read nothing for now
        var status: [String: String] = [:]
        XCTAssertTrue(waitUntil(timeoutMs: 5000) {
            status = (try? server.status()) ?? [:]
            return status["ConnsAsyncWriting"] == "1"
        }, "the unfinished response is parked: \(status)")
        XCTAssertEqual(status["BusyWorkers"], "1", "only the status request itself holds a worker: \(status)")
        let response = try slow.readResponse(timeoutMs: 30_000)
        XCTAssertEqual(response.body.count, big.utf8.count, "the listener handed the rest to a worker as the client read")
    }
}
