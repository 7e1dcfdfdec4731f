// Signals. The master blocks the signals it cares about before anything else runs and reads
// them from a signalfd inside its epoll loop: a signal then becomes an ordinary readable event,
// handled between two loop iterations, never in the middle of one. Children start by
// unblocking everything again, since the signal mask survives fork.
import CLinuxShim
import Glibc

public enum Signal {
    public static let hangup = SIGHUP        // restart
    public static let interrupt = SIGINT
    public static let terminate = SIGTERM    // stop
    public static let user1 = SIGUSR1        // graceful restart
    public static let user2 = SIGUSR2
    public static let windowChange = SIGWINCH // graceful stop
    public static let child = SIGCHLD
    public static let pipe = SIGPIPE
    public static let kill = SIGKILL
    public static let abort = SIGABRT
    public static let alarm = SIGALRM

    /// "SIGTERM", "SIGSEGV"... as logs print them.
    public static func name(_ sig: Int32) -> String {
        switch sig {
        case SIGHUP: "SIGHUP"; case SIGINT: "SIGINT"; case SIGQUIT: "SIGQUIT"; case SIGILL: "SIGILL"
        case SIGTRAP: "SIGTRAP"; case SIGABRT: "SIGABRT"; case SIGBUS: "SIGBUS"; case SIGFPE: "SIGFPE"
        case SIGKILL: "SIGKILL"; case SIGUSR1: "SIGUSR1"; case SIGSEGV: "SIGSEGV"; case SIGUSR2: "SIGUSR2"
        case SIGPIPE: "SIGPIPE"; case SIGALRM: "SIGALRM"; case SIGTERM: "SIGTERM"; case SIGCHLD: "SIGCHLD"
        case SIGCONT: "SIGCONT"; case SIGSTOP: "SIGSTOP"; case SIGWINCH: "SIGWINCH"
        default: "signal \(sig)"
        }
    }

    /// "Segmentation fault", "Terminated"...: the words Apache's error log uses.
    public static func description(_ sig: Int32) -> String {
        guard let text = strsignal(sig) else { return "signal \(sig)" }
        return String(cString: text)
    }

    /// Blocks `signals` for the calling thread (and, through inheritance, for threads it creates).
    public static func block(_ signals: [Int32]) {
        var set = sigset_t()
        sigemptyset(&set)
        for s in signals { sigaddset(&set, s) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Unblocks every signal for the calling thread.
    public static func unblockAll() {
        var set = sigset_t()
        sigemptyset(&set)
        pthread_sigmask(SIG_SETMASK, &set, nil)
    }

    /// Ignores a signal (SIGPIPE: a write to a closed socket returns EPIPE instead of killing us).
    public static func ignore(_ sig: Int32) {
        Glibc.signal(sig, SIG_IGN)
    }

    /// Restores the default action.
    public static func setDefault(_ sig: Int32) {
        Glibc.signal(sig, SIG_DFL)
    }

    /// Installs a handler without SA_RESTART, so that a blocking call (accept, read) in the
    /// interrupted thread returns EINTR and the thread can look at its flags. The handler must
    /// be async-signal-safe: it may only touch atomics.
    public static func setHandler(_ sig: Int32, _ handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(sig, &action, nil)
    }

}

/// A descriptor that becomes readable when one of the blocked `signals` is pending.
public final class SignalDescriptor {
    public let fd: FileDescriptor

    public init(_ signals: [Int32]) throws(SystemError) {
        var set = sigset_t()
        sigemptyset(&set)
        for s in signals { sigaddset(&set, s) }
        fd = FileDescriptor(try syscall("signalfd") { signalfd(-1, &set, Int32(SFD_CLOEXEC | SFD_NONBLOCK)) })
    }

    /// The signals pending now (each at most once: standard signals coalesce).
    public func drain() -> [Int32] {
        var out: [Int32] = []
        var info = signalfd_siginfo()
        let size = MemoryLayout<signalfd_siginfo>.size
        while true {
            let n = Glibc.read(fd.rawValue, &info, size)
            if n != size { break }
            out.append(Int32(info.ssi_signo))
        }
        return out
    }

    deinit { fd.close() }
}
