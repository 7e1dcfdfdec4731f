// From outcomes to results on the real lab 1: passes earn the check's points, failures none,
// and a test that never ran — or could not set its experiment up — is an error, never a pass.
@testable import LabKit
import Testing
import XML

@Suite("The grader")
struct GraderTests {
    static func lab1() throws -> Lab {
        try #require(try GradingSupport.labs().first { $0.id == "01-processes" })
    }

    /// Every test of the lab passing, then `change` applied.
    static func outcomes(_ lab: Lab, _ change: (inout [TestOutcome]) -> Void = { _ in }) -> [TestOutcome] {
        var outcomes = Grader.testNames(of: lab).map { TestOutcome(name: $0, verdict: .passed) }
        change(&outcomes)
        return outcomes
    }

    @Test("all tests passing give full marks")
    func fullMarks() throws {
        let lab = try Self.lab1()
        let results = Grader.results(for: lab, outcomes: Self.outcomes(lab))
        #expect(results.count == lab.checks.count)
        #expect(results.allSatisfy { $0.status == .pass })
        #expect(results.reduce(0) { $0 + $1.earned } == Double(lab.points))
    }

    @Test("a verdict maps to a status", arguments: [
        (TestOutcome.Verdict.failed, ["child 12 served a 51st connection"], CheckResult.Status.fail),
        (.failed, ["threw error \"setup: the lab's server did not start\""], .error),
        (.skipped, [], .error),
        (.passed, [], .pass),
    ])
    func verdicts(verdict: TestOutcome.Verdict, messages: [String], status: CheckResult.Status) throws {
        let lab = try Self.lab1()
        let target = try #require(lab.checks.first { $0.id == "prefork.config-recycle" })
        let results = Grader.results(for: lab, outcomes: Self.outcomes(lab) { outcomes in
            let i = outcomes.firstIndex { $0.name == TestName(target.test) }!
            outcomes[i].verdict = verdict
            outcomes[i].messages = messages
        })
        let result = try #require(results.first { $0.check == target.id })
        #expect(result.status == status)
        #expect(result.earned == (status == .pass ? 2 : 0))
        #expect(result.message == (messages.isEmpty ? (verdict == .skipped ? "the test \(TestName(target.test)!) was skipped" : nil) : messages.joined()))
    }

    @Test("a test that did not run is an error, not a pass")
    func missingTest() throws {
        let lab = try Self.lab1()
        let results = Grader.results(for: lab, outcomes: Self.outcomes(lab) { $0.removeAll { $0.name.function == "childSharedMemory" } })
        let result = try #require(results.first { $0.check == "prefork.answer-shared" })
        #expect(result.status == .error)
        #expect(result.message == "the test Lab01Checks.AnswerChecks/childSharedMemory did not run")
    }

    @Test("filters are anchored regular expressions naming exactly one test each")
    func filters() {
        let names = [TestName(target: "Lab01Checks", suite: "AnswerChecks", function: "childSharedMemory")]
        #expect(Grader.filters(for: names) == [#"^Lab01Checks\.AnswerChecks/childSharedMemory(\(|$)"#])
    }

    @Test("a graded report is valid against report.rng")
    func reportIsValid() throws {
        let lab = try Self.lab1()
        let results = Grader.results(for: lab, outcomes: Self.outcomes(lab) {
            $0[0].verdict = .failed
            $0[0].messages = ["a < b & \"c\""]
        })
        let report = Report(lab: lab.id, date: ISODate.utc(1_795_000_000), studentID: "ada", studentName: "Ada Lovelace",
                            toolchain: "Swift Testing 6.3.1", results: results)
        let document = try XMLDocument.parse(bytes: Array(report.xml().utf8), file: "report.xml")
        #expect(GradingSupport.schemas[.report].validate(document).isEmpty)
        #expect(Report(document).results == results)
    }

    @Test("report dates are UTC xsd:dateTime values", arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"), (951_782_400, "2000-02-29T00:00:00Z"), (1_795_748_400, "2026-11-27T03:00:00Z"),
        (-1, "1969-12-31T23:59:59Z"),
    ])
    func dates(seconds: Int64, text: String) {
        #expect(ISODate.utc(seconds) == text)
    }

    @Test("measures recorded by the checks are attached to their results; malformed lines are skipped")
    func measures() throws {
        let lab = try Self.lab1()
        let text = "prefork.config-cap\tmost_children\t8\tprocesses\nprefork.config-cap\tbroken\tmany\t\nprefork.distinct-pids\tratio\t0.5\t\n"
        let measures = Grader.measures(in: text)
        #expect(measures["prefork.config-cap"] == [Measure(name: "most_children", value: 8, unit: "processes")])
        #expect(measures["prefork.distinct-pids"] == [Measure(name: "ratio", value: 0.5)])
        let results = Grader.results(for: lab, outcomes: Self.outcomes(lab), measures: measures)
        #expect(results.first { $0.check == "prefork.config-cap" }?.measures.first?.value == 8)
        #expect(results.first { $0.check == "prefork.answer-shared" }?.measures == [])
    }
}
