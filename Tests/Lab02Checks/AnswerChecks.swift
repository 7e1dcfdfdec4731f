// The "measurements" exercise: the student's labs/02-threads/answers.txt, each answer compared
// with what a live server shows in the same experiment, never with a number written here.
// Answers are counts and a yes/no, compared exactly.
import LabCheckKit
import Posix
import ServerHarness
import Testing

/// The questions of lab 2, as answers.txt spells them.
let lab2Questions = [
    AnswerSpec("tasks_per_child", .integer),
    AnswerSpec("pids_for_three_clients", .integer),
    AnswerSpec("unsafe_counter_reaches_80", .yesNo),
]

@Suite("Lab 2: the measurements exercise (answers.txt)", .serialized)
struct AnswerChecks {
    static func answers() -> AnswersFile { AnswersFile.read(labFiles.answersPath, expecting: lab2Questions) }

    /// Compares the student's answer to `key` with the value the server showed. The measured
    /// value stays out of the failure message: it is the answer.
    static func expectAnswer(_ key: String, equals measured: AnswerValue, sourceLocation: SourceLocation = #_sourceLocation) {
        if let why = answers().mismatch(key, measured) { Issue.record(Comment(rawValue: why), sourceLocation: sourceLocation) }
    }

    /// worker.answers-file
    @Test("answers.txt exists, reads without error and answers every question")
    func answersFileIsComplete() {
        let file = Self.answers()
        #expect(file.problems.isEmpty, "\(file.problems.joined(separator: "\n"))")
        #expect(file.unanswered.isEmpty, "not answered yet: \(file.unanswered.joined(separator: ", "))")
    }

    /// worker.answer-tasks
    @Test("The answer to \"tasks_per_child\" is the number of entries in a child's /proc/PID/task under lab.conf")
    func tasksPerChild() throws {
        let server = try TestServer.lab("")
        defer { server.stop() }
        guard let child = server.children().first else { throw SetupError("no child to look at") }
        // The child starts its threads right after the fork: wait until the count holds still.
        var count = 0
        _ = waitUntil(timeoutMs: 3000) {
            let now = Process.threadIDs(of: child).count
            defer { count = now }
            return now == count && now > 1
        }
        Self.expectAnswer("tasks_per_child", equals: .integer(Process.threadIDs(of: child).count))
    }

    /// worker.answer-pids
    @Test("The answer to \"pids_for_three_clients\" is the number of PIDs serving three slow requests in a one-child server")
    func pidsForThreeClients() throws {
        let server = try TestServer.oneChild(threads: 4)
        defer { server.stop() }
        let pids = try concurrently(3) { _ in parseFlatJSON(try server.get("/lab/sleep?ms=600").text)["pid"] ?? "?" }
        Self.expectAnswer("pids_for_three_clients", equals: .integer(Set(pids).count))
    }

    /// worker.answer-unsafe
    @Test("The answer to \"unsafe_counter_reaches_80\" says whether 80 concurrent hits leave /lab/unsafe-counter at 80")
    func unsafeCounterReaches80() throws {
        let server = try TestServer.oneChild(threads: 8)
        defer { server.stop() }
        let values = try server.hammer("/lab/unsafe-counter", clients: 8, perClient: 10).map(valueOf)
        Self.expectAnswer("unsafe_counter_reaches_80", equals: .yesNo((values.max() ?? 0) >= 80))
    }
}
