// What a thread costs against a process, measured on the lab's own server (USS from
// /proc/PID/smaps_rollup), and why a module that is not thread-safe forces prefork. Every
// comparison is between values measured in the same run: no figure is written here. Only USS
// is compared here, since other servers running meanwhile cannot change it; PSS totals are
// measured by the XCTest scenarios, which run alone. Each test decides one check of lab.xml.
import LabCheckKit
import Posix
import ServerHarness
import Testing

@Suite("Lab 4: the cost of a thread, and the unsafe module", .serialized)
struct MemoryChecks {
    /// A prefork server with `children` children, each having served a request.
    static func loadedPrefork(children: Int) throws -> TestServer {
        let server = try TestServer.lab("prefork", "StartServers \(children)\nMinSpareServers 1\nMaxSpareServers 16\nMaxRequestWorkers 16")
        guard waitUntil(timeoutMs: 5000, { server.children().count >= children }) else {
            server.stop()
            throw SetupError("the server did not start \(children) children")
        }
        _ = try server.load(children, ms: 300)
        return server
    }

    /// The USS of the only child of a one-child worker server with `threads` threads, all of
    /// which have served a request.
    static func workerChildUSS(threads: Int) throws -> Int {
        let server = try TestServer.lab("worker", """
            StartServers 1
            ServerLimit 1
            ThreadsPerChild \(threads)
            MaxRequestWorkers \(threads)
            MinSpareThreads 1
            MaxSpareThreads \(threads)
            """)
        defer { server.stop() }
        guard waitUntil(timeoutMs: 5000, { server.children().count == 1 }), let child = server.children().first else {
            throw SetupError("the worker server did not settle on one child")
        }
        _ = try server.load(threads, ms: 400)
        guard let memory = Memory.of(child) else { throw SetupError("cannot read /proc/\(child)/smaps_rollup") }
        return memory.uss
    }

    /// sizing.memory-per-thread
    @Test("A worker thread costs far less memory than a prefork child: (USS with 24 threads − USS with 4) / 20 < half a child's USS")
    func memoryPerThread() throws {
        let few = try Self.workerChildUSS(threads: 4)
        let many = try Self.workerChildUSS(threads: 24)
        let prefork = try Self.loadedPrefork(children: 1)
        defer { prefork.stop() }
        guard let child = prefork.children().first, let childUSS = Memory.of(child)?.uss else {
            throw SetupError("cannot read the prefork child's memory")
        }
        let perThread = (many - few) / 20
        CheckMeasures.record("sizing.memory-per-thread", "worker_child_uss_4_threads", few, unit: "kB")
        CheckMeasures.record("sizing.memory-per-thread", "worker_child_uss_24_threads", many, unit: "kB")
        CheckMeasures.record("sizing.memory-per-thread", "per_thread", perThread, unit: "kB")
        CheckMeasures.record("sizing.memory-per-thread", "prefork_child_uss", childUSS, unit: "kB")
        #expect(perThread * 2 < childUSS, "a thread costs \(perThread) kB, a prefork child \(childUSS) kB")
    }

    /// sizing.unsafe-module-prefork
    @Test("Under prefork the unsynchronised /lab/unsafe-counter never loses an update: one thread per process",
          arguments: [4, 8])
    func unsafeCounterIsSafeUnderPrefork(clients: Int) throws {
        let server = try TestServer.lab("prefork", "StartServers 4\nMinSpareServers 1\nMaxSpareServers 16\nMaxRequestWorkers 16")
        defer { server.stop() }
        #expect(waitUntil(timeoutMs: 5000) { server.children().count >= 4 })
        let answers = try concurrently(clients) { _ in
            try (0..<5).map { _ in parseFlatJSON(try server.get("/lab/unsafe-counter").text) }
        }.flatMap { $0 }
        var byPID: [String: [Int]] = [:]
        for a in answers { byPID[a["pid"] ?? "?", default: []].append(Int(a["value"] ?? "") ?? -1) }
        CheckMeasures.record("sizing.unsafe-module-prefork", "children_serving_\(clients)_clients", byPID.count, unit: "processes")
        #expect(answers.count == clients * 5)
        for (pid, values) in byPID {
            #expect(values.sorted() == Array(1...values.count), "child \(pid) counted \(values.sorted())")
        }
    }
}
