// A longer scenario, written with XCTest: a graceful restart (SIGUSR1, `mpmd -k graceful`)
// while clients keep sending requests. The listening socket stays open across it and busy
// children finish their requests before leaving, so no request fails; the new children carry
// the next generation. The test decides one check of lab.xml.
import LabCheckKit
import Posix
import ServerHarness
import XCTest

final class RestartScenarioChecks: LabCheckCase {
    /// sizing.graceful-restart
    func testAGracefulRestartUnderLoadLosesNoRequestAndAdvancesTheGeneration() throws {
        let server = try TestServer.lab("prefork", "StartServers 3\nMinSpareServers 2\nMaxSpareServers 8")
        defer { server.stop() }
        XCTAssertTrue(waitUntil(timeoutMs: 5000) { server.children().count >= 3 })
        let before = Int(parseFlatJSON(try server.get("/lab/whoami").text)["generation"] ?? "") ?? -1
        let outcomes = try concurrently(5) { i -> [String] in
            if i == 4 {
                sleepMs(800)
                server.signal(Signal.user1)
                return []
            }
            var seen: [String] = []
            let end = MonotonicClock.nowMs() + 3000
            while MonotonicClock.nowMs() < end {
                do {
                    let response = try server.get("/lab/sleep?ms=150", timeoutMs: 15_000)
                    seen.append(response.status == 200 ? parseFlatJSON(response.text)["generation"] ?? "?" : "status \(response.status)")
                } catch {
                    seen.append("failed: \(error)")
                }
            }
            return seen
        }.flatMap { $0 }
        let failed = outcomes.filter { Int($0) == nil }
        var after = -1
        XCTAssertTrue(waitUntil(timeoutMs: 8000) {
            after = Int(parseFlatJSON((try? server.get("/lab/whoami").text) ?? "")["generation"] ?? "") ?? -1
            return after == before + 1
        }, "after the restart, requests are served by generation \(before + 1) (saw \(after))")
        CheckMeasures.record("sizing.graceful-restart", "requests_during_restart", outcomes.count, unit: "requests")
        CheckMeasures.record("sizing.graceful-restart", "requests_failed", failed.count, unit: "requests")
        XCTAssertGreaterThan(outcomes.count, 10)
        XCTAssertEqual(failed, [], "requests failed during the graceful restart")
        XCTAssertTrue(server.log.contains("AH00171"), "the master logged the graceful restart (AH00171)")
    }
}
