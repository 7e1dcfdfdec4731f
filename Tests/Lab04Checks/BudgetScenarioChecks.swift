// The "budget" exercise: the student's labs/04-sizing/student.conf must size a prefork server
// for a memory budget. The check loads it with more clients than it may serve at once and
// measures, every 200 ms, the sum of the PSS of the master and its children: it must stay
// within 14 MiB while at least eight clients are served at the same time. Apache's defaults
// (MaxRequestWorkers 256) fork a child per client and blow the budget; nothing is read off the
// student's directives. Written with XCTest so that it runs alone: a PSS divides shared pages
// among every process mapping them, so servers running meanwhile would make the total smaller.
import LabCheckKit
import Posix
import ServerHarness
import XCTest

final class BudgetScenarioChecks: LabCheckCase {
    /// The stated budget: the whole server's PSS, in kB (14 MiB).
    static let budgetKB = 14 * 1024
    /// Clients at once: more than the budget allows to serve together.
    static let clients = 32

    /// mpmd with the student's file, the observation windows added.
    static func studentServer() throws -> TestServer { try labFiles.startStudentServer() }

    /// sizing.budget-config
    func testUnderThirtyTwoClientsTheStudentsServerStaysWithinFourteenMiBServingEightAtOnce() throws {
        let server = try Self.studentServer()
        defer { server.stop() }
        let clients = Self.clients
        let results = try concurrently(clients + 1) { i -> [String: String] in
            if i == clients {
                // The observer: the largest total PSS and the most children during the load.
                var peak = 0, most = 0
                for _ in 0..<50 {
                    peak = max(peak, Memory.totalPss(server.processes()))
                    most = max(most, server.children().count)
                    sleepMs(200)
                }
                return ["peak": "\(peak)", "most": "\(most)"]
            }
            return parseFlatJSON(try server.get("/lab/sleep?ms=3000", timeoutMs: 60_000).text)
        }
        let answers = Array(results[0..<clients])
        let peak = Int(results[clients]["peak"] ?? "") ?? -1, most = Int(results[clients]["most"] ?? "") ?? -1
        let pids = Set(answers.compactMap { $0["pid"] })
        CheckMeasures.record("sizing.budget-config", "peak_total_pss", peak, unit: "kB")
        CheckMeasures.record("sizing.budget-config", "most_children", most, unit: "processes")
        XCTAssertTrue(answers.allSatisfy { $0["mpm"] == "prefork" }, "the exercise is about prefork: \(answers.first?["mpm"] ?? "no answer")")
        XCTAssertTrue(answers.allSatisfy { $0["pid"] != nil }, "every client is served in the end")
        XCTAssertLessThanOrEqual(peak, Self.budgetKB, "the server's PSS reached \(peak) kB, over the budget of \(Self.budgetKB) kB")
        XCTAssertTrue(most >= 8 && pids.count >= 8, "at most \(min(most, pids.count)) clients were served at once, fewer than 8")
    }
}
