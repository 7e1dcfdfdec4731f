// Parking and un-parking connections in the event listener: what to do when a worker hands a
// connection back, when a parked one becomes ready, and when its deadline passes.
import Posix
import ServerCore

extension EventListener {
    /// Takes the connections workers handed back since the last turn.
    func takeInbox() {
        let items = inbox.withLock { list -> [(Connection, ConnectionOutcome)] in
            defer { list.removeAll() }
            return list
        }
        let now = MonotonicClock.nowMs()
        for (c, outcome) in items {
            switch outcome {
            case .closed:
                openConnections -= 1
            case .idle:
                if ChildSignals.stopping { c.close(); openConnections -= 1; continue }
                park(c, .keepAlive, deadline: now + keepAliveMs, events: [.readable, .peerClosed, .oneShot])
            case .writeBlocked:
                park(c, .writing, deadline: now + timeoutMs, events: [.writable, .oneShot])
            case .lingering:
                park(c, .lingering, deadline: now + 30_000, events: [.readable])
            }
        }
    }

    func park(_ c: Connection, _ kind: Kind, deadline: Int64, events: EpollEvents) {
        let id = nextID
        nextID += 1
        // Every registration is one-shot: after its event the descriptor stays in the pollset,
        // disarmed, while a worker serves it, and parking it again only re-arms it (one
        // epoll_ctl per request instead of a remove and an add). A descriptor never seen
        // before, or closed and reused since, is added.
        do {
            do { try epoll.modify(c.fd, events: events.union(.oneShot), token: id) } catch { try epoll.add(c.fd, events: events.union(.oneShot), token: id) }
        } catch {
            c.close()
            openConnections -= 1
            return
        }
        parked[id] = Parked(connection: c, kind: kind, deadline: deadline)
        queues[kind]!.append(id, deadline)
        counts[kind]! += 1
    }

    /// Removes a parked connection from the tables (its queue entry is skipped lazily when it
    /// reaches the head). Its registration stays: every caller either got its one-shot event
    /// (so it is disarmed), closes it (which removes it) or parks it again (which re-arms it).
    func unpark(_ id: UInt64) -> Parked? {
        guard let p = parked.removeValue(forKey: id) else { return nil }
        counts[p.kind]! -= 1
        return p
    }

    /// A parked connection's socket is ready.
    func ready(_ id: UInt64, _ flags: EpollEvents) {
        guard let p = parked[id] else { return }
        switch p.kind {
        case .keepAlive:
            _ = unpark(id)
            // The next request (or the client's FIN) arrived: it needs a worker now. With none
            // idle, Apache closes the connection rather than make it wait.
            if queue.tryReserveIdleWorker() {
                queue.push(p.connection)
            } else {
                workersWereBusy = true
                close(p.connection)
            }
        case .writing:
            if queue.tryReserveIdleWorker() {
                _ = unpark(id)
                queue.push(p.connection)
            } else {
                // Write completion waits for a worker (unlike keep-alive, it is not dropped).
                workersWereBusy = true
                awaitingWorker.append(id)
            }
        case .lingering, .shortLingering:
            var done = flags.contains(.hangup) || flags.contains(.error)
            reading: while !done {
                switch try? p.connection.fd.read(into: buffer) {
                case .processed(let n)? where n > 0: continue
                case .wouldBlock?: break reading
                default: done = true
                }
            }
            if done, let p = unpark(id) {
                close(p.connection)
            } else {
                try? epoll.modify(p.connection.fd, events: [.readable, .oneShot], token: id)
            }
        }
    }

    /// Hands waiting write completions to workers that became idle.
    func retryAwaitingWorker() {
        while let id = awaitingWorker.first {
            guard parked[id] != nil else { awaitingWorker.removeFirst(); continue }   // expired meanwhile
            guard queue.tryReserveIdleWorker() else { return }
            awaitingWorker.removeFirst()
            if let p = unpark(id) { queue.push(p.connection) }
        }
    }

    func close(_ c: Connection) {
        c.close()
        openConnections -= 1
    }

    /// Closes every connection whose deadline has passed. Each queue has one timeout, so its
    /// entries are in deadline order and only the head needs looking at.
    func expire(now: Int64) {
        for kind in [Kind.keepAlive, .writing, .lingering, .shortLingering] {
            while let head = queues[kind]!.first, head.deadline <= now {
                queues[kind]!.removeFirst()
                guard let p = parked[head.id], p.kind == kind, p.deadline == head.deadline else { continue }
                _ = unpark(head.id)
                if kind == .keepAlive {
                    // KeepAliveTimeout: a short lingering close (2 s).
                    Socket.shutdownWrite(p.connection.fd)
                    park(p.connection, .shortLingering, deadline: now + 2000, events: [.readable])
                } else {
                    close(p.connection)
                }
            }
            // Drop stale entries at the head so that `first` is a live deadline.
            while let head = queues[kind]!.first, parked[head.id]?.deadline != head.deadline { queues[kind]!.removeFirst() }
        }
        // Every worker was busy when one was needed: the parked keep-alive connections are
        // closed at once, as in Apache, so that their clients retry instead of waiting.
        if workersWereBusy && counts[.keepAlive]! > 0 && !ChildSignals.stopping {
            closeAll(.keepAlive)
        }
    }

    func closeAll(_ kind: Kind) {
        for (id, p) in parked where p.kind == kind {
            _ = unpark(id)
            close(p.connection)
        }
        queues[kind]!.removeAll()
    }

    /// Publishes this child's connection counts in its scoreboard record.
    func publish() {
        let r = record
        r.connections = openConnections
        r.keepAlive = counts[.keepAlive]!
        r.writeCompletion = counts[.writing]!
        r.lingeringClose = counts[.lingering]! + counts[.shortLingering]!
    }
}
