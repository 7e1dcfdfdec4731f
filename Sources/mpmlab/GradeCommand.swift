// `mpmlab grade N --submissions DIR [--out DIR] [--jobs N] [--only STUDENT]`: grades a class.
// Each folder of DIR is one student's submission (its name is the student's id). Every
// submission is copied once (HandIn) and checked in its own sandbox (Sandbox, ClassGrader)
// against a kit built once from this repository with the solutions taken out: the student's
// exercise files are compiled into their own module there, and nothing they do can reach the
// grader's files, the other submissions or the network. Written to OUT (default
// reports/NN-slug-grades/), all from the same reports (Gradebook): per student the report
// (ID.xml) and what Gradescope, PrairieLearn and GitHub Classroom read; for the class
// grades.csv and junit.xml. `--only` regrades one student and updates those in place. Each
// report's manifest ends with the command line that reproduces that student's grading.
import ArgumentParser
import LabKit
import Posix

struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade every submission of a lab, each in its own sandbox: reports, platform results, grades.csv and junit.xml."
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: "The lab's number.")
    var number: Int

    @Option(help: ArgumentHelp("A folder holding one folder per student.", valueName: "DIR"))
    var submissions: String

    @Option(help: ArgumentHelp("Where to write the reports and the gradebook.", valueName: "DIR"))
    var out: String?

    @Option(help: ArgumentHelp("Regrade this student only and update the gradebook in place.", valueName: "STUDENT"))
    var only: String?

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
        let real = FileSystem.realPath(folder) ?? folder
        for part in GradingKit.sourceParts where (real + "/").hasPrefix(root + "/" + part + "/") {
            throw ValidationError("--submissions \(folder) is inside \(part)/, which every sandbox sees: keep the class elsewhere")
        }
        let students = try FileSystem.list(folder).sorted().filter { !$0.hasPrefix(".") && FileSystem.isDirectory(folder + "/" + $0) }
        // Ids are the folder names cut down to what a report accepts; two folders that cut down
        // to the same id keep apart with a number (given over the whole class, so that --only
        // names the same student as the full grading did).
        var taken: Set<String> = []
        var submissions = students.map { name -> ClassGrader.Submission in
            var id = CheckCommand.reportID(name), n = 2
            while taken.contains(id) { id = CheckCommand.reportID(name) + "-\(n)"; n += 1 }
            taken.insert(id)
            return ClassGrader.Submission(id: id, folder: folder + "/" + name)
        }
        if let only {
            submissions = submissions.filter { $0.id == only }
            guard !submissions.isEmpty else { throw ValidationError("--only \(only): no folder of \(folder) is that student's") }
        }
        try FileSystem.makeDirectories(output)
        if !skipBuild { try LocalChecks(root: root, submission: nil).build() }
        let kit = try GradingKit.prepare(repository: root, products: root + "/.build/debug", folder: output + "/.kit")
        defer {
            try? FileSystem.remove(kit.folder)
            if !keepWork { try? FileSystem.remove(output + "/.work") }
        }

        var grader = ClassGrader(lab: lab, kit: kit, output: output)
        grader.keepWork = keepWork
        // A copy without the hidden checks' tests (a student's repository) cannot grade them.
        let availability = CheckAvailability.of(grader.checks, root: root)
        grader.checks = availability.runnable
        if !availability.notInThisCopy.isEmpty {
            let points = availability.pointsNotInThisCopy
            print("Not graded here, their tests are not in this copy: hidden checks worth \(points) point\(points == 1 ? "" : "s"), "
                  + availability.notInThisCopy.map(\.id).joined(separator: ", "))
        }
        grader.jobs = jobs ?? Process.processorCount
        grader.limits.seconds = timeLimit
        let leftOut = availability.notInThisCopy.isEmpty ? [] : [ManifestEntry(ResultText.notGradedHere,
            availability.notInThisCopy.map { "\($0.id) (\($0.points))" }.joined(separator: ", "))]
        grader.manifest = { id in leftOut + [ManifestEntry("rerun", rerunCommand(root: root, submissions: folder, student: id, output: output,
                                                                                    language: language))] }
        let gradebook = Gradebook(folder: output, lab: lab, language: language, checks: grader.checks.map(\.id))
        // Each student's files are written as soon as their submission is done: if the grader
        // dies later (killed, out of memory), the reports already made are not lost with it.
        var unwritten: [String] = []
        grader.progress = { report in
            print("\(report.studentID)  \(ListCommand.format(report.earned))/\(ListCommand.format(report.possible))"
                  + (report.gradingError.map { "  not graded: " + $0 } ?? ""))
            do {
                try gradebook.write(report)
            } catch {
                print("\(report.studentID): the report could not be written: \(error)")
                unwritten.append(report.studentID)
            }
        }
        let reports = try grader.grade(submissions)
        if !unwritten.isEmpty { throw ValidationError("reports not written: \(unwritten.joined(separator: ", "))") }
        if only != nil, let report = reports.first {
            let unreadable = try gradebook.update(with: report)
            if !unreadable.isEmpty { print("left out of the gradebook (their report cannot be read): " + unreadable.joined(separator: ", ")) }
            print("\(report.studentID) regraded: \(output)/\(Gradebook.csvFile) and \(Gradebook.junitFile) updated")
            return
        }
        try gradebook.writeClass(reports)
        print("\(reports.count) submission\(reports.count == 1 ? "" : "s") graded: \(output)/\(Gradebook.csvFile), \(Gradebook.junitFile)")
    }

    /// The command line that grades `student` again exactly as now: same kit, same limits,
    /// same language, the gradebook updated in place.
    func rerunCommand(root: String, submissions: String, student: String, output: String, language: Language) -> String {
        let program = FileSystem.realPath(Process.executablePath()) ?? "mpmlab"
        return ([program, "grade", "\(number)", "--root", root, "--submissions", submissions, "--only", student, "--out", output,
                 "--time-limit", "\(timeLimit)", "--lang", language.rawValue] + (skipBuild ? ["--skip-build"] : []))
            .map(Shell.quoted).joined(separator: " ")
    }
}

enum Shell {
    /// `text` as one shell word: as is when it is plain, else in single quotes.
    static func quoted(_ text: String) -> String {
        let plain = !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/._-=:,+@%".contains($0)) }
        return plain ? text : "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
