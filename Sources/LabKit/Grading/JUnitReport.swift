// The class's results as a JUnit XML file, the format CI systems and most dashboards read
// (Jenkins, GitLab, GitHub's test reporters): one `testsuite` per student, one `testcase` per
// check. A check that failed has a `failure` (the feedback and what the test saw), one that
// could not be judged an `error`. Points live in properties — the suite's `earned` and
// `possible` with the rerun manifest, each case's `points`, `max-points` and `visibility` —
// since JUnit itself only knows passed and failed.
import XML

public enum JUnitReport {
    public static func xml(_ reports: [Report], lab: Lab, language: Language) -> String {
        let checks = ResultText.checks(of: lab)
        let doc = OutputDocument.xml(root: "testsuites")
        let root = doc.root
        root.set("name", lab.id)
        root.set("tests", "\(reports.reduce(0) { $0 + $1.results.count })")
        root.set("failures", "\(reports.reduce(0) { $0 + $1.results.filter { $0.status == .fail }.count })")
        root.set("errors", "\(reports.reduce(0) { $0 + $1.results.filter { $0.status == .error }.count })")
        for report in reports {
            let suite = root.element("testsuite")
            suite.set("name", report.studentID)
            suite.set("tests", "\(report.results.count)")
            suite.set("failures", "\(report.results.filter { $0.status == .fail }.count)")
            suite.set("errors", "\(report.results.filter { $0.status == .error }.count)")
            suite.set("skipped", "0")
            suite.set("time", ResultText.duration(report).map(Decimal.format) ?? "0")
            suite.set("timestamp", report.date)
            let properties = suite.element("properties")
            func property(_ parent: OutputElement, _ name: String, _ value: String) {
                let p = parent.element("property")
                p.set("name", name)
                p.set("value", value)
            }
            property(properties, "earned", Decimal.format(report.earned))
            property(properties, "possible", Decimal.format(report.possible))
            for entry in report.manifest { property(properties, entry.name, entry.value) }
            if let error = report.gradingError { property(properties, "grading-error", error) }
            for result in report.results {
                let check = checks[result.check]
                let testcase = suite.element("testcase")
                testcase.set("name", result.check)
                testcase.set("classname", "\(report.lab).\(report.studentID)")
                testcase.set("time", "0")
                let caseProperties = testcase.element("properties")
                property(caseProperties, "points", Decimal.format(result.earned))
                property(caseProperties, "max-points", Decimal.format(result.possible))
                property(caseProperties, "visibility", (check?.visibility ?? .visible).rawValue)
                guard result.status != .pass else { continue }
                let text = ResultText.check(result, check, language)
                let outcome = testcase.element(result.status == .fail ? "failure" : "error", text: text)
                outcome.set("message", String(text.split(separator: "\n").last ?? ""))
                outcome.set("type", result.status.rawValue)
            }
        }
        return doc.serialize()
    }
}
