// The worker MPM's thread model, checked on the lab's own server: requests served at the same
// time by one child run on distinct threads of one process; its memory is shared by those
// threads (an unsynchronised counter loses updates) and never across processes. Each test
// decides one check of lab.xml.
import LabCheckKit
import Posix
import ServerHarness
import Testing

@Suite("Lab 2: worker's threads", .serialized)
struct ThreadChecks {
    /// worker.threads-share-pid
    @Test("Requests served at once by one worker child carry its PID and distinct TIDs, each a thread of that process",
          arguments: [2, 3])
    func threadsSharePID(clients: Int) throws {
        let server = try TestServer.oneChild(threads: 4)
        defer { server.stop() }
        let child = try #require(server.children().first)
        let answers = try concurrently(clients) { _ in parseFlatJSON(try server.get("/lab/sleep?ms=600").text) }
        let tids = Set(answers.compactMap { $0["tid"] })
        CheckMeasures.record("worker.threads-share-pid", "distinct_tids_for_\(clients)_clients", tids.count, unit: "threads")
        #expect(Set(answers.compactMap { $0["pid"] }) == ["\(child)"], "one child process served them all: \(answers)")
        #expect(tids.count == clients, "\(clients) requests at once ran on \(tids.count) distinct threads")
        let tasks = Set(Process.threadIDs(of: child).map { "\($0)" })
        #expect(tids.isSubset(of: tasks), "every TID is an entry of /proc/\(child)/task")
        #expect(!tids.contains("\(child)"), "the child's main thread does not serve requests")
    }

    /// worker.no-sharing-across-processes
    @Test("Two worker children count /lab/counter independently: each PID's values run 1, 2, 3…")
    func noSharingAcrossProcesses() throws {
        let server = try TestServer.lab("StartServers 2\nMinSpareThreads 1\nMaxSpareThreads 16")
        defer { server.stop() }
        #expect(waitUntil(timeoutMs: 5000) { server.children().count == 2 })
        // Each client holds a thread for a while between two counts: eight clients need more
        // threads than one child has, so both children serve.
        let answers = try concurrently(8) { _ -> [[String: String]] in
            let c = try server.connect()
            let first = parseFlatJSON(try c.request("/lab/counter").text)
            _ = try c.request("/lab/sleep?ms=400")
            let second = parseFlatJSON(try c.request("/lab/counter").text)
            return [first, second]
        }.flatMap { $0 }
        var byPID: [String: [Int]] = [:]
        for a in answers { byPID[a["pid"] ?? "?", default: []].append(try valueOf(a)) }
        CheckMeasures.record("worker.no-sharing-across-processes", "children_counting", byPID.count, unit: "processes")
        #expect(byPID.count >= 2, "the load should reach both children: \(byPID.keys.sorted())")
        for (pid, values) in byPID {
            #expect(values.sorted() == Array(1...values.count), "child \(pid) counted \(values.sorted())")
        }
    }

    /// worker.race-lost-updates
    @Test("An unsynchronised counter hit by the threads of one child loses updates; the atomic one does not",
          arguments: [4, 8])
    func raceLosesUpdates(threads: Int) throws {
        let server = try TestServer.oneChild(threads: threads)
        defer { server.stop() }
        let perClient = 10, total = threads * perClient
        let unsafe = try server.hammer("/lab/unsafe-counter", clients: threads, perClient: perClient).map { try valueOf($0) }
        let safe = try server.hammer("/lab/counter", clients: threads, perClient: perClient).map { try valueOf($0) }
        CheckMeasures.record("worker.race-lost-updates", "unsafe_final_with_\(threads)_threads", unsafe.max() ?? 0, unit: "increments")
        CheckMeasures.record("worker.race-lost-updates", "requests_with_\(threads)_threads", total, unit: "increments")
        #expect((unsafe.max() ?? 0) < total, "\(total) increments by \(threads) threads at once all survived")
        #expect(Set(unsafe).count < unsafe.count, "no two threads ever read the same value")
        #expect(safe.sorted() == Array(1...total), "the atomic /lab/counter counted every request once")
    }
}
