// The class's gradebook as a CSV file, one row per report and one column per check (points
// earned), which spreadsheets and most LMS imports accept. The platforms' own formats are
// beside it: GradescopeResults, PrairieLearnResults, ClassroomResults and JUnitReport, each
// written from the same report.

public enum GradebookExport {
    /// Gradescope's results.json for one report of `lab` (see GradescopeResults).
    public static func gradescope(_ report: Report, lab: Lab, language: Language) -> String {
        GradescopeResults.json(report, lab: lab, language: language)
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
