// Stopping and restarting, as Apache's master does it.
//
// stop (TERM): every child gets TERM and exits at once, even in the middle of a request. The
//   master waits for them, resending TERM at 3, 5 and 7 seconds and sending KILL at 9 (Apache's
//   ap_reclaim_child_processes schedule, in Limits.swift), then removes the PID file and exits.
// restart (HUP): the same brutal stop of the children, but the master stays: it re-reads the
//   configuration, clears the scoreboard (the same shared memory: children of the next
//   generation are forked from this master and inherit it), adds one to the generation and
//   starts over.
// graceful (USR1): the configuration is re-read and the generation goes up, but no connection
//   is cut: every old child gets USR1, idle ones leave at once, busy ones finish the
//   connection they hold (their slots show `G`) and then leave, while children of the new
//   generation take over the listening socket.
// graceful-stop (WINCH): like graceful, but nobody takes over; the master leaves when the last
//   child is gone, or when GracefulShutdownTimeout runs out (then the rest are killed).
import Config
import Posix

extension Master {
    func beginStop() {
        if phase == .stopping { return }
        phase = .stopping
        server.scoreboard.global.stopping = true
        stopDeadlineMs = MonotonicClock.nowMs()
        for (_, pid) in children { Process.kill(pid, Signal.terminate) }
        reclaimSchedule = ReclaimSchedule()
    }

    func beginGracefulStop() {
        phase = .gracefullyStopping
        server.scoreboard.global.stopping = true
        removePidFile()
        for listener in server.listeners { listener.fd.close() }
        for (slot, pid) in children {
            server.scoreboard.process(slot).quiescing = true
            Process.kill(pid, Signal.user1)
        }
        let timeout = server.config.mpmSettings.gracefulShutdownTimeout
        stopDeadlineMs = timeout > 0 ? MonotonicClock.nowMs() + Int64(timeout) * 1000 : Int64.max
    }

    /// Called every loop turn while stopping; returns the exit code once done.
    func continueStopping() -> Int32? {
        if children.isEmpty {
            if phase == .stopping { removePidFile() }
            server.errorLog.always(.notice, module, "MPM00002", "all children gone, exiting")
            return 0
        }
        let now = MonotonicClock.nowMs()
        switch phase {
        case .stopping:
            let elapsed = now - stopDeadlineMs
            while let sig = reclaimSchedule.signalDue(elapsedMs: elapsed) {
                for (_, pid) in children {
                    server.errorLog.always(.warn, module, "AH00045",
                                           "child process \(pid) still did not exit, sending a \(Signal.name(sig))")
                    Process.kill(pid, sig)
                }
            }
            if elapsed >= Limits.giveUpAfterMs {
                server.errorLog.always(.error, module, "AH00046", "giving up on \(children.count) child processes")
                removePidFile()
                return 1
            }
        case .gracefullyStopping:
            if now >= stopDeadlineMs {
                for (_, pid) in children { Process.kill(pid, Signal.terminate) }
                phase = .stopping
                stopDeadlineMs = now
                reclaimSchedule = ReclaimSchedule()
            }
        case .running:
            break
        }
        return nil
    }

    /// HUP (hard) or USR1 (graceful) restart.
    func restart(graceful: Bool) {
        let newServer: Server
        switch reload(server) {
        case .success(let s):
            newServer = s
        case .failure(let error):
            // Apache would exit here; keeping the old configuration running is kinder to a
            // student who saved a typo, and the log says exactly what was wrong.
            server.errorLog.always(.error, "core", "MPM00003",
                                   "configuration not reloaded, the running one is kept: \(error)")
            return
        }
        if graceful {
            for (slot, pid) in children {
                server.scoreboard.process(slot).quiescing = true
                // Busy slots show `G` at once (Apache's master marks them the same way); the
                // child keeps them `G` until its connections are done.
                for t in 0..<server.threadsPerChild {
                    let worker = server.scoreboard.worker(process: slot, thread: t)
                    if worker.state.isBusy { worker.state = .graceful }
                }
                Process.kill(pid, Signal.user1)
            }
            holdOffSpawnDoubling = Limits.spawnHoldOffRounds
        } else {
            for (_, pid) in children { Process.kill(pid, Signal.terminate) }
            waitForChildren(upToMs: Limits.hardRestartWaitMs)
            newServer.scoreboard.reset()
            newServer.scoreboard.global.restartTime = WallClock.nowUs()
        }
        server = newServer
        generation += 1
        let global = server.scoreboard.global
        global.runningGeneration = generation
        global.configGeneration = generation + 1
        global.stopping = false
        mpm = server.mpm.init(server: server, master: self)
        mpm.startChildren()
        server.errorLog.always(.notice, module, "AH00163",
                               "\(Version.serverBanner) configured -- resuming normal operations")
    }

    /// Blocks (the master has nothing else to do during a hard restart) until every child is
    /// reaped, following the reclaim schedule.
    func waitForChildren(upToMs limit: Int64) {
        let start = MonotonicClock.nowMs()
        var schedule = ReclaimSchedule()
        while !children.isEmpty {
            reapChildren()
            if children.isEmpty { break }
            let elapsed = MonotonicClock.nowMs() - start
            while let sig = schedule.signalDue(elapsedMs: elapsed) {
                for (_, pid) in children { Process.kill(pid, sig) }
            }
            if elapsed >= limit { break }
            _ = try? epoll.wait(timeoutMs: 50) { _, _ in }
            // Other signals arriving during a hard restart are dropped, as Apache ignores
            // them while it reclaims its children.
            _ = signals.drain()
        }
    }

    func removePidFile() {
        if let pidFile { try? FileSystem.remove(pidFile) }
    }
}

/// When to signal children that do not exit (Apache's ap_reclaim_child_processes): TERM again
/// at each of `Limits.resendTermAtMs`, then KILL at `Limits.killAfterMs`.
struct ReclaimSchedule {
    private var due = Limits.resendTermAtMs.map { ($0, Signal.terminate) } + [(Limits.killAfterMs, Signal.kill)]

    /// The next signal whose time has come, once each.
    mutating func signalDue(elapsedMs: Int64) -> Int32? {
        guard let (at, sig) = due.first, elapsedMs >= at else { return nil }
        due.removeFirst()
        return sig
    }
}
