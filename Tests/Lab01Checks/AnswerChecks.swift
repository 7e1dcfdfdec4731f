// The "measurements" exercise: the student's labs/01-processes/answers.txt, each answer compared
// with what a running server shows in the same experiment, with the lab's own configuration —
// never with a number written here, so a change to mpmd (or a different machine) moves the
// expected value with it. Counts are compared exactly; memory within 50 % and the most children
// seen during a burst within 2, since those differ from run to run. The file itself is one more
// check, so a typo is reported with its line number instead of silently costing an answer.
import LabCheckKit
import Posix
import ServerHarness
import Testing

/// The questions of lab 1, as answers.txt spells them.
let lab1Questions = [
    AnswerSpec("children_after_crash", .integer),
    AnswerSpec("children_after_crash_min_spare_4", .integer),
    AnswerSpec("child_rss_kb", .integer),
    AnswerSpec("child_shared_kb", .integer),
    AnswerSpec("most_children_during_burst", .integer),
]

@Suite("Lab 1: the measurements exercise (answers.txt)", .serialized)
struct AnswerChecks {
    static func answers() -> AnswersFile { AnswersFile.read(labFiles.answersPath, expecting: lab1Questions) }

    static func record(_ why: String?, sourceLocation: SourceLocation = #_sourceLocation) {
        if let why { Issue.record(Comment(rawValue: why), sourceLocation: sourceLocation) }
    }

    /// prefork.answers-file
    @Test("answers.txt exists, reads without error and answers every question")
    func answersFileIsComplete() {
        let file = Self.answers()
        #expect(file.problems.isEmpty, "\(file.problems.joined(separator: "\n"))")
        #expect(file.unanswered.isEmpty, "not answered yet: \(file.unanswered.joined(separator: ", "))")
    }

    /// The number of children a few seconds after one of them crashed, on the lab's server with
    /// `settings` appended (the lab.conf a student edits as the step says).
    static func childrenAfterACrash(_ settings: String) throws -> Int {
        let server = try TestServer.lab(settings)
        defer { server.stop() }
        guard waitUntil(timeoutMs: 5000, { server.children().count == 4 }) else { throw SetupError("the server did not start 4 children") }
        let c = try server.connect()
        try c.send("GET /lab/crash HTTP/1.1\r\nHost: x\r\n\r\n")
        _ = c.waitForClose(timeoutMs: 5000)
        guard waitUntil(timeoutMs: 5000, { server.log.contains("exit signal") }) else { throw SetupError("no child died") }
        // The master looks at its pool once a second: give it three rounds, as the step's
        // five seconds do, then count.
        sleepMs(3000)
        return server.children().count
    }

    /// prefork.answer-crash
    @Test("The answer to \"children_after_crash\" is the number of children after a crash, lab.conf as it is")
    func childrenAfterACrash() throws {
        Self.record(Self.answers().mismatch("children_after_crash", .integer(try Self.childrenAfterACrash(""))))
    }

    /// prefork.answer-replaced
    @Test("The answer to \"children_after_crash_min_spare_4\" is the same count with MinSpareServers 4")
    func childrenAfterACrashWithMinSpareServersFour() throws {
        let count = try Self.childrenAfterACrash("MinSpareServers 4")
        Self.record(Self.answers().mismatch("children_after_crash_min_spare_4", .integer(count)))
    }

    /// A child's smaps_rollup lines, in KiB, on the lab's server after a few requests.
    static func childMemory() throws -> [String: Int] {
        let server = try TestServer.lab("")
        defer { server.stop() }
        _ = waitUntil(timeoutMs: 5000) { server.children().count == 4 }
        for _ in 0..<5 { _ = try server.get("/lab/counter") }
        guard let child = server.children().first,
              let rollup = try? FileSystem.readText("/proc/\(child)/smaps_rollup") else {
            throw SetupError("cannot read a child's /proc/PID/smaps_rollup")
        }
        var fields: [String: Int] = [:]
        for line in rollup.split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count >= 2, words[0].hasSuffix(":"), let kb = Int(words[1]) { fields[String(words[0].dropLast())] = kb }
        }
        return fields
    }

    /// prefork.answer-rss
    @Test("The answer to \"child_rss_kb\" is a child's Rss, within 50 %")
    func childRss() throws {
        guard let rss = try Self.childMemory()["Rss"] else { throw SetupError("no Rss in smaps_rollup") }
        Self.record(Self.answers().mismatch("child_rss_kb", near: rss, fraction: 0.5))
    }

    /// prefork.answer-shared
    @Test("The answer to \"child_shared_kb\" is a child's Shared_Clean + Shared_Dirty, within 50 %")
    func childSharedMemory() throws {
        let memory = try Self.childMemory()
        guard let clean = memory["Shared_Clean"], let dirty = memory["Shared_Dirty"] else { throw SetupError("no Shared_ lines in smaps_rollup") }
        Self.record(Self.answers().mismatch("child_shared_kb", near: clean + dirty, fraction: 0.5))
    }

    /// prefork.answer-burst
    @Test("The answer to \"most_children_during_burst\" is the most children seen during eight 6 s requests, within 2")
    func mostChildrenDuringABurst() throws {
        let server = try TestServer.lab("")
        defer { server.stop() }
        guard waitUntil(timeoutMs: 5000, { server.children().count == 4 }) else { throw SetupError("the server did not start 4 children") }
        let burst = try server.holdBusy(8, ms: 6000)
        var most = 0
        let end = MonotonicClock.nowMs() + 8000
        while MonotonicClock.nowMs() < end {
            most = max(most, server.children().count)
            sleepMs(100)
        }
        burst.join()
        Self.record(Self.answers().mismatch("most_children_during_burst", near: most, within: 2))
    }
}
