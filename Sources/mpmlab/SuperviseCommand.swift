// `mpmlab supervise`: the first process of a grading sandbox (PID 1 of its PID namespace),
// started by `mpmlab grade`. It reads the plan the grader left in the results folder
// (descriptor 3, never mounted, so out of the students' reach), makes itself non-dumpable, and
// runs the CheckSession: build the student's module, run the checks, kill whatever the
// student's code left between phases. Not for people: it refuses to run anywhere else.
import ArgumentParser
import GradingProtocol
import LabKit
import Posix

struct SuperviseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supervise",
        abstract: "Run a grading plan as the first process of a sandbox (used by mpmlab grade).",
        shouldDisplay: false
    )

    func run() throws {
        guard Process.id == 1 else {
            throw ValidationError("mpmlab supervise runs only as the first process of a grading sandbox (mpmlab grade starts it)")
        }
        Confinement.makeUndumpable()
        let results = ResultFiles.sandboxPath
        let plan = try CheckPlan(decoding: FileSystem.readText(results + "/plan.tsv"))
        CheckSession(plan: plan, results: results, sandboxed: true).run()
    }
}
