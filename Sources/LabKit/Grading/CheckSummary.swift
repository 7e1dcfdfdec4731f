// What `mpmlab check` prints: one block per check — its verdict, points and what it verifies;
// on a failure, the lab's feedback in the student's language (it explains the concept, not the
// test), then what the test itself saw — and the final `Score: X/Y`.

public enum CheckSummary {
    public static func render(_ lab: Lab, results: [CheckResult], language: Language) -> String {
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
            out.append("\(verdict) \(result.check)  \(Decimal.format(result.earned))/\(Decimal.format(result.possible))")
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
        return out.joined(separator: "\n") + "\n"
    }
}
