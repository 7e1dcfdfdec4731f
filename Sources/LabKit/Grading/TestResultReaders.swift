// Reading Swift Testing's xUnit file, as Swift 6.3.1 writes it (`--xunit-output FILE` given
// to the test bundle): one <testcase classname="Target.Suite" name="function(labels:)"> per
// test function, a <failure message="…"> per issue. XCTest writes no such file on Linux
// without --parallel; its verdicts come from the check bundle's own observer instead
// (LabCheckKit's XCTestVerdicts, read by RunResults) — never from console text.
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

extension String {
    func trimmed() -> String { trimmingWhitespace() }
}
