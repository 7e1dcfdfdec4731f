// Running a lab's checks on this machine, for `mpmlab check` and `mpmlab starter --verify`:
// the package is built with `swift build --build-tests` (which also builds the student's
// libLabExercises.so from Sources/LabExercises), then the same CheckSession the grader runs in
// its sandbox runs here directly — the student's own code on the student's own machine needs
// no box. The results are read from the same files, never from the console.
import GradingProtocol
import LabKit
import Posix

struct LocalChecks {
    let root: String
    /// The folder holding the student's student.conf and answers.txt (default: the lab's).
    let submission: String?

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    var products: String { root + "/.build/debug" }

    /// `swift build --build-tests`, its output kept in a log shown when it fails.
    func build() throws {
        let scratch = try FileSystem.makeTemporaryDirectory(prefix: "mpmlab-build")
        defer { try? FileSystem.remove(scratch) }
        guard let swift = Process.environment("MPMLAB_SWIFT") ?? Executables.onPath("swift") else {
            throw Failure(description: "no `swift` on PATH (set MPMLAB_SWIFT to the swift binary)")
        }
        let log = scratch + "/build.log"
        let pid = try Process.spawn(swift, ["build", "--build-tests", "--package-path", root], SpawnOptions(outputPath: log))
        let status = Process.wait(for: pid, timeoutMs: 1_800_000)
        guard status == .exited(0) else {
            if status == nil { Process.kill(pid, Signal.kill); _ = Process.wait(for: pid, timeoutMs: 5000) }
            let output = (try? FileSystem.readText(log)) ?? ""
            throw Failure(description: "swift build --build-tests failed (\(status.map { "\($0)" } ?? "timed out")):\n"
                          + output.split(separator: "\n", omittingEmptySubsequences: false).suffix(30).joined(separator: "\n"))
        }
    }

    /// Runs the tests of `checks` and returns their results.
    func run(_ lab: Lab, checks: [Check]) throws -> (results: [CheckResult], run: RunResults) {
        // MPMLAB_TEST_BUNDLE stands in for the built bundle (mpmlab's own tests use a script).
        let bundle = Process.environment("MPMLAB_TEST_BUNDLE") ?? products + "/" + GradingKit.bundleName
        guard FileSystem.exists(bundle) else { throw Failure(description: "\(bundle) is missing: build first (swift build --build-tests)") }
        let scratch = try FileSystem.makeTemporaryDirectory(prefix: "mpmlab-check")
        defer { try? FileSystem.remove(scratch) }
        let list = scratch + "/list"
        let lister = try Process.spawn(bundle, ["--list-tests"], SpawnOptions(outputPath: list))
        _ = Process.wait(for: lister, timeoutMs: 60_000)
        var plan = CheckPlan(bundle: bundle)
        (plan.xctestTests, plan.swiftTestingTests) = CheckPlan.split(Grader.testNames(of: checks),
                                                                    xctestList: (try? FileSystem.readText(list)) ?? "")
        plan.studentCodeTests = ClassGrader.studentCodeTests(of: lab)
        plan.environment = ["MPMLAB_ROOT=" + root] + (submission.map { ["MPMLAB_SUBMISSION=" + $0] } ?? [])
        let results = scratch + "/results"
        try FileSystem.makeDirectories(results)
        CheckSession(plan: plan, results: results, sandboxed: false).run()
        let run = RunResults.read(folder: results, plan: plan)
        return (Grader.results(for: lab, checks: checks, run: run, plan: plan), run)
    }
}

enum Executables {
    static func onPath(_ program: String) -> String? {
        let path = Process.environment("PATH") ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(program)" }.first { FileSystem.exists($0) && !FileSystem.isDirectory($0) }
    }

    /// This process's environment, `NAME=value` each.
    static func environment() -> [String] {
        guard let bytes = try? FileSystem.readBytes("/proc/self/environ") else { return [] }
        return bytes.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }
}
