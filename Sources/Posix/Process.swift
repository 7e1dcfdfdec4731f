// Processes: fork, wait, kill.
//
// fork() copies the calling process: the child gets a copy-on-write view of the parent's
// memory and a copy of its descriptor table (so it shares the listening socket). Only the
// thread that called fork exists in the child. If another thread held a lock at that moment
// (inside malloc, the Swift runtime, Dispatch's pool), the lock stays held forever in the
// child, which hangs the first time it needs it. That is why mpmd's master is single-threaded
// by construction, and why `fork()` below refuses to run otherwise: it counts the entries of
// /proc/self/task first and stops the program with a clear message if there is more than one.
import CLinuxShim
import Glibc

/// How a child process ended.
public enum ExitStatus: Sendable, Equatable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32, coreDumped: Bool)

    public init(rawStatus: Int32) {
        if shim_WIFSIGNALED(rawStatus) != 0 {
            self = .signaled(shim_WTERMSIG(rawStatus), coreDumped: shim_WCOREDUMP(rawStatus) != 0)
        } else {
            self = .exited(shim_WEXITSTATUS(rawStatus))
        }
    }

    public var description: String {
        switch self {
        case .exited(let code): "exit status \(code)"
        case .signaled(let sig, let core):
            "signal \(Signal.description(sig)) (\(sig))" + (core ? ", possible coredump" : "")
        }
    }
}

public enum Process {
    public static var id: Int32 { getpid() }
    public static var parentID: Int32 { getppid() }

    /// The kernel id of the calling thread (equal to the process id on the main thread).
    public static var threadID: Int32 { shim_gettid() }

    /// The number of threads in the calling process, read from /proc/self/task.
    public static func threadCount() -> Int {
        (try? FileSystem.list("/proc/self/task").count) ?? -1
    }

    /// The thread ids of a process (/proc/PID/task).
    public static func threadIDs(of pid: Int32) -> [Int32] {
        ((try? FileSystem.list("/proc/\(pid)/task")) ?? []).compactMap { Int32($0) }
    }

    /// Forks. Precondition: the caller is the only thread of its process (see the comment at
    /// the top of this file). Returns 0 in the child and the child's pid in the parent.
    public static func fork() throws(SystemError) -> Int32 {
        if let refusal = forkRefusal() { preconditionFailure(refusal) }
        return try forkUnchecked()
    }

    /// Why `fork()` would refuse to run in this process now (more than one entry in
    /// /proc/self/task), or nil when it is safe.
    public static func forkRefusal() -> String? {
        let threads = threadCount()
        guard threads != 1 else { return nil }
        return """
            mpmd: refusing to fork: this process has \(threads) threads (/proc/self/task). \
            The master must stay single-threaded: a thread holding a lock during fork leaves \
            that lock held forever in the child.
            """
    }

    /// fork() without the check, for tests that run in a process with many threads: the
    /// child must touch nothing but atomics in shared memory, then leave with `exitImmediately`.
    @_spi(Testing)
    public static func forkUnchecked() throws(SystemError) -> Int32 {
        fflush(nil)   // or buffered output would be written twice, once by each process
        return try syscall("fork") { Glibc.fork() }
    }

    /// Reaps one exited child without blocking; nil when none has exited.
    public static func reapAny() throws(SystemError) -> (pid: Int32, status: ExitStatus)? {
        var status: Int32 = 0
        let pid = Glibc.waitpid(-1, &status, WNOHANG)
        if pid == 0 { return nil }
        if pid == -1 {
            let err = currentErrno()
            if err == ECHILD { return nil }
            if err == EINTR { return try reapAny() }
            throw SystemError("waitpid", errno: err)
        }
        return (pid, ExitStatus(rawStatus: status))
    }

    /// Waits for one given child, at most `timeoutMs` (polling; used by tools and tests).
    public static func wait(for pid: Int32, timeoutMs: Int) -> ExitStatus? {
        let deadline = MonotonicClock.nowMs() + Int64(timeoutMs)
        while true {
            var status: Int32 = 0
            let rc = Glibc.waitpid(pid, &status, WNOHANG)
            if rc == pid { return ExitStatus(rawStatus: status) }
            if rc == -1 && currentErrno() != EINTR { return nil }
            if MonotonicClock.nowMs() >= deadline { return nil }
            sleepMs(5)
        }
    }

    /// Sends a signal; false when the process does not exist (any more).
    @discardableResult
    public static func kill(_ pid: Int32, _ signal: Int32) -> Bool {
        Glibc.kill(pid, signal) == 0
    }

    /// Whether a process with this pid exists (signal 0 checks without sending anything).
    public static func exists(_ pid: Int32) -> Bool {
        Glibc.kill(pid, 0) == 0 || currentErrno() == EPERM
    }

    /// Leaves at once, without running atexit handlers or flushing stdio buffers that the
    /// parent also holds (what a forked child must do).
    public static func exitImmediately(_ code: Int32) -> Never {
        _exit(code)
    }

    /// Exits normally (flushes stdio).
    public static func exit(_ code: Int32) -> Never {
        Glibc.exit(code)
    }

    /// Makes the calling process receive `signal` when its parent dies. Apache children notice
    /// a dead parent through the pipe of death; this is a second safety net so that a master
    /// killed with SIGKILL never leaves orphans behind.
    public static func setParentDeathSignal(_ signal: Int32) {
        _ = shim_set_parent_death_signal(signal)
    }

    /// Caps the malloc arenas of this process. glibc gives each new thread that allocates an
    /// arena of its own (up to eight per core), and each arena keeps its own touched pages:
    /// in a child of 25 idle threads that is a few hundred KiB for nothing, since mpmd's
    /// threads allocate little and glibc's per-thread cache serves most small allocations
    /// without touching an arena's lock.
    public static func limitMallocArenas(_ count: Int) {
        _ = shim_limit_malloc_arenas(Int32(count))
    }

    /// Asks the kernel to map only the code pages this process (and the children it forks,
    /// which inherit the advice) really executes. By default a page fault on a program's text
    /// maps its neighbours too (fault-around, 64 KiB at a time), so a process that runs a few
    /// functions of the Swift runtime ends up mapping a good part of it, and every such page
    /// counts in its resident size and PSS. MADV_RANDOM on the executable file mappings turns
    /// that off; it costs a few hundred more page faults at start-up, none afterwards.
    public static func mapOnlyUsedCode() {
        adviseCode(MADV_RANDOM)
    }

    private static func adviseCode(_ advice: Int32) {
        guard let maps = try? FileSystem.readText("/proc/self/maps") else { return }
        for line in maps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[1] == "r-xp", fields[5].hasPrefix("/") else { continue }
            let range = fields[0].split(separator: "-")
            guard range.count == 2, let start = UInt(range[0], radix: 16), let end = UInt(range[1], radix: 16),
                  let address = UnsafeMutableRawPointer(bitPattern: start) else { continue }
            _ = madvise(address, Int(end - start), advice)
        }
    }

    /// Starts a new session (detaches from the controlling terminal): the daemon's second step.
    public static func newSession() throws(SystemError) {
        try syscall("setsid") { setsid() }
    }

    /// Points stdin at /dev/null (a daemon reads nothing from a terminal).
    public static func detachStandardInput() {
        let fd = Glibc.open("/dev/null", O_RDWR)
        if fd >= 0 { _ = dup2(fd, 0); if fd > 2 { _ = Glibc.close(fd) } }
    }

    /// The value of an environment variable.
    public static func environment(_ name: String) -> String? {
        guard let v = getenv(name) else { return nil }
        return String(cString: v)
    }

    /// Replaces the process image (used by tests and tools to run programs).
    public static func execute(_ path: String, _ arguments: [String]) -> Never {
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        let err = currentErrno()
        let message = "exec \(path): \(String(cString: strerror(err)))\n"
        _ = message.withCString { Glibc.write(2, $0, strlen($0)) }
        _exit(127)
    }

    /// The resolved path of the running executable.
    public static func executablePath() -> String {
        FileSystem.realPath("/proc/self/exe") ?? "/proc/self/exe"
    }

    /// CPU time used by this process and by its reaped children, in seconds.
    public static func cpuTimes() -> (user: Double, system: Double, childrenUser: Double, childrenSystem: Double) {
        var t = tms()
        _ = times(&t)
        let hz = Double(sysconf(Int32(_SC_CLK_TCK)))
        return (Double(t.tms_utime) / hz, Double(t.tms_stime) / hz, Double(t.tms_cutime) / hz, Double(t.tms_cstime) / hz)
    }
}
