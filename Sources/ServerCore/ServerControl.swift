// `mpmd -k stop|restart|graceful|graceful-stop`: find the running master through the PID file
// and send it the signal that means that (TERM, HUP, USR1, WINCH), as `httpd -k` does.
import Posix

enum ServerControl {
    /// Signals the running server; returns an exit code, or nil when no server is running and
    /// the request (restart, graceful) means "start one".
    static func signal(_ request: CommandLineOptions.Signal, pidFile: String) -> Int32? {
        guard let pid = PidFile.livePID(pidFile) else {
            switch request {
            case .stop, .gracefulStop:
                let why = PidFile.read(pidFile) == nil ? "no pid file" : "pid \(PidFile.read(pidFile)!)?"
                Launcher.printError("httpd (\(why)) not running")
                return 0
            case .restart, .graceful:
                Launcher.printError("httpd not running, trying to start")
                return nil
            case .start:
                return nil
            }
        }
        let sig: Int32 = switch request {
        case .stop: Signal.terminate
        case .restart: Signal.hangup
        case .graceful: Signal.user1
        case .gracefulStop: Signal.windowChange
        case .start: 0
        }
        guard Process.kill(pid, sig) else {
            Launcher.printError("mpmd: could not send \(Signal.name(sig)) to pid \(pid)")
            return 1
        }
        return 0
    }
}
