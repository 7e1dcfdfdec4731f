// The event MPM's listener thread: one epoll loop per child, watching the listening sockets
// and every connection no worker is serving right now.
//
// A connection waits here in one of five situations, each with one timeout and hence its own
// queue ordered by deadline (the earliest deadline is always at the head):
//   readingHead — a new connection, or a kept-alive one whose next request has begun: the
//                 listener reads the request head itself, a piece at a time as it arrives, and
//                 queues the connection for a worker only once the head is complete. A client
//                 that sends its head slowly (slowloris) holds no thread. Timeout per read.
//   keepAlive   — a response was sent and the client has not started its next request. The
//                 worker that served it is free again (its slot shows `_`, not `K`).
//                 KeepAliveTimeout, then a short lingering close.
//   writing     — the client reads slower than we write: the rest of the response waits here
//                 until the socket is writable, then a worker finishes it (write completion).
//   lingering   — our FIN is sent; what the client still sends is read and discarded until
//                 its own FIN, or 30 s (after a response that closed) / 2 s (after a keep-alive
//                 timeout: `shortLingering`).
// Workers park connections themselves (`handBack`, under the lot's lock); the listener thread
// is woken only by the sockets, and by a worker whose new deadline is earlier than its wait.
// New connections are accepted only while the child can serve them: a worker must be idle,
// and the child's connections (lingering ones aside) must stay below ThreadsPerChild + idle
// workers × AsyncRequestWorkerFactor. Otherwise the listening sockets leave the pollset
// ("accepting: no" in server-status) and the kernel keeps the connections for a sibling.
import Config
import Posix
import ServerCore
import Synchronization

final class EventListener: @unchecked Sendable {
    // @unchecked: `lot` is a Mutex; `epoll` and `notifier` are kernel objects, safe to use
    // from any thread; `queue` is set in init; `buffer` and `accepted` belong to the listener
    // thread.
    let server: Server
    /// The workers' queue; a worker becoming idle wakes the listener if it stopped accepting.
    private(set) var queue: ConnectionQueue!
    let child: ChildIdentity
    let epoll: Epoll
    let notifier: EventNotifier
    let lot = Mutex(ParkingLot())
    /// When the listener thread will look at the deadlines next (monotonic ms).
    let plannedWakeMs = Atomic<Int64>(0)
    let threadsPerChild: Int
    let workerFactor: Int
    let keepAliveMs: Int
    let timeoutMs: Int
    let notifierToken: UInt64 = 1 << 62
    let accepting = Atomic<Bool>(false)
    var accepted = 0
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Limits.listenerReadBufferBytes, alignment: 16)

    init(server: Server, child: ChildIdentity) throws(SystemError) {
        self.server = server
        self.child = child
        epoll = try Epoll(capacity: Limits.listenerEpollEvents)
        notifier = try EventNotifier()
        threadsPerChild = server.threadsPerChild
        workerFactor = server.config.mpmSettings.effectiveWorkerFactor
        keepAliveMs = server.config.keepAliveTimeoutMilliseconds
        timeoutMs = server.config.timeoutSeconds * 1000
        try epoll.add(notifier.fd, events: .readable, token: notifierToken)
        ChildSignals.watchesListeners(epoll.fd)
        queue = ConnectionQueue { [unowned self] in
            if !accepting.load(ordering: .relaxed) { notifier.signal() }
        }
    }

    var record: ProcessRecord { server.scoreboard.process(child.processSlot) }

    // MARK: the loop

    func run() {
        setAccepting(true)
        while true {
            if ChildSignals.stopping {
                if accepting.load(ordering: .relaxed) { setAccepting(false) }
                closeIdle()
                if lot.withLock({ $0.isEmpty }) { break }
            }
            let now = MonotonicClock.nowMs()
            let wake = min(lot.withLock { $0.earliestDeadline } ?? Int64.max, now + Int64(Limits.flagCheckMs))
            plannedWakeMs.store(wake, ordering: .relaxed)
            _ = try? epoll.wait(timeoutMs: Int(max(0, wake - now))) { token, flags in
                if token == notifierToken {
                    notifier.drain()
                } else if token < UInt64(server.listeners.count) {
                    acceptConnections(from: Int(token))
                } else {
                    ready(token, flags)
                }
            }
            expire(now: MonotonicClock.nowMs())
            adjustAccepting()
            publish()
        }
        publish()
    }

    // MARK: accepting

    func setAccepting(_ on: Bool) {
        // Once stopping, the listening sockets may already be closed (the USR1 handler takes
        // them out of this epoll instance first): never add them back.
        if on && ChildSignals.stopping { return }
        accepting.store(on, ordering: .relaxed)
        for (i, l) in server.listeners.enumerated() {
            // EPOLLEXCLUSIVE: one child's listener is woken per new connection, not all.
            if on { try? epoll.add(l.fd, events: [.readable, .exclusive], token: UInt64(i)) } else { epoll.remove(l.fd) }
        }
        record.notAccepting = !on
    }

    /// Apache's connections_above_limit: room for ThreadsPerChild plus idle workers times the
    /// factor, lingering connections not counted; and a worker must be idle now.
    var canAccept: Bool {
        let idle = queue.availableWorkers
        guard idle > 0 else { return false }
        let counted = lot.withLock { $0.openConnections - $0.count(.lingering) - $0.count(.shortLingering) }
        return counted < threadsPerChild + idle * workerFactor
    }

    func adjustAccepting() {
        guard !ChildSignals.stopping else { return }
        let can = canAccept
        if accepting.load(ordering: .relaxed) != can { setAccepting(can) }
    }

    func acceptConnections(from index: Int) {
        let listener = server.listeners[index]
        let limit = server.config.mpmSettings.maxConnectionsPerChild
        while accepting.load(ordering: .relaxed) && canAccept {
            guard let c = listener.acceptConnection(limits: server.limits) else { return }
            lot.withLock { $0.openConnections += 1 }
            accepted += 1
            // The request usually follows the handshake at once: try to read its head now.
            readHead(of: c)
            // Event counts MaxConnectionsPerChild in accepted connections.
            if limit > 0 && accepted >= limit {
                ChildSignals.stopGracefully.store(true, ordering: .relaxed)
                return
            }
        }
    }
}
