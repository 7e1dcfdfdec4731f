// `mpmlab validate-checks N [--runs K]`: grades lab N's reference solution, its empty
// submission and every seeded wrong solution (labs/NN-slug/mutants/) K times, exactly as a
// class is graded (sandboxes, the kit without solutions), and fails unless the reference
// scores 100 % every run, the empty submission 0 %, and each mutant loses exactly the checks
// its `expect` file lists, every run. See CheckValidation.
import ArgumentParser
import LabKit
import Posix

struct ValidateChecksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate-checks",
        abstract: "Prove a lab's checks discriminate: reference 100 %, empty submission 0 %, each mutant loses exactly its checks."
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: "The lab's number.")
    var number: Int

    @Option(help: "How many times to grade each candidate.")
    var runs = 1

    @Option(help: "How many submissions to check at once (default: one per processor).")
    var jobs: Int?

    @Option(help: ArgumentHelp("Only these mutants (by folder name; repeatable).", valueName: "NAME"))
    var mutant: [String] = []

    @Flag(help: "Do not build first (the package must be built already).")
    var skipBuild = false

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
    }

    func run() throws {
        let root = try options.repositoryRoot()
        let lab = try LabLoading.lab(number, root: root)
        if !skipBuild { try LocalChecks(root: root, submission: nil).build() }
        let scratch = try FileSystem.makeTemporaryDirectory(prefix: "mpmlab-validate")
        defer { try? FileSystem.remove(scratch) }
        var candidates = try CheckValidation.candidates(of: lab, root: root, scratch: scratch + "/candidates")
        if !mutant.isEmpty {
            candidates = candidates.filter { $0.kind == .reference || $0.kind == .starter || mutant.contains(String($0.name.dropFirst("mutant-".count))) }
        }
        let kit = try GradingKit.prepare(repository: root, products: root + "/.build/debug", folder: scratch + "/kit")
        var grader = ClassGrader(lab: lab, kit: kit, output: scratch + "/out")
        grader.jobs = jobs ?? Process.processorCount
        let byID = Dictionary(candidates.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let submissions = (1...runs).flatMap { run in
            candidates.map { ClassGrader.Submission(id: "\($0.name).run\(run)", folder: $0.folder) }
        }
        var failures = 0
        grader.progress = { report in
            let name = String(report.studentID.prefix { $0 != "." })
            guard let candidate = byID[name] else { return }
            let problems = CheckValidation.problems(report, for: candidate)
            failures += problems.isEmpty ? 0 : 1
            let score = "\(ListCommand.format(report.earned))/\(ListCommand.format(report.possible))"
            print("\(problems.isEmpty ? "ok  " : "FAIL")  \(report.studentID)  \(score)" + problems.map { "\n      " + $0 }.joined())
        }
        _ = try grader.grade(submissions)
        let mutants = candidates.count - 2
        if failures > 0 {
            print("lab \(lab.number): \(failures) of \(submissions.count) gradings did not behave as they must")
            throw ExitCode(1)
        }
        print("lab \(lab.number): reference 100 %, empty submission 0 %, \(mutants) mutant\(mutants == 1 ? "" : "s") each losing exactly its checks — \(runs) run\(runs == 1 ? "" : "s")")
    }
}
