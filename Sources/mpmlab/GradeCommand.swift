// `mpmlab grade N --submissions DIR [--out DIR] [--jobs N]`: grades a class. Each folder of DIR
// is one student's submission (its name is the student's id). Every submission is copied once
// (HandIn) and checked in its own sandbox (Sandbox, ClassGrader) against a kit built once
// from this repository with the solutions taken out: the student's exercise files are
// compiled into their own module there, and nothing they do can reach the grader's files,
// the other submissions or the network. Written to OUT (default reports/NN-slug-grades/): a
// report per student (ID.xml), Gradescope's results.json shape per student (ID.results.json)
// and grades.csv, one row per student.
import ArgumentParser
import LabKit
import Posix

struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade every submission of a lab, each in its own sandbox: reports, Gradescope results and a CSV gradebook."
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: "The lab's number.")
    var number: Int

    @Option(help: ArgumentHelp("A folder holding one folder per student.", valueName: "DIR"))
    var submissions: String

    @Option(help: ArgumentHelp("Where to write the reports and the gradebook.", valueName: "DIR"))
    var out: String?

    @Option(help: "How many submissions to check at once (default: one per processor).")
    var jobs: Int?

    @Option(help: "The time one submission may take, in seconds.")
    var timeLimit: Int = 1200

    @Flag(help: "Do not build first (the package must be built already).")
    var skipBuild = false

    @Flag(help: "Keep each submission's work folder (OUT/.work/ID: the copied files and the raw results).")
    var keepWork = false

    func validate() throws {
        guard FileSystem.isDirectory(submissions) else { throw ValidationError("--submissions \(submissions): no such folder") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        guard timeLimit >= 60 else { throw ValidationError("--time-limit must be at least 60 seconds") }
    }

    func run() throws {
        let root = try options.repositoryRoot()
        let language = try options.language()
        let lab = try LabLoading.lab(number, root: root)
        let here = FileSystem.currentDirectory()
        let folder = FileSystem.resolve(submissions, relativeTo: here)
        let output = out.map { FileSystem.resolve($0, relativeTo: here) } ?? root + "/reports/" + lab.id + "-grades"
        try FileSystem.makeDirectories(output)
        let real = FileSystem.realPath(folder) ?? folder
        for part in GradingKit.sourceParts where (real + "/").hasPrefix(root + "/" + part + "/") {
            throw ValidationError("--submissions \(folder) is inside \(part)/, which every sandbox sees: keep the class elsewhere")
        }
        let students = try FileSystem.list(folder).sorted().filter { !$0.hasPrefix(".") && FileSystem.isDirectory(folder + "/" + $0) }
        if !skipBuild { try LocalChecks(root: root, submission: nil).build() }
        let kit = try GradingKit.prepare(repository: root, products: root + "/.build/debug", folder: output + "/.kit")
        defer {
            try? FileSystem.remove(kit.folder)
            if !keepWork { try? FileSystem.remove(output + "/.work") }
        }

        var grader = ClassGrader(lab: lab, kit: kit, output: output)
        grader.keepWork = keepWork
        grader.jobs = jobs ?? Process.processorCount
        grader.limits.seconds = timeLimit
        // Each report is written as soon as its submission is done: if the grader dies later
        // (killed, out of memory), the reports already made are not lost with it.
        var unwritten: [String] = []
        grader.progress = { report in
            print("\(report.studentID)  \(ListCommand.format(report.earned))/\(ListCommand.format(report.possible))")
            do {
                try FileSystem.write(report.xml(), to: output + "/" + report.studentID + ".xml")
                try FileSystem.write(GradebookExport.gradescope(report, lab: lab, language: language),
                                     to: output + "/" + report.studentID + ".results.json")
            } catch {
                print("\(report.studentID): the report could not be written: \(error)")
                unwritten.append(report.studentID)
            }
        }
        // Ids are the folder names cut down to what a report accepts; two folders that cut down
        // to the same id keep apart with a number.
        var taken: Set<String> = []
        let submissions = students.map { name -> ClassGrader.Submission in
            var id = CheckCommand.reportID(name), n = 2
            while taken.contains(id) { id = CheckCommand.reportID(name) + "-\(n)"; n += 1 }
            taken.insert(id)
            return ClassGrader.Submission(id: id, folder: folder + "/" + name)
        }
        let reports = try grader.grade(submissions)
        try FileSystem.write(GradebookExport.csv(reports, checks: grader.checks.map(\.id)), to: output + "/grades.csv")
        print("\(reports.count) submission\(reports.count == 1 ? "" : "s") graded: \(output)/grades.csv")
        if !unwritten.isEmpty { throw ValidationError("reports not written: \(unwritten.joined(separator: ", "))") }
    }
}
