// From test outcomes to a lab's results. Each check names the one test that decides it; the
// grader looks that test up among the outcomes and gives the check's points when it passed.
// Three things can happen to a check, and they must not be confused:
//  - pass: its test ran and passed;
//  - fail: its test ran and found the behaviour wrong (the student has something to fix);
//  - error: nothing was judged — the test did not run at all (a filter matching nothing exits
//    0, so silence is never taken for success), was skipped, or could not set its experiment
//    up (its message starts with `setup:`).

public enum Grader {
    /// The marker a check's failure message starts with when the experiment itself could not
    /// be set up (the lab's server would not start...).
    public static let setupMarker = "setup:"

    /// One result per check of `lab`, in the lab's order, with the values each check measured.
    public static func results(for lab: Lab, outcomes: [TestOutcome], measures: [String: [Measure]] = [:]) -> [CheckResult] {
        verdicts(for: lab, outcomes: outcomes).map { result in
            var result = result
            result.measures = measures[result.check] ?? []
            return result
        }
    }

    /// The measures file the checks append to (see LabCheckKit's CheckMeasures): one line per
    /// value, `check TAB name TAB value TAB unit`; malformed lines are skipped.
    public static func measures(in text: String) -> [String: [Measure]] {
        var out: [String: [Measure]] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3, let value = Double(fields[2]), value.isFinite else { continue }
            let unit = fields.count > 3 && !fields[3].isEmpty ? fields[3] : nil
            out[fields[0], default: []].append(Measure(name: fields[1], value: value, unit: unit))
        }
        return out
    }

    /// The results without measures.
    static func verdicts(for lab: Lab, outcomes: [TestOutcome]) -> [CheckResult] {
        let byName = Dictionary(outcomes.map { ($0.name, $0) }, uniquingKeysWith: { first, second in
            // A test reported twice (never expected): any failure wins.
            first.verdict == .failed ? first : second
        })
        return lab.checks.map { check in
            let possible = Double(check.points)
            guard let name = TestName(check.test) else {
                return CheckResult(check: check.id, status: .error, earned: 0, possible: possible,
                                   message: "lab.xml names no test in the form Target.Suite/test: \"\(check.test)\"")
            }
            guard let outcome = byName[name] else {
                return CheckResult(check: check.id, status: .error, earned: 0, possible: possible,
                                   message: "the test \(name) did not run")
            }
            let message = outcome.messages.isEmpty ? nil : outcome.messages.joined(separator: "\n")
            switch outcome.verdict {
            case .passed:
                return CheckResult(check: check.id, status: .pass, earned: possible, possible: possible)
            case .skipped:
                return CheckResult(check: check.id, status: .error, earned: 0, possible: possible,
                                   message: message ?? "the test \(name) was skipped")
            case .failed:
                let setup = outcome.messages.contains { $0.contains(setupMarker) }
                return CheckResult(check: check.id, status: setup ? .error : .fail, earned: 0, possible: possible,
                                   message: message)
            }
        }
    }

    /// The tests a lab's checks name, for the runner's filters.
    public static func testNames(of lab: Lab) -> [TestName] {
        testNames(of: lab.checks)
    }

    /// The tests `checks` name, each once, in order.
    public static func testNames(of checks: [Check]) -> [TestName] {
        var seen: Set<TestName> = []
        return checks.compactMap { TestName($0.test) }.filter { seen.insert($0).inserted }
    }

    /// `swift test --filter` patterns running exactly these tests (regular expressions, matched
    /// against `Target.Suite/function(labels:)`; one `--filter` each, any may match).
    public static func filters(for names: [TestName]) -> [String] {
        names.map { "^\(escape($0.target))\\.\(escape($0.suite))/\(escape($0.function))(\\(|$)" }
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            if "\\^$.|?*+()[]{}".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
