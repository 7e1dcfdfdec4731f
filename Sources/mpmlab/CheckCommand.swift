// `mpmlab check N [--lang fr|en] [--report FILE]`: runs exactly lab N's checks on this machine
// and grades them, as the grader would (see LocalChecks): verdicts come from the files the
// checks write, never from console text, and a check whose test did not run is an error,
// never a pass. Checks worth 0 points (the course's claims) run too: they show the course
// holds on this machine.
import ArgumentParser
import LabKit
import Posix
import XML

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run a lab's checks: each check's result, points and feedback, then the score.",
        discussion: """
            Builds the package (unless --skip-build), runs the lab's checks, prints each check with \
            its feedback in the chosen language, writes a report (reports/NN-slug.xml unless --report \
            says otherwise) and exits 1 when a check did not pass.
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

    @Option(help: ArgumentHelp("Also write Gradescope's results.json to FILE.", valueName: "FILE"))
    var gradescope: String?

    @Flag(help: "Do not build first (the package must be built already).")
    var skipBuild = false

    func run() throws {
        let root = try options.repositoryRoot()
        let language = try options.language()
        let lab = try LabLoading.lab(number, root: root)
        let local = LocalChecks(root: root, submission: submission.map { FileSystem.resolve($0, relativeTo: FileSystem.currentDirectory()) })
        if !skipBuild {
            print(language == .fr ? "Construction…" : "Building…")
            try local.build()
        }
        // The hidden checks' tests are not in the students' kit: those checks are graded when
        // the work is handed in, and the summary says so (with the points they carry).
        let availability = CheckAvailability.of(lab.checks, root: root)
        let count = availability.runnable.count
        print(language == .fr ? "Lab \(lab.number) : \(count) vérifications, sur un vrai mpmd…"
                              : "Lab \(lab.number): \(count) checks, on a real mpmd…")
        let (results, _) = try local.run(lab, checks: availability.runnable)
        print(CheckSummary.render(lab, results: results, language: language, notRun: availability.notInThisCopy), terminator: "")

        let id = Self.reportID(student ?? Process.environment("USER") ?? "student")
        let document = Report(lab: lab.id, date: ISODate.utc(WallClock.now()), studentID: id, studentName: id,
                              toolchain: "mpmlab check (XCTest + Swift Testing)", results: results)
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
