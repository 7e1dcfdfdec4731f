// A report as PrairieLearn's external-grading `results.json` (PrairieLearn docs,
// externalGrading.md, "Grading results"): `score` in [0, 1] (earned over possible), `message`
// (the summary in the course's language) and `tests` — `name`, `description`, `points`,
// `max_points`, `message` — which `<pl-external-grader-results>` renders. PrairieLearn has no
// per-test visibility: the hidden checks count in the score but are left out of `tests`, and
// the message says how many there are. Extra fields are allowed; the rerun manifest is one.
//
// When the student's code does not compile, the submission is `gradable: false` with the
// compiler's message in `format_errors`: PrairieLearn then awards and takes no points and
// does not count the attempt — fix and resubmit. The same when nothing could be judged (no
// sandbox on the grading machine): that is never the student's fault.

public enum PrairieLearnResults {
    public static func json(_ report: Report, lab: Lab, language: Language) -> String {
        let checks = ResultText.checks(of: lab)
        let summary = ResultText.summary(report, lab: lab, language: language)
        let manifest = ("manifest", JSONValue.manifest(report.manifest))
        if let problem = report.gradingError ?? report.buildFailure {
            return JSONValue.object([("gradable", .bool(false)), ("format_errors", .array([.string(problem)])),
                                     ("message", .string(summary)), manifest]).text()
        }
        let shown = report.results.filter { checks[$0.check]?.isHidden != true }
        let tests: [JSONValue] = shown.map { result in
            let check = checks[result.check]
            return .object([
                ("name", .string(result.check)),
                ("description", .string(check.map { TerminalText.plain($0.description[language]) } ?? "")),
                ("points", .number(result.earned)),
                ("max_points", .number(result.possible)),
                ("message", .string(ResultText.check(result, check, language))),
            ])
        }
        let score = report.possible > 0 ? min(1, max(0, report.earned / report.possible)) : 0
        return JSONValue.object([("gradable", .bool(true)), ("score", .number(score)), ("message", .string(summary)),
                                 ("tests", .array(tests)), manifest]).text()
    }
}
