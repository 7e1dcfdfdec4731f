// Runs a CheckPlan: build the student's exercise module (if any), then the XCTest checks, then
// the Swift Testing checks — each phase a separate process with a deadline, its console saved
// for people, its verdicts written by the test bundle into the results folder. Inside a
// grading sandbox this runs as the sandbox's first process (PID 1 of its PID namespace, see
// SuperviseCommand): between phases it kills every other process there, so nothing a student's
// code started in one phase lives on into the next — or past the end of grading.
import GradingProtocol
import Posix

public struct CheckSession {
    public let plan: CheckPlan
    /// The results folder as this process reaches it (/proc/self/fd/3 inside a sandbox).
    public let results: String
    /// True inside a sandbox's PID namespace, where this process is PID 1.
    public let sandboxed: Bool

    public init(plan: CheckPlan, results: String, sandboxed: Bool) {
        self.plan = plan
        self.results = results
        self.sandboxed = sandboxed
    }

    public func run() {
        if sandboxed { Confinement.makeUndumpable() }
        if let module = plan.module {
            // The kit's own module, for every check that does not judge the student's code,
            // then the student's; if theirs does not compile, only their code's checks fail.
            var starter = module
            starter.studentFiles = module.workFolder + "/no-student-files"
            starter.workFolder = module.workFolder + "-starter"
            starter.output = module.starterOutput
            record(PhaseLine(phase: "build-starter", outcome: build(starter, log: "build-starter.log")))
            record(PhaseLine(phase: "build", outcome: build(module, log: ResultFiles.buildLog)))
            cleanUp()
        }
        for phase in plan.phases {
            let arguments: [String]
            if phase.xctest {
                arguments = [phase.tests.map { "\($0.target).\($0.suite)/\($0.function)" }.joined(separator: ",")]
            } else {
                // One xUnit file per phase: the grader reads them all.
                arguments = ["--testing-library", "swift-testing", "--xunit-output", results + "/" + phase.name + ".xml"]
                    + Grader.filters(for: phase.tests).flatMap { ["--filter", $0] }
            }
            record(PhaseLine(phase: phase.name, outcome: runPhase(arguments, log: phase.name + ".log")))
            cleanUp()
        }
    }

    /// `exited N`, `signal N` or `timeout`.
    static func outcome(_ status: ExitStatus?) -> String {
        switch status {
        case .exited(let code)?: "exited \(code)"
        case .signaled(let sig, _)?: "signal \(sig)"
        case nil: "timeout"
        }
    }

    func build(_ m: CheckPlan.ModuleBuild, log name: String) -> String {
        let log = results + "/" + name
        do {
            try FileSystem.makeDirectories(m.workFolder)
            var sources: [String] = []
            for name in try FileSystem.list(m.kitSources).sorted() where name.hasSuffix(".swift") {
                let student = m.studentFiles + "/" + name
                let chosen = FileSystem.exists(student) && !FileSystem.isDirectory(student) ? student : m.kitSources + "/" + name
                try FileSystem.write(try FileSystem.readBytes(chosen), to: m.workFolder + "/" + name)
                sources.append(m.workFolder + "/" + name)
            }
            try FileSystem.makeDirectories(FileSystem.dirname(of: m.output))
            let arguments = ["-emit-library", "-module-name", "LabExercises", "-parse-as-library", "-Onone",
                             "-module-cache-path", m.workFolder + "/module-cache"] + sources + ["-o", m.output]
            let pid = try Process.spawn(m.swiftc, arguments, SpawnOptions(outputPath: log, environment: baseEnvironment()))
            return Self.outcome(waitOrKill(pid, timeoutMs: m.timeoutMs))
        } catch {
            try? FileSystem.write("\(error)\n", to: log)
            return "exited 127"
        }
    }

    func runPhase(_ arguments: [String], log: String) -> String {
        let options = SpawnOptions(outputPath: results + "/" + log, passing: sandboxed ? [ResultFiles.descriptor: ResultFiles.descriptor] : [:],
                                   environment: baseEnvironment() + plan.environment + [ResultFiles.environmentKey + "=" + results])
        do {
            let pid = try Process.spawn(plan.bundle, arguments, options)
            return Self.outcome(waitOrKill(pid, timeoutMs: plan.phaseTimeoutMs))
        } catch {
            return "exited 127"
        }
    }

    func waitOrKill(_ pid: Int32, timeoutMs: Int) -> ExitStatus? {
        if let status = Process.wait(for: pid, timeoutMs: timeoutMs) { return status }
        Process.kill(pid, Signal.kill)
        _ = Process.wait(for: pid, timeoutMs: 5000)
        return nil
    }

    /// Inside the sandbox: every process but this one is killed and reaped, so the next phase
    /// (and the grader, once this process exits) starts with nothing of the student's left.
    func cleanUp() {
        guard sandboxed else { return }
        precondition(Process.id == 1, "killing every other process is only safe as PID 1 of a sandbox")
        Confinement.killAllOthers()
        while let _ = try? Process.reapAny() {}
        // Children killed just now may still be exiting: reap until none is left.
        let deadline = MonotonicClock.nowMs() + 5000
        while MonotonicClock.nowMs() < deadline, Process.hasChildren() {
            _ = try? Process.reapAny()
            sleepMs(5)
        }
    }

    func record(_ line: PhaseLine) {
        guard let fd = try? FileDescriptor.openForAppend(results + "/" + ResultFiles.phases) else { return }
        defer { fd.close() }
        try? fd.writeAll(Array(line.line.utf8))
    }

    /// PATH, HOME and TMPDIR: the rest of the environment is the plan's.
    func baseEnvironment() -> [String] {
        ["PATH", "HOME", "TMPDIR", "LANG"].compactMap { name in Process.environment(name).map { name + "=" + $0 } }
    }
}
