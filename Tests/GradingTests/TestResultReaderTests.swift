// The two result formats, as swift test 6.3.1 wrote them in real runs of lab 1's checks.
@testable import LabKit
import Testing
import XML

@Suite("Reading test results")
struct TestResultReaderTests {
    /// XCTest's console, a failing test whose thrown error runs over three lines, then a pass.
    static let console = """
        [0/1] Planning build
        Test Suite 'Selected tests' started at 2026-11-27 05:39:16.121
        Test Suite 'PreforkScenarioChecks' started at 2026-11-27 05:39:16.124
        Test Case 'PreforkScenarioChecks.testACrashInOneChildLeavesTheOthersServing' started at 2026-11-27 05:39:16.124
        <EXPR>:0: error: PreforkScenarioChecks.testACrashInOneChildLeavesTheOthersServing : threw error "setup: the lab's server did not start: mpmd exited during start-up:
        mpmd: /tmp/mpmd-test-RF6tVx/conf/mpmd.conf:3: Invalid command 'Bogus', perhaps misspelled
        "
        Test Case 'PreforkScenarioChecks.testACrashInOneChildLeavesTheOthersServing' failed (0.029 seconds)
        Test Case 'PreforkScenarioChecks.testAChildIsReplacedAfterMaxConnectionsPerChild' started at 2026-11-27 05:38:25.756
        Test Case 'PreforkScenarioChecks.testAChildIsReplacedAfterMaxConnectionsPerChild' passed (5.071 seconds)
        Test Suite 'PreforkScenarioChecks' failed at 2026-11-27 05:39:16.153
        \t Executed 2 tests, with 1 failure (1 unexpected) in 0.029 (0.029) seconds
        ◇ Test run started.
        ↳ Testing Library Version: 6.3.1 (937120cbc281cf2)
        """

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

    @Test("XCTest's console gives each test's verdict and its failure message, over several lines")
    func readsXCTestConsole() {
        let outcomes = XCTestConsole.outcomes(in: Self.console, target: "Lab01Checks")
        #expect(outcomes.map(\.name.description) == ["Lab01Checks.PreforkScenarioChecks/testACrashInOneChildLeavesTheOthersServing",
                                                     "Lab01Checks.PreforkScenarioChecks/testAChildIsReplacedAfterMaxConnectionsPerChild"])
        #expect(outcomes.map(\.verdict) == [.failed, .passed])
        #expect(outcomes[0].messages.count == 1)
        #expect(outcomes[0].messages.first?.hasPrefix("threw error \"setup: the lab's server did not start") == true)
        #expect(outcomes[0].messages.first?.contains("Invalid command 'Bogus'") == true)
        #expect(outcomes[1].messages.isEmpty)
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
