// What a trusted process does to stay out of reach of the untrusted processes it starts in
// the same sandbox (mpmlab's grading supervisor and the lab checks). Processes of one user can
// normally read each other's /proc/PID/fd, mem, environ and cwd — so a student's server could
// reopen the checker's result file through /proc. A process marked non-dumpable has those
// entries owned by root and refuses ptrace: only a process with CAP_SYS_PTRACE could reach it,
// and the sandbox grants no capability. The mark is lost at execve, so each trusted program
// sets it itself, before it starts anything untrusted.
import CLinuxShim
import Glibc

public enum Confinement {
    /// Marks this process non-dumpable (PR_SET_DUMPABLE 0).
    public static func makeUndumpable() {
        _ = shim_set_dumpable(0)
    }

    /// Whether this process is dumpable (readable through /proc by its own user).
    public static var isDumpable: Bool {
        shim_get_dumpable() == 1
    }

    /// Sends SIGKILL to every process this one may signal, except itself. In a PID namespace
    /// whose init (PID 1) is the caller, that is every other process of the sandbox.
    public static func killAllOthers() {
        _ = Glibc.kill(-1, SIGKILL)
    }
}

extension Process {
    /// Whether this process has any child left, exited or not (without reaping one).
    public static func hasChildren() -> Bool {
        var info = siginfo_t()
        return waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) == 0
    }
}

extension Process {
    /// The processors online (how many submissions a grader checks at once by default).
    public static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
