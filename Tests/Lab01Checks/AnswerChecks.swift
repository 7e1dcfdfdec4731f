// The "measurements" exercise: the student's labs/01-processes/answers.txt, each answer compared
// with what a live server shows in the same experiment — never with a number written here, so
// a change to mpmd (or a different machine) moves the expected value with it. Answers are
// compared exactly: they are counts, and a yes/no. The file itself is one more check, so a
// typo is reported with its line number instead of silently costing an answer.
import LabCheckKit
import Posix
import ServerHarness
import Testing

/// The questions of lab 1, as answers.txt spells them.
let lab1Questions = [
    AnswerSpec("processes", .integer),
    AnswerSpec("threads_per_child", .integer),
    AnswerSpec("counter_sixth_request", .integer),
    AnswerSpec("children_after_crash", .integer),
    AnswerSpec("pss_below_rss", .yesNo),
]

@Suite("Lab 1: the measurements exercise (answers.txt)", .serialized)
struct AnswerChecks {
    static func answers() -> AnswersFile { AnswersFile.read(labFiles.answersPath, expecting: lab1Questions) }

    /// Compares the student's answer to `key` with the value the server showed. The measured
    /// value stays out of the failure message: it is the answer.
    static func expectAnswer(_ key: String, equals measured: AnswerValue, sourceLocation: SourceLocation = #_sourceLocation) {
        if let why = answers().mismatch(key, measured) { Issue.record(Comment(rawValue: why), sourceLocation: sourceLocation) }
    }

    /// prefork.answers-file
    @Test("answers.txt exists, reads without error and answers every question")
    func answersFileIsComplete() {
        let file = Self.answers()
        #expect(file.problems.isEmpty, "\(file.problems.joined(separator: "\n"))")
        #expect(file.unanswered.isEmpty, "not answered yet: \(file.unanswered.joined(separator: ", "))")
    }

    /// prefork.answer-processes
    @Test("The answer to \"processes\" is the number of mpmd processes with StartServers 4, master included")
    func processesWithStartServersFour() throws {
        let server = try TestServer.lab("StartServers 4\nMinSpareServers 1\nMaxSpareServers 10")
        defer { server.stop() }
        _ = waitUntil(timeoutMs: 5000) { server.children().count == 4 }
        Self.expectAnswer("processes", equals: .integer(1 + server.children().count))
    }

    /// prefork.answer-threads
    @Test("The answer to \"threads_per_child\" is the number of threads in a child's /proc/PID/task")
    func threadsPerChild() throws {
        let server = try TestServer.lab("StartServers 2")
        defer { server.stop() }
        guard let child = server.children().first else { throw SetupError("no child to look at") }
        Self.expectAnswer("threads_per_child", equals: .integer(Process.threadIDs(of: child).count))
    }

    /// prefork.answer-counter
    @Test("The answer to \"counter_sixth_request\" is what the sixth /lab/counter on one connection returns")
    func counterOnOneConnection() throws {
        let server = try TestServer.lab("StartServers 4")
        defer { server.stop() }
        let connection = try server.connect()
        var last = -1
        for _ in 0..<6 { last = Int(parseFlatJSON(try connection.request("/lab/counter").text)["value"] ?? "") ?? -1 }
        Self.expectAnswer("counter_sixth_request", equals: .integer(last))
    }

    /// prefork.answer-crash
    @Test("The answer to \"children_after_crash\" is the number of children once the master has reacted to a crash")
    func childrenAfterACrash() throws {
        let server = try TestServer.lab("StartServers 3\nMinSpareServers 3\nMaxSpareServers 6")
        defer { server.stop() }
        _ = waitUntil(timeoutMs: 5000) { server.children().count == 3 }
        let c = try server.connect()
        try c.send("GET /lab/crash HTTP/1.1\r\nHost: x\r\n\r\n")
        _ = c.waitForClose(timeoutMs: 5000)
        _ = waitUntil(timeoutMs: 5000) { server.log.contains("exit signal") }
        // The master looks at its pool once a second: give it three rounds.
        sleepMs(3000)
        Self.expectAnswer("children_after_crash", equals: .integer(server.children().count))
    }

    /// prefork.answer-pss
    @Test("The answer to \"pss_below_rss\" says whether a child's Pss is below its Rss")
    func pssBelowRss() throws {
        let server = try TestServer.lab("StartServers 2")
        defer { server.stop() }
        guard let child = server.children().first,
              let rollup = try? FileSystem.readText("/proc/\(child)/smaps_rollup") else {
            throw SetupError("cannot read a child's /proc/PID/smaps_rollup")
        }
        func kilobytes(_ name: String) -> Int? {
            rollup.split(separator: "\n").first { $0.hasPrefix(name + ":") }
                .flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") }
        }
        guard let rss = kilobytes("Rss"), let pss = kilobytes("Pss") else { throw SetupError("no Rss/Pss in smaps_rollup") }
        Self.expectAnswer("pss_below_rss", equals: .yesNo(pss < rss))
    }
}
