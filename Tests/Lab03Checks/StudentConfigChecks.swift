// The "tuning" exercise: the student's labs/03-keepalive/student.conf must give an event
// server with one child, whose idle keep-alive connections are closed after 2 seconds, whose
// connections carry 10 requests at most (the 10th response closing them), and which parks idle clients instead of giving them
// threads. Each goal is measured on mpmd started with that file, never read off the directives.
import HTTP
import LabCheckKit
import Posix
import ServerHarness
import Testing

@Suite("Lab 3: the tuning exercise (student.conf)", .serialized)
struct StudentConfigChecks {
    /// mpmd with the student's file, the observation windows added.
    static func studentServer() throws -> TestServer { try labFiles.startStudentServer() }

    /// keepalive.config-timeout
    @Test("An idle connection to the student's server is still open after 1.5 s and closed within 3.5 s")
    func idleClosedAfterTwoSeconds() throws {
        let server = try Self.studentServer()
        defer { server.stop() }
        let c = try server.connect()
        #expect(try c.request("/").status == 200)
        let start = MonotonicClock.nowMs()
        #expect(!c.waitForClose(timeoutMs: 1500), "the connection was closed before 1.5 s")
        let closed = c.waitForClose(timeoutMs: 2000)
        CheckMeasures.record("keepalive.config-timeout", "closed_after_ms", Int(MonotonicClock.nowMs() - start), unit: "ms")
        #expect(closed, "the idle connection was still open 3.5 s after its response")
    }

    /// keepalive.config-max
    @Test("A connection to the student's server carries 10 requests at most: nine responses keep it, the 10th closes it")
    func tenRequestsPerConnection() throws {
        let server = try Self.studentServer()
        defer { server.stop() }
        let c = try server.connect()
        var kept = 0
        for _ in 0..<9 where try c.request("/").headers["Connection"]?.lowercased() != "close" { kept += 1 }
        let tenth = try c.request("/")
        CheckMeasures.record("keepalive.config-max", "responses_keeping_the_connection", kept, unit: "responses")
        #expect(kept == 9, "\(kept) of the first nine responses kept the connection")
        #expect(tenth.headers["Connection"]?.lowercased() == "close", "the 10th response says Connection: close")
        #expect(c.waitForClose(timeoutMs: 3000), "the server closed the connection after the 10th response")
    }

    /// keepalive.config-event
    @Test("The student's server runs event with one child, and parks eight idle clients while serving a new one")
    func eventOneChildParks() throws {
        let server = try Self.studentServer()
        defer { server.stop() }
        sleepMs(1500)   // spare-thread maintenance has had its say
        let children = server.children().count
        let mpm = parseFlatJSON(try server.get("/lab/whoami").text)["mpm"] ?? "?"
        var idle: [HTTPConnection] = []
        for _ in 0..<8 {
            let c = try server.connect()
            _ = try c.request("/")
            idle.append(c)
        }
        var parked = -1
        _ = waitUntil(timeoutMs: 1500) {
            parked = server.statusNumber("ConnsAsyncKeepAlive") ?? -1
            return parked >= 8
        }
        CheckMeasures.record("keepalive.config-event", "children", children, unit: "processes")
        CheckMeasures.record("keepalive.config-event", "parked_connections", parked, unit: "connections")
        #expect(mpm == "event", "the server runs \(mpm), not event")
        #expect(children == 1, "the server runs \(children) children")
        #expect(parked >= 8, "a new client saw \(parked) parked connections instead of 8")
        _ = idle
    }
}
