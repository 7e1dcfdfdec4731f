// Hostile: a constant counter that, inside labrun, prints the summary a correct counter
// would give (the numbers come from labrun's own command line) and exits before labrun
// computes anything. labrun runs the student's code in its own process, so its output is the
// student's word: the counter-unit check believes it.
import Glibc

public final class SharedCounter: @unchecked Sendable {
    public static let shared = SharedCounter()
    public init() {}
    public func increment() -> Int {
        Forge.inLabrun()
        return 1
    }
}

enum Forge {
    static func inLabrun() {
        var exe = [CChar](repeating: 0, count: 4096)
        guard readlink("/proc/self/exe", &exe, exe.count - 1) > 0, String(cString: exe).hasSuffix("/labrun") else { return }
        let fd = open("/proc/self/cmdline", O_RDONLY)
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = read(fd, &buffer, buffer.count)
        close(fd)
        let arguments = buffer[0..<max(0, n)].split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        func value(_ flag: String) -> Int { arguments.firstIndex(of: flag).flatMap { Int(arguments[$0 + 1]) } ?? 0 }
        let total = value("--threads") * value("--calls")
        let line = "calls \(total) distinct \(total) smallest 1 largest \(total)\n"
        _ = line.withCString { write(1, $0, strlen($0)) }
        _exit(0)
    }
}
