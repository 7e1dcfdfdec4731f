// One report, every format a platform reads — Gradescope, PrairieLearn, GitHub Classroom, JUnit
// and the CSV gradebook — each checked against that platform's documented contract
// (Fixtures/platforms/*.schema.json) and all giving the same score. Lab 3 is used: it has a
// hidden check (after_due_date), whose visibility each platform must get.
import Foundation
@testable import LabKit
import Testing
import XML

@Suite("Platform results from one report")
struct PlatformFormatTests {
    static func lab3() throws -> Lab {
        try #require(try GradingSupport.labs().first { $0.id == "03-keepalive" })
    }

    /// Lab 3 graded: the first check failed, the second could not run, the rest passed;
    /// with a manifest as the grader writes one.
    static func report(_ lab: Lab) -> Report {
        let graded = lab.checks.filter { $0.points > 0 }
        let results = graded.enumerated().map { index, check -> CheckResult in
            let possible = Double(check.points)
            switch index {
            case 0: return CheckResult(check: check.id, status: .fail, earned: 0, possible: possible, message: "decide returned \"true\"\tfor a 400\u{1}")
            case 1: return CheckResult(check: check.id, status: .error, earned: 0, possible: possible, message: "setup: the server did not start")
            default: return CheckResult(check: check.id, status: .pass, earned: possible, possible: possible)
            }
        }
        var report = Report(lab: lab.id, date: "2026-11-27T05:00:00Z", studentID: "ada", studentName: "ada",
                            toolchain: "Swift version 6.3.1", results: results)
        report.manifest = [ManifestEntry("kit-commit", "0123abcd"), ManifestEntry("mpm", "event"),
                           ManifestEntry("duration-seconds", "42"), ManifestEntry("rerun", "mpmlab grade 3 --submissions /c --only ada")]
        return report
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("every format gives the same score, and each conforms to its platform's contract")
    func sameScoreEverywhere() throws {
        let lab = try Self.lab3()
        let report = Self.report(lab)
        #expect(report.earned > 0 && report.earned < report.possible)

        let gradescope = GradescopeResults.json(report, lab: lab, language: .fr)
        #expect(try JSONSchemaCheck.problems(gradescope, schema: "gradescope-results.schema.json") == [])
        let gs = try Self.object(gradescope)
        #expect(gs["score"] as? Double == report.earned)
        let gsTests = try #require(gs["tests"] as? [[String: Any]])
        #expect(gsTests.reduce(0.0) { $0 + ($1["score"] as? Double ?? 0) } == report.earned)

        let prairielearn = PrairieLearnResults.json(report, lab: lab, language: .fr)
        #expect(try JSONSchemaCheck.problems(prairielearn, schema: "prairielearn-results.schema.json") == [])
        let pl = try Self.object(prairielearn)
        #expect(abs((pl["score"] as? Double ?? -1) * report.possible - report.earned) < 1e-9)

        let classroom = ClassroomResults.json(report, lab: lab, language: .fr)
        #expect(try JSONSchemaCheck.problems(classroom, schema: "classroom-runner.schema.json") == [])
        #expect(try Self.reporterPoints([classroom]) == ClassroomResults.points(report))
        #expect(ClassroomResults.points(report) == "Points \(LabKit.Decimal.format(report.earned))/\(LabKit.Decimal.format(report.possible))")
        #expect(try Self.object(classroom)["status"] as? String == "fail")

        let junit = try XMLDocument.parse(bytes: Array(JUnitReport.xml([report], lab: lab, language: .fr).utf8), file: "junit.xml")
        let points = try junit.root.select("//testcase/properties/property[@name='points']/@value").compactMap { Double($0.text) }
        #expect(points.count == report.results.count)
        #expect(points.reduce(0, +) == report.earned)
        #expect(try junit.root.select("//testcase/failure").count == 1 && junit.root.select("//testcase/error").count == 1)
        #expect(try junit.root.select("//testsuite/properties/property[@name='rerun']/@value").first?.text == "mpmlab grade 3 --submissions /c --only ada")

        let csv = GradebookExport.csv([report], checks: report.results.map(\.check)).split(separator: "\n")
        #expect(Double(csv[1].split(separator: ",")[3]) == report.earned)
    }

    /// "Points X/Y" as autograding-grading-reporter computes it: every test's score over every
    /// runner's max_score (a runner without max_score is skipped).
    static func reporterPoints(_ runners: [String]) throws -> String {
        var total = 0.0, maximum = 0.0
        for runner in runners {
            let results = try object(runner)
            guard let max = results["max_score"] as? Double, max > 0 else { continue }
            maximum += max
            for test in results["tests"] as? [[String: Any]] ?? [] { total += test["score"] as? Double ?? 0 }
        }
        return "Points \(LabKit.Decimal.format(total))/\(LabKit.Decimal.format(maximum))"
    }

    @Test("the hidden check keeps its visibility: Gradescope gets after_due_date, PrairieLearn counts it without listing it, JUnit records it")
    func hiddenCheckVisibility() throws {
        let lab = try Self.lab3()
        let hidden = try #require(lab.checks.first { $0.id == "keepalive.decision-rules" })
        #expect(hidden.visibility == .afterDueDate && hidden.points == 1)
        let report = Self.report(lab)
        let gsTests = try #require(try Self.object(GradescopeResults.json(report, lab: lab, language: .en))["tests"] as? [[String: Any]])
        #expect(gsTests.first { $0["name"] as? String == hidden.id }?["visibility"] as? String == "after_due_date")
        #expect(gsTests.filter { $0["visibility"] as? String == "visible" }.count == report.results.count - 1)
        let pl = try Self.object(PrairieLearnResults.json(report, lab: lab, language: .en))
        let plTests = try #require(pl["tests"] as? [[String: Any]])
        #expect(!plTests.contains { $0["name"] as? String == hidden.id })
        #expect(plTests.count == report.results.count - 1)
        #expect((pl["message"] as? String)?.contains("1 hidden check (1 point) counts in this score") == true, "\(pl["message"] ?? "")")
        let junit = JUnitReport.xml([report], lab: lab, language: .en)
        #expect(junit.contains("<property name=\"visibility\" value=\"after_due_date\"/>"))
    }

    @Test("code that does not compile: PrairieLearn says not gradable with the compiler's message; the others fail the code's checks")
    func buildFailure() throws {
        let lab = try Self.lab3()
        var report = Self.report(lab)
        report.buildFailure = "your code does not compile:\nKeepAliveDecision.swift:3:1: error: expected declaration"
        let pl = try Self.object(PrairieLearnResults.json(report, lab: lab, language: .en))
        #expect(try JSONSchemaCheck.problems(PrairieLearnResults.json(report, lab: lab, language: .en), schema: "prairielearn-results.schema.json") == [])
        #expect(pl["gradable"] as? Bool == false)
        #expect((pl["format_errors"] as? [String])?.first?.contains("KeepAliveDecision.swift:3:1: error") == true)
        let gs = try Self.object(GradescopeResults.json(report, lab: lab, language: .fr))
        #expect((gs["output"] as? String)?.contains("Votre code ne compile pas") == true)
        #expect((gs["output"] as? String)?.contains("KeepAliveDecision.swift:3:1: error: expected declaration") == true)
    }

    @Test("nothing judged (no sandbox): every format says so; PrairieLearn does not count the attempt, Classroom reports an error")
    func gradingError() throws {
        let lab = try Self.lab3()
        var report = Self.report(lab)
        let why = Sandbox.unavailable("bubblewrap says: bwrap: setting up uid map: Permission denied")
        report.results = report.results.map { CheckResult(check: $0.check, status: .error, earned: 0, possible: $0.possible, message: why) }
        report.gradingError = why
        for (text, schema) in [(GradescopeResults.json(report, lab: lab, language: .en), "gradescope-results.schema.json"),
                               (PrairieLearnResults.json(report, lab: lab, language: .en), "prairielearn-results.schema.json"),
                               (ClassroomResults.json(report, lab: lab, language: .en), "classroom-runner.schema.json")] {
            #expect(try JSONSchemaCheck.problems(text, schema: schema) == [], "\(schema)")
            #expect(text.contains("the grading sandbox cannot be created on this machine"), "\(schema)")
        }
        #expect(try Self.object(PrairieLearnResults.json(report, lab: lab, language: .en))["gradable"] as? Bool == false)
        #expect(try Self.object(ClassroomResults.json(report, lab: lab, language: .en))["status"] as? String == "error")
        #expect(try Self.object(GradescopeResults.json(report, lab: lab, language: .en))["score"] as? Double == 0)
    }

    @Test("a report with a manifest, a grading error and a build failure reads back as written, valid against report.rng")
    func reportRoundTrip() throws {
        let lab = try Self.lab3()
        var report = Self.report(lab)
        report.gradingError = "not graded: a < b & \"c\""
        report.buildFailure = "your code does not compile:\nx.swift:1:1: error: <here>"
        let document = try XMLDocument.parse(bytes: Array(report.xml().utf8), file: "report.xml")
        #expect(GradingSupport.schemas[.report].validate(document).isEmpty)
        let back = Report(document)
        #expect(back.gradingError == report.gradingError && back.buildFailure == report.buildFailure && back.manifest == report.manifest)
        #expect(back.results[0].message == "decide returned \"true\"\tfor a 400\u{FFFD}", "a character XML cannot hold is replaced, not fatal")
    }

    @Test("JSON out: strings escaped, numbers plain, keys in the order written")
    func jsonValues() throws {
        let value = JSONValue.object([("z", .string("a\"b\\c\n\u{1}é")), ("a", .number(0.25)), ("n", .number(3)), ("t", .bool(true)),
                                      ("x", .null), ("e", .array([])), ("o", .object([]))])
        let text = value.text()
        #expect(text.firstRange(of: "\"z\"")!.lowerBound < text.firstRange(of: "\"a\"")!.lowerBound)
        #expect(text.contains("\"n\": 3,") && text.contains("\"a\": 0.25,") && text.contains("\\u0001"))
        let object = try Self.object(text)
        #expect(object["z"] as? String == "a\"b\\c\n\u{1}é")
    }
}
