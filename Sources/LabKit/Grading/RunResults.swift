// Reading back a results folder (GradingProtocol) once a CheckSession has ended: the verdicts
// the test bundle wrote (XCTest's observer lines, Swift Testing's xUnit file), the measures,
// and the supervisor's account of each phase. Only files trusted processes wrote are read;
// the consoles stay for people (a report shows their end when nothing else explains a result).
import GradingProtocol
import Posix
import XML

public struct RunResults: Sendable {
    public var outcomes: [TestOutcome] = []
    public var measures: [String: [Measure]] = [:]
    public var phases: [PhaseLine] = []
    public var buildLog = ""
    /// Problems reading the folder itself (a broken xUnit file...).
    public var problems: [String] = []

    public init() {}

    public static func read(folder: String, plan: CheckPlan) -> RunResults {
        var run = RunResults()
        let targetOfSuite = Dictionary(plan.xctestTests.map { ($0.suite, $0.target) }, uniquingKeysWith: { a, _ in a })
        let verdicts = (try? FileSystem.readText(folder + "/" + ResultFiles.xctestVerdicts)) ?? ""
        for line in verdicts.split(separator: "\n") {
            guard let v = VerdictLine(line), let dot = v.test.lastIndex(of: ".") else { continue }
            let suite = String(v.test[..<dot]), function = String(v.test[v.test.index(after: dot)...])
            guard let target = targetOfSuite[suite] else { continue }
            let verdict: TestOutcome.Verdict = switch v.verdict {
            case .passed: .passed
            case .failed: .failed
            case .skipped: .skipped
            }
            run.outcomes.append(TestOutcome(name: TestName(target: target, suite: suite, function: function),
                                            verdict: verdict, messages: v.messages.map(XCTestMessage.readable)))
        }
        for name in ((try? FileSystem.list(folder)) ?? []).sorted() where ResultFiles.isSwiftTestingXUnit(name) {
            if let document = try? XMLDocument.parse(file: folder + "/" + name, read: { try FileSystem.readBytes($0) }) {
                run.outcomes += SwiftTestingXUnit.outcomes(in: document)
            } else {
                run.problems.append("\(name): not a readable xUnit file (a message too long or too strange for XML?)")
            }
        }
        for line in ((try? FileSystem.readText(folder + "/" + ResultFiles.measures)) ?? "").split(separator: "\n") {
            guard let m = MeasureLine(line) else { continue }
            run.measures[m.check, default: []].append(Measure(name: m.name, value: m.value, unit: m.unit))
        }
        run.phases = ((try? FileSystem.readText(folder + "/" + ResultFiles.phases)) ?? "").split(separator: "\n").compactMap(PhaseLine.init)
        run.buildLog = (try? FileSystem.readText(folder + "/" + ResultFiles.buildLog)) ?? ""
        return run
    }

    /// The phase `name`, as the supervisor recorded its end (nil: it never ran or never ended).
    public func phase(_ name: String) -> PhaseLine? {
        phases.last { $0.phase == name }
    }

    /// The compiler's complaint about the student's files, when their module did not build.
    public var buildFailure: String? {
        guard let build = phase("build"), build.outcome != "exited 0" else { return nil }
        if build.outcome == "timeout" { return "your code did not compile within the time allowed" }
        let lines = buildLog.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            // /tmp/…/src/SharedCounter.swift:12:5: error: … → SharedCounter.swift:12:5: error: …
            var text = String(line)
            if let range = text.firstRange(of: "/src/"), text.hasPrefix("/") { text = String(text[range.upperBound...]) }
            return text
        }
        return "your code does not compile:\n" + lines.prefix(40).joined(separator: "\n").trimmingWhitespace()
    }
}

/// XCTest failure descriptions as a student should read them: `XCTAssertEqual failed:
/// ("a") is not equal to ("b") - COMMENT` keeps the comment when there is one.
enum XCTestMessage {
    static func readable(_ message: String) -> String {
        guard let range = message.firstRange(of: " - "), message.contains(" failed") else { return message }
        let comment = message[range.upperBound...]
        return comment.isEmpty ? message : String(comment)
    }
}
