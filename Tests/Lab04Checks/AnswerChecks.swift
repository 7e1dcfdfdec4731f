// The "measurements" exercise: the student's labs/04-sizing/answers.txt, each answer compared
// with what a live server shows in the same run, never with a number written here. Memory
// varies from run to run, so the memory answer is accepted within a stated tolerance; it is a
// USS, private to the process, which other servers running meanwhile cannot change (a PSS
// could: shared pages are divided among every process mapping them). The MPM name and the
// yes/no are compared exactly.
import HTTP
import LabCheckKit
import Posix
import ServerHarness
import Testing

/// The questions of lab 4, as answers.txt spells them.
let lab4Questions = [
    AnswerSpec("child_uss_kb", .integer),
    AnswerSpec("unsafe_counter_loses_under_prefork", .yesNo),
    AnswerSpec("fastest_mpm_with_idle_clients", .text),
]

@Suite("Lab 4: the measurements exercise (answers.txt)", .serialized)
struct AnswerChecks {
    static func answers() -> AnswersFile { AnswersFile.read(labFiles.answersPath, expecting: lab4Questions) }

    /// The student's answer to `key`, or nil after recording the problem.
    static func given(_ key: String, sourceLocation: SourceLocation = #_sourceLocation) -> (AnswerValue, Int)? {
        let file = answers()
        guard let value = file[key] else {
            Issue.record("answers.txt has no valid answer for \"\(key)\"", sourceLocation: sourceLocation)
            return nil
        }
        return (value, file.lines[key] ?? 0)
    }

    /// Compares an answer exactly. The measured value stays out of the message: it is the answer.
    static func expectAnswer(_ key: String, equals measured: AnswerValue, sourceLocation: SourceLocation = #_sourceLocation) {
        if let why = answers().mismatch(key, measured) { Issue.record(Comment(rawValue: why), sourceLocation: sourceLocation) }
    }

    /// Compares a number within `tolerance` (a fraction of the measured value).
    static func expectAnswer(_ key: String, near measured: Int, tolerance: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let (value, line) = given(key, sourceLocation: sourceLocation) else { return }
        guard case .integer(let n) = value else { return }
        let allowed = Double(measured) * tolerance
        #expect(abs(Double(n - measured)) <= allowed,
                "answers.txt line \(line): \(key) = \(n) is more than \(Int(tolerance * 100)) % away from what the live server shows",
                sourceLocation: sourceLocation)
    }

    /// A prefork server of the lab with `children` children, after a few requests one at a
    /// time (so that the pool neither grows nor shrinks, as when a student tries by hand).
    static func preforkServer(children: Int) throws -> TestServer {
        let server = try TestServer.lab("prefork", "StartServers \(children)\nMinSpareServers 1\nMaxSpareServers \(children)")
        _ = waitUntil(timeoutMs: 5000) { server.children().count == children }
        for _ in 0..<(2 * children) { _ = try server.get("/lab/whoami") }
        return server
    }

    /// sizing.answers-file
    @Test("answers.txt exists, reads without error and answers every question")
    func answersFileIsComplete() {
        let file = Self.answers()
        #expect(file.problems.isEmpty, "\(file.problems.joined(separator: "\n"))")
        #expect(file.unanswered.isEmpty, "not answered yet: \(file.unanswered.joined(separator: ", "))")
    }

    /// sizing.answer-child-uss
    @Test("The answer to \"child_uss_kb\" is a prefork child's USS, within 50 %")
    func childUSS() throws {
        let server = try Self.preforkServer(children: 2)
        defer { server.stop() }
        let uss = server.children().compactMap { Memory.of($0)?.uss }
        guard !uss.isEmpty else { throw SetupError("cannot read a child's /proc/PID/smaps_rollup") }
        Self.expectAnswer("child_uss_kb", near: uss.reduce(0, +) / uss.count, tolerance: 0.5)
    }

    /// sizing.answer-unsafe-prefork
    @Test("The answer to \"unsafe_counter_loses_under_prefork\" says whether prefork children lose /lab/unsafe-counter updates")
    func unsafeUnderPrefork() throws {
        let server = try Self.preforkServer(children: 4)
        defer { server.stop() }
        let answers = try concurrently(6) { _ in
            try (0..<5).map { _ in parseFlatJSON(try server.get("/lab/unsafe-counter").text) }
        }.flatMap { $0 }
        var byPID: [String: [Int]] = [:]
        for a in answers { byPID[a["pid"] ?? "?", default: []].append(Int(a["value"] ?? "") ?? -1) }
        let lost = byPID.values.contains { $0.sorted() != Array(1...$0.count) }
        Self.expectAnswer("unsafe_counter_loses_under_prefork", equals: .yesNo(lost))
    }

    /// How long a new client waits under `mpm` when two idle keep-alive clients were given
    /// the server's only two workers (KeepAliveTimeout 2), in ms.
    static func freshWait(_ mpm: String) throws -> Int {
        let limits = mpm == "prefork"
            ? "StartServers 2\nMinSpareServers 1\nMaxSpareServers 2\nServerLimit 2\nMaxRequestWorkers 2"
            : "StartServers 1\nServerLimit 1\nThreadsPerChild 2\nMaxRequestWorkers 2\nMinSpareThreads 1\nMaxSpareThreads 2"
        let server = try TestServer.lab(mpm, limits + "\nKeepAliveTimeout 2")
        defer { server.stop() }
        _ = waitUntil(timeoutMs: 5000) { !server.children().isEmpty }
        let idle = try (0..<2).map { _ -> HTTPConnection in
            let c = try server.connect()
            _ = try c.request("/")
            return c
        }
        let start = MonotonicClock.nowMs()
        _ = try server.get("/", timeoutMs: 15_000)
        _ = idle
        return Int(MonotonicClock.nowMs() - start)
    }

    /// sizing.answer-fastest
    @Test("The answer to \"fastest_mpm_with_idle_clients\" names the MPM serving a new client soonest beside idle ones")
    func fastestWithIdleClients() throws {
        var waits: [(String, Int)] = []
        for mpm in ["prefork", "worker", "event"] { waits.append((mpm, try Self.freshWait(mpm))) }
        let fastest = waits.min { $0.1 < $1.1 }?.0 ?? "?"
        guard let (value, line) = Self.given("fastest_mpm_with_idle_clients") else { return }
        #expect(value.description.lowercased() == fastest,
                "answers.txt line \(line): fastest_mpm_with_idle_clients = \(value) is not what the live servers show")
    }
}
