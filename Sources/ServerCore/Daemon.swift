// `-k start`: become a daemon. Fork once (the parent waits until the daemon has written its
// PID file, then returns, so the shell prompt comes back only when the server is up), start a
// new session so that the terminal going away sends us nothing, and stop reading the terminal.
import Posix

enum Daemon {
    enum Role { case parent(exitCode: Int32), daemon }

    static func detach(pidFile: String) -> Role {
        let pid: Int32
        do { pid = try Process.fork() } catch {
            Launcher.printError("mpmd: \(error)")
            return .parent(exitCode: 1)
        }
        if pid > 0 {
            // Wait (bounded) until the daemon writes its PID file, or dies.
            let deadline = MonotonicClock.nowMs() + 15_000
            while MonotonicClock.nowMs() < deadline {
                if PidFile.read(pidFile) == pid { return .parent(exitCode: 0) }
                if let status = Process.wait(for: pid, timeoutMs: 0) {
                    Launcher.printError("mpmd: the server did not start (\(status)); see the error log")
                    return .parent(exitCode: 1)
                }
                sleepMs(20)
            }
            Launcher.printError("mpmd: the server did not write \(pidFile) within 15 seconds")
            return .parent(exitCode: 1)
        }
        _ = try? Process.newSession()
        Process.detachStandardInput()
        return .daemon
    }
}
