// One client connection, from accept to close: its socket, its addresses, the parser that
// holds whatever bytes arrived but were not consumed yet (a pipelined request, half a
// header), and how many requests it has carried. It outlives the thread that serves it
// under the event MPM: between two requests it is parked in the listener, parser and all.
import HTTP
import Posix

public final class Connection {
    public let fd: FileDescriptor
    public let peer: SocketAddress
    public let local: SocketAddress
    var parser: RequestParser
    /// Responses sent on this connection.
    public internal(set) var requestsServed = 0
    /// Responses after which the connection was kept open (drives `Keep-Alive: max=`).
    public internal(set) var keepAlivesServed = 0
    /// When the connection will be closed if no request arrives (event MPM's parking).
    public var keepAliveDeadlineMs: Int64 = 0

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
        fd.close()
    }
}

/// How a connection left the processor.
public enum ConnectionOutcome: Sendable, Equatable {
    /// The connection was closed (and its descriptor released).
    case closed
    /// Waiting for the next request with nothing buffered: the caller may park it (event).
    case idle
}
