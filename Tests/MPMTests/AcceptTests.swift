// Several Listen lines: how idle prefork children (and worker listener threads) wait for
// connections on more than one socket without a thundering herd. Apache serialises that wait
// with its accept mutex; mpmd registers every listening socket with EPOLLEXCLUSIVE in one
// epoll instance per waiter (ServerCore/Acceptor.swift), so the kernel wakes one waiter per
// connection, and nobody ever blocks in accept() on a socket a sibling emptied.
import Posix
import ServerHarness
import Testing

@Suite("Accepting on several Listen lines", .serialized)
struct AcceptTests {
    /// The ports of every "listening on" line of the log, in order.
    func ports(_ server: TestServer) -> [Int] {
        server.log.split(separator: "\n").compactMap { line -> Int? in
            guard let range = line.firstRange(of: "listening on 127.0.0.1:") else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
    }

    /// Each epoll registration of every listening socket in `pid`'s epoll instances:
    /// (watched descriptor, event mask).
    func listenerRegistrations(_ pid: Int32) -> [(fd: Int, mask: UInt32)] {
        let fds = ((try? FileSystem.list("/proc/\(pid)/fd")) ?? []).compactMap { Int($0) }
        var out: [(Int, UInt32)] = []
        for fd in fds where FileSystem.linkTarget("/proc/\(pid)/fd/\(fd)") == "anon_inode:[eventpoll]" {
            for line in ((try? FileSystem.readText("/proc/\(pid)/fdinfo/\(fd)")) ?? "").split(separator: "\n") where line.hasPrefix("tfd:") {
                let words = line.split(separator: " ", omittingEmptySubsequences: true)
                guard words.count > 3, let tfd = Int(words[1]), let mask = UInt32(words[3], radix: 16) else { continue }
                out.append((tfd, mask))
            }
        }
        return out
    }

    @Test("Both sockets are served, and every waiter sleeps in an exclusive epoll wait, never in accept()",
          arguments: ["prefork", "worker"])
    func exclusiveWaitOnEverySocket(mpm: String) throws {
        let sizing = mpm == "prefork" ? "StartServers 3\nMinSpareServers 3\nMaxSpareServers 3"
                                      : "StartServers 2\nThreadsPerChild 2\nMinSpareThreads 1\nMaxSpareThreads 8"
        let server = try TestServer.start(config: "LoadModule mpm_\(mpm)_module\nListen 127.0.0.1:0\nListen 127.0.0.1:0\n"
                                          + sizing + "\n<Location /lab>\nSetHandler lab\n</Location>")
        defer { server.stop() }
        let both = ports(server)
        try #require(both.count == 2, "two listening sockets: \(server.log)")
        let expectedChildren = mpm == "prefork" ? 3 : 2
        #expect(waitUntil(timeoutMs: 5000) { server.children().count == expectedChildren })
        for round in 0..<20 {
            let port = both[round % 2]
            let c = try HTTPConnection(SocketAddress(host: "127.0.0.1", port: port))
            let r = try c.request("/lab/whoami", headers: [("Connection", "close")], timeoutMs: 10_000)
            #expect(r.status == 200, "round \(round), port \(port)")
        }
        let exclusive: UInt32 = 0x1000_0000   // EPOLLEXCLUSIVE
        for child in server.children() {
            let registrations = listenerRegistrations(child)
            #expect(registrations.count == 2, "child \(child) watches both sockets: \(registrations)")
            #expect(registrations.allSatisfy { $0.mask & exclusive != 0 }, "child \(child): \(registrations)")
            // Idle, each waiter (the prefork child, worker's listener thread) sleeps in epoll.
            #expect(waitUntil(timeoutMs: 5000) {
                let waits = Process.threadIDs(of: child).compactMap { try? FileSystem.readText("/proc/\(child)/task/\($0)/wchan") }
                return waits.contains { $0.hasPrefix("ep_") || $0.contains("epoll") } && !waits.contains("inet_csk_accept")
            }, "child \(child) waits in epoll_wait, not in accept()")
        }
    }
}
