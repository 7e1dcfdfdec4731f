// The whole course as the site sees it: chapters in order, labs in order, the check catalogue,
// and optionally the class's reports. `Course.load` walks the repository's `labs/` folder
// (`labs/course/*.xml` and `labs/*/lab.xml`) and a reports folder (`*.xml`).
import Posix
import XML

public struct Course: Sendable {
    public var chapters: [Chapter]
    public var labs: [Lab]
    public var reports: [Report]
    public var catalogue: CheckCatalogue

    public init(chapters: [Chapter], labs: [Lab], reports: [Report] = []) {
        self.chapters = chapters.sorted { ($0.order, $0.id) < ($1.order, $1.id) }
        self.labs = labs.sorted { ($0.number, $0.id) < ($1.number, $1.id) }
        self.reports = reports.sorted { ($0.date, $0.studentID) < ($1.date, $1.studentID) }
        self.catalogue = CheckCatalogue(labs: labs)
    }

    public func chapter(_ id: String) -> Chapter? { chapters.first { $0.id == id } }
    public func lab(_ id: String) -> Lab? { labs.first { $0.id == id } }

    /// The newest result for a check across all reports, with the report it came from.
    public func latestResult(for check: String) -> (result: CheckResult, report: Report)? {
        for report in reports.reversed() {
            if let result = report.results.first(where: { $0.check == check }) { return (result, report) }
        }
        return nil
    }

    /// The documents of a repository: course notes, then labs.
    public static func documentPaths(root: String) throws(SystemError) -> [String] {
        try FileSystem.glob(root + "/labs/course/*.xml") + FileSystem.glob(root + "/labs/*/lab.xml")
    }

    /// Loads everything under `root/labs/` and, when given, the reports in `reports`.
    /// Documents that cannot be read are left out; every problem is returned alongside.
    public static func load(root: String, reports reportsDirectory: String?, validator: DocumentValidator)
        throws(SystemError) -> (course: Course, problems: [XMLProblem], failed: [String])
    {
        var paths = try documentPaths(root: root)
        if let reportsDirectory { paths += try FileSystem.glob(reportsDirectory + "/*.xml") }
        var chapters: [Chapter] = [], labs: [Lab] = [], reports: [Report] = []
        var problems: [XMLProblem] = [], failed: [String] = []
        for path in paths {
            let outcome = validator.check(file: path)
            problems += outcome.problems
            switch outcome.document {
            case .chapter(let c): chapters.append(c)
            case .lab(let l): labs.append(l)
            case .report(let r): reports.append(r)
            case nil: failed.append(path)
            }
        }
        return (Course(chapters: chapters, labs: labs, reports: reports), problems, failed)
    }
}
