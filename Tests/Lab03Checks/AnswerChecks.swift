// The "measurements" exercise: the student's labs/03-keepalive/answers.txt, each answer
// compared with what a running server shows in the same experiment, with the lab's own
// configuration, never with a number written here. The count is compared exactly; times change
// from run to run, so they are compared within a stated tolerance.
import HTTP
import LabCheckKit
import Posix
import ServerHarness
import Testing

/// The questions of lab 3, as answers.txt spells them.
let lab3Questions = [
    AnswerSpec("idle_close_ms", .integer),
    AnswerSpec("worker_new_client_wait_ms", .integer),
    AnswerSpec("event_new_client_wait_ms", .integer),
    AnswerSpec("conns_total_event_five_idle", .integer),
]

@Suite("Lab 3: the measurements exercise (answers.txt)", .serialized)
struct AnswerChecks {
    static func answers() -> AnswersFile { AnswersFile.read(labFiles.answersPath, expecting: lab3Questions) }

    static func record(_ why: String?, sourceLocation: SourceLocation = #_sourceLocation) {
        if let why { Issue.record(Comment(rawValue: why), sourceLocation: sourceLocation) }
    }

    /// keepalive.answers-file
    @Test("answers.txt exists, reads without error and answers every question")
    func answersFileIsComplete() {
        let file = Self.answers()
        #expect(file.problems.isEmpty, "\(file.problems.joined(separator: "\n"))")
        #expect(file.unanswered.isEmpty, "not answered yet: \(file.unanswered.joined(separator: ", "))")
    }

    /// keepalive.answer-idle-close
    @Test("The answer to \"idle_close_ms\" is how long an idle connection stays open after its request, within 30 %")
    func idleCloseMilliseconds() throws {
        let server = try TestServer.lab("")
        defer { server.stop() }
        let c = try server.connect()
        let start = MonotonicClock.nowMs()
        _ = try c.request("/")
        guard c.waitForClose(timeoutMs: 20_000) else { throw SetupError("the server never closed the idle connection") }
        let waited = Int(MonotonicClock.nowMs() - start)
        Self.record(Self.answers().mismatch("idle_close_ms", near: waited, fraction: 0.3, floor: 300))
    }

    /// How long a new client waits beside `idle` keep-alive clients opened at once, half a
    /// second earlier, as the step's command does, in ms.
    static func newClientWait(mpm: String?, idle count: Int) throws -> Int {
        let server = try TestServer.lab("", mpm: mpm)
        defer { server.stop() }
        let idle = try server.idleKeepAliveClients(count)
        sleepMs(500)
        let start = MonotonicClock.nowMs()
        _ = try server.get("/", timeoutMs: 20_000)
        _ = idle
        return Int(MonotonicClock.nowMs() - start)
    }

    /// keepalive.answer-worker-wait
    @Test("The answer to \"worker_new_client_wait_ms\" is a new client's wait under worker beside four idle clients, within 30 %")
    func newClientWaitUnderWorker() throws {
        let waited = try Self.newClientWait(mpm: "worker", idle: 4)
        Self.record(Self.answers().mismatch("worker_new_client_wait_ms", near: waited, fraction: 0.3, floor: 300))
    }

    /// keepalive.answer-event-wait
    @Test("The answer to \"event_new_client_wait_ms\" is a new client's wait under event beside five idle clients, within 300 ms")
    func newClientWaitUnderEvent() throws {
        let waited = try Self.newClientWait(mpm: nil, idle: 5)
        Self.record(Self.answers().mismatch("event_new_client_wait_ms", near: waited, within: 300))
    }

    /// keepalive.answer-conns-total
    @Test("The answer to \"conns_total_event_five_idle\" is ConnsTotal under event with five idle clients")
    func connsTotalUnderEvent() throws {
        let server = try TestServer.lab("")
        defer { server.stop() }
        let idle = try server.idleKeepAliveClients(5)
        // Read once the five are parked and no earlier status request is still closing, several
        // times: the count is taken as a worker hands the status request over, and now and then
        // misses it by one. The value read most often is the one a student sees.
        var seen: [Int: Int] = [:]
        _ = waitUntil(timeoutMs: 4000) {
            guard let status = try? server.status(), let parked = Int(status["ConnsAsyncKeepAlive"] ?? ""),
                  let closing = Int(status["ConnsAsyncClosing"] ?? ""), let conns = Int(status["ConnsTotal"] ?? "") else { return false }
            if parked >= 5 && closing == 0 { seen[conns, default: 0] += 1 }
            return seen.values.reduce(0, +) >= 7
        }
        let total = seen.max { $0.value < $1.value }?.key ?? -1
        Self.record(Self.answers().mismatch("conns_total_event_five_idle", .integer(total)))
        _ = idle
    }
}
