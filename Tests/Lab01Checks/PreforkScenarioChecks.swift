// Longer prefork scenarios, written with XCTest: a crash that stays in one process, the master
// keeping a pool of idle children through a burst, and children replaced after a number of
// connections. Each test decides one check of lab.xml.
import LabCheckKit
import Posix
import ServerHarness
import XCTest

final class PreforkScenarioChecks: LabCheckCase {
    /// prefork.crash-isolation
    func testACrashInOneChildLeavesTheOthersServing() throws {
        let server = try TestServer.lab("StartServers 3\nMinSpareServers 3\nMaxSpareServers 6")
        defer { server.stop() }
        XCTAssertTrue(waitUntil(timeoutMs: 5000) { server.children().count == 3 })
        let results = try concurrently(2) { i -> String in
            if i == 0 { return try server.get("/lab/sleep?ms=1500").text }
            sleepMs(300)
            let c = try server.connect()
            try c.send("GET /lab/crash HTTP/1.1\r\nHost: x\r\n\r\n")
            do { _ = try c.readResponse(timeoutMs: 5000); return "answered" } catch { return "no response" }
        }
        XCTAssertEqual(results[1], "no response", "the crashing child cannot answer")
        XCTAssertEqual(parseFlatJSON(results[0])["mpm"], "prefork", "the slow request in another child completed")
        XCTAssertTrue(waitUntil(timeoutMs: 5000) { server.log.contains("exit signal Segmentation fault (11)") },
                      "the master logs the child's death (AH00052)")
        XCTAssertTrue(waitUntil(timeoutMs: 8000) { server.children().count >= 3 }, "the master replaced the child")
        XCTAssertEqual(try server.get("/lab/whoami").status, 200)
    }

    /// prefork.spare-maintenance
    func testTheMasterForksUnderABurstAndRetiresIdleChildrenAfter() throws {
        let server = try TestServer.lab("StartServers 1\nMinSpareServers 1\nMaxSpareServers 2\nMaxRequestWorkers 10")
        defer { server.stop() }
        XCTAssertTrue(waitUntil(timeoutMs: 5000) { server.children().count == 1 })
        let answers = try concurrently(6) { i -> Int in
            if i == 5 {
                // The observer: how large does the pool get during the burst?
                var most = 0
                for _ in 0..<45 { most = max(most, server.children().count); sleepMs(100) }
                return most
            }
            // Long enough for three maintenance rounds (1 + 2 + 4 forks) while all are busy.
            return try server.get("/lab/sleep?ms=4000", timeoutMs: 30_000).status
        }
        XCTAssertEqual(Array(answers[0..<5]), Array(repeating: 200, count: 5))
        CheckMeasures.record("prefork.spare-maintenance", "largest_pool", answers[5], unit: "processes")
        XCTAssertGreaterThanOrEqual(answers[5], 4, "short of idle children, the master forks 1, 2, 4... per second")
        XCTAssertTrue(waitUntil(timeoutMs: 12_000) { server.children().count <= 3 },
                      "idle children above MaxSpareServers leave one per second; \(server.children().count) left")
    }

    /// prefork.max-connections-per-child
    func testAChildIsReplacedAfterMaxConnectionsPerChild() throws {
        let server = try TestServer.lab("StartServers 1\nMinSpareServers 1\nMaxSpareServers 2\nMaxConnectionsPerChild 2")
        defer { server.stop() }
        var pids: [Int32] = []
        for _ in 0..<6 {
            pids.append(pidOf(try server.get("/lab/whoami", timeoutMs: 15_000).text) ?? -1)
        }
        var uses: [Int32: Int] = [:]
        for p in pids { uses[p, default: 0] += 1 }
        XCTAssertTrue(uses.values.allSatisfy { $0 <= 2 }, "no child serves more than 2 connections: \(pids)")
        CheckMeasures.record("prefork.max-connections-per-child", "distinct_pids", uses.count, unit: "processes")
        XCTAssertGreaterThanOrEqual(uses.count, 3, "new processes take over: \(pids)")
        let worn = uses.filter { $0.value == 2 }.map(\.key)
        XCTAssertTrue(waitUntil(timeoutMs: 5000) { worn.allSatisfy { Process.isGoneOrZombie($0) || Process.parentID(of: $0) != server.pid } },
                      "a child that served its 2 connections has left")
    }
}
