// A mutex with a condition variable: how a thread sleeps until another one says "there is
// work" (a worker waiting for a connection) or "someone is free" (a listener waiting for an
// idle worker). Swift's Synchronization.Mutex has no condition variable, so this wraps
// pthread's pair directly.
import Glibc

public final class ConditionLock: @unchecked Sendable {
    // @unchecked: the pthread objects are only touched through pthread calls, which are
    // thread-safe by contract; the pointers never change after init.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>

    public init() {
        mutex = .allocate(capacity: 1)
        condition = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        var attr = pthread_condattr_t()
        pthread_condattr_init(&attr)
        pthread_condattr_setclock(&attr, CLOCK_MONOTONIC)   // timed waits ignore clock changes
        pthread_cond_init(condition, &attr)
        pthread_condattr_destroy(&attr)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        condition.deallocate()
    }

    public func lock() { pthread_mutex_lock(mutex) }
    public func unlock() { pthread_mutex_unlock(mutex) }

    public func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock()
        defer { unlock() }
        return try body()
    }

    /// Waits (the lock held by the caller) until signalled or `timeoutMs` passes.
    public func wait(timeoutMs: Int) {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        var ns = now.tv_nsec + (timeoutMs % 1000) * 1_000_000
        var deadline = timespec(tv_sec: now.tv_sec + timeoutMs / 1000 + ns / 1_000_000_000, tv_nsec: 0)
        ns %= 1_000_000_000
        deadline.tv_nsec = ns
        pthread_cond_timedwait(condition, mutex, &deadline)
    }

    /// Wakes one waiting thread.
    public func signal() { pthread_cond_signal(condition) }
    /// Wakes every waiting thread.
    public func broadcast() { pthread_cond_broadcast(condition) }
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
