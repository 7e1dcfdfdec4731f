// Hostile: inside labrun, prints three lines of 8 MB each instead of labrun's summary. The
// counter-unit check quotes the first three lines in its failure message ("labrun printed
// [...] instead of its summary"), once for each of its three arguments: 24 MB per message,
// 72 MB in all, in the console log and the xUnit file on the grader's disk, then in the
// grader's memory, the student's report and its results.json. (Lines of 20 MB make the test
// bundle spend more than the phase's time formatting them: the checks then time out.)
import Glibc

public final class SharedCounter: @unchecked Sendable {
    public static let shared = SharedCounter()
    public init() {}
    public func increment() -> Int {
        Bloat.inLabrun()
        return 1
    }
}

enum Bloat {
    static func inLabrun() {
        var exe = [CChar](repeating: 0, count: 4096)
        guard readlink("/proc/self/exe", &exe, exe.count - 1) > 0, String(cString: exe).hasSuffix("/labrun") else { return }
        var line = [UInt8](repeating: UInt8(ascii: "A"), count: 8 << 20)
        line[line.count - 1] = UInt8(ascii: "\n")
        for _ in 0..<3 { _ = line.withUnsafeBytes { write(1, $0.baseAddress, $0.count) } }
        _exit(0)
    }
}
