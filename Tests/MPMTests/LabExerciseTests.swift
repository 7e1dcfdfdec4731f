// The labs' extension point: the student's code runs inside the live server only when the
// configuration says `LabExercise`, and the server then really depends on it.
import Posix
import ServerHarness
import Testing

@Suite("LabExercise: student code inside the live server", .serialized)
struct LabExerciseTests {
    @Test("Without LabExercise the exercise endpoint does not exist")
    func offByDefault() throws {
        let server = try TestServer.start(config: ThreadedMPM.worker.config())
        defer { server.stop() }
        #expect(try server.get("/lab/exercise/counter").status == 404)
    }

    @Test("An unsynchronised counter shared by threads loses updates")
    func unsafeCounterLosesUpdates() throws {
        let server = try TestServer.start(config: ThreadedMPM.worker.config(threads: 8, startServers: 1))
        defer { server.stop() }
        #expect(waitUntil(timeoutMs: 5000) { server.children().count == 1 })
        let values = try concurrently(8) { _ in
            try (0..<10).map { _ in Int(parseFlatJSON(try server.get("/lab/unsafe-counter").text)["value"] ?? "") ?? -1 }
        }.flatMap { $0 }
        #expect(values.max() ?? 0 < 80, "80 increments by 8 threads at once should lose some: max \(values.max() ?? 0)")
        #expect(Set(values).count < values.count, "two threads read the same value and wrote the same result")
    }

    @Test("LabExercise counter: the exercise's counter counts every hit once across threads")
    func exerciseCounter() throws {
        let server = try TestServer.start(config: ThreadedMPM.event.config(threads: 8, startServers: 1, extra: "LabExercise counter"))
        defer { server.stop() }
        #expect(waitUntil(timeoutMs: 5000) { server.children().count == 1 })
        let values = try concurrently(8) { _ in
            try (0..<10).map { _ in Int(parseFlatJSON(try server.get("/lab/exercise/counter").text)["value"] ?? "") ?? -1 }
        }.flatMap { $0 }
        #expect(values.sorted() == Array(1...80))
    }

    @Test("LabExercise keep-alive: the exercise's decision closes the connection", arguments: ["prefork", "event"])
    func exerciseKeepAlive(mpm: String) throws {
        let server = try TestServer.start(config: "LoadModule mpm_\(mpm)_module\nMaxKeepAliveRequests 2\nLabExercise keep-alive")
        defer { server.stop() }
        let c = try server.connect()
        let first = try c.request("/", headers: [("Connection", "keep-alive")])
        #expect(first.headers["Keep-Alive"] == "timeout=5, max=2")
        _ = try c.request("/")
        let third = try c.request("/")
        #expect(third.headers["Connection"] == "close")
        #expect(c.waitForClose(timeoutMs: 5000))
        let old = try server.connect()
        #expect(try old.request("/", version: "HTTP/1.0").headers["Connection"] == "close")
    }
}
