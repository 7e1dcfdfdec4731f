// Hostile: fills the sandbox's other tmpfs mounts. bwrap's /dev (with /dev/shm) and its root
// "/" are tmpfs mounts writable by the sandbox user with no size given, so half the machine's
// memory each; only /tmp has a size (1 GiB). Files are 200 MiB (under the 256 MiB file-size
// limit), 3 GiB in all at most (this runs on a shared machine), and stay until the sandbox
// ends. labrun prints how far it got into the check's failure message.
import Glibc

public final class SharedCounter: @unchecked Sendable {
    public static let shared = SharedCounter()
    public init() {}
    public func increment() -> Int {
        Fill.inLabrun()
        return 1
    }
}

enum Fill {
    static func inLabrun() {
        var exe = [CChar](repeating: 0, count: 4096)
        guard readlink("/proc/self/exe", &exe, exe.count - 1) > 0, String(cString: exe).hasSuffix("/labrun") else { return }
        guard access("/dev/shm/fill-0", F_OK) != 0 else { return }
        let chunk = [UInt8](repeating: 7, count: 8 << 20)
        var report: [String] = []
        var total = 0
        outer: for folder in ["/dev/shm", "/"] {
            var written = 0, problem = "limit of this fixture reached"
            for index in 0..<8 where total < 3 << 30 {
                let fd = open("\(folder)/fill-\(index)", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                guard fd >= 0 else { problem = "open errno \(errno)"; break }
                for _ in 0..<25 {
                    let n = chunk.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                    if n <= 0 { problem = "write errno \(errno)"; close(fd); report.append("\(folder): \(written >> 20) MiB (\(problem))"); continue outer }
                    written += n
                    total += n
                }
                close(fd)
            }
            report.append("\(folder): \(written >> 20) MiB (\(problem))")
        }
        let cgroup = String(cString: [CChar](unsafeUninitializedCapacity: 4096) { buffer, count in
            let fd = open("/proc/self/cgroup", O_RDONLY)
            count = max(0, read(fd, buffer.baseAddress, 4095)); close(fd)
            buffer[count] = 0; count += 1
        }).map { $0 == "\n" ? " " : $0 }
        let line = "filled " + report.joined(separator: "; ") + " — cgroups: " + String(cgroup) + "\n"
        _ = line.withCString { write(1, $0, strlen($0)) }
        _exit(0)
    }
}
