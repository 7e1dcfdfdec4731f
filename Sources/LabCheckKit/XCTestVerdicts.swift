// XCTest's verdicts, written by the check bundle itself. On Linux XCTest reports results only
// as console lines, and a console is something any process writing to the same terminal or
// pipe can fake. So each XCTest lab check class derives from LabCheckCase, which registers an
// observer with XCTest: when a test finishes, the observer appends its verdict and failure
// messages to the results folder (GradingProtocol), where no student process can write.
import GradingProtocol
import Synchronization
import XCTest

/// The base class of every XCTest lab check.
open class LabCheckCase: XCTestCase {
    override open class func setUp() {
        super.setUp()
        VerdictObserver.registerOnce()
    }
}

final class VerdictObserver: NSObject, XCTestObservation, @unchecked Sendable {
    // @unchecked: XCTest calls the observer on the thread running the tests, one test at a
    // time; `failures` is only touched there.
    private static let registered = Mutex(false)
    private var failures: [String] = []

    static func registerOnce() {
        let first = registered.withLock { done in
            defer { done = true }
            return !done
        }
        if first && ResultsFolder.path != nil {
            XCTestObservationCenter.shared.addTestObserver(VerdictObserver())
        }
    }

    func testCaseWillStart(_ testCase: XCTestCase) {
        failures = []
    }

    func testCase(_ testCase: XCTestCase, didFailWithDescription description: String, inFile filePath: String?, atLine lineNumber: Int) {
        failures.append(description)
    }

    func testCaseDidFinish(_ testCase: XCTestCase) {
        let run = testCase.testRun
        let verdict: VerdictLine.Verdict = (run?.hasSucceeded ?? false) ? ((run?.skipCount ?? 0) > 0 ? .skipped : .passed) : .failed
        ResultsFolder.append(VerdictLine(verdict: verdict, test: Self.name(of: testCase), messages: failures).line,
                             to: ResultFiles.xctestVerdicts)
    }

    /// `Suite.testName` from XCTest's `-[Suite testName]` or `Suite.testName`.
    static func name(of testCase: XCTestCase) -> String {
        var name = testCase.name
        if name.hasPrefix("-["), name.hasSuffix("]") {
            name = String(name.dropFirst(2).dropLast()).replacingOccurrences(of: " ", with: ".")
        }
        return name
    }
}
