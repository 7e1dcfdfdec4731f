// Reading what `swift test` reports, measured on Swift 6.3.1 (Linux):
//  - Swift Testing writes `--xunit-output FILE` to `FILE-swift-testing.xml` (without --parallel
//    too): one <testcase classname="Target.Suite" name="function(labels:)"> per test function,
//    a <failure message="…"> per issue. That is XML, read with the XML module.
//  - XCTest writes that file only under `--parallel`, which would run the lab's timing-sensitive
//    scenarios at the same time. Its console lines have kept one shape for years, so those are
//    read instead: `Test Case 'Suite.testName' passed|failed|skipped (N seconds)` and, before a
//    failure, `FILE:LINE: error: Suite.testName : message` (the message may run over lines).
import XML

public enum SwiftTestingXUnit {
    /// The outcomes in a Swift Testing xUnit document.
    public static func outcomes(in document: XMLDocument) -> [TestOutcome] {
        ((try? document.select("//testcase")) ?? []).compactMap { testcase in
            let classname = testcase.attribute("classname") ?? ""
            let function = testcase.attribute("name") ?? ""
            guard let dot = classname.firstIndex(of: ".") else { return nil }
            let name = TestName(target: String(classname[..<dot]), suite: String(classname[classname.index(after: dot)...]),
                                function: function)
            let failures = testcase.elements(named: "failure").map { readable($0.attribute("message") ?? "") }
            let skipped = testcase.element(named: "skipped") != nil
            return TestOutcome(name: name, verdict: !failures.isEmpty ? .failed : skipped ? .skipped : .passed, messages: failures)
        }
    }

    /// A failure message as a student should read it: `Expectation failed: EXPR (error): COMMENT`
    /// keeps only the comment, which the check wrote for people (the expression is for the
    /// check's author, who can run the test by hand); `Caught error: TEXT (error)`, a thrown
    /// error, keeps its text.
    static func readable(_ message: String) -> String {
        if message.hasPrefix("Caught error: "), message.hasSuffix(" (error)") {
            return String(message.dropFirst("Caught error: ".count).dropLast(" (error)".count))
        }
        guard let range = message.firstRange(of: " (error): ") else { return message }
        let comment = message[range.upperBound...]
        return comment.isEmpty ? message : String(comment)
    }

    /// Where `swift test --xunit-output PATH` puts Swift Testing's results.
    public static func path(forXUnitOutput path: String) -> String {
        let base = path.hasSuffix(".xml") ? String(path.dropLast(4)) : path
        return base + "-swift-testing.xml"
    }
}

public enum XCTestConsole {
    /// The outcomes in XCTest's console output. XCTest names tests `Suite.testName` there,
    /// without the target: `target` is the one the caller filtered on.
    public static func outcomes(in output: String, target: String) -> [TestOutcome] {
        var outcomes: [TestOutcome] = []
        var pending: [String: [String]] = [:]      // messages seen before the verdict line
        var current: (test: String, message: String)?
        func flush() {
            if let c = current { pending[c.test, default: []].append(c.message.trimmed()) }
            current = nil
        }
        for line in output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if let (test, verdict) = verdictLine(line) {
                flush()
                guard let dot = test.lastIndex(of: ".") else { continue }
                let name = TestName(target: target, suite: String(test[..<dot]), function: String(test[test.index(after: dot)...]))
                outcomes.append(TestOutcome(name: name, verdict: verdict, messages: pending.removeValue(forKey: test) ?? []))
            } else if let range = line.firstRange(of: ": error: "), let separator = line[range.upperBound...].firstRange(of: " : ") {
                flush()
                current = (String(line[range.upperBound..<separator.lowerBound]), String(line[separator.upperBound...]))
            } else if current != nil, !line.hasPrefix("Test Case '"), !line.hasPrefix("Test Suite '") {
                current!.message += "\n" + line
            } else {
                flush()
            }
        }
        return outcomes
    }

    /// `Test Case 'Suite.test' passed (0.1 seconds)` → ("Suite.test", .passed).
    static func verdictLine(_ line: String) -> (String, TestOutcome.Verdict)? {
        guard line.hasPrefix("Test Case '"), let close = line.dropFirst(11).firstIndex(of: "'") else { return nil }
        let test = String(line[line.index(line.startIndex, offsetBy: 11)..<close])
        let rest = line[line.index(after: close)...]
        for verdict in [TestOutcome.Verdict.passed, .failed, .skipped] where rest.hasPrefix(" \(verdict.rawValue) (") {
            return (test, verdict)
        }
        return nil
    }
}

extension String {
    func trimmed() -> String { trimmingWhitespace() }
}
