// `mpmlab starter --out DIR [--verify]`: writes the students' copy of the repository (each lab's
// starter/ files in place of the solutions, solution regions stripped from Swift sources).
// `--verify` then proves the kit is a real starting point: every check of an exercise whose
// files the kit replaced must FAIL on it — a check that passes on an empty starter grades
// nothing. Without stripped Swift code the kit's own code is the repository's, so its student
// files are checked with the repository's built tests; otherwise the kit is built first.
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

    @Flag(help: "With --verify: do not build the tests first (they must be built already).")
    var skipBuild = false

    func run() throws {
        let root = try options.repositoryRoot()
        let destination = FileSystem.resolve(out, relativeTo: FileSystem.currentDirectory())
        let kit = try StarterKit.write(from: root, to: destination)
        print("Starter kit written to \(destination)")
        for path in kit.replaced { print("  replaced  \(path)") }
        for path in kit.stripped { print("  stripped  \(path)") }
        guard verify else { return }

        let kitRoot = kit.stripped.isEmpty ? root : destination
        var problems = 0
        var built = skipBuild
        for lab in try LabLoading.all(root: root) {
            let graded = kit.gradedExercises(of: lab)
            guard !graded.isEmpty else { continue }
            let runner = TestRunner(root: kitRoot, submission: destination + "/labs/" + lab.id)
            if !built { try runner.build(); built = true }
            // Only the graded exercises' tests: the others need not fail, so need not run.
            let names = graded.flatMap(\.checks).compactMap { TestName($0.test) }
            let results = Grader.results(for: lab, outcomes: try runner.run(names).outcomes)
            let status = Dictionary(results.map { ($0.check, $0.status) }, uniquingKeysWith: { a, _ in a })
            print("Lab \(lab.number) (\(lab.id)):")
            for exercise in graded {
                for check in exercise.checks {
                    let result = status[check.id] ?? .error
                    let ok = result == .fail
                    if !ok { problems += 1 }
                    print("  \(ok ? "fails, as it must" : result == .pass ? "PASSES on the starter" : "did not run")  \(exercise.id)  \(check.id)")
                }
            }
        }
        if problems > 0 {
            print("\(problems) graded check\(problems == 1 ? "" : "s") did not fail on the starter kit")
            throw ExitCode(1)
        }
        print("Every graded check fails on the starter kit.")
    }
}
