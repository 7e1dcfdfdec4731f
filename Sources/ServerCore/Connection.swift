// One client connection, from accept to close: its socket, its addresses, the parser that
// holds whatever bytes arrived but were not consumed yet (a pipelined request, half a
// header), and how many requests it has carried. Under the event MPM it outlives the thread
// that serves it: while it waits for its client it is parked in the listener, parser and all.
import HTTP
import Posix

public final class Connection: @unchecked Sendable {
    // @unchecked: a connection belongs to exactly one thread at a time — the thread serving it,
    // or event's listener thread while it is parked — and changes hands only through
    // ConnectionQueue's lock or the listener's lock, which order the accesses.
    public let fd: FileDescriptor
    public let peer: SocketAddress
    public let local: SocketAddress
    public var parser: RequestParser
    /// An event the parser already gave (event's listener reads request heads and hands the
    /// connection over with its first event); served before asking the parser again.
    public var next: RequestParser.Event?
    /// Responses sent on this connection.
    public internal(set) var requestsServed = 0
    /// Responses after which the connection was kept open (drives `Keep-Alive: max=`).
    public internal(set) var keepAlivesServed = 0
    /// What is left to send of the last response, while the socket is full.
    var pending: PendingOutput?
    /// Event: the descriptor is in the listener's epoll set (added once, re-armed after).
    public var isWatched = false

    public init(fd: FileDescriptor, peer: SocketAddress, local: SocketAddress, limits: HTTPLimits) {
        self.fd = fd
        self.peer = peer
        self.local = local
        self.parser = RequestParser(limits: limits)
        Socket.setNoDelay(fd)
    }

    /// The next thing to do with this connection's input.
    func nextEvent() -> RequestParser.Event {
        if let event = next {
            next = nil
            return event
        }
        return parser.next()
    }

    /// How long to wait for more of the next request, Apache's way: a request line is awaited
    /// for Timeout on a fresh connection and for KeepAliveTimeout after a response; once the
    /// line is in, the rest of the head (and the body) for Timeout again. `betweenRequests`:
    /// no byte of the next request has arrived yet (the keep-alive wait proper).
    public func inputWait(keepAliveTimeoutMs: Int, timeoutMs: Int) -> (ms: Int, betweenRequests: Bool) {
        switch parser.position {
        case .idle where requestsServed > 0: (keepAliveTimeoutMs, true)
        case .idle, .requestLine: (requestsServed > 0 ? keepAliveTimeoutMs : timeoutMs, false)
        case .headers, .body, .failed: (timeoutMs, false)
        }
    }

    /// The wait for input ran out. Returns true when a request had begun: it is then answered
    /// 408 (the next `nextEvent()`); false when none had, and the connection just closes, as
    /// Apache does.
    public func expire() -> Bool {
        guard let error = parser.timeoutError else { return false }
        next = .error(error)
        return true
    }

    public func close() {
        pending?.release()
        pending = nil
        fd.close()
    }
}

/// Why the processor stopped serving a connection.
public enum ConnectionOutcome: Sendable, Equatable {
    /// The connection was closed (and its descriptor released).
    case closed
    /// The next request (or the rest of its head) has not arrived: wait until the socket is
    /// readable, then call `process` again. Prefork and worker wait in the serving thread;
    /// event parks the connection in its listener thread.
    case awaitingRequest
    /// The response is partly sent and the socket is full: wait until it is writable, then
    /// call `process` again to finish.
    case writeBlocked
    /// The last response is sent and our FIN with it: read and discard until the client's FIN
    /// (lingering close), then close.
    case lingering
}
