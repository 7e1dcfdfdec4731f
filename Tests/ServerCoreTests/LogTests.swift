// The logs a live server writes: CustomLog lines in a LogFormat, and error-log lines with
// stable tags; and the command line's -t / -V answers.
import Posix
import ServerHarness
import Testing

@Suite("Logs and the command line", .serialized)
struct LogTests {
    @Test("CustomLog writes one line per request in its LogFormat", arguments: Harness.allCases)
    func accessLog(harness: Harness) throws {
        let server = try harness.start(#"LogFormat "%h \"%r\" %>s %b pid=%P tid=%{tid}P k=%k %X" lab"# + "\nCustomLog logs/access_log lab")
        defer { server.stop() }
        let c = try server.connect()
        let first = try c.request("/lab/whoami")
        let who = parseFlatJSON(first.text)
        _ = try c.request("/missing", headers: [("Connection", "close")])
        var lines: [Substring] = []
        #expect(waitUntil(timeoutMs: 3000) {
            lines = ((try? FileSystem.readText(server.root + "/logs/access_log")) ?? "").split(separator: "\n")
            return lines.count == 2
        })
        guard lines.count == 2 else { return }
        #expect(lines[0] == "127.0.0.1 \"GET /lab/whoami HTTP/1.1\" 200 \(first.body.count) pid=\(who["pid"]!) tid=\(who["tid"]!) k=0 +")
        #expect(lines[1].hasPrefix("127.0.0.1 \"GET /missing HTTP/1.1\" 404 "))
        #expect(lines[1].hasSuffix(" k=1 -"), "second request on the connection, which then closed")
    }

    @Test("mpmd -t says Syntax OK, or FILE:LINE: message and exit status 1")
    func syntaxCheck() throws {
        let root = try FileSystem.makeTemporaryDirectory(prefix: "mpmd-t")
        defer { try? FileSystem.remove(root) }
        try FileSystem.makeDirectories(root + "/conf")
        try FileSystem.write("Listen 127.0.0.1:0\nKeepAlive On\n", to: root + "/conf/good.conf")
        try FileSystem.write("Listen 127.0.0.1:0\n\nKeepAliveTimeout 5x\n", to: root + "/conf/bad.conf")
        let good = try run(["-t", "-f", root + "/conf/good.conf"], root: root)
        #expect(good.status == .exited(0))
        #expect(good.output.contains("Syntax OK"))
        let bad = try run(["-t", "-f", root + "/conf/bad.conf"], root: root)
        #expect(bad.status == .exited(1))
        #expect(bad.output.contains("bad.conf:3: KeepAliveTimeout has wrong format"), "\(bad.output)")
        let version = try run(["-V", "-f", root + "/conf/good.conf", "-C", "LoadModule mpm_worker_module"], root: root)
        #expect(version.output.contains("Server MPM:     worker"))
    }

    func run(_ arguments: [String], root: String) throws -> (status: Posix.ExitStatus?, output: String) {
        let out = root + "/out.txt"
        try? FileSystem.remove(out)
        let pid = try Process.spawn(TestServer.mpmdPath, arguments, outputPath: out)
        let status = Process.wait(for: pid, timeoutMs: 10_000)
        return (status, (try? FileSystem.readText(out)) ?? "")
    }
}
