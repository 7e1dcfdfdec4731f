// Worker and event seen from outside: threads of one process share its memory and die with it.
import Posix
import ServerHarness
import Testing

enum ThreadedMPM: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case worker, event
    var testDescription: String { rawValue }

    func config(threads: Int = 4, startServers: Int = 1, extra: String = "") -> String {
        """
        LoadModule mpm_\(rawValue)_module
        StartServers \(startServers)
        ServerLimit 4
        ThreadsPerChild \(threads)
        MinSpareThreads 1
        MaxSpareThreads \(threads * 4)
        MaxRequestWorkers \(threads * 4)
        <Location /server-status>
            SetHandler server-status
        </Location>
        <Location /lab>
            SetHandler lab
        </Location>
        \(extra)
        """
    }
}

@Suite("Worker and event: threads", .serialized)
struct ThreadedMPMTests {
    @Test("Concurrent requests in one child run on distinct threads of one process", arguments: ThreadedMPM.allCases)
    func distinctThreadsOnePID(mpm: ThreadedMPM) throws {
        let server = try TestServer.start(config: mpm.config(threads: 4, startServers: 1))
        defer { server.stop() }
        #expect(waitUntil(timeoutMs: 5000) { server.children().count == 1 })
        let child = try #require(server.children().first)
        #expect(waitUntil(timeoutMs: 5000) { Process.threadIDs(of: child).count >= 5 }, "main + listener + 4 workers")
        let answers = try concurrently(3) { _ in parseFlatJSON(try server.get("/lab/sleep?ms=600").text) }
        #expect(Set(answers.compactMap { $0["pid"] }) == ["\(child)"], "one child process served them all")
        #expect(Set(answers.compactMap { $0["tid"] }).count == 3, "each on its own thread: \(answers)")
        #expect(answers.allSatisfy { $0["tid"] != $0["pid"] }, "never on the child's main thread")
    }

    @Test("A counter hit concurrently by the threads of one process counts every hit once", arguments: ThreadedMPM.allCases)
    func sharedCounterExactlyOnce(mpm: ThreadedMPM) throws {
        let server = try TestServer.start(config: mpm.config(threads: 8, startServers: 1))
        defer { server.stop() }
        #expect(waitUntil(timeoutMs: 5000) { server.children().count == 1 })
        let perClient = 25
        let values = try concurrently(8) { _ in
            try (0..<perClient).map { _ in Int(parseFlatJSON(try server.get("/lab/counter").text)["value"] ?? "") ?? -1 }
        }.flatMap { $0 }
        #expect(values.sorted() == Array(1...(8 * perClient)), "every increment seen exactly once")
    }

    @Test("A crash in one thread takes down the requests its sibling threads were serving", arguments: ThreadedMPM.allCases)
    func crashTakesTheProcess(mpm: ThreadedMPM) throws {
        let server = try TestServer.start(config: mpm.config(threads: 4, startServers: 1))
        defer { server.stop() }
        #expect(waitUntil(timeoutMs: 5000) { server.children().count == 1 })
        let victim = try #require(server.children().first)
        let results = try concurrently(3) { i -> String in
            if i == 2 {
                #expect(busyWorkers(server, atLeast: 3), "both slow requests are being served")
                let c = try server.connect()
                try c.send("GET /lab/crash HTTP/1.1\r\nHost: x\r\n\r\n")
                return (try? c.readResponse(timeoutMs: 5000)) == nil ? "no response" : "answered"
            }
            // Sibling requests on the same process, still running when the crash happens.
            do { return "\(try server.get("/lab/sleep?ms=3000", timeoutMs: 8000).status)" } catch { return "lost" }
        }
        #expect(results == ["lost", "lost", "no response"], "the whole process died: \(results)")
        #expect(waitUntil(timeoutMs: 5000) { server.log.contains("child pid \(victim) exit signal Segmentation fault") })
        #expect(waitUntil(timeoutMs: 8000) { !server.children().isEmpty && !server.children().contains(victim) },
                "the master forks a replacement")
        #expect(try server.get("/").status == 200)
    }

    @Test("Two children's counters are independent", arguments: ThreadedMPM.allCases)
    func noSharingAcrossProcesses(mpm: ThreadedMPM) throws {
        let server = try TestServer.start(config: mpm.config(threads: 2, startServers: 2))
        defer { server.stop() }
        #expect(waitUntil(timeoutMs: 5000) { server.children().count == 2 })
        let answers = try concurrently(6) { _ in
            try (0..<5).map { _ in parseFlatJSON(try server.get("/lab/counter").text) }
        }.flatMap { $0 }
        var byPID: [String: [Int]] = [:]
        for a in answers { byPID[a["pid"] ?? "?", default: []].append(Int(a["value"] ?? "") ?? -1) }
        for (pid, values) in byPID {
            #expect(values.sorted() == Array(1...values.count), "child \(pid): \(values.sorted())")
        }
    }

    @Test("TERM stops the master and every child", arguments: ThreadedMPM.allCases)
    func cleanStop(mpm: ThreadedMPM) throws {
        let server = try TestServer.start(config: mpm.config(startServers: 2))
        #expect(waitUntil(timeoutMs: 5000) { server.children().count == 2 })
        let children = server.children()
        server.signal(Signal.terminate)
        #expect(server.waitForExit(timeoutMs: 12_000) == .exited(0))
        #expect(children.allSatisfy { Process.isGoneOrZombie($0) })
    }
}
