// `mpmlab starter --out DIR [--verify]`: writes the students' copy of the repository (each lab's
// starter/ files in place of the solutions, solution regions stripped from Swift sources).
// `--verify` then proves the kit is a real starting point: every check of an exercise whose
// files the kit replaced must FAIL on it — a check that passes on an empty starter grades
// nothing. The kit is graded in the same sandbox as a class, as an empty submission.
import ArgumentParser
import LabKit
import Posix

struct StarterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "starter",
        abstract: "Write the students' starter kit, and optionally verify that its graded checks fail."
    )

    @OptionGroup var options: CommonOptions

    @Option(help: ArgumentHelp("The folder to create.", valueName: "DIR"))
    var out: String

    @Flag(help: "Run the graded checks on the kit: each must fail.")
    var verify = false

    @Flag(help: "With --verify: do not build first (the package must be built already).")
    var skipBuild = false

    func run() throws {
        let root = try options.repositoryRoot()
        let destination = FileSystem.resolve(out, relativeTo: FileSystem.currentDirectory())
        let kit = try StarterKit.write(from: root, to: destination)
        print("Starter kit written to \(destination)")
        for path in kit.replaced { print("  replaced  \(path)") }
        for path in kit.stripped { print("  stripped  \(path)") }
        guard verify else { return }

        // The kit is the starting point: an empty submission, graded against it, must earn
        // nothing on any lab (every check that carries points fails).
        if !skipBuild { try LocalChecks(root: root, submission: nil).build() }
        let scratch = try FileSystem.makeTemporaryDirectory(prefix: "mpmlab-starter")
        defer { try? FileSystem.remove(scratch) }
        let kitForGrading = try GradingKit.prepare(repository: root, products: root + "/.build/debug", folder: scratch + "/kit")
        var problems = 0
        for lab in try LabLoading.all(root: root) {
            let candidates = try CheckValidation.candidates(of: lab, root: root, scratch: scratch + "/" + lab.id, includeMutants: false)
            guard let starter = candidates.first(where: { $0.kind == .starter }) else { continue }
            var grader = ClassGrader(lab: lab, kit: kitForGrading, output: scratch + "/out-" + lab.id)
            grader.jobs = Process.processorCount
            guard let report = try grader.grade([ClassGrader.Submission(id: "starter", folder: starter.folder)]).first else { continue }
            print("Lab \(lab.number) (\(lab.id)):")
            for result in report.results {
                let ok = result.status != .pass && result.earned == 0
                if !ok { problems += 1 }
                print("  \(ok ? "fails, as it must" : "PASSES on the starter")  \(result.check)")
            }
        }
        if problems > 0 {
            print("\(problems) graded check\(problems == 1 ? "" : "s") did not fail on the starter kit")
            throw ExitCode(1)
        }
        print("Every graded check fails on the starter kit.")
    }
}
