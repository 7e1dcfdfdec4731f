// `mpmlab grade N --submissions DIR [--out DIR]`: grades a class. Each folder of DIR is one
// student's submission (its name is the student's id) holding the lab's files; the lab's
// checks run once per student against those files. A lab with a code exercise is graded on
// the student's code, not the repository's reference solution: the checks run in a starter kit
// (solution regions stripped) over which each student's Swift files — any file of the
// submission named like one in Sources/LabExercises — are laid, then rebuilt (incrementally). Written to OUT (default
// reports/NN-slug-grades/): a report per student (ID.xml), Gradescope's results.json shape per
// student (ID.results.json), and grades.csv with one row per student. A student whose run
// fails outright gets every check as an error, and the others are still graded.
import ArgumentParser
import LabKit
import Posix

struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade every submission of a lab: reports, Gradescope results and a CSV gradebook."
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: "The lab's number.")
    var number: Int

    @Option(help: ArgumentHelp("A folder holding one folder per student.", valueName: "DIR"))
    var submissions: String

    @Option(help: ArgumentHelp("Where to write the reports and the gradebook.", valueName: "DIR"))
    var out: String?

    @Flag(help: "Do not build the tests first (they must be built already).")
    var skipBuild = false

    func validate() throws {
        guard FileSystem.isDirectory(submissions) else { throw ValidationError("--submissions \(submissions): no such folder") }
    }

    func run() throws {
        let root = try options.repositoryRoot()
        let language = try options.language()
        let lab = try LabLoading.lab(number, root: root)
        let here = FileSystem.currentDirectory()
        let folder = FileSystem.resolve(submissions, relativeTo: here)
        let output = out.map { FileSystem.resolve($0, relativeTo: here) } ?? root + "/reports/" + lab.id + "-grades"
        try FileSystem.makeDirectories(output)
        let students = try FileSystem.list(folder).sorted().filter { !$0.hasPrefix(".") && FileSystem.isDirectory(folder + "/" + $0) }
        let codeKit = try lab.exercises.contains { $0.kind == .code } ? CodeKit(root: root, in: output) : nil
        if !skipBuild && codeKit == nil { try TestRunner(root: root, submission: nil).build() }

        var reports: [Report] = []
        for student in students {
            let runner = TestRunner(root: codeKit?.root ?? root, submission: folder + "/" + student)
            let results: [CheckResult], toolchain: String
            do {
                if let codeKit {
                    try codeKit.install(from: folder + "/" + student)
                    try runner.build()
                }
                let run = try runner.run(Grader.testNames(of: lab))
                results = Grader.results(for: lab, outcomes: run.outcomes, measures: run.measures)
                toolchain = run.toolchain
            } catch {
                results = lab.checks.map { CheckResult(check: $0.id, status: .error, earned: 0, possible: Double($0.points), message: "\(error)") }
                toolchain = "swift test"
            }
            let id = CheckCommand.reportID(student)
            let report = Report(lab: lab.id, date: ISODate.utc(WallClock.now()), studentID: id, studentName: student,
                                toolchain: toolchain, results: results)
            try FileSystem.write(report.xml(), to: output + "/" + id + ".xml")
            try FileSystem.write(GradebookExport.gradescope(report, lab: lab, language: language), to: output + "/" + id + ".results.json")
            reports.append(report)
            print("\(id)  \(ListCommand.format(report.earned))/\(ListCommand.format(report.possible))")
        }
        // The kit and its build (several hundred MB) are scaffolding, not results.
        if let codeKit { try? FileSystem.remove(codeKit.root) }
        try FileSystem.write(GradebookExport.csv(reports, checks: lab.checks.map(\.id)), to: output + "/grades.csv")
        print("\(reports.count) submission\(reports.count == 1 ? "" : "s") graded: \(output)/grades.csv")
    }
}

/// The starter kit a code exercise is graded in, and the exercise files it resets and replaces
/// for each student.
struct CodeKit {
    let root: String
    /// Sources/LabExercises file name -> its starter text (solution regions stripped).
    let starters: [String: [UInt8]]
    static let folder = "Sources/LabExercises"

    init(root repository: String, in output: String) throws {
        root = output + "/kit"
        try? FileSystem.remove(root)
        _ = try StarterKit.write(from: repository, to: root)
        var starters: [String: [UInt8]] = [:]
        for name in try FileSystem.list(root + "/" + Self.folder) where name.hasSuffix(".swift") {
            starters[name] = try FileSystem.readBytes(root + "/" + Self.folder + "/" + name)
        }
        self.starters = starters
    }

    /// Puts back every starter file, then lays the student's versions over them: a file the
    /// student did not hand in stays the starter, whose checks fail.
    func install(from submission: String) throws {
        for (name, bytes) in starters {
            let student = submission + "/" + name
            let text = FileSystem.exists(student) ? try FileSystem.readBytes(student) : bytes
            try FileSystem.write(text, to: root + "/" + Self.folder + "/" + name)
        }
    }
}
