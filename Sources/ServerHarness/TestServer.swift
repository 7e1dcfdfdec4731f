// A real mpmd, started for a test or a lab check: its own temporary ServerRoot, a listening
// socket on a free loopback port (Listen 127.0.0.1:0, the kernel picks), readiness read from
// the error log instead of guessed with a sleep, and a stop that always reaps the master and
// every child it left, even when the test failed half-way.
import Posix

public final class TestServer: @unchecked Sendable {
    // @unchecked: the mutable state (`stopped`) is only touched by the owning test, and `stop`
    // is idempotent.
    public let root: String
    public let pid: Int32
    public let port: Int
    public let logPath: String
    public let singleProcess: Bool
    private var stopped = false
    private var knownChildren: Set<Int32> = []

    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The mpmd binary: $MPMD, else the one built beside the running test or tool.
    public static var mpmdPath: String {
        if let path = Process.environment("MPMD") { return path }
        return FileSystem.dirname(of: Process.executablePath()) + "/mpmd"
    }

    /// Starts mpmd with `config` (a configuration text; `Listen 127.0.0.1:0` and a DocumentRoot
    /// are added unless it has its own). `files` are written under the ServerRoot first
    /// (path relative to it -> content).
    public static func start(config: String, singleProcess: Bool = false, files: [String: String] = [:],
                             arguments: [String] = [], timeoutMs: Int = 15_000) throws -> TestServer {
        // The server may run a student's code: from now on this process keeps its /proc
        // entries (its descriptors, its memory) out of reach of the processes it starts.
        Confinement.makeUndumpable()
        let root = try FileSystem.makeTemporaryDirectory(prefix: "mpmd-test")
        try FileSystem.makeDirectories(root + "/conf")
        try FileSystem.makeDirectories(root + "/htdocs")
        try FileSystem.makeDirectories(root + "/logs")
        try FileSystem.write("<!DOCTYPE html><title>mpmd test</title><p>It works.</p>\n", to: root + "/htdocs/index.html")
        for (path, content) in files {
            try FileSystem.makeDirectories(FileSystem.dirname(of: root + "/" + path))
            try FileSystem.write(content, to: root + "/" + path)
        }
        var text = ""
        if !Self.hasDirective("Listen", in: config) { text += "Listen 127.0.0.1:0\n" }
        if !Self.hasDirective("DocumentRoot", in: config) { text += "DocumentRoot htdocs\n" }
        text += config + "\n"
        try FileSystem.write(text, to: root + "/conf/mpmd.conf")
        let log = root + "/logs/stderr.log"
        var args = ["-f", root + "/conf/mpmd.conf"] + arguments
        if singleProcess { args.append("-X") }
        let pid = try Process.spawn(mpmdPath, args, outputPath: log, environment: Self.environmentForStudentCode())
        let server = TestServer(root: root, pid: pid, port: 0, logPath: log, singleProcess: singleProcess)
        // Readiness: the "listening on" line gives the port; in master mode, AH00163 says the
        // children were forked.
        let deadline = MonotonicClock.nowMs() + Int64(timeoutMs)
        while MonotonicClock.nowMs() < deadline {
            let output = (try? FileSystem.readText(log)) ?? ""
            if let port = Self.port(in: output), singleProcess || output.contains("AH00163") {
                let ready = TestServer(root: root, pid: pid, port: port, logPath: log, singleProcess: singleProcess)
                server.stopped = true   // ownership moves to `ready`
                return ready
            }
            if Process.wait(for: pid, timeoutMs: 0) != nil {
                server.stopped = true
                throw StartError(description: "mpmd exited during start-up:\n\(output)")
            }
            sleepMs(10)
        }
        let output = (try? FileSystem.readText(log)) ?? ""
        server.stop()
        throw StartError(description: "mpmd did not become ready within \(timeoutMs) ms:\n\(output)")
    }

    /// Whether `config` has a `name` directive line: a comment that merely says "listen" (a
    /// student's notes in student.conf) must not stop the free-port Listen from being added.
    static func hasDirective(_ name: String, in config: String) -> Bool {
        config.split(whereSeparator: \.isNewline).contains { line in
            let first = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? ""
            return first.lowercased() == name.lowercased()
        }
    }

    /// This process's environment without the grader's own variables (MPMLAB_*): a server
    /// that may run a student's code learns nothing about where results go.
    public static func environmentForStudentCode() -> [String] {
        guard let bytes = try? FileSystem.readBytes("/proc/self/environ") else { return [] }
        return bytes.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.filter { !$0.hasPrefix("MPMLAB_") }
    }

    init(root: String, pid: Int32, port: Int, logPath: String, singleProcess: Bool) {
        self.root = root
        self.pid = pid
        self.port = port
        self.logPath = logPath
        self.singleProcess = singleProcess
    }

    deinit { stop() }

    static func port(in log: String) -> Int? {
        guard let range = log.firstRange(of: "listening on 127.0.0.1:") else { return nil }
        return Int(log[range.upperBound...].prefix { $0.isNumber })
    }

    public var address: SocketAddress { SocketAddress(host: "127.0.0.1", port: port) }

    /// Everything mpmd wrote to stderr (its error log unless the config says otherwise).
    public var log: String { (try? FileSystem.readText(logPath)) ?? "" }

    /// The master's live children, now.
    public func children() -> [Int32] {
        let list = Process.children(of: pid).filter { !Process.isGoneOrZombie($0) }
        knownChildren.formUnion(list)
        return list
    }

    /// Sends a signal to the master.
    public func signal(_ sig: Int32) { Process.kill(pid, sig) }

    /// Stops the server: TERM, then (after 12 s) KILL; reaps the master; kills any child it
    /// left behind. Safe to call twice.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        knownChildren.formUnion(Process.children(of: pid))
        Process.kill(pid, Signal.terminate)
        if Process.wait(for: pid, timeoutMs: 12_000) == nil {
            Process.kill(pid, Signal.kill)
            _ = Process.wait(for: pid, timeoutMs: 2_000)
        }
        for child in knownChildren where !Process.isGoneOrZombie(child) { Process.kill(child, Signal.kill) }
        try? FileSystem.remove(root)
    }

    /// Exit status once the master is gone (for tests that stop it themselves).
    public func waitForExit(timeoutMs: Int) -> ExitStatus? {
        let status = Process.wait(for: pid, timeoutMs: timeoutMs)
        if status != nil {
            knownChildren.formUnion(Process.children(of: pid))
            stopped = true
            for child in knownChildren where !Process.isGoneOrZombie(child) { Process.kill(child, Signal.kill) }
            try? FileSystem.remove(root)
        }
        return status
    }
}

/// Polls `condition` every 10 ms until it holds or `timeoutMs` passes.
public func waitUntil(timeoutMs: Int, _ condition: () -> Bool) -> Bool {
    let deadline = MonotonicClock.nowMs() + Int64(timeoutMs)
    while true {
        if condition() { return true }
        if MonotonicClock.nowMs() >= deadline { return false }
        sleepMs(10)
    }
}

/// The experiments' windows on the server: server-status and the lab handler, from this machine.
public let observationLocations = """

    ExtendedStatus On
    <Location /server-status>
        SetHandler server-status
    </Location>
    <Location /lab>
        SetHandler lab
    </Location>

    """
