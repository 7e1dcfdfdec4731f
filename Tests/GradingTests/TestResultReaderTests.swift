// The results folder a check run leaves: the observer's XCTest verdict lines and Swift
// Testing's xUnit file (as Swift 6.3.1 wrote it in a real run of lab 1's checks).
import GradingProtocol
@testable import LabKit
import Posix
import Testing
import XML

@Suite("Reading test results")
struct TestResultReaderTests {
    static let xunit = """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites>
          <testsuite name="TestResults" errors="0" tests="2" failures="1" skipped="0" time="4.127027191">
            <testcase classname="Lab01Checks.StudentConfigChecks" name="childrenReplacedAfterFifty()" time="4.126365043" >
              <failure message="Expectation failed: waitUntil(timeoutMs: 3000) { x } (error): child 22865 served 50 connections and is still there" />
            </testcase>
            <testcase classname="Lab01Checks.PreforkProcessChecks" name="distinctPIDs(clients:)" time="3.3" />
          </testsuite>
        </testsuites>
        """

    @Test("A results folder gives XCTest's verdicts from the observer's lines, Swift Testing's from xUnit, and the measures")
    func readsAResultsFolder() throws {
        LibXML.initialize()
        let folder = try FileSystem.makeTemporaryDirectory(prefix: "results-test")
        defer { try? FileSystem.remove(folder) }
        try FileSystem.write(VerdictLine(verdict: .failed, test: "PreforkScenarioChecks.testACrashInOneChildLeavesTheOthersServing",
                                         messages: ["XCTAssertEqual failed: (\"1\") is not equal to (\"2\") - the other children keep serving"]).line
                             + VerdictLine(verdict: .passed, test: "PreforkScenarioChecks.testAChildIsReplacedAfterMaxConnectionsPerChild", messages: []).line
                             + VerdictLine(verdict: .passed, test: "SomeoneElses.testNotAsked", messages: []).line,
                             to: folder + "/" + ResultFiles.xctestVerdicts)
        try FileSystem.write(Self.xunit, to: folder + "/" + ResultFiles.swiftTestingXUnit)
        try FileSystem.write(MeasureLine(check: "prefork.crash-isolation", name: "survivors", value: 3, unit: "children").line
                             + "not a measure line\n", to: folder + "/" + ResultFiles.measures)
        try FileSystem.write(PhaseLine(phase: "xctest", outcome: "exited 1").line, to: folder + "/" + ResultFiles.phases)
        var plan = CheckPlan(bundle: "bundle")
        plan.xctestTests = [TestName("Lab01Checks.PreforkScenarioChecks/testACrashInOneChildLeavesTheOthersServing")!,
                            TestName("Lab01Checks.PreforkScenarioChecks/testAChildIsReplacedAfterMaxConnectionsPerChild")!]
        let run = RunResults.read(folder: folder, plan: plan)
        #expect(run.outcomes.map(\.name.description) == [
            "Lab01Checks.PreforkScenarioChecks/testACrashInOneChildLeavesTheOthersServing",
            "Lab01Checks.PreforkScenarioChecks/testAChildIsReplacedAfterMaxConnectionsPerChild",
            "Lab01Checks.StudentConfigChecks/childrenReplacedAfterFifty",
            "Lab01Checks.PreforkProcessChecks/distinctPIDs",
        ], "a test the plan did not ask for is not an outcome")
        #expect(run.outcomes.map(\.verdict) == [.failed, .passed, .failed, .passed])
        #expect(run.outcomes[0].messages == ["the other children keep serving"])
        #expect(run.measures["prefork.crash-isolation"] == [Measure(name: "survivors", value: 3, unit: "children")])
        #expect(run.phase("xctest")?.outcome == "exited 1")
        #expect(run.phase("swift-testing") == nil)
    }

    @Test("Swift Testing's xUnit file gives each function's verdict and the checks' own comments")
    func readsSwiftTestingXUnit() throws {
        LibXML.initialize()
        let document = try XMLDocument.parse(bytes: Array(Self.xunit.utf8), file: "results-swift-testing.xml")
        let outcomes = SwiftTestingXUnit.outcomes(in: document)
        #expect(outcomes == [
            TestOutcome(name: TestName(target: "Lab01Checks", suite: "StudentConfigChecks", function: "childrenReplacedAfterFifty"),
                        verdict: .failed, messages: ["child 22865 served 50 connections and is still there"]),
            TestOutcome(name: TestName(target: "Lab01Checks", suite: "PreforkProcessChecks", function: "distinctPIDs"), verdict: .passed),
        ])
    }

    @Test("Swift Testing's file sits beside the --xunit-output path", arguments: [
        ("/tmp/x/results.xml", "/tmp/x/results-swift-testing.xml"), ("/tmp/out", "/tmp/out-swift-testing.xml"),
    ])
    func swiftTestingPath(given: String, expected: String) {
        #expect(SwiftTestingXUnit.path(forXUnitOutput: given) == expected)
    }

    @Test("failure messages keep what the check wrote for people", arguments: [
        ("Expectation failed: (most → 12) <= 6 (error): the server ran 12 children at once", "the server ran 12 children at once"),
        ("Caught error: /tmp/s/student.conf does not exist (error)", "/tmp/s/student.conf does not exist"),
        ("Issue recorded (error): answers.txt has no valid answer for \"processes\"", "answers.txt has no valid answer for \"processes\""),
        ("Expectation failed: quiet", "Expectation failed: quiet"),
    ])
    func readableMessages(message: String, expected: String) {
        #expect(SwiftTestingXUnit.readable(message) == expected)
    }
}
