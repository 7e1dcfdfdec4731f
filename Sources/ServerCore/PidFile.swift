// The PID file: how `mpmd -k stop` finds the running master. `-k start` refuses to start a
// second server when the file names a live process, as httpd does.
import Posix

public enum PidFile {
    /// The pid recorded in `path`, if the file exists and holds a number.
    public static func read(_ path: String) -> Int32? {
        guard let text = try? FileSystem.readText(path) else { return nil }
        return Int32(text.trimmingWhitespace())
    }

    /// The pid in `path` if that process is alive.
    public static func livePID(_ path: String) -> Int32? {
        guard let pid = read(path), pid > 0, Process.exists(pid) else { return nil }
        return pid
    }

    public static func write(_ path: String, pid: Int32) throws(SystemError) {
        try FileSystem.makeDirectories(FileSystem.dirname(of: path))
        try FileSystem.write("\(pid)\n", to: path)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
