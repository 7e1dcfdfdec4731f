// epoll: one kernel object that watches many descriptors and reports the ready ones. The
// master's loop waits on a signalfd and a timer through it; the event MPM's listener thread
// waits on the listening socket, an eventfd (to be woken by workers) and every parked
// keep-alive connection. Cost per wait is proportional to the number of *ready* descriptors,
// not watched ones, which is why one thread can park ten thousand idle connections.
import CLinuxShim
import Glibc

public struct EpollEvents: OptionSet, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public static let readable = EpollEvents(rawValue: SHIM_EPOLLIN)
    public static let writable = EpollEvents(rawValue: SHIM_EPOLLOUT)
    public static let peerClosed = EpollEvents(rawValue: SHIM_EPOLLRDHUP)
    public static let hangup = EpollEvents(rawValue: SHIM_EPOLLHUP)
    public static let error = EpollEvents(rawValue: SHIM_EPOLLERR)
    /// Report once, then disarm until `modify` re-arms: the descriptor can be handed to exactly
    /// one worker without two threads racing for it.
    public static let oneShot = EpollEvents(rawValue: SHIM_EPOLLONESHOT)
    /// When several epoll instances (several processes) watch the same descriptor, wake one
    /// of them per event, not all: the cure for the thundering herd on a shared listening
    /// socket (Linux 4.5). Only with `add`, never with `oneShot`.
    public static let exclusive = EpollEvents(rawValue: SHIM_EPOLLEXCLUSIVE)
}

public final class Epoll {
    public let fd: FileDescriptor
    private var buffer: [epoll_event]

    public init(capacity: Int = 256) throws(SystemError) {
        fd = FileDescriptor(try syscall("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) })
        buffer = [epoll_event](repeating: epoll_event(), count: capacity)
    }

    deinit { fd.close() }

    /// Watches `target`; `token` comes back with each of its events.
    public func add(_ target: FileDescriptor, events: EpollEvents, token: UInt64) throws(SystemError) {
        try control(EPOLL_CTL_ADD, target, events, token, "epoll_ctl")
    }

    public func modify(_ target: FileDescriptor, events: EpollEvents, token: UInt64) throws(SystemError) {
        try control(EPOLL_CTL_MOD, target, events, token, "epoll_ctl")
    }

    public func remove(_ target: FileDescriptor) {
        Self.remove(target, from: fd)
    }

    /// Stops `epoll` watching `target` (async-signal-safe: one system call, no allocation).
    /// Closing a descriptor is not enough while another process still holds the same socket:
    /// the registration outlives the close.
    public static func remove(_ target: FileDescriptor, from epoll: FileDescriptor) {
        var ev = epoll_event()
        _ = epoll_ctl(epoll.rawValue, EPOLL_CTL_DEL, target.rawValue, &ev)
    }

    private func control(_ op: Int32, _ target: FileDescriptor, _ events: EpollEvents, _ token: UInt64, _ name: String) throws(SystemError) {
        var ev = epoll_event()
        ev.events = events.rawValue
        ev.data.u64 = token
        try syscall(name) { epoll_ctl(fd.rawValue, op, target.rawValue, &ev) }
    }

    /// Waits at most `timeoutMs` (-1: forever) and calls `body` with each ready descriptor's
    /// token and events; returns how many there were. A signal interrupting the wait counts
    /// as none: the caller's loop re-checks its flags and deadlines anyway.
    public func wait(timeoutMs: Int, _ body: (UInt64, EpollEvents) -> Void) throws(SystemError) -> Int {
        let capacity = Int32(buffer.count)
        let n = buffer.withUnsafeMutableBufferPointer { epoll_wait(fd.rawValue, $0.baseAddress, capacity, Int32(clamping: timeoutMs)) }
        if n == -1 {
            let err = currentErrno()
            if err == EINTR { return 0 }
            throw SystemError("epoll_wait", errno: err)
        }
        for i in 0..<Int(n) { body(buffer[i].data.u64, EpollEvents(rawValue: buffer[i].events)) }
        return Int(n)
    }
}

/// A counter descriptor that another thread can bump to wake an epoll loop.
public final class EventNotifier: @unchecked Sendable {
    // @unchecked: holds only an immutable descriptor; eventfd itself is thread-safe.
    public let fd: FileDescriptor

    public init() throws(SystemError) {
        fd = FileDescriptor(try syscall("eventfd") { eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK)) })
    }

    deinit { fd.close() }

    public func signal() {
        var one: UInt64 = 1
        _ = Glibc.write(fd.rawValue, &one, 8)
    }

    public func drain() {
        var value: UInt64 = 0
        _ = Glibc.read(fd.rawValue, &value, 8)
    }
}
