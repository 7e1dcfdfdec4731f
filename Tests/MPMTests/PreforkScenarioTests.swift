// Longer prefork scenarios, written with XCTest: a crash in one child, the pool growing under a
// burst and shrinking back, restarts under load.
import Posix
import ServerHarness
import Synchronization
import XCTest

final class PreforkScenarioTests: XCTestCase {
    func testACrashInOneChildLeavesTheOthersServingAndIsReplaced() throws {
        let server = try TestServer.start(config: preforkBase + "StartServers 3\nMinSpareServers 3\nMaxSpareServers 6")
        defer { server.stop() }
        XCTAssertTrue(waitUntil(timeoutMs: 5000) { server.children().count == 3 })
        let results = try concurrently(2) { i -> String in
            if i == 0 {
                return try server.get("/lab/sleep?ms=1500").text
            }
            XCTAssertTrue(busyWorkers(server, atLeast: 2), "the slow request is being served")
            let c = try server.connect()
            try c.send("GET /lab/crash HTTP/1.1\r\nHost: x\r\n\r\n")
            do { _ = try c.readResponse(timeoutMs: 5000); return "answered" } catch { return "no response" }
        }
        XCTAssertEqual(results[1], "no response", "the crashing child cannot answer")
        XCTAssertEqual(parseFlatJSON(results[0])["mpm"], "prefork", "the slow request in another child completed")
        XCTAssertTrue(waitUntil(timeoutMs: 5000) { server.log.contains("exit signal Segmentation fault (11)") }, server.log)
        XCTAssertTrue(waitUntil(timeoutMs: 8000) { server.children().count >= 3 }, "the master replaced the child")
        XCTAssertEqual(try server.get("/").status, 200)
    }

    func testABurstGrowsThePoolAndIdleChildrenShrinkBackToMaxSpareServers() throws {
        let server = try TestServer.start(config: preforkBase + "StartServers 1\nMinSpareServers 1\nMaxSpareServers 2\nMaxRequestWorkers 12")
        defer { server.stop() }
        XCTAssertTrue(waitUntil(timeoutMs: 5000) { server.children().count == 1 })
        var largest = 0
        let answers = try concurrently(7) { i -> Int in
            if i == 6 {
                // The observer: how large does the pool get during the burst?
                var most = 0
                for _ in 0..<40 { most = max(most, server.children().count); sleepMs(100) }
                return most
            }
            return try server.get("/lab/sleep?ms=2500", timeoutMs: 30_000).status
        }
        largest = answers[6]
        XCTAssertEqual(Array(answers[0..<6]), Array(repeating: 200, count: 6))
        XCTAssertGreaterThanOrEqual(largest, 4, "spare-server maintenance forks 1, 2, 4... children per second while short of idle ones")
        XCTAssertTrue(waitUntil(timeoutMs: 20_000) { server.children().count == 2 },
                      "idle children above MaxSpareServers leave one per second; \(server.children().count) left")
    }

    func testAGracefulRestartLosesNoRequestAndAdvancesTheGeneration() throws {
        let server = try TestServer.start(config: preforkBase + "StartServers 2\nMinSpareServers 2\nMaxSpareServers 4")
        defer { server.stop() }
        let served = Atomic<Int>(0)
        let results = try concurrently(3) { i -> [String] in
            if i == 2 {
                // Restart once the old generation has answered a few requests.
                XCTAssertTrue(waitUntil(timeoutMs: 10_000) { served.load(ordering: .relaxed) >= 6 })
                server.signal(Signal.user1)
                return []
            }
            var generations: [String] = []
            let end = MonotonicClock.nowMs() + 2500
            while MonotonicClock.nowMs() < end {
                let r = try server.get("/lab/sleep?ms=50")
                XCTAssertEqual(r.status, 200)
                generations.append(parseFlatJSON(r.text)["generation"] ?? "?")
                served.wrappingAdd(1, ordering: .relaxed)
            }
            return generations
        }
        let all = results[0] + results[1]
        XCTAssertGreaterThan(all.count, 10)
        XCTAssertEqual(all.first, "0")
        XCTAssertEqual(all.last, "1", "the new generation took over")
        let status = try server.status()
        XCTAssertEqual(status["ParentServerMPMGeneration"], "1")
    }

    func testBusyChildrenShowGWhileFinishingDuringAGracefulRestart() throws {
        let server = try TestServer.start(config: preforkBase + "StartServers 2\nMinSpareServers 1\nMaxSpareServers 4")
        defer { server.stop() }
        let results = try concurrently(2) { i -> String in
            if i == 0 {
                let r = try server.get("/lab/sleep?ms=2500")
                return "\(r.status) \(r.headers["Connection"] ?? "")"
            }
            XCTAssertTrue(busyWorkers(server, atLeast: 2), "the slow request is being served")
            server.signal(Signal.user1)
            var board = ""
            _ = waitUntil(timeoutMs: 1500) {
                board = (try? server.status()["Scoreboard"]) ?? ""
                return board.contains("G")
            }
            return board
        }
        XCTAssertTrue(results[1].contains("G"), "scoreboard during the restart: \(results[1])")
        XCTAssertEqual(results[0], "200 close", "the busy child finished its request, then closed")
    }

    func testAHardRestartReplacesEveryChildAndResetsTheCounters() throws {
        let server = try TestServer.start(config: preforkBase + "StartServers 2\nMinSpareServers 1\nMaxSpareServers 4")
        defer { server.stop() }
        XCTAssertTrue(waitUntil(timeoutMs: 5000) { server.children().count == 2 })
        for _ in 0..<5 { _ = try server.get("/") }
        let before = Set(server.children())
        server.signal(Signal.hangup)
        XCTAssertTrue(waitUntil(timeoutMs: 12_000) {
            let now = Set(server.children())
            return now.count == 2 && now.isDisjoint(with: before)
        })
        let status = try server.status()
        XCTAssertEqual(status["ParentServerMPMGeneration"], "1")
        XCTAssertLessThanOrEqual(Int(status["Total Accesses"] ?? "") ?? 99, 1, "a hard restart builds a fresh scoreboard")
    }
}
