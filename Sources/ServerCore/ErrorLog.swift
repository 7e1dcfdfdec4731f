// The error log: what the server tells its administrator. Each line carries the time, the
// module and level, the pid (and thread id when it is not the main thread) and a stable tag,
// so that a lab handout can say "look for AH00169 in the log". Where a message is one of
// Apache's, it keeps Apache's tag and wording; mpmd's own messages use the MPM prefix.
// Every line is written with a single write(2) on an O_APPEND descriptor: lines from many
// processes and threads interleave whole, never mixed.
import Config
import Posix

public final class ErrorLog: Sendable {
    public let level: LogLevel
    let fd: FileDescriptor
    let ownsDescriptor: Bool

    /// Logs to standard error.
    public init(level: LogLevel = .warn) {
        self.level = level
        fd = .standardError
        ownsDescriptor = false
    }

    /// Logs to a file (appending).
    public init(path: String, level: LogLevel) throws(SystemError) {
        self.level = level
        fd = try FileDescriptor.openForAppend(path)
        ownsDescriptor = true
    }

    deinit { if ownsDescriptor { fd.close() } }

    public var descriptor: FileDescriptor { fd }

    /// Writes one line if `level` is enabled. `tag` is stable (e.g. "AH00163").
    public func log(_ level: LogLevel, _ module: String, _ tag: String, _ message: String) {
        guard level <= self.level else { return }
        write(level, module, tag, message)
    }

    /// Writes one line whatever LogLevel says (Apache logs start-up and shutdown notices
    /// this way).
    public func always(_ level: LogLevel, _ module: String, _ tag: String, _ message: String) {
        write(level, module, tag, message)
    }

    private func write(_ level: LogLevel, _ module: String, _ tag: String, _ message: String) {
        let us = WallClock.nowUs()
        let seconds = us / 1_000_000
        let micros = String(us % 1_000_000)
        let stamp = WallClock.formatLocal(seconds, "%a %b %d %H:%M:%S") + "." +
            String(repeating: "0", count: 6 - micros.count) + micros + " " + WallClock.formatLocal(seconds, "%Y")
        let pid = Process.id
        let tid = Process.threadID
        let who = tid == pid ? "[pid \(pid)]" : "[pid \(pid):tid \(tid)]"
        let line = "[\(stamp)] [\(module):\(level)] \(who) \(tag): \(message)\n"
        try? fd.writeAll(Array(line.utf8))
    }
}
