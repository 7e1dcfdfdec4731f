// The hand-over between a threaded child's listener thread and its worker threads (worker and
// event MPMs). Workers wait here for a connection; the listener reserves an idle worker before
// it accepts, so that a child never takes a new connection it has no thread for — the
// kernel's accept queue keeps it for a sibling process instead (Apache's
// ap_queue_info_wait_for_idler). Event's listener also queues connections it already holds
// (a request head read in full, a response to finish) without a reservation: they wait here
// for the next worker that becomes idle.
import Posix

public final class ConnectionQueue: @unchecked Sendable {
    // @unchecked: every stored property is read and written with `lock` held.
    private let lock = ConditionLock(conditions: 2)
    /// Condition 0: workers wait for a connection. Condition 1: the listener waits for an idler.
    private let work = 0, idler = 1
    private var items: [Connection] = []
    private var head = 0
    /// Workers waiting in `pop`.
    private var idle = 0
    /// Idle workers the listener has promised a connection to.
    private var reserved = 0
    private var closed = false
    /// Called (with the lock held: it must be quick) each time a worker starts waiting in `pop`: event's listener
    /// uses it to hear that it may accept again. Set once, before any worker runs.
    private let onWorkerIdle: (@Sendable () -> Void)?

    public init(onWorkerIdle: (@Sendable () -> Void)? = nil) {
        self.onWorkerIdle = onWorkerIdle
    }

    // MARK: worker side

    /// Waits for a connection; nil once the queue is closed (the child is stopping).
    public func pop() -> Connection? {
        lock.lock()
        defer { lock.unlock() }
        idle += 1
        lock.signal(idler)   // the listener may be waiting for an idle worker
        onWorkerIdle?()
        while head == items.count && !closed { lock.wait(work, timeoutMs: Limits.flagCheckMs) }
        idle -= 1
        guard head < items.count else { return nil }
        let c = items[head]
        head += 1
        if head == items.count { items.removeAll(keepingCapacity: true); head = 0 }
        return c
    }

    // MARK: listener side

    /// Idle workers not yet promised a connection.
    public var availableWorkers: Int {
        lock.withLock { idle - reserved - (items.count - head) }
    }

    /// Blocks up to `timeoutMs` until a worker is idle, and reserves it (worker MPM: accept only
    /// with a thread ready). False on timeout or when closed.
    public func reserveIdleWorker(timeoutMs: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let deadline = MonotonicClock.nowMs() + Int64(timeoutMs)
        while idle - reserved - (items.count - head) <= 0 && !closed {
            let left = deadline - MonotonicClock.nowMs()
            if left <= 0 { return false }
            lock.wait(idler, timeoutMs: Int(left))
        }
        guard !closed else { return false }
        reserved += 1
        return true
    }

    /// Gives back a reservation that was not used (the accept found nothing).
    public func cancelReservation() {
        lock.withLock { reserved = max(0, reserved - 1) }
    }

    /// Hands a connection to a reserved worker.
    public func push(_ c: Connection) {
        lock.withLock {
            reserved = max(0, reserved - 1)
            items.append(c)
            lock.signal(work)
        }
    }

    /// Queues a connection for the next idle worker, without a reservation (event: a
    /// connection the child already holds).
    public func enqueue(_ c: Connection) {
        lock.withLock {
            items.append(c)
            lock.signal(work)
        }
    }

    /// Wakes every waiter; `pop` returns nil once the queue is empty.
    public func close() {
        lock.withLock {
            closed = true
            lock.broadcast(work)
            lock.broadcast(idler)
        }
    }
}
