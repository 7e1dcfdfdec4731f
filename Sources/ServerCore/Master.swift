// The master process: it binds the sockets, forks the children, reaps them and never serves a
// request. It is a single thread by construction — no Dispatch, no Task, no threads — because
// fork() copies only the calling thread (see Posix/Process.swift). Its one loop waits in epoll
// on two things: a signalfd (signals arrive as readable data: SIGCHLD when a child exits, TERM,
// HUP, USR1, WINCH from the administrator) and a one-second timeout that drives maintenance,
// like the one-second round of Apache's ap_wait_or_timeout. The master never looks at which
// MPM it runs: it calls the MPM's verbs (MPM.swift) and lets it decide.
import Config
import Posix

public final class Master: MasterControl {
    enum Phase { case running, stopping, gracefullyStopping }

    var server: Server
    var mpm: (any MPM)!   // built last in init: it keeps a reference to the master
    let reload: (Server) -> Result<Server, ReloadError>
    var children: [Int: Int32] = [:]          // process slot -> pid, live children only
    public internal(set) var generation = 0
    public var holdOffSpawnDoubling = 0
    var reapedThisRound = false
    var phase = Phase.running
    var stopDeadlineMs: Int64 = 0
    var reclaimSchedule = ReclaimSchedule()
    let signals: SignalDescriptor
    let epoll: Epoll
    let pidFile: String?

    public struct ReloadError: Error, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    /// The module name its log lines carry, as Apache's MPMs do ("mpm_prefork").
    var module: String { "mpm_\(server.mpm.name)" }

    /// The signals the master handles; blocked before anything else runs (Launcher).
    public static let handledSignals = [Signal.child, Signal.terminate, Signal.interrupt,
                                        Signal.hangup, Signal.user1, Signal.windowChange]

    public init(server: Server, pidFile: String?,
                reload: @escaping (Server) -> Result<Server, ReloadError>) throws(SystemError) {
        self.server = server
        self.reload = reload
        self.pidFile = pidFile
        signals = try SignalDescriptor(Self.handledSignals)
        epoll = try Epoll(capacity: 16)
        try epoll.add(signals.fd, events: .readable, token: 0)
        mpm = server.mpm.init(server: server, master: self)
    }

    // MARK: the loop

    /// Runs until the server stops; returns the exit code.
    public func run() -> Int32 {
        let global = server.scoreboard.global
        global.runningGeneration = generation
        global.configGeneration = generation + 1
        global.restartTime = WallClock.nowUs()
        mpm.startChildren()
        server.errorLog.always(.notice, module, "AH00163",
                               "\(Version.serverBanner) configured -- resuming normal operations")
        var nextRound = MonotonicClock.nowMs() + Limits.maintenanceIntervalMs
        while true {
            let wait = max(0, nextRound - MonotonicClock.nowMs())
            _ = try? epoll.wait(timeoutMs: Int(wait)) { _, _ in }   // the signalfd is drained below
            for sig in signals.drain() {
                if let code = handle(signal: sig) { return code }
            }
            reapChildren()
            if phase != .running {
                if let code = continueStopping() { return code }
            }
            if MonotonicClock.nowMs() >= nextRound {
                nextRound = MonotonicClock.nowMs() + Limits.maintenanceIntervalMs
                if phase == .running {
                    // Apache skips maintenance in a round that reaped a child.
                    if !reapedThisRound { mpm.performIdleMaintenance() }
                    reapedThisRound = false
                }
            }
        }
    }

    /// Returns an exit code when the master must leave now.
    func handle(signal sig: Int32) -> Int32? {
        // Once stopping, only TERM/INT still mean something (they turn a graceful stop into a
        // hard one); a restart would fork children into a server that is going away.
        if phase != .running && sig != Signal.terminate && sig != Signal.interrupt { return nil }
        switch sig {
        case Signal.child:
            return nil   // reaped right after, in the loop
        case Signal.terminate, Signal.interrupt:
            server.errorLog.always(.notice, module, "AH00169", "caught \(Signal.name(sig)), shutting down")
            beginStop()
            return nil
        case Signal.hangup:
            server.errorLog.always(.notice, module, "AH00171", "SIGHUP received.  Attempting to restart")
            restart(graceful: false)
            return nil
        case Signal.user1:
            server.errorLog.always(.notice, module, "AH00171", "Graceful restart requested, doing restart")
            restart(graceful: true)
            return nil
        case Signal.windowChange:
            server.errorLog.always(.notice, module, "AH00170", "caught SIGWINCH, shutting down gracefully")
            beginGracefulStop()
            return nil
        default:
            return nil
        }
    }

    // MARK: MasterControl

    public func childStarted(slot: Int, pid: Int32) {
        children[slot] = pid
        let record = server.scoreboard.process(slot)
        record.clear()
        record.pid = pid
        record.generation = generation
    }

    public func releaseInChild() {
        signals.fd.close()
        epoll.fd.close()
    }

    public var liveChildren: [(slot: Int, pid: Int32)] {
        children.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Asks one child to leave once it is idle (spare-server reduction). Apache writes a byte
    /// on the "pipe of death", which only a child between two connections reads, and opens a
    /// dummy connection to wake one up. mpmd names the child instead: it sets the child's
    /// `exitRequested` flag in the scoreboard and wakes it with USR2. The child reads the flag
    /// only between connections, as Apache's children read the pipe, so a connection it
    /// accepted a moment earlier is served to its end, keep-alive included.
    public func retireChild(slot: Int) {
        guard let pid = children[slot] else { return }
        server.scoreboard.process(slot).exitRequested = true
        Process.kill(pid, ChildSignals.wakeUp)
    }

    // MARK: reaping

    func reapChildren() {
        while let (pid, status) = try? Process.reapAny() {
            guard let slot = children.first(where: { $0.value == pid })?.key else { continue }
            reapedThisRound = true
            children[slot] = nil
            server.scoreboard.process(slot).clear()
            for t in 0..<server.scoreboard.threadLimit {
                server.scoreboard.worker(process: slot, thread: t).state = .dead
            }
            if case .signaled(let sig, _) = status, sig != Signal.terminate || phase == .running {
                // Apache: "AH00052: child pid 1234 exit signal Segmentation fault (11)".
                server.errorLog.always(.notice, "core", "AH00052", "child pid \(pid) exit signal \(Signal.description(sig)) (\(sig))")
            }
        }
    }
}
