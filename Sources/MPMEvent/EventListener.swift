// The event MPM's listener thread: one epoll loop per child watching the listening sockets
// and every connection no worker is serving right now.
//
// A connection comes here in three situations, each with its own queue ordered by deadline
// (each queue has one timeout, so the earliest deadline is always at its head):
//   keep-alive  — a response was sent and the client has not sent the next request yet. The
//                 worker that served it is free again (its slot shows `_`, not `K`). When the
//                 socket turns readable the connection goes back to a worker; if none is idle
//                 right now it is closed (the client reconnects). After KeepAliveTimeout it is
//                 closed.
//   writing     — the client reads slower than we write: the rest of the response waits here
//                 until the socket is writable, then a worker finishes it (write completion).
//   lingering   — our FIN is sent; what the client still sends is read and discarded until
//                 its own FIN, or 2 s (after a keep-alive timeout) / 30 s (otherwise).
// New connections are accepted only while the child can serve them: an idle worker must be
// reserved first, and the child's connections (lingering ones aside) must stay below
// ThreadsPerChild + idle workers × AsyncRequestWorkerFactor. Otherwise the listening sockets
// leave the pollset ("accepting: no" in server-status) and the kernel keeps the connections
// for a sibling process.
import Config
import Posix
import ServerCore
import Synchronization

final class EventListener: @unchecked Sendable {
    // @unchecked: everything but `inbox` (a Mutex) and `notifier` (an eventfd) is used by the
    // listener thread alone.
    /// Each kind has one timeout, hence its own deadline queue: keep-alive (KeepAliveTimeout),
    /// writing (Timeout), lingering (30 s after a response that closed) and short lingering
    /// (2 s after a keep-alive timeout).
    enum Kind { case keepAlive, writing, lingering, shortLingering }
    struct Parked { let connection: Connection; let kind: Kind; let deadline: Int64 }

    let server: Server
    let queue: WorkerQueue
    let child: ChildIdentity
    let epoll: Epoll
    let notifier: EventNotifier
    let inbox = Mutex<[(Connection, ConnectionOutcome)]>([])
    let finished = Atomic<Bool>(false)
    let threadsPerChild: Int
    let workerFactor: Int
    let keepAliveMs: Int64
    let timeoutMs: Int64

    var parked: [UInt64: Parked] = [:]
    var queues: [Kind: DeadlineQueue] = [.keepAlive: DeadlineQueue(), .writing: DeadlineQueue(),
                                         .lingering: DeadlineQueue(), .shortLingering: DeadlineQueue()]
    /// Parked connections by kind (the scoreboard's async connection counts).
    var counts: [Kind: Int] = [.keepAlive: 0, .writing: 0, .lingering: 0, .shortLingering: 0]
    /// Responses waiting for room in the socket that became writable while no worker was
    /// idle: retried as soon as a worker hands a connection back, not re-armed (the socket is
    /// writable: epoll would report it again at once, in a busy loop).
    var awaitingWorker: [UInt64] = []
    /// The listener needed an idle worker this turn and found none (Apache's workers_were_busy).
    var workersWereBusy = false
    var nextID: UInt64 = 1 << 32
    var accepting = false
    var openConnections = 0
    var accepted = 0
    let eventToken: UInt64 = 1 << 62
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 * 1024, alignment: 1)

    init(server: Server, queue: WorkerQueue, child: ChildIdentity) throws(SystemError) {
        self.server = server
        self.queue = queue
        self.child = child
        epoll = try Epoll(capacity: 512)
        notifier = try EventNotifier()
        threadsPerChild = server.threadsPerChild
        workerFactor = server.config.mpmSettings.effectiveWorkerFactor
        keepAliveMs = Int64(server.config.keepAliveTimeoutMilliseconds)
        timeoutMs = Int64(server.config.timeoutSeconds) * 1000
        try epoll.add(notifier.fd, events: .readable, token: eventToken)
    }

    var record: ProcessRecord { server.scoreboard.process(child.processSlot) }

    /// Called by a worker thread when it stops serving a connection.
    func handBack(_ c: Connection, _ outcome: ConnectionOutcome) {
        inbox.withLock { $0.append((c, outcome)) }
        notifier.signal()
    }

    // MARK: the loop

    func run() {
        setAccepting(true)
        while true {
            let draining = ChildSignals.stopping
            if draining {
                if accepting { setAccepting(false) }
                closeAll(.keepAlive)
                if parked.isEmpty && openConnections == 0 { break }
            }
            let now = MonotonicClock.nowMs()
            let next = queues.values.compactMap { $0.first?.deadline }.min() ?? now + 1000
            let events = (try? epoll.wait(timeoutMs: Int(max(0, min(next - now, 1000))))) ?? []
            for (token, flags) in events {
                if token == eventToken {
                    notifier.drain()
                } else if token < UInt64(server.listeners.count) {
                    acceptConnections(from: Int(token))
                } else {
                    ready(token, flags)
                }
            }
            takeInbox()
            retryAwaitingWorker()
            expire(now: MonotonicClock.nowMs())
            workersWereBusy = false
            adjustAccepting()
            publish()
        }
        finished.store(true, ordering: .relaxed)
    }

    // MARK: accepting

    func setAccepting(_ on: Bool) {
        accepting = on
        for (i, l) in server.listeners.enumerated() {
            if on { try? epoll.add(l.fd, events: .readable, token: UInt64(i)) } else { epoll.remove(l.fd) }
        }
        record.notAccepting = !on
    }

    /// Apache's connections_above_limit: room for ThreadsPerChild plus idle workers times the
    /// factor, lingering connections not counted; and a worker must be idle now.
    var canAccept: Bool {
        let lingering = counts[.lingering]! + counts[.shortLingering]!
        let idle = queue.availableWorkers
        return idle > 0 && openConnections - lingering < threadsPerChild + idle * workerFactor
    }

    func adjustAccepting() {
        guard !ChildSignals.stopping else { return }
        if accepting && !canAccept { setAccepting(false) } else if !accepting && canAccept { setAccepting(true) }
    }

    func acceptConnections(from index: Int) {
        let listener = server.listeners[index]
        while accepting && canAccept {
            guard queue.tryReserveIdleWorker() else { workersWereBusy = true; return }
            guard case .processed(let (fd, peer))? = try? Socket.accept(listener.fd, nonBlocking: true) else {
                queue.cancelReservation()
                return
            }
            openConnections += 1
            accepted += 1
            let local = (try? Socket.localAddress(fd)) ?? listener.address
            queue.push(Connection(fd: fd, peer: peer, local: local, limits: server.limits))
            // Event counts MaxConnectionsPerChild in accepted connections.
            let limit = server.config.mpmSettings.maxConnectionsPerChild
            if limit > 0 && accepted >= limit {
                ChildSignals.stopGracefully.store(true, ordering: .relaxed)
                return
            }
        }
    }
}
