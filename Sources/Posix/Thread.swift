// POSIX threads. The worker and event MPMs run a pool of them inside each child; they share
// the child's memory and descriptors, and each has its own stack and its own kernel id
// (gettid), which `/proc/PID/task` lists. The start routine is a C function, so it is defined
// here, outside main.swift: Swift 6 would infer a closure written there to be main-actor
// isolated and trap when another thread calls it.
import CLinuxShim
import Glibc

/// Carries the Swift closure through pthread_create's `void *` argument.
private final class ThreadStart {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
}

private func threadEntry(_ arg: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    let start = Unmanaged<ThreadStart>.fromOpaque(arg!).takeRetainedValue()
    start.body()
    return nil
}

public struct PosixThread: Sendable, Hashable {
    public let handle: pthread_t

    /// Starts a thread running `body`, with a stack of `stackSize` bytes (nil: the system's
    /// default, 8 MiB of address space on Linux). Threads are joinable.
    public static func spawn(stackSize: Int? = nil, _ body: @escaping @Sendable () -> Void) throws(SystemError) -> PosixThread {
        var attr = pthread_attr_t()
        pthread_attr_init(&attr)
        defer { pthread_attr_destroy(&attr) }
        if let stackSize { pthread_attr_setstacksize(&attr, stackSize) }
        let arg = Unmanaged.passRetained(ThreadStart(body)).toOpaque()
        var handle = pthread_t()
        let rc = pthread_create(&handle, &attr, { threadEntry($0) }, arg)
        if rc != 0 {
            Unmanaged<ThreadStart>.fromOpaque(arg).release()
            throw SystemError("pthread_create", errno: rc)
        }
        return PosixThread(handle: handle)
    }

    public static var current: PosixThread { PosixThread(handle: pthread_self()) }

    public func join() {
        pthread_join(handle, nil)
    }

    /// Interrupts a blocking call in this thread (accept, read, poll) with `signal`, whose
    /// handler was installed without SA_RESTART: the call returns EINTR.
    public func interrupt(with signal: Int32) {
        pthread_kill(handle, signal)
    }
}
