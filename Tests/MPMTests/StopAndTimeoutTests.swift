// Stopping, restarting and Timeout with a client that misbehaves: a reader that stops
// reading, a response still being written during a graceful restart, a restart signal during
// a graceful stop, a new client during a graceful stop.
import Posix
import ServerHarness
import XCTest

final class StopAndTimeoutTests: XCTestCase {
    static let big = String(repeating: "0123456789abcdef", count: 2 * 1024 * 1024)   // 32 MiB

    func testAClientThatStopsReadingIsDroppedAfterTimeoutAndFreesItsWorker() throws {
        for mpm in ["prefork", "worker"] {
            let server = try TestServer.start(config: "LoadModule mpm_\(mpm)_module\nTimeout 2\nStartServers 1\n"
                                              + "<Location /server-status>\nSetHandler server-status\n</Location>",
                                              files: ["htdocs/big.txt": Self.big])
            defer { server.stop() }
            let stalled = try server.connect()
            try stalled.send("GET /big.txt HTTP/1.1\r\nHost: x\r\n\r\n")   // never read
            var board = ""
            XCTAssertTrue(waitUntil(timeoutMs: 10_000) {
                guard let seen = try? server.status()["Scoreboard"] else { return false }
                board = seen
                return board.filter { $0 == "W" }.count == 1   // only the status request itself
            }, "\(mpm): the writer gave up after Timeout: \(board)")
        }
    }

    func testAGracefulRestartUnderEventFinishesAResponseStillBeingWritten() throws {
        let server = try TestServer.start(config: ThreadedMPM.event.config(threads: 2, startServers: 1),
                                          files: ["htdocs/big.txt": Self.big])
        defer { server.stop() }
        let slow = try server.connect()
        try slow.send("GET /big.txt HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertTrue(waitUntil(timeoutMs: 5000) { (try? server.status())?["ConnsAsyncWriting"] == "1" })
        server.signal(Signal.user1)
        XCTAssertTrue(waitUntil(timeoutMs: 5000) { (try? server.status())?["ParentServerMPMGeneration"] == "1" })
        let response = try slow.readResponse(timeoutMs: 30_000)
        XCTAssertEqual(response.body.count, Self.big.utf8.count, "the old generation finished the response")
    }

    func testARestartSignalDuringAGracefulStopIsIgnoredAndTheMasterStillExits() throws {
        let server = try TestServer.start(config: preforkBase + "StartServers 2")
        let results = try concurrently(2) { i -> Int in
            if i == 1 {
                XCTAssertTrue(busyWorkers(server, atLeast: 2), "the slow request is being served")
                server.signal(Signal.windowChange)
                XCTAssertTrue(waitUntil(timeoutMs: 5000) { server.log.contains("AH00170") }, "the graceful stop began")
                server.signal(Signal.user1)
                server.signal(Signal.hangup)
                return 0
            }
            return try server.get("/lab/sleep?ms=1500").status
        }
        XCTAssertEqual(results[0], 200)
        XCTAssertEqual(server.waitForExit(timeoutMs: 12_000), .exited(0))
    }

    func testDuringAGracefulStopNewClientsAreRefusedAtOnce() throws {
        for mpm in ["prefork", "worker", "event"] {
            let server = try TestServer.start(config: mpm == "prefork" ? preforkBase + "StartServers 2" : ThreadedMPM(rawValue: mpm)!.config())
            let port = server.port
            let busy = try concurrently(2) { i -> String in
                if i == 1 {
                    XCTAssertTrue(busyWorkers(server, atLeast: 2), "\(mpm): the slow request is being served")
                    server.signal(Signal.windowChange)
                    // While the busy child still runs (1.5 s more at least), the listening socket
                    // must be gone everywhere: a new client is refused, not queued.
                    let refused = waitUntil(timeoutMs: 1500) {
                        (try? HTTPConnection(SocketAddress(host: "127.0.0.1", port: port))) == nil
                    }
                    return refused ? "refused" : "connected"
                }
                return "\(try server.get("/lab/sleep?ms=2000").status)"
            }
            XCTAssertEqual(busy, ["200", "refused"], "\(mpm)")
            XCTAssertEqual(server.waitForExit(timeoutMs: 12_000), .exited(0), "\(mpm)")
        }
    }
}

/// Waits (at most 5 s) until server-status counts at least `count` busy workers, the status
/// request itself included: the way a test knows its slow requests are being served.
func busyWorkers(_ server: TestServer, atLeast count: Int) -> Bool {
    waitUntil(timeoutMs: 5000) { Int((try? server.status())?["BusyWorkers"] ?? "") ?? 0 >= count }
}
