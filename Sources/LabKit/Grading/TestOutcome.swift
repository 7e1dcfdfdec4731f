// What the test runner said about one test, whichever framework ran it. `mpmlab check` reads
// these from two places (see TestResultReaders.swift) and the grader maps them to the lab's
// checks by name. A test the runner never mentions has no outcome at all — which is how the
// grader tells "did not run" (a typo in a filter, a renamed test) from "passed".

/// A test's name as lab.xml writes it: `TestTarget.Suite/function`, optionally with `()`.
public struct TestName: Sendable, Hashable, CustomStringConvertible {
    public let target: String
    public let suite: String
    /// The function, without parentheses or argument labels.
    public let function: String

    public init(target: String, suite: String, function: String) {
        self.target = target
        self.suite = suite
        self.function = TestName.bare(function)
    }

    /// Reads `Target.Suite/function()`; nil when it is not of that shape.
    public init?(_ text: String) {
        guard let slash = text.firstIndex(of: "/") else { return nil }
        let path = text[..<slash].split(separator: ".", omittingEmptySubsequences: false)
        let function = TestName.bare(String(text[text.index(after: slash)...]))
        guard path.count >= 2, path.allSatisfy({ !$0.isEmpty }), !function.isEmpty else { return nil }
        self.init(target: String(path[0]), suite: path.dropFirst().joined(separator: "."), function: function)
    }

    public var description: String { "\(target).\(suite)/\(function)" }

    /// `name(startServers:)` and `name()` are both `name`.
    static func bare(_ function: String) -> String {
        String(function.prefix { $0 != "(" })
    }
}

public struct TestOutcome: Sendable, Equatable {
    public enum Verdict: String, Sendable {
        case passed, failed, skipped
    }

    public let name: TestName
    public var verdict: Verdict
    /// Failure messages, in the order the runner gave them.
    public var messages: [String]

    public init(name: TestName, verdict: Verdict, messages: [String] = []) {
        self.name = name
        self.verdict = verdict
        self.messages = messages
    }
}
