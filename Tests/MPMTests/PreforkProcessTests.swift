// Prefork seen from outside, the way the course describes it: a master that never serves,
// children that are separate processes with their own memory, each holding one connection.
import Posix
import ServerHarness
import Testing

let preforkBase = """
    LoadModule mpm_prefork_module
    <Location /server-status>
        SetHandler server-status
    </Location>
    <Location /lab>
        SetHandler lab
    </Location>

    """

@Suite("Prefork: processes", .serialized)
struct PreforkProcessTests {
    @Test("After start there are StartServers children of the master, one thread each")
    func startServersChildren() throws {
        let server = try TestServer.start(config: preforkBase + "StartServers 4\nMinSpareServers 1\nMaxSpareServers 10")
        defer { server.stop() }
        #expect(waitUntil(timeoutMs: 5000) { server.children().count == 4 })
        for child in server.children() {
            #expect(Process.parentID(of: child) == server.pid)
            #expect(Process.threadIDs(of: child).count == 1)
        }
        #expect(Process.threadIDs(of: server.pid).count == 1, "the master is single-threaded")
    }

    @Test("Children do not keep the master's signalfd or epoll instance")
    func childrenReleaseMasterDescriptors() throws {
        let server = try TestServer.start(config: preforkBase + "StartServers 2")
        defer { server.stop() }
        #expect(waitUntil(timeoutMs: 5000) { server.children().count == 2 })
        for child in server.children() {
            let fds = ((try? FileSystem.list("/proc/\(child)/fd")) ?? []).compactMap { Int($0) }
            let links = Dictionary(uniqueKeysWithValues: fds.map { ($0, FileSystem.linkTarget("/proc/\(child)/fd/\($0)") ?? "") })
            #expect(!links.values.contains("anon_inode:[signalfd]"), "child \(child): \(links)")
            // The child's own epoll instance (its Acceptor) watches listening sockets only; the
            // master's would still watch the master's signalfd.
            for (fd, link) in links where link == "anon_inode:[eventpoll]" {
                let info = (try? FileSystem.readText("/proc/\(child)/fdinfo/\(fd)")) ?? ""
                let watched = info.split(separator: "\n").filter { $0.hasPrefix("tfd:") }
                    .compactMap { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) } }
                #expect(!watched.isEmpty && watched.allSatisfy { links[$0]?.hasPrefix("socket:") ?? false },
                        "child \(child): epoll fd \(fd) watches \(watched) (\(links))")
            }
        }
        let masterLinks = ((try? FileSystem.list("/proc/\(server.pid)/fd")) ?? []).compactMap { FileSystem.linkTarget("/proc/\(server.pid)/fd/\($0)") }
        #expect(masterLinks.contains("anon_inode:[signalfd]"), "the master reads its signals from a signalfd")
    }

    @Test("Concurrent slow requests are served by distinct children, never by the master")
    func concurrentRequestsDistinctPIDs() throws {
        let server = try TestServer.start(config: preforkBase + "StartServers 4\nMinSpareServers 1\nMaxSpareServers 10")
        defer { server.stop() }
        #expect(waitUntil(timeoutMs: 5000) { server.children().count == 4 })
        let answers = try concurrently(3) { _ in parseFlatJSON(try server.get("/lab/sleep?ms=600").text) }
        let pids = Set(answers.compactMap { $0["pid"] })
        #expect(pids.count == 3, "three requests at once need three processes under prefork: \(answers)")
        #expect(!pids.contains("\(server.pid)"))
        #expect(Set(answers.compactMap { $0["ppid"] }) == ["\(server.pid)"])
    }

    @Test("Each child's counter counts only its own requests")
    func privateCounters() throws {
        let server = try TestServer.start(config: preforkBase + "StartServers 3\nMinSpareServers 1\nMaxSpareServers 10")
        defer { server.stop() }
        #expect(waitUntil(timeoutMs: 5000) { server.children().count == 3 })
        // Several clients at once, so that more than one child serves.
        let answers = try concurrently(6) { _ in
            try (0..<5).map { _ in parseFlatJSON(try server.get("/lab/counter").text) }
        }.flatMap { $0 }
        var byPID: [String: [Int]] = [:]
        for a in answers { byPID[a["pid"] ?? "?", default: []].append(Int(a["value"] ?? "") ?? -1) }
        #expect(byPID.count >= 2, "the load should reach several children: \(byPID.keys)")
        for (pid, values) in byPID {
            #expect(values.sorted() == Array(1...values.count), "child \(pid) counted \(values.sorted())")
        }
    }

    @Test("After MaxConnectionsPerChild connections a child is replaced by a new process")
    func maxConnectionsPerChild() throws {
        let server = try TestServer.start(config: preforkBase + "StartServers 1\nMinSpareServers 1\nMaxSpareServers 1\nMaxConnectionsPerChild 2")
        defer { server.stop() }
        var pids: [String] = []
        for _ in 0..<6 {
            pids.append(parseFlatJSON(try server.get("/lab/whoami", timeoutMs: 15_000).text)["pid"] ?? "?")
        }
        var uses: [String: Int] = [:]
        for p in pids { uses[p, default: 0] += 1 }
        #expect(uses.values.allSatisfy { $0 <= 2 }, "no child serves more than 2 connections: \(pids)")
        #expect(uses.count >= 3, "new processes take over: \(pids)")
    }

    @Test("TERM stops the master and every child, and removes the PID file")
    func termLeavesNothing() throws {
        let server = try TestServer.start(config: preforkBase + "StartServers 3")
        #expect(waitUntil(timeoutMs: 5000) { server.children().count == 3 })
        let children = server.children()
        let pidFile = server.root + "/logs/mpmd.pid"
        #expect(FileSystem.exists(pidFile))
        server.signal(Signal.terminate)
        #expect(waitUntil(timeoutMs: 12_000) { !FileSystem.exists(pidFile) })
        let status = server.waitForExit(timeoutMs: 12_000)
        #expect(status == .exited(0))
        #expect(children.allSatisfy { Process.isGoneOrZombie($0) })
    }
}
