// Grading a class: each submission taken (HandIn), then checked in its own sandbox (Sandbox),
// several at a time (`jobs`, one per core by default), each within its time limit. The grader
// itself is one thread: it starts sandboxes, polls them, and reads what each left in its
// results folder once it has ended — never anything from inside a sandbox while it runs, and
// never the student's folder again after taking it.
import GradingProtocol
import Posix

public struct ClassGrader {
    public let lab: Lab
    public let kit: GradingKit
    /// Where the work folders go (output/.work/STUDENT).
    public let output: String
    public var jobs = 2
    public var limits = Sandbox.Limits()
    /// Only these checks are graded (the lab's checks that carry points, by default).
    public var checks: [Check]
    /// Extra manifest lines (the command line that reproduces a student's grading...).
    public var manifest: (String) -> [ManifestEntry] = { _ in [] }
    /// Keep each submission's work folder (its copied files and raw results) after its report.
    public var keepWork = false
    /// Called as each submission is done.
    public var progress: (Report) -> Void = { _ in }

    public init(lab: Lab, kit: GradingKit, output: String) {
        self.lab = lab
        self.kit = kit
        self.output = output
        checks = lab.checks.filter { $0.points > 0 }
    }

    /// One submission: the student's id and the folder their files are taken from.
    public struct Submission: Sendable {
        public let id: String
        public let folder: String
        public init(id: String, folder: String) {
            self.id = id
            self.folder = folder
        }
    }

    struct Running {
        let submission: Submission
        let pid: Int32
        let started: Int64
        let results: FileDescriptor
        let cgroup: CgroupLimit?
        let staged: StagedSubmission
        let plan: CheckPlan
        let work: String
    }

    /// Grades every submission; the reports come back in the order given.
    public func grade(_ submissions: [Submission]) throws -> [Report] {
        let handIn = try HandIn.files(of: lab, root: kit.folder + "/source")
        var probe = Sandbox(kit: kit.folder, submission: kit.folder + "/source", toolchain: kit.toolchain)
        probe.limits = limits
        if let why = probe.probe(scratch: kit.folder) {
            return submissions.map { submission in
                let report = failedReport(submission, why: why)
                progress(report)
                return report
            }
        }
        var pending = submissions[...]
        var running: [Running] = []
        var done: [String: Report] = [:]
        while !pending.isEmpty || !running.isEmpty {
            while running.count < max(1, jobs), let next = pending.first {
                pending = pending.dropFirst()
                do {
                    running.append(try start(next, handIn: handIn))
                } catch {
                    let report = failedReport(next, why: "the grader could not start this submission: \(error)")
                    done[next.id] = report
                    progress(report)
                }
            }
            var still: [Running] = []
            for job in running {
                var status = Process.wait(for: job.pid, timeoutMs: 0)
                if status == nil, MonotonicClock.nowMs() - job.started > Int64(limits.seconds) * 1000 {
                    // Killing the outer bwrap kills the box: its first process gets SIGKILL
                    // (--die-with-parent) and the kernel then ends the whole PID namespace.
                    Process.kill(job.pid, Signal.kill)
                    status = Process.wait(for: job.pid, timeoutMs: 10_000)
                }
                if status == nil { still.append(job); continue }
                let report = finish(job, handIn: handIn)
                done[job.submission.id] = report
                progress(report)
            }
            running = still
            if !running.isEmpty { sleepMs(50) }
        }
        return submissions.compactMap { done[$0.id] }
    }

    func start(_ submission: Submission, handIn: [HandInFile]) throws -> Running {
        let work = output + "/.work/" + submission.id
        try? FileSystem.remove(work)
        let staged = try StagedSubmission.stage(handIn, from: submission.folder, to: work + "/submission")
        try FileSystem.makeDirectories(work + "/results")
        let plan = makePlan()
        try FileSystem.write(plan.encoded(), to: work + "/results/plan.tsv")
        let results = try FileDescriptor.openDirectory(work + "/results")
        let cgroup = Process.userID == 0 ? CgroupLimit.create("mpmlab-\(Process.id)-\(submission.id)", limits: limits) : nil
        var sandbox = Sandbox(kit: kit.folder, submission: work + "/submission", toolchain: kit.toolchain)
        sandbox.limits = limits
        let environment = ["PATH=/usr/bin:/bin:\(kit.toolchain)/usr/bin", "HOME=/tmp", "TMPDIR=/tmp", "LANG=C.UTF-8"]
        let command = try sandbox.command(Sandbox.kitMount + "/bin/mpmlab", ["supervise"], environment: environment, cgroup: cgroup)
        do {
            let pid = try Process.spawn(command.path, command.arguments,
                                        SpawnOptions(outputPath: work + "/sandbox.log", passing: [ResultFiles.descriptor: results.rawValue]))
            return Running(submission: submission, pid: pid, started: MonotonicClock.nowMs(), results: results,
                           cgroup: cgroup, staged: staged, plan: plan, work: work)
        } catch {
            results.close()
            cgroup?.remove()
            throw error
        }
    }

    /// The plan every sandbox of this lab follows (paths as seen inside the box).
    func makePlan() -> CheckPlan {
        var plan = CheckPlan(bundle: kit.bundleInside)
        let names = Grader.testNames(of: checks)
        (plan.xctestTests, plan.swiftTestingTests) = CheckPlan.split(names, xctestList: kit.xctestList)
        plan.studentCodeTests = Self.studentCodeTests(of: lab)
        let module = "/tmp/module/libLabExercises.so", starterModule = "/tmp/module-starter/libLabExercises.so"
        plan.environment = ["MPMLAB_ROOT=" + kit.sourceInside, "MPMLAB_SUBMISSION=" + Sandbox.submissionMount,
                            "MPMD=" + Sandbox.kitMount + "/bin/mpmd", "MPMLAB_LABRUN=" + Sandbox.kitMount + "/bin/labrun",
                            "MPMLAB_EXERCISE_MODULE=" + module, "MPMLAB_STARTER_MODULE=" + starterModule]
        plan.phaseTimeoutMs = max(60_000, (limits.seconds - 240) / 2 * 1000)
        plan.module = CheckPlan.ModuleBuild(kitSources: kit.sourceInside + "/" + HandIn.exerciseSources,
                                            studentFiles: Sandbox.submissionMount, workFolder: "/tmp/module/src",
                                            output: module, starterOutput: starterModule, swiftc: kit.swiftc)
        return plan
    }

    /// The tests of the code exercises' checks: those that run the student's code.
    public static func studentCodeTests(of lab: Lab) -> Set<TestName> {
        Set(lab.exercises.filter { $0.kind == .code }.flatMap(\.checks).compactMap { TestName($0.test) })
    }

    func finish(_ job: Running, handIn: [HandInFile]) -> Report {
        job.results.close()
        job.cgroup?.remove()
        let run = RunResults.read(folder: job.work + "/results", plan: job.plan)
        // From the grader's own copy of the files, before it goes: the student's folder is never
        // read again.
        let configuration = GradingManifest.configuration(lab: lab, kitSource: kit.folder + "/source", submission: job.work + "/submission")
        // What bwrap said when the box ended before its supervisor recorded anything.
        let log = job.work + "/sandbox.log"
        let said = run.phases.isEmpty && ((try? FileSystem.status(log))?.size ?? 0) < 1 << 20
            ? ((try? FileSystem.readText(log)) ?? "").suffixLines(8).trimmingWhitespace() : ""
        // What the sandbox wrote is read; its bulk (consoles a student's code can fill) goes.
        if !keepWork { try? FileSystem.remove(job.work) }
        let results = Grader.results(for: lab, checks: checks, run: run, plan: job.plan, staged: job.staged, handIn: handIn)
        var report = Report(lab: lab.id, date: ISODate.utc(WallClock.now()), studentID: job.submission.id,
                            studentName: job.submission.id, toolchain: kit.toolchainVersion, results: results)
        report.submission = job.staged
        report.buildFailure = run.buildFailure
        if run.phases.isEmpty {
            report.gradingError = "the sandbox ended before any check ran" + (said.isEmpty ? "" : ": " + said)
        }
        report.manifest = manifestEntries(for: job.submission, started: job.started, cgroup: job.cgroup, configuration: configuration)
        return report
    }

    /// The rerun manifest: what the kit was, where it ran, what the student's configuration
    /// starts, and what the caller adds (the command line that reproduces this grading).
    func manifestEntries(for submission: Submission, started: Int64?, cgroup: CgroupLimit?, configuration: [ManifestEntry]) -> [ManifestEntry] {
        var entries = [ManifestEntry("kit-commit", kit.commit), ManifestEntry("toolchain", kit.toolchainVersion),
                       ManifestEntry("kernel", Machine.kernel)] + configuration
        entries.append(ManifestEntry("sandbox", limitsDescription(cgroup)))
        if let started { entries.append(ManifestEntry("duration-seconds", "\((MonotonicClock.nowMs() - started) / 1000)")) }
        return entries + manifest(submission.id)
    }

    func limitsDescription(_ cgroup: CgroupLimit?) -> String {
        "bwrap (user, pid, net, ipc, uts, mount namespaces), \(limits.seconds) s, \(limits.processes) processes, "
            + "\(limits.memoryBytes >> 20) MiB memory (\(cgroup == nil ? "rlimits" : "cgroup")), \(limits.fileBytes >> 20) MiB per file"
    }

    /// A submission nothing could be judged on: every check an error saying why.
    func failedReport(_ submission: Submission, why: String) -> Report {
        let results = checks.map { CheckResult(check: $0.id, status: .error, earned: 0, possible: Double($0.points), message: why) }
        var report = Report(lab: lab.id, date: ISODate.utc(WallClock.now()), studentID: submission.id, studentName: submission.id,
                            toolchain: kit.toolchainVersion, results: results)
        report.gradingError = why
        report.manifest = manifestEntries(for: submission, started: nil, cgroup: nil, configuration: [])
        return report
    }
}

enum Machine {
    /// `uname -r`, from /proc.
    static var kernel: String {
        ((try? FileSystem.readText("/proc/sys/kernel/osrelease")) ?? "unknown").trimmingWhitespace()
    }
}
