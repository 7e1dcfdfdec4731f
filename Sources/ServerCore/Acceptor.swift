// How a prefork child, a worker child's listener thread and the -X mode take new connections
// from the shared listening sockets.
//
// accept() is tried first: under load the queue is rarely empty, and one system call takes
// the next connection. When it is empty, the caller waits in its own epoll instance, which
// watches every listening socket with EPOLLEXCLUSIVE, then tries again.
//
// This is mpmd's accept mutex. With one listening socket, Apache lets every idle child block
// in accept(), where the kernel wakes exactly one per connection. With several, a child must
// watch them all (poll) before accepting, and poll() wakes every watcher of a socket at each
// connection — the thundering herd — so Apache serialises that step with its accept mutex:
// one child at a time polls, the others sleep on the lock. EPOLLEXCLUSIVE gets the same
// result without a lock: the kernel wakes one waiting process per connection, whichever
// socket it arrived on. A child that still loses a race (two connections, two wake-ups, one
// queue emptied by a sibling) finds accept() would block and waits again, never stuck in a
// blocking accept(): the listening sockets are non-blocking (ListeningSocket.swift).
import HTTP
import Posix

public final class Acceptor: @unchecked Sendable {
    // @unchecked: an acceptor belongs to one thread (a prefork child's, or the listener
    // thread it is created for); the other threads of the child never touch it.
    let listeners: [ListeningSocket]
    let limits: HTTPLimits
    let epoll: Epoll
    /// The listener tried first next time: turns taken, so no Listen line starves another.
    var turn = 0

    /// Call in the process or thread that will accept (each gets its own epoll instance).
    public init(_ server: Server) throws(SystemError) {
        listeners = server.listeners
        limits = server.limits
        epoll = try Epoll(capacity: max(1, listeners.count))
        for (i, l) in listeners.enumerated() {
            try epoll.add(l.fd, events: [.readable, .exclusive], token: UInt64(i))
        }
        ChildSignals.watchesListeners(epoll.fd)
    }

    /// A new connection, or nil after waiting up to `Limits.flagCheckMs` (or less, when a
    /// signal arrives) without one: the caller looks at its flags and calls again.
    public func accept() -> Connection? {
        for _ in 0..<listeners.count {
            let listener = listeners[turn]
            turn = (turn + 1) % listeners.count
            if let c = listener.acceptConnection(limits: limits) { return c }
        }
        _ = try? epoll.wait(timeoutMs: Limits.flagCheckMs) { _, _ in }
        return nil
    }
}
