// Waiting for the client in the serving thread: how prefork and worker serve a connection.
// The process or thread that accepted a connection keeps it to the end: whenever `process`
// says the connection must wait for its client, this thread waits with it, in poll(). Between
// two requests that wait lasts up to KeepAliveTimeout and the slot shows `K`: an idle client
// holds a whole process (prefork) or thread (worker) that can serve nobody else — the cost
// the event MPM removes by parking the connection in its listener thread instead.
// Request bodies are read here too, by every MPM (`process` calls `read`).
import Posix

extension ConnectionProcessor {
    /// Serves `c` to its end in the calling thread, waits included.
    public func serveInThisThread(_ c: Connection, slot: WorkerSlot) {
        slot.client = c.peer.host
        var outcome = process(c, slot: slot)
        while true {
            switch outcome {
            case .closed:
                return
            case .awaitingRequest:
                let wait = c.inputWait(keepAliveTimeoutMs: keepAliveTimeoutMs, timeoutMs: timeoutMs)
                if wait.betweenRequests {
                    // A stopping child keeps no connection open between requests.
                    if ChildSignals.stopping || server.scoreboard.global.stopping { c.close(); return }
                    mark(slot, .busyKeepAlive)
                } else {
                    mark(slot, .busyRead)
                }
                // A new connection's request usually follows the handshake at once: read before
                // waiting (one system call instead of poll and read), as Apache does.
                let readFirst = c.requestsServed == 0 && c.parser.position == .idle
                switch read(c, timeoutMs: wait.ms, betweenRequests: wait.betweenRequests, readFirst: readFirst) {
                case .data: outcome = process(c, slot: slot)
                case .timedOut where c.expire(): outcome = process(c, slot: slot)
                case .timedOut, .closedByPeer, .failed, .stopped: c.close(); return
                }
            case .writeBlocked:
                outcome = waitWritable(c) ? process(c, slot: slot) : abort(c)
            case .lingering:
                lingerInThisThread(c, slot: slot)
                return
            }
        }
    }

    enum ReadResult { case data, closedByPeer, timedOut, failed, stopped }

    /// Reads what is available, waiting at most `timeoutMs`. A TERM to the child ends the wait
    /// at once; a graceful stop ends it only between requests.
    func read(_ c: Connection, timeoutMs: Int, betweenRequests: Bool, readFirst: Bool = false) -> ReadResult {
        let deadline = MonotonicClock.nowMs() + Int64(timeoutMs)
        if readFirst, case .processed(let n)? = try? c.fd.read(into: buffer) {
            if n == 0 { return .closedByPeer }
            c.parser.append(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            return .data
        }
        while true {
            let left = Int(max(0, deadline - MonotonicClock.nowMs()))
            guard let events = try? c.fd.pollInterruptibly(for: .readable, timeoutMs: left) else {
                if ChildSignals.stopNow.load(ordering: .relaxed) { return .stopped }
                if betweenRequests && ChildSignals.stopping { return .stopped }
                continue
            }
            if events.isEmpty { return .timedOut }
            switch try? c.fd.read(into: buffer) {
            case .processed(0)?: return .closedByPeer
            case .processed(let n)?:
                c.parser.append(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
                return .data
            case .wouldBlock?: continue
            case nil: return .failed
            }
        }
    }

    /// Waits at most Timeout for room in the socket's send buffer, as Apache gives up on a
    /// client that stops reading; a TERM to the child ends the wait at once.
    func waitWritable(_ c: Connection) -> Bool {
        let deadline = MonotonicClock.nowMs() + Int64(timeoutMs)
        while !ChildSignals.stopNow.load(ordering: .relaxed) {
            let left = Int(deadline - MonotonicClock.nowMs())
            guard left > 0 else { return false }
            guard let events = try? c.fd.pollInterruptibly(for: .writable, timeoutMs: left) else { continue }
            return !events.isEmpty
        }
        return false
    }

    /// Apache's lingering close, our FIN already sent: read and discard whatever the client
    /// still sends, until its FIN, 2 seconds without a byte or 30 seconds in all, then close.
    /// Closing at once while unread data sits in our receive buffer makes the kernel send a
    /// reset, which can destroy the response the client has not read yet.
    func lingerInThisThread(_ c: Connection, slot: WorkerSlot) {
        mark(slot, .closing)
        let deadline = MonotonicClock.nowMs() + Int64(Limits.lingerMaxMs)
        draining: while MonotonicClock.nowMs() < deadline && !ChildSignals.stopNow.load(ordering: .relaxed) {
            guard let events = try? c.fd.pollInterruptibly(for: .readable, timeoutMs: Limits.lingerQuietMs) else { continue }
            if events.isEmpty { break }
            switch try? c.fd.read(into: buffer) {
            case .processed(let n)? where n > 0: continue
            case .wouldBlock?: continue
            default: break draining
            }
        }
        c.close()
    }
}
