// `mpmlab check N [--lang fr|en] [--report FILE]`: runs exactly lab N's checks and grades them.
//
// How the results are read (measured on Swift 6.3.1; see LabKit's TestResultReaders.swift):
// `swift test --skip-build --xunit-output FILE --filter …` with one anchored filter per check.
// Swift Testing's verdicts come from its xUnit XML file; XCTest's from its console lines (it
// writes xUnit only under --parallel, which would run the timing-sensitive scenarios at once).
// Every check's test must then appear in those results: a filter that matches nothing exits 0,
// so a test that did not run is an error, never a pass.
import ArgumentParser
import LabKit
import Posix
import XML

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run a lab's checks: each check's result, points and feedback, then the score.",
        discussion: """
            Builds the tests (unless --skip-build), runs the lab's checks with swift test, prints each \
            check with its feedback in the chosen language, writes a report (reports/NN-slug.xml unless \
            --report says otherwise) and exits 1 when a check did not pass.
            """
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: "The lab's number.")
    var number: Int

    @Option(help: ArgumentHelp("Where to write the report (valid against labs/schema/report.rng).", valueName: "FILE"))
    var report: String?

    @Option(help: ArgumentHelp("The folder holding the student's files (default: the lab's folder).", valueName: "DIR"))
    var submission: String?

    @Option(help: "The student's id in the report (default: $USER).")
    var student: String?

    @Option(help: ArgumentHelp("Also write Gradescope's results.json to FILE (e.g. /autograder/results/results.json).", valueName: "FILE"))
    var gradescope: String?

    @Flag(help: "Do not build the tests first (they must be built already).")
    var skipBuild = false

    func run() throws {
        let root = try options.repositoryRoot()
        let language = try options.language()
        let lab = try LabLoading.lab(number, root: root)
        let names = Grader.testNames(of: lab)
        let runner = TestRunner(root: root, submission: submission.map { FileSystem.resolve($0, relativeTo: FileSystem.currentDirectory()) })
        if !skipBuild {
            print(language == .fr ? "Construction des tests…" : "Building the tests…")
            try runner.build()
        }
        print(language == .fr ? "Lab \(lab.number) : \(lab.checks.count) vérifications, sur un vrai mpmd…"
                              : "Lab \(lab.number): \(lab.checks.count) checks, on a real mpmd…")
        let run = try runner.run(names)
        let results = Grader.results(for: lab, outcomes: run.outcomes, measures: run.measures)
        print(CheckSummary.render(lab, results: results, language: language), terminator: "")

        let id = Self.reportID(student ?? Process.environment("USER") ?? "student")
        let document = Report(lab: lab.id, date: ISODate.utc(WallClock.now()), studentID: id, studentName: id,
                              toolchain: run.toolchain, results: results)
        let path = report ?? LabDirectory.latestReportPath(root: root, lab: lab.id)
        try FileSystem.makeDirectories(FileSystem.dirname(of: path))
        try FileSystem.write(document.xml(), to: path)
        print(language == .fr ? "Rapport : \(path)" : "Report: \(path)")
        if let gradescope {
            try FileSystem.write(GradebookExport.gradescope(document, lab: lab, language: language), to: gradescope)
        }
        if results.contains(where: { $0.status != .pass }) { throw ExitCode(1) }
    }

    /// A student id the report schema accepts (letters, digits, `._-`).
    static func reportID(_ text: String) -> String {
        let kept = String(text.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
        guard let first = kept.first, first.isLetter || first.isNumber else { return "student" + kept }
        return kept
    }
}
