// The contrast lab 3 is built around, written with XCTest (long scenarios): under worker an
// idle keep-alive client holds a thread (a `K` slot) until KeepAliveTimeout, so once they hold
// every thread a new client waits; under event the listener parks them and a worker is free.
// Neither test asks the machine to be fast: each compares events the server orders itself.
import LabCheckKit
import Posix
import ServerHarness
import XCTest

final class ThreadHoldingChecks: LabCheckCase {
    /// One child of three threads, idle keep-alive connections closed after `timeout` seconds.
    static let threeThreads = "StartServers 1\nServerLimit 1\nThreadsPerChild 3\nMaxRequestWorkers 3\nMinSpareThreads 1\nMaxSpareThreads 3"

    /// keepalive.worker-holds-thread
    func testUnderWorkerIdleClientsHoldThreadsAndANewClientWaitsForAKeepAliveTimeout() throws {
        let server = try TestServer.lab(Self.threeThreads + "\nKeepAliveTimeout 2", mpm: "worker")
        defer { server.stop() }
        XCTAssertTrue(waitUntil(timeoutMs: 5000) { server.children().count == 1 })
        let firstIdle = MonotonicClock.nowMs()
        var idle = try server.idleKeepAliveClients(2)
        // Two K slots, seen by a request served on the third thread.
        var board = ""
        XCTAssertTrue(waitUntil(timeoutMs: 1500) {
            board = (try? server.status())?["Scoreboard"] ?? ""
            return board.filter { $0 == "K" }.count == 2
        }, "each idle keep-alive client holds a thread (K): scoreboard \(board)")
        // The third idle client takes the last thread; a new client must wait for one of them.
        idle += try server.idleKeepAliveClients(1)
        let start = MonotonicClock.nowMs()
        let fresh = try server.connect().request("/lab/whoami", headers: [("Connection", "close")], timeoutMs: 15_000)
        let waited = Int(MonotonicClock.nowMs() - start)
        let sinceFirstIdle = Int(MonotonicClock.nowMs() - firstIdle)
        CheckMeasures.record("keepalive.worker-holds-thread", "new_client_waited_ms", waited, unit: "ms")
        XCTAssertEqual(fresh.status, 200)
        XCTAssertTrue(idle.contains { $0.waitForClose(timeoutMs: 500) },
                      "the new client was served only once the server had closed an idle keep-alive connection")
        XCTAssertGreaterThanOrEqual(sinceFirstIdle, 1800, "the new client waited for KeepAliveTimeout (2 s) to free a thread")
    }

    /// keepalive.event-parks
    func testUnderEventIdleClientsAreParkedAndANewClientIsServedAtOnce() throws {
        let server = try TestServer.lab(Self.threeThreads + "\nKeepAliveTimeout 10")
        defer { server.stop() }
        XCTAssertTrue(waitUntil(timeoutMs: 5000) { server.children().count == 1 })
        let idle = try server.idleKeepAliveClients(6)   // twice as many connections as threads
        var status: [String: String] = [:]
        let start = MonotonicClock.nowMs()
        XCTAssertTrue(waitUntil(timeoutMs: 5000) {
            status = (try? server.status()) ?? [:]
            return status["ConnsAsyncKeepAlive"] == "6"
        }, "the six idle connections are parked: ConnsAsyncKeepAlive \(status["ConnsAsyncKeepAlive"] ?? "?")")
        let waited = Int(MonotonicClock.nowMs() - start)
        CheckMeasures.record("keepalive.event-parks", "parked_connections", Int(status["ConnsAsyncKeepAlive"] ?? "") ?? -1, unit: "connections")
        CheckMeasures.record("keepalive.event-parks", "new_client_waited_ms", waited, unit: "ms")
        XCTAssertFalse(status["Scoreboard"]?.contains("K") ?? true, "a parked connection holds no thread: \(status["Scoreboard"] ?? "")")
        XCTAssertLessThan(waited, 10_000, "new clients were served before any KeepAliveTimeout expired")
        XCTAssertFalse(idle.contains { $0.waitForClose(timeoutMs: 0) }, "all six idle connections are still open")
    }
}
