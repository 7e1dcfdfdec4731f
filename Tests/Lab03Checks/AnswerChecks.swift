// The "measurements" exercise: the student's labs/03-keepalive/answers.txt, each answer
// compared with what a live server shows in the same experiment, never with a number written
// here. Answers are counts, compared exactly.
import HTTP
import LabCheckKit
import Posix
import ServerHarness
import Testing

/// The questions of lab 3, as answers.txt spells them.
let lab3Questions = [
    AnswerSpec("connection_requests_fourth", .integer),
    AnswerSpec("max_on_third_response", .integer),
    AnswerSpec("k_slots_worker_two_idle", .integer),
    AnswerSpec("parked_event_five_idle", .integer),
]

@Suite("Lab 3: the measurements exercise (answers.txt)", .serialized)
struct AnswerChecks {
    static func answers() -> AnswersFile { AnswersFile.read(labFiles.answersPath, expecting: lab3Questions) }

    /// Compares the student's answer to `key` with the value the server showed. The measured
    /// value stays out of the failure message: it is the answer.
    static func expectAnswer(_ key: String, equals measured: AnswerValue, sourceLocation: SourceLocation = #_sourceLocation) {
        if let why = answers().mismatch(key, measured) { Issue.record(Comment(rawValue: why), sourceLocation: sourceLocation) }
    }

    /// keepalive.answers-file
    @Test("answers.txt exists, reads without error and answers every question")
    func answersFileIsComplete() {
        let file = Self.answers()
        #expect(file.problems.isEmpty, "\(file.problems.joined(separator: "\n"))")
        #expect(file.unanswered.isEmpty, "not answered yet: \(file.unanswered.joined(separator: ", "))")
    }

    /// keepalive.answer-connection-requests
    @Test("The answer to \"connection_requests_fourth\" is what the fourth /lab/whoami on one connection says")
    func connectionRequestsFourth() throws {
        let server = try TestServer.lab("")
        defer { server.stop() }
        let c = try server.connect()
        var last = -1
        for _ in 0..<4 { last = Int(parseFlatJSON(try c.request("/lab/whoami").text)["connection_requests"] ?? "") ?? -1 }
        Self.expectAnswer("connection_requests_fourth", equals: .integer(last))
    }

    /// keepalive.answer-max
    @Test("The answer to \"max_on_third_response\" is the max= of the third response with MaxKeepAliveRequests 5")
    func maxOnThirdResponse() throws {
        let server = try TestServer.lab("MaxKeepAliveRequests 5")
        defer { server.stop() }
        let c = try server.connect()
        _ = try c.request("/", headers: keepAliveHeader)
        _ = try c.request("/", headers: keepAliveHeader)
        Self.expectAnswer("max_on_third_response", equals: .integer(keepAliveMax(try c.request("/", headers: keepAliveHeader)) ?? -1))
    }

    /// keepalive.answer-k-slots
    @Test("The answer to \"k_slots_worker_two_idle\" is the number of K in worker's scoreboard with two idle clients")
    func kSlotsUnderWorker() throws {
        let server = try TestServer.lab("KeepAliveTimeout 10", mpm: "worker")
        defer { server.stop() }
        let idle = try server.idleKeepAliveClients(2)
        var board = ""
        _ = waitUntil(timeoutMs: 2000) {
            board = (try? server.status())?["Scoreboard"] ?? ""
            return board.contains("K")
        }
        sleepMs(200)
        board = (try? server.status())?["Scoreboard"] ?? board
        Self.expectAnswer("k_slots_worker_two_idle", equals: .integer(board.filter { $0 == "K" }.count))
        _ = idle
    }

    /// keepalive.answer-parked
    @Test("The answer to \"parked_event_five_idle\" is ConnsAsyncKeepAlive under event with five idle clients")
    func parkedUnderEvent() throws {
        let server = try TestServer.lab("KeepAliveTimeout 10")
        defer { server.stop() }
        let idle = try server.idleKeepAliveClients(5)
        var parked = -1
        _ = waitUntil(timeoutMs: 2000) {
            parked = server.statusNumber("ConnsAsyncKeepAlive") ?? -1
            return parked >= 5
        }
        Self.expectAnswer("parked_event_five_idle", equals: .integer(parked))
        _ = idle
    }
}
