// A mutex with condition variables: how a thread sleeps until another one says "there is
// work" (a worker waiting for a connection) or "someone is free" (a listener waiting for an
// idle worker). Each kind of waiter gets its own condition, so that news for one kind wakes
// only that kind: waking every idle worker for each new connection would be a thundering herd
// inside one process. Swift's Synchronization.Mutex has no condition variable, so this wraps
// pthread's directly.
import Glibc

public final class ConditionLock: @unchecked Sendable {
    // @unchecked: the pthread objects are only touched through pthread calls, which are
    // thread-safe by contract; the pointers never change after init.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let conditions: UnsafeMutablePointer<pthread_cond_t>
    private let count: Int

    /// A mutex with `conditions` condition variables, numbered from 0.
    public init(conditions: Int = 1) {
        count = conditions
        mutex = .allocate(capacity: 1)
        self.conditions = .allocate(capacity: conditions)
        pthread_mutex_init(mutex, nil)
        var attr = pthread_condattr_t()
        pthread_condattr_init(&attr)
        pthread_condattr_setclock(&attr, CLOCK_MONOTONIC)   // timed waits ignore clock changes
        for i in 0..<conditions { pthread_cond_init(self.conditions + i, &attr) }
        pthread_condattr_destroy(&attr)
    }

    deinit {
        for i in 0..<count { pthread_cond_destroy(conditions + i) }
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        conditions.deallocate()
    }

    public func lock() { pthread_mutex_lock(mutex) }
    public func unlock() { pthread_mutex_unlock(mutex) }

    public func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock()
        defer { unlock() }
        return try body()
    }

    /// Waits on condition `c` (the lock held by the caller) until signalled or `timeoutMs`
    /// passes.
    public func wait(_ c: Int = 0, timeoutMs: Int) {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        var ns = now.tv_nsec + (timeoutMs % 1000) * 1_000_000
        var deadline = timespec(tv_sec: now.tv_sec + timeoutMs / 1000 + ns / 1_000_000_000, tv_nsec: 0)
        ns %= 1_000_000_000
        deadline.tv_nsec = ns
        pthread_cond_timedwait(conditions + c, mutex, &deadline)
    }

    /// Wakes one thread waiting on condition `c`.
    public func signal(_ c: Int = 0) { pthread_cond_signal(conditions + c) }
    /// Wakes every thread waiting on condition `c`.
    public func broadcast(_ c: Int = 0) { pthread_cond_broadcast(conditions + c) }
}

extension Signal {
    /// Sleeps up to `ms`, returning early when a signal arrives (the main thread of a threaded
    /// child waits for its orders this way).
    public static func sleepUnlessSignalled(ms: Int) {
        var ts = timespec(tv_sec: ms / 1000, tv_nsec: (ms % 1000) * 1_000_000)
        _ = nanosleep(&ts, nil)
    }

    /// Blocks `signals` for the calling thread only (threads created afterwards inherit it).
    public static func setThreadMask(blocking signals: [Int32]) {
        var set = sigset_t()
        sigemptyset(&set)
        for s in signals { sigaddset(&set, s) }
        pthread_sigmask(SIG_SETMASK, &set, nil)
    }
}
