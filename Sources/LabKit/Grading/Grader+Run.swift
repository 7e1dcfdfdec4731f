// From a finished CheckSession to the lab's results. On top of the test outcomes (Grader):
//  - a student's exercise module that did not compile fails every check of the code
//    exercises, with the compiler's message (the other checks ran on the starter's module);
//  - a phase killed at its deadline leaves its checks as errors that say so;
//  - a file the grader refused (too large, not a regular file) is named in the messages of
//    the checks that needed it.
import GradingProtocol

extension Grader {
    /// The results of `checks` (a subset of `lab`'s) after `run`.
    public static func results(for lab: Lab, checks: [Check], run: RunResults, plan: CheckPlan,
                               staged: StagedSubmission? = nil, handIn: [HandInFile] = []) -> [CheckResult] {
        let wanted = Set(checks.map(\.id))
        let exercises = Dictionary(lab.exercises.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let codeChecks = Set(lab.exercises.filter { $0.kind == .code }.flatMap(\.checks).map(\.id))
        return results(for: lab, outcomes: run.outcomes, measures: run.measures).filter { wanted.contains($0.check) }.map { result in
            var result = result
            guard let check = lab.checks.first(where: { $0.id == result.check }) else { return result }
            if codeChecks.contains(check.id), let failure = run.buildFailure {
                return CheckResult(check: check.id, status: .fail, earned: 0, possible: result.possible, message: failure)
            }
            if result.status == .error, let name = TestName(check.test) {
                let phase = plan.phase(of: name).flatMap { run.phase($0) }
                if phase?.outcome == "timeout" {
                    result.message = "the checks did not finish within \(plan.phaseTimeoutMs / 60_000) minutes and were stopped (does the code or the server hang?)"
                } else if !run.problems.isEmpty {
                    result.message = ([result.message].compactMap { $0 } + run.problems).joined(separator: "\n")
                } else if phase == nil, run.outcomes.isEmpty {
                    result.message = "the checks never ran (the sandbox ended first: \(run.phases.map { "\($0.phase) \($0.outcome)" }.joined(separator: ", ")))"
                }
            }
            if result.status != .pass, let staged, let kind = exercises[check.exercise]?.kind {
                let refused = staged.problems.filter { problem in
                    handIn.contains { file in problem.hasPrefix(file.name + ":") && Self.uses(kind, file) }
                }
                if !refused.isEmpty {
                    result.message = (refused.map { "not graded: " + $0 } + [result.message].compactMap { $0 }).joined(separator: "\n")
                }
            }
            result.message = result.message.map(Self.bounded)
            return result
        }
    }

    /// The longest message a result keeps: a student's code can make a check say a lot (its
    /// output quoted in a failure), and reports stay readable and small.
    static let messageLimit = 4000

    static func bounded(_ message: String) -> String {
        guard message.count > messageLimit else { return message }
        return String(message.prefix(messageLimit)) + "\n… (\(message.count - messageLimit) more characters cut)"
    }

    /// Whether an exercise of `kind` is judged on `file`.
    static func uses(_ kind: Exercise.Kind, _ file: HandInFile) -> Bool {
        switch kind {
        case .code: file.isCode
        case .config: file.name.hasSuffix(".conf")
        case .measure, .question: !file.isCode && !file.name.hasSuffix(".conf")
        }
    }
}
