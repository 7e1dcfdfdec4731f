// What `mpmlab check` prints: one block per check — its verdict, points and what it verifies;
// on a failure, the lab's feedback in the student's language (it explains the concept, not the
// test), then what the test itself saw — and the final `Score: X/Y`. Hidden checks whose tests
// the kit does not have are not an error: the summary says they exist, what they are worth,
// and that they are graded when the work is handed in.

public enum CheckSummary {
    public static func render(_ lab: Lab, results: [CheckResult], language: Language, notRun hidden: [Check] = []) -> String {
        let l = language
        let checks = Dictionary(lab.checks.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [String] = []
        for result in results {
            let check = checks[result.check]
            let verdict = switch result.status {
            case .pass: "PASS "
            case .fail: l == .fr ? "ÉCHEC" : "FAIL "
            case .error: l == .fr ? "ERREUR" : "ERROR"
            }
            let tag = check?.isHidden == true ? (l == .fr ? "  (cachée aux étudiants)" : "  (hidden from students)") : ""
            out.append("\(verdict) \(result.check)  \(Decimal.format(result.earned))/\(Decimal.format(result.possible))\(tag)")
            if let check {
                out.append(TerminalText.wrap(TerminalText.plain(check.description[l]), first: "      ", rest: "      "))
            }
            guard result.status != .pass else { continue }
            if result.status == .fail, let check {
                out.append(TerminalText.wrap(TerminalText.plain(check.feedback[l]), first: "      » ", rest: "        "))
            }
            if let message = result.message {
                let lines = message.split(separator: "\n").prefix(12)
                out.append((l == .fr ? "      Le test a vu :" : "      The test saw:"))
                for line in lines { out.append("        " + line) }
            }
        }
        let earned = results.reduce(0) { $0 + $1.earned }, possible = results.reduce(0) { $0 + $1.possible }
        out.append("")
        out.append("Score: \(Decimal.format(earned))/\(Decimal.format(possible))")
        if !hidden.isEmpty { out.append(hiddenNote(hidden, language: language)) }
        return out.joined(separator: "\n") + "\n"
    }

    /// `+ 1 hidden check (1 point), graded when you hand in your work: id`.
    public static func hiddenNote(_ hidden: [Check], language: Language) -> String {
        let n = hidden.count, points = hidden.reduce(0) { $0 + $1.points }
        let ids = hidden.map(\.id).joined(separator: ", ")
        let s = n > 1 ? "s" : "", ps = points > 1 ? "s" : ""
        return language == .fr
            ? "+ \(n) vérification\(s) cachée\(s) (\(points) point\(ps)), notée\(s) quand vous rendez votre travail ; \(n > 1 ? "leurs tests ne sont" : "son test n'est") pas dans votre kit : \(ids)"
            : "+ \(n) hidden check\(s) (\(points) point\(ps)), graded when you hand in your work; \(n > 1 ? "their tests are" : "its test is") not in your kit: \(ids)"
    }
}
