// Reports in the shapes learning platforms read:
//  - Gradescope's `results.json` (fields from gradescope/autograder_samples, docs/specs.md):
//    a top-level `score`, and per check `name`, `score`, `max_score`, `status`
//    (passed/failed) and `output` — the lab's feedback in the student's language, then what
//    the test saw;
//  - a CSV gradebook, one row per report and one column per check (points earned), which
//    spreadsheets and most LMS imports accept.

public enum GradebookExport {
    /// Gradescope's results.json for one report of `lab`.
    public static func gradescope(_ report: Report, lab: Lab, language: Language) -> String {
        let checks = Dictionary(lab.checks.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let tests = report.results.map { result -> String in
            var output = checks[result.check].map { TerminalText.plain($0.description[language]) } ?? ""
            if result.status != .pass, let check = checks[result.check] {
                output += "\n\n" + TerminalText.plain(check.feedback[language])
            }
            if let message = result.message { output += "\n\n" + message }
            return """
                    {"name": \(json(result.check)), "score": \(Decimal.format(result.earned)), \
                "max_score": \(Decimal.format(result.possible)), "status": \(json(result.status == .pass ? "passed" : "failed")), \
                "output": \(json(output))}
                """
        }
        return """
            {
              "score": \(Decimal.format(report.earned)),
              "output": \(json("\(lab.title[language]) — \(Decimal.format(report.earned))/\(Decimal.format(report.possible))")),
              "tests": [
            \(tests.joined(separator: ",\n"))
              ]
            }

            """
    }

    /// A CSV gradebook: `student,lab,date,earned,possible` then one column per check id.
    public static func csv(_ reports: [Report], checks: [String]) -> String {
        var rows = [(["student", "lab", "date", "earned", "possible"] + checks).map(csvField).joined(separator: ",")]
        for report in reports {
            let earned = Dictionary(report.results.map { ($0.check, $0.earned) }, uniquingKeysWith: { a, _ in a })
            let fields = [report.studentID, report.lab, report.date, Decimal.format(report.earned), Decimal.format(report.possible)]
                + checks.map { earned[$0].map(Decimal.format) ?? "" }
            rows.append(fields.map(csvField).joined(separator: ","))
        }
        return rows.joined(separator: "\n") + "\n"
    }

    /// A JSON string literal.
    static func json(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
