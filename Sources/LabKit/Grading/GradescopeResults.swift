// A report as Gradescope's `results.json` (gradescope/autograder_samples, docs/specs.md): the
// top-level `score` (what the checks earned), `execution_time` in seconds, `output` (the
// summary in the course's language), and one entry of `tests` per check — `name` (the check's
// id), `number`, `score`, `max_score`, `status` (passed/failed), `output` (what the check
// verifies, the feedback when it did not pass, what the test saw), `visibility` (the check's:
// visible, hidden or after_due_date) and `tags` (its exercise). The rerun manifest goes into
// `extra_data`, which Gradescope stores without showing it.
//
// Gradescope shows a hidden test to instructors only, but the total it shows students still
// counts it; an after_due_date test hides the total until the due date (FORMATS.md, "Hidden
// checks", says which to choose).

public enum GradescopeResults {
    public static func json(_ report: Report, lab: Lab, language: Language) -> String {
        let checks = ResultText.checks(of: lab)
        let tests: [JSONValue] = report.results.enumerated().map { index, result in
            let check = checks[result.check]
            var members: [(String, JSONValue)] = [
                ("name", .string(result.check)),
                ("number", .string("\(index + 1)")),
                ("score", .number(result.earned)),
                ("max_score", .number(result.possible)),
                ("status", .string(result.status == .pass ? "passed" : "failed")),
                ("output", .string(ResultText.check(result, check, language))),
                ("visibility", .string((check?.visibility ?? .visible).rawValue)),
            ]
            if let check { members.append(("tags", .array([.string(check.exercise)]))) }
            members.append(("extra_data", .object([("status", .string(result.status.rawValue))])))
            return .object(members)
        }
        var top: [(String, JSONValue)] = [("score", .number(report.earned))]
        if let seconds = ResultText.duration(report) { top.append(("execution_time", .number(seconds))) }
        top += [
            ("output", .string(ResultText.summary(report, lab: lab, language: language))),
            ("extra_data", .object([("lab", .string(report.lab)), ("student", .string(report.studentID)),
                                    ("manifest", JSONValue.manifest(report.manifest))])),
            ("tests", .array(tests)),
        ]
        return JSONValue.object(top).text()
    }
}
