// A process's memory as the kernel accounts it, from /proc/PID/smaps_rollup (kB): Rss counts
// every resident page, shared ones included; Pss divides each shared page by the number of
// processes mapping it, so Pss figures add up to what a group of processes really occupies;
// Uss (Private_Clean + Private_Dirty) is what the process alone holds — what its death frees.
import Posix

struct Memory: Sendable, Equatable {
    var rss = 0, pss = 0, uss = 0

    /// The memory of `pid`, or nil if it is gone (or not ours to read).
    static func of(_ pid: Int32) -> Memory? {
        guard let text = try? FileSystem.readText("/proc/\(pid)/smaps_rollup") else { return nil }
        var memory = Memory()
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            guard words.count >= 2, let kB = Int(words[1]) else { continue }
            switch words[0] {
            case "Rss:": memory.rss = kB
            case "Pss:": memory.pss = kB
            case "Private_Clean:", "Private_Dirty:": memory.uss += kB
            default: break
            }
        }
        return memory
    }

    /// The sum of the Pss of `pids` (those still there).
    static func totalPss(_ pids: [Int32]) -> Int {
        pids.compactMap { of($0)?.pss }.reduce(0, +)
    }
}
