// The "sizing" exercise: the student's labs/01-processes/student.conf must meet four goals, and
// each goal is measured on mpmd started with that file — never read off the directives, since
// what counts is what the server does (Apache corrects some combinations on its own). A
// missing file, or one mpmd refuses, fails every goal with mpmd's own message.
import LabCheckKit
import Posix
import ServerHarness
import Testing

@Suite("Lab 1: the sizing exercise (student.conf)", .serialized)
struct StudentConfigChecks {
    /// mpmd with the student's file, the observation windows added.
    static func studentServer() throws -> TestServer { try labFiles.startStudentServer() }

    /// prefork.config-cap — "never more than 6 children".
    @Test("Under a load of 9 clients the student's server never runs more than 6 children, and says it reached MaxRequestWorkers")
    func neverMoreThanSixChildren() throws {
        let server = try Self.studentServer()
        defer { server.stop() }
        let results = try concurrently(10) { i -> Int in
            if i == 9 {
                var most = 0
                for _ in 0..<35 { most = max(most, server.children().count); sleepMs(100) }
                return most
            }
            return try server.get("/lab/sleep?ms=3000", timeoutMs: 30_000).status
        }
        let most = results[9]
        CheckMeasures.record("prefork.config-cap", "most_children", most, unit: "processes")
        #expect(Array(results[0..<9]) == Array(repeating: 200, count: 9), "every client is served in the end")
        #expect(most <= 6, "the server ran \(most) children at once")
        #expect(server.log.contains("AH00161"), "with 9 clients the server should have reached its limit (AH00161)")
    }

    /// prefork.config-spares — "quiet: 2 to 4 idle children; busy: at least 2 idle brought back".
    @Test("The student's server keeps 2 to 4 idle children when quiet, brings back 2 when busy, and retires the surplus after")
    func idleChildrenStayBetweenTwoAndFour() throws {
        // This check polls server-status about a hundred times a second, each time on a new
        // connection: with MaxConnectionsPerChild 50 that alone would recycle the children
        // being counted. Recycling is the next check's business; here it is switched off.
        let server = try labFiles.startStudentServer(overriding: "MaxConnectionsPerChild 0")
        defer { server.stop() }
        var view: (idle: Int, busy: Int)?
        // Quiet: the count may move for a moment after start (StartServers), then settles.
        let quiet = waitUntil(timeoutMs: 6000) {
            view = server.workers()
            return view.map { (2...4).contains($0.idle) } ?? false
        }
        CheckMeasures.record("prefork.config-spares", "idle_when_quiet", view?.idle ?? -1, unit: "processes")
        #expect(quiet, "quiet server: \(view.map { "\($0.idle) idle children" } ?? "no server-status") instead of 2 to 4")
        sleepMs(1000)
        view = server.workers()
        #expect(view.map { (2...4).contains($0.idle) } ?? false, "the idle count left 2...4: \(view.map { "\($0.idle)" } ?? "?")")
        // Busy: four children held for 4 s; the master must fork until 2 are idle again.
        let holder = try server.holdBusy(4, ms: 4000)
        let restored = waitUntil(timeoutMs: 3800) {
            view = server.workers()
            return view.map { $0.busy >= 4 && $0.idle >= 2 } ?? false
        }
        holder.join()
        CheckMeasures.record("prefork.config-spares", "idle_when_busy", view?.idle ?? -1, unit: "processes")
        #expect(restored, "with 4 children busy the server had \(view.map { "\($0.idle)" } ?? "?") idle ones")
        // After: once every held request has ended (`workers` leaves the status request out),
        // the surplus idle children leave, one per second, down to 4 at most. Waiting for the
        // load to end first matters: half-way through, the idle count is low for the wrong
        // reason (the children are still busy), and would prove nothing.
        let drained = waitUntil(timeoutMs: 3000) {
            view = server.workers()
            return view.map { $0.busy == 0 } ?? false
        }
        #expect(drained, "the four held requests did not end: \(view.map { "\($0.busy) busy" } ?? "no server-status")")
        let shrunk = waitUntil(timeoutMs: 5000) {
            view = server.workers()
            return view.map { $0.idle <= 4 } ?? false
        }
        CheckMeasures.record("prefork.config-spares", "idle_after_load", view?.idle ?? -1, unit: "processes")
        #expect(shrunk, "after the burst \(view.map { "\($0.idle)" } ?? "?") children stayed idle")
    }

    /// prefork.config-recycle — "each child replaced after exactly 50 connections".
    @Test("A child of the student's server serves exactly 50 connections, then leaves")
    func childrenReplacedAfterFifty() throws {
        let server = try Self.studentServer()
        defer { server.stop() }
        var uses: [Int32: Int] = [:]
        var worn: Int32?
        for _ in 0..<400 where worn == nil {
            guard let pid = pidOf(try server.get("/lab/whoami").text) else { continue }
            uses[pid, default: 0] += 1
            if uses[pid] == 50 { worn = pid }
        }
        let most = uses.values.max() ?? 0
        CheckMeasures.record("prefork.config-recycle", "most_connections_per_child", most, unit: "connections")
        #expect(worn != nil, "after 400 connections no child had served 50 (the most: \(most))")
        if let worn {
            #expect(waitUntil(timeoutMs: 3000) { Process.isGoneOrZombie(worn) || Process.parentID(of: worn) != server.pid },
                    "child \(worn) served 50 connections and is still there")
            let next = try (0..<10).compactMap { _ in pidOf(try server.get("/lab/whoami").text) }
            #expect(!next.contains(worn), "child \(worn) served a 51st connection")
        }
        #expect(uses.values.allSatisfy { $0 <= 50 }, "a child served more than 50 connections: \(most)")
    }
}
