// Prefork's process model, checked on the lab's own server: a master whose children it forked,
// a master that never serves, one process per connection in service, and memory that fork
// copied — each child counts its own requests. Each test decides one check of lab.xml.
import LabCheckKit
import Posix
import ServerHarness
import Testing

@Suite("Lab 1: prefork's processes", .serialized)
struct PreforkProcessChecks {
    /// prefork.children-of-master
    @Test("With StartServers N the master has N children, each a single-threaded process it forked",
          arguments: [2, 4])
    func childrenOfMaster(startServers: Int) throws {
        let server = try TestServer.lab("StartServers \(startServers)\nMinSpareServers 1\nMaxSpareServers 10")
        defer { server.stop() }
        #expect(waitUntil(timeoutMs: 5000) { server.children().count == startServers },
                "expected \(startServers) children, found \(server.children().count)")
        CheckMeasures.record("prefork.children-of-master", "children_with_start_servers_\(startServers)", server.children().count, unit: "processes")
        for child in server.children() {
            #expect(Process.parentID(of: child) == server.pid, "child \(child) is not the master's")
            #expect(Process.threadIDs(of: child).count == 1, "child \(child) runs several threads")
        }
    }

    /// prefork.master-never-serves
    @Test("The master never serves a request: every answer names a child as its process")
    func masterNeverServes() throws {
        let server = try TestServer.lab("StartServers 3\nMinSpareServers 1\nMaxSpareServers 10")
        defer { server.stop() }
        let answers = try concurrently(4) { _ in
            try (0..<5).map { _ in parseFlatJSON(try server.get("/lab/whoami").text) }
        }.flatMap { $0 }
        #expect(answers.count == 20)
        for answer in answers {
            #expect(answer["pid"] != "\(server.pid)", "the master (\(server.pid)) answered a request")
            #expect(answer["ppid"] == "\(server.pid)", "a process that is not the master's child answered: \(answer)")
        }
    }

    /// prefork.distinct-pids
    @Test("Requests served at the same time are served by as many distinct processes", arguments: [2, 3])
    func distinctPIDs(clients: Int) throws {
        let server = try TestServer.lab("StartServers 4\nMinSpareServers 1\nMaxSpareServers 10")
        defer { server.stop() }
        #expect(waitUntil(timeoutMs: 5000) { server.children().count == 4 })
        let pids = try concurrently(clients) { _ in pidOf(try server.get("/lab/sleep?ms=600").text) }
        CheckMeasures.record("prefork.distinct-pids", "distinct_pids_for_\(clients)_clients", Set(pids.compactMap { $0 }).count, unit: "processes")
        #expect(Set(pids.compactMap { $0 }).count == clients, "\(clients) requests at once were served by \(pids)")
    }

    /// prefork.private-counter
    @Test("Each child's counter counts only the requests that child served")
    func privateCounter() throws {
        let server = try TestServer.lab("StartServers 3\nMinSpareServers 1\nMaxSpareServers 10")
        defer { server.stop() }
        #expect(waitUntil(timeoutMs: 5000) { server.children().count == 3 })
        // Clients at once, so that more than one child serves.
        let answers = try concurrently(6) { _ in
            try (0..<5).map { _ in parseFlatJSON(try server.get("/lab/counter").text) }
        }.flatMap { $0 }
        var byPID: [String: [Int]] = [:]
        for a in answers { byPID[a["pid"] ?? "?", default: []].append(Int(a["value"] ?? "") ?? -1) }
        #expect(byPID.count >= 2, "the load should reach several children: \(byPID.keys.sorted())")
        for (pid, values) in byPID {
            #expect(values.sorted() == Array(1...values.count), "child \(pid) counted \(values.sorted())")
        }
    }
}
