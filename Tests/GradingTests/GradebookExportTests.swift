// Exports read by other tools: Gradescope's results.json must be JSON with its field names,
// the CSV gradebook must survive commas and quotes in names.
import Foundation
@testable import LabKit
import Testing

@Suite("Gradebook exports")
struct GradebookExportTests {
    static func report(_ lab: Lab) -> Report {
        let results = lab.checks.enumerated().map { index, check in
            index == 0
                ? CheckResult(check: check.id, status: .fail, earned: 0, possible: Double(check.points), message: "saw \"12\"\tchildren\n")
                : CheckResult(check: check.id, status: .pass, earned: Double(check.points), possible: Double(check.points))
        }
        return Report(lab: lab.id, date: "2026-11-27T05:00:00Z", studentID: "ada", studentName: "Lovelace, Ada",
                      toolchain: "Swift Testing 6.3.1", results: results)
    }

    @Test("results.json is Gradescope's shape, with the feedback of failures in the chosen language")
    func gradescope() throws {
        let lab = try #require(try GradingSupport.labs().first { $0.id == "01-processes" })
        let text = GradebookExport.gradescope(Self.report(lab), lab: lab, language: .fr)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["score"] as? Double == Double(lab.points - lab.checks[0].points))
        let tests = try #require(object["tests"] as? [[String: Any]])
        #expect(tests.count == lab.checks.count)
        #expect(tests[0]["name"] as? String == lab.checks[0].id)
        #expect(tests[0]["status"] as? String == "failed")
        #expect(tests[0]["max_score"] as? Double == Double(lab.checks[0].points))
        let output = try #require(tests[0]["output"] as? String)
        #expect(output.contains("Sous prefork, le maître crée ses enfants"))
        #expect(output.hasSuffix("saw \"12\"\tchildren"))
        #expect(tests[0]["visibility"] as? String == "visible")
        #expect(tests[1]["status"] as? String == "passed")
    }

    @Test("the CSV gradebook has one column per check and quotes what needs quoting")
    func csv() throws {
        let lab = try #require(try GradingSupport.labs().first { $0.id == "01-processes" })
        var report = Self.report(lab)
        report.studentID = "ada,\"l\""
        let lines = GradebookExport.csv([report], checks: lab.checks.map(\.id)).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("student,lab,date,earned,possible,prefork.children-of-master,"))
        #expect(lines[1].hasPrefix("\"ada,\"\"l\"\"\",01-processes,2026-11-27T05:00:00Z,14,14,0,0,"))
    }
}
