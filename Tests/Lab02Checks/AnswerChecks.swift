// The "measurements" exercise: the student's labs/02-threads/answers.txt, each answer compared
// with what a running server shows in the same experiment — the lab's single child of eight
// threads — never with a number written here. Counts are compared exactly; the updates a race
// loses change from run to run, so that answer is compared within a stated tolerance.
import LabCheckKit
import Posix
import ServerHarness
import Testing

/// The questions of lab 2, as answers.txt spells them.
let lab2Questions = [
    AnswerSpec("tasks_per_child", .integer),
    AnswerSpec("requests_lost_in_crash", .integer),
    AnswerSpec("lost_updates", .integer),
]

@Suite("Lab 2: the measurements exercise (answers.txt)", .serialized)
struct AnswerChecks {
    static func answers() -> AnswersFile { AnswersFile.read(labFiles.answersPath, expecting: lab2Questions) }

    static func record(_ why: String?, sourceLocation: SourceLocation = #_sourceLocation) {
        if let why { Issue.record(Comment(rawValue: why), sourceLocation: sourceLocation) }
    }

    /// worker.answers-file
    @Test("answers.txt exists, reads without error and answers every question")
    func answersFileIsComplete() {
        let file = Self.answers()
        #expect(file.problems.isEmpty, "\(file.problems.joined(separator: "\n"))")
        #expect(file.unanswered.isEmpty, "not answered yet: \(file.unanswered.joined(separator: ", "))")
    }

    /// worker.answer-tasks
    @Test("The answer to \"tasks_per_child\" is the number of entries in the child's /proc/PID/task, one child of eight threads")
    func tasksPerChild() throws {
        let server = try TestServer.oneChild(threads: 8)
        defer { server.stop() }
        guard let child = server.children().first else { throw SetupError("no child to look at") }
        // The child starts its threads right after the fork: wait until the count holds still.
        var count = 0
        _ = waitUntil(timeoutMs: 3000) {
            let now = Process.threadIDs(of: child).count
            defer { count = now }
            return now == count && now > 1
        }
        Self.record(Self.answers().mismatch("tasks_per_child", .integer(Process.threadIDs(of: child).count)))
    }

    /// worker.answer-crash-lost
    @Test("The answer to \"requests_lost_in_crash\" is how many of two slow requests and a crash get no answer")
    func requestsLostInACrash() throws {
        let server = try TestServer.oneChild(threads: 8)
        defer { server.stop() }
        let slow = try (0..<2).map { _ -> HTTPConnection in
            let c = try server.connect()
            try c.send("GET /lab/sleep?ms=5000 HTTP/1.1\r\nHost: x\r\n\r\n")
            return c
        }
        _ = waitUntil(timeoutMs: 3000) { (Int((try? server.status())?["BusyWorkers"] ?? "") ?? 0) >= 3 }
        let crash = try server.connect()
        try crash.send("GET /lab/crash HTTP/1.1\r\nHost: x\r\n\r\n")
        var lost = 0
        for c in slow + [crash] where (try? c.readResponse(timeoutMs: 10_000)) == nil { lost += 1 }
        Self.record(Self.answers().mismatch("requests_lost_in_crash", .integer(lost)))
    }

    /// worker.answer-lost-updates
    @Test("The answer to \"lost_updates\" is what 80 concurrent hits lose on a fresh /lab/unsafe-counter, within 60 %")
    func lostUpdatesOnOneChild() throws {
        let server = try TestServer.oneChild(threads: 8)
        defer { server.stop() }
        let values = try server.hammer("/lab/unsafe-counter", clients: 8, perClient: 10).map(valueOf)
        Self.record(Self.answers().mismatch("lost_updates", near: values.count - (values.max() ?? 0), fraction: 0.6, floor: 10))
    }
}
