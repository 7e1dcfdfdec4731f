// A report as one runner's result for GitHub Classroom's autograding reporter
// (classroom-resources/autograding-grading-reporter): the JSON its grader actions emit,
// `{version: 1, status, max_score, tests: [{name, status, score, message, test_code, filename,
// line_no, duration}]}`, which a workflow step passes, base64-encoded, in RUNNER_RESULTS. The
// reporter adds up every test's `score` over every runner's `max_score` and writes
// "Points X/Y" on the "Autograding Tests" check run, so X/Y is exactly the report's score.
// `status` is pass, fail (some check did not pass) or error (nothing could be judged); the
// reporter fails the workflow on either of the last two.

public enum ClassroomResults {
    public static func json(_ report: Report, lab: Lab, language: Language) -> String {
        let checks = ResultText.checks(of: lab)
        let tests: [JSONValue] = report.results.map { result in
            .object([
                ("name", .string(result.check)),
                ("status", .string(status(result.status))),
                ("score", .number(result.earned)),
                ("message", .string(ResultText.check(result, checks[result.check], language))),
                ("test_code", .string(checks[result.check]?.test ?? "")),
                ("filename", .string("")),
                ("line_no", .number(0)),
                ("duration", .number(0)),
            ])
        }
        let overall = report.gradingError != nil ? "error" : report.results.allSatisfy { $0.status == .pass } ? "pass" : "fail"
        return JSONValue.object([
            ("version", .number(1)),
            ("status", .string(overall)),
            ("max_score", .number(report.possible)),
            ("tests", .array(tests)),
            ("summary", .string(ResultText.summary(report, lab: lab, language: language))),
            ("manifest", JSONValue.manifest(report.manifest)),
        ]).text()
    }

    static func status(_ status: CheckResult.Status) -> String {
        switch status {
        case .pass: "pass"
        case .fail: "fail"
        case .error: "error"
        }
    }

    /// The line the reporter writes on the check run.
    public static func points(_ report: Report) -> String {
        "Points \(Decimal.format(report.earned))/\(Decimal.format(report.possible))"
    }
}
