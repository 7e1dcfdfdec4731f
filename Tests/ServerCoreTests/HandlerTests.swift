// The server-status and lab handlers, and access control with Require.
import ServerHarness
import Testing

@Suite("server-status, the lab handler and Require on a live server", .serialized)
struct HandlerTests {
    @Test("server-status?auto has Apache's keys in Apache's order", arguments: Harness.allCases)
    func statusAuto(harness: Harness) throws {
        let server = try harness.start()
        defer { server.stop() }
        let r = try server.get("/server-status?auto")
        #expect(r.headers["Content-Type"] == "text/plain; charset=ISO-8859-1")
        let keys = r.text.split(separator: "\n").dropFirst().compactMap { line in
            line.firstIndex(of: ":").map { String(line[..<$0]) }
        }
        let expected = ["ServerVersion", "ServerMPM", "Server Built", "CurrentTime", "RestartTime",
                        "ParentServerConfigGeneration", "ParentServerMPMGeneration", "ServerUptimeSeconds",
                        "ServerUptime", "Load1", "Load5", "Load15", "Total Accesses", "Total kBytes",
                        "Total Duration", "CPUUser", "CPUSystem", "CPUChildrenUser", "CPUChildrenSystem"]
        #expect(Array(keys.prefix(expected.count)) == expected)
        let tail = ["BusyWorkers", "GracefulWorkers", "IdleWorkers"]
            + (harness == .event ? ["Processes", "Stopping", "ConnsTotal", "ConnsAsyncWriting", "ConnsAsyncKeepAlive", "ConnsAsyncClosing"] : [])
            + ["Scoreboard"]
        #expect(Array(keys.suffix(tail.count)) == tail)
        let status = try server.status()
        #expect(status["ServerMPM"] == harness.mpmName)
        #expect(Int(status["BusyWorkers"] ?? "") ?? 0 >= 1, "the status request itself is busy")
    }

    @Test("server-status?refresh=N sets a Refresh header; the HTML page shows the scoreboard", arguments: Harness.allCases)
    func statusHTML(harness: Harness) throws {
        let server = try harness.start("ServerName lab.example")
        defer { server.stop() }
        let r = try server.get("/server-status?refresh=42;fish")
        #expect(r.headers["Refresh"] == "42")
        #expect(r.text.contains("Apache Server Status for lab.example"))
        #expect(r.text.contains("Scoreboard Key"))
        #expect(r.headers["Content-Type"]?.contains("charset") == true)
    }

    @Test("Require all denied refuses with 403", arguments: Harness.allCases)
    func requireDenied(harness: Harness) throws {
        let server = try harness.start("<Location /private>\n Require all denied\n</Location>", files: ["htdocs/private/x.txt": "x"])
        defer { server.stop() }
        #expect(try server.get("/private/x.txt").status == 403)
    }

    @Test("/lab/whoami names the serving process, and /lab/counter counts", arguments: Harness.allCases)
    func lab(harness: Harness) throws {
        let server = try harness.start()
        defer { server.stop() }
        let who = parseFlatJSON(try server.get("/lab/whoami").text)
        #expect(who["mpm"] == harness.mpmName)
        #expect(who["pid"] != nil && who["tid"] != nil && who["ppid"] != nil)
        if harness == .singleProcess { #expect(who["pid"] == "\(server.pid)") }
        do {
            // -X serves one connection at a time: this one must be closed before the next.
            let c = try server.connect()
            let first = Int(parseFlatJSON(try c.request("/lab/counter").text)["value"] ?? "") ?? 0
            let second = Int(parseFlatJSON(try c.request("/lab/counter", headers: [("Connection", "close")]).text)["value"] ?? "") ?? 0
            #expect(second == first + 1, "one connection stays on one process, whose counter goes up by one")
        }
        #expect(try server.get("/lab/sleep?ms=70000").status == 400)
    }
}
