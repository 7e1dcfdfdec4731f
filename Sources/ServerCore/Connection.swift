// One client connection, from accept to close: its socket, its addresses, the parser that
// holds whatever bytes arrived but were not consumed yet (a pipelined request, half a
// header), and how many requests it has carried. It outlives the thread that serves it
// under the event MPM: between two requests it is parked in the listener, parser and all.
import HTTP
import Posix

public final class Connection: @unchecked Sendable {
    // @unchecked: a connection belongs to exactly one thread at a time — the worker serving it
    // or the listener parking it — and changes hands only through WorkerQueue's lock or the
    // listener's hand-back list, which order the accesses.
    public let fd: FileDescriptor
    public let peer: SocketAddress
    public let local: SocketAddress
    var parser: RequestParser
    /// Responses sent on this connection.
    public internal(set) var requestsServed = 0
    /// Responses after which the connection was kept open (drives `Keep-Alive: max=`).
    public internal(set) var keepAlivesServed = 0
    /// When the listener gives up on it: no request (keep-alive), no room to write (write
    /// completion), no FIN (lingering close). Event MPM only.
    public var deadlineMs: Int64 = 0
    /// What is left to send of the last response (event's write completion).
    public var pending: PendingOutput?
    /// Whether a response is waiting to be finished.
    public var hasPendingOutput: Bool { pending != nil }

    public init(fd: FileDescriptor, peer: SocketAddress, local: SocketAddress, limits: HTTPLimits) {
        self.fd = fd
        self.peer = peer
        self.local = local
        self.parser = RequestParser(limits: limits)
        Socket.setNoDelay(fd)
    }

    /// Something is already buffered for the next request (pipelining).
    public var hasBufferedInput: Bool { parser.hasBufferedInput }

    public func close() {
        pending?.release()
        pending = nil
        fd.close()
    }
}

/// How a connection left the processor.
public enum ConnectionOutcome: Sendable, Equatable {
    /// The connection was closed (and its descriptor released).
    case closed
    /// Waiting for the next request with nothing buffered: the caller may park it (event).
    case idle
    /// The response is partly sent and the socket is full: wait until it is writable, then
    /// call `process` again to finish (event's write completion).
    case writeBlocked
    /// Our FIN is sent; read and discard until the client's FIN, then close (event).
    case lingering
}
