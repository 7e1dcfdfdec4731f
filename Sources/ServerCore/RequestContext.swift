// What a handler knows about the request it answers: the request itself, who sent it, on
// which connection, and which process, thread and scoreboard slot serve it.
import HTTP
import Posix

public struct RequestContext: Sendable {
    public let request: HTTPRequest
    /// The decoded, normalised path (no `..`, no `%xx`).
    public let path: String
    public let peer: SocketAddress
    public let local: SocketAddress
    /// Requests on this connection, this one included (1 for the first).
    public let connectionRequests: Int
    public let slot: WorkerSlot
    public let server: Server
    public let child: ChildIdentity
}

/// Which child process (and generation) is running; fixed for a child's life.
public struct ChildIdentity: Sendable {
    public let processSlot: Int
    public let generation: Int

    public init(processSlot: Int, generation: Int) {
        self.processSlot = processSlot
        self.generation = generation
    }
}

/// Something that answers requests.
public protocol RequestHandler: Sendable {
    func handle(_ context: RequestContext) -> Reply
}
