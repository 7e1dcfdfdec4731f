// The "measurements" exercise: the student's labs/04-sizing/answers.txt, each answer compared
// with what a running server shows in the same experiment, with the lab's own configuration,
// never with a number written here. Memory and time vary from run to run, so every answer is
// accepted within a stated tolerance. Memory answers are USS, private to the process, which
// other servers running meanwhile cannot change (a PSS could: shared pages are divided among
// every process mapping them).
import HTTP
import LabCheckKit
import Posix
import ServerHarness
import Testing

/// The questions of lab 4, as answers.txt spells them.
let lab4Questions = [
    AnswerSpec("child_uss_kb", .integer),
    AnswerSpec("thread_cost_kb", .integer),
    AnswerSpec("prefork_new_client_wait_ms", .integer),
]

@Suite("Lab 4: the measurements exercise (answers.txt)", .serialized)
struct AnswerChecks {
    static func answers() -> AnswersFile { AnswersFile.read(labFiles.answersPath, expecting: lab4Questions) }

    static func record(_ why: String?, sourceLocation: SourceLocation = #_sourceLocation) {
        if let why { Issue.record(Comment(rawValue: why), sourceLocation: sourceLocation) }
    }

    /// sizing.answers-file
    @Test("answers.txt exists, reads without error and answers every question")
    func answersFileIsComplete() {
        let file = Self.answers()
        #expect(file.problems.isEmpty, "\(file.problems.joined(separator: "\n"))")
        #expect(file.unanswered.isEmpty, "not answered yet: \(file.unanswered.joined(separator: ", "))")
    }

    /// sizing.answer-child-uss
    @Test("The answer to \"child_uss_kb\" is a prefork child's USS with lab.conf after eight requests, within 50 %")
    func childUSS() throws {
        let server = try TestServer.lab("prefork", "")
        defer { server.stop() }
        _ = waitUntil(timeoutMs: 5000) { server.children().count == 4 }
        for _ in 0..<8 { _ = try server.get("/lab/whoami") }
        let uss = server.children().compactMap { Memory.of($0)?.uss }
        guard !uss.isEmpty else { throw SetupError("cannot read a child's /proc/PID/smaps_rollup") }
        Self.record(Self.answers().mismatch("child_uss_kb", near: uss.reduce(0, +) / uss.count, fraction: 0.5))
    }

    /// sizing.answer-thread-cost
    @Test("The answer to \"thread_cost_kb\" is (USS with 24 threads - USS with 4) / 20 of one worker child, within 50 %")
    func threadCost() throws {
        let few = try MemoryChecks.workerChildUSS(threads: 4)
        let many = try MemoryChecks.workerChildUSS(threads: 24)
        Self.record(Self.answers().mismatch("thread_cost_kb", near: (many - few) / 20, fraction: 0.5, floor: 10))
    }

    /// sizing.answer-prefork-wait
    @Test("The answer to \"prefork_new_client_wait_ms\" is a new client's wait under prefork beside two idle clients, within 30 %")
    func preforkWaitBesideIdleClients() throws {
        let server = try TestServer.lab("prefork", """
            KeepAliveTimeout 2
            StartServers 2
            MinSpareServers 1
            MaxSpareServers 2
            ServerLimit 2
            MaxRequestWorkers 2
            """)
        defer { server.stop() }
        _ = waitUntil(timeoutMs: 5000) { server.children().count == 2 }
        let idle = try (0..<2).map { _ -> HTTPConnection in
            let c = try server.connect()
            _ = try c.request("/")
            return c
        }
        // The step's command opens the idle clients, then waits 0.2 s before the new one.
        sleepMs(200)
        let start = MonotonicClock.nowMs()
        _ = try server.get("/", timeoutMs: 15_000)
        _ = idle
        Self.record(Self.answers().mismatch("prefork_new_client_wait_ms", near: Int(MonotonicClock.nowMs() - start), fraction: 0.3, floor: 300))
    }
}
