// Parking and un-parking connections in the event listener: what a worker does when it hands
// a connection back, what the listener does when a parked one becomes ready (reading request
// heads), and when a deadline passes.
import Posix
import ServerCore

extension EventListener {
    /// Called by a worker thread when it stops serving `c`, with what `c` waits for.
    func handBack(_ c: Connection, _ outcome: ConnectionOutcome) {
        switch outcome {
        case .closed:
            lot.withLock { $0.openConnections -= 1 }
        case .awaitingRequest:
            waitForRequest(c)
        case .writeBlocked:
            park(c, .writing, deadline: MonotonicClock.nowMs() + Int64(timeoutMs), events: .writable)
        case .lingering:
            park(c, .lingering, deadline: MonotonicClock.nowMs() + Int64(Limits.lingerMaxMs), events: .readable)
        }
    }

    /// Parks `c` until more of its next request arrives: KeepAliveTimeout while the request
    /// line is awaited after a response, Timeout otherwise (the rule of `Connection.inputWait`).
    func waitForRequest(_ c: Connection) {
        let wait = c.inputWait(keepAliveTimeoutMs: keepAliveMs, timeoutMs: timeoutMs)
        if wait.betweenRequests && ChildSignals.stopping {
            close(c)   // a stopping child keeps no idle connection
            return
        }
        // KeepAliveTimeout applies while the request line is awaited after a response; each
        // parking has one timeout, so those connections wait with the idle ones.
        let position = c.parser.position
        let kind: Parking = c.requestsServed > 0 && (position == .idle || position == .requestLine) ? .keepAlive : .readingHead
        park(c, kind, deadline: MonotonicClock.nowMs() + Int64(wait.ms), events: [.readable, .peerClosed])
    }

    /// Records `c` in the lot, then arms its one-shot epoll registration: after its event the
    /// descriptor stays in the pollset, disarmed, while a worker serves it, and parking it again
    /// only re-arms it (one epoll_ctl per wait). Any thread may call this.
    func park(_ c: Connection, _ kind: Parking, deadline: Int64, events: EpollEvents) {
        let id = lot.withLock { $0.park(c, kind, deadline: deadline) }
        // Once armed, the connection may be taken by the listener thread at once: nothing of it
        // is touched after the epoll_ctl that arms it.
        let watched = c.isWatched
        c.isWatched = true
        do {
            if watched {
                try epoll.modify(c.fd, events: events.union(.oneShot), token: id)
            } else {
                try epoll.add(c.fd, events: events.union(.oneShot), token: id)
            }
        } catch {
            if let p = lot.withLock({ $0.unpark(id) }) { close(p.connection) }
            return
        }
        // The listener sleeps until its planned wake-up: wake it if this deadline comes first.
        if deadline < plannedWakeMs.load(ordering: .relaxed) { notifier.signal() }
    }

    /// A parked connection's socket is ready.
    func ready(_ id: UInt64, _ flags: EpollEvents) {
        guard let p = lot.withLock({ $0.unpark(id) }) else { return }
        let c = p.connection
        switch p.kind {
        case .readingHead, .keepAlive:
            readHead(of: c)
        case .writing:
            queue.enqueue(c)   // a worker finishes the response
        case .lingering, .shortLingering:
            var done = flags.contains(.hangup) || flags.contains(.error)
            draining: while !done {
                switch try? c.fd.read(into: buffer) {
                case .processed(let n)? where n > 0: continue
                case .wouldBlock?: break draining
                default: done = true
                }
            }
            if done { close(c) } else { park(c, p.kind, deadline: p.deadline, events: .readable) }
        }
    }

    /// Reads what the socket holds of `c`'s next request. A complete head goes to the workers'
    /// queue; an incomplete one waits here for more; a client that left is closed.
    func readHead(of c: Connection) {
        while true {
            switch try? c.fd.read(into: buffer) {
            case .processed(let n)? where n > 0:
                c.parser.append(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
                let event = c.parser.next()
                if case .needMoreData = event, c.parser.position != .body {
                    if n == buffer.count { continue }   // there may be more right now
                    waitForRequest(c)
                    return
                }
                // A request (or an error to answer, or a head whose body follows): a worker's job.
                if case .needMoreData = event {} else { c.next = event }
                queue.enqueue(c)
                return
            case .wouldBlock?:
                waitForRequest(c)
                return
            default:
                close(c)   // end of file or a failed read: the client is gone
                return
            }
        }
    }

    func close(_ c: Connection) {
        c.close()
        lot.withLock { $0.openConnections -= 1 }
    }

    /// Deals with every connection whose deadline has passed.
    func expire(now: Int64) {
        for p in lot.withLock({ $0.takeExpired(now: now) }) {
            let c = p.connection
            switch p.kind {
            case .readingHead where c.expire():
                queue.enqueue(c)   // a request had begun: a worker answers 408
            case .keepAlive:
                // KeepAliveTimeout: a short lingering close (2 s).
                Socket.shutdownWrite(c.fd)
                park(c, .shortLingering, deadline: now + Int64(Limits.lingerQuietMs), events: .readable)
            default:
                close(c)
            }
        }
    }

    /// While the child stops: closes every connection that has not begun a request.
    func closeIdle() {
        let idle = lot.withLock { lot in
            lot.takeAll { ($0.kind == .keepAlive || $0.kind == .readingHead) && $0.connection.parser.position == .idle }
        }
        for p in idle { close(p.connection) }
    }

    /// Publishes this child's connection counts in its scoreboard record.
    func publish() {
        let r = record
        lot.withLock { lot in
            r.connections = lot.openConnections
            r.keepAlive = lot.count(.keepAlive)
            r.writeCompletion = lot.count(.writing)
            r.lingeringClose = lot.count(.lingering) + lot.count(.shortLingering)
        }
    }
}
