// Everything a generation of the server shares: the configuration it was started with, the
// listening sockets, the scoreboard, the logs and the request router. The master builds it;
// children inherit it through fork (copy-on-write, so it costs them nothing until written —
// and nothing here is written after start). A restart builds a new one.
import Config
import HTTP
import Posix

public final class Server: Sendable {
    public let config: ServerConfig
    public let listeners: [Listener]
    public let scoreboard: Scoreboard
    public let errorLog: ErrorLog
    public let accessLogs: [AccessLog]
    public let router: Router
    public let mpmName: String
    /// Threads per child (1 for prefork); the width of the scoreboard rows in use.
    public let threadsPerChild: Int
    /// The labs' code exercises this configuration switches on (LabExercise).
    public let extensions: LabExtensions

    public init(config: ServerConfig, listeners: [Listener], scoreboard: Scoreboard,
                errorLog: ErrorLog, accessLogs: [AccessLog], mpmName: String, threadsPerChild: Int,
                extensions: LabExtensions = LabExtensions()) {
        self.config = config
        self.listeners = listeners
        self.scoreboard = scoreboard
        self.errorLog = errorLog
        self.accessLogs = accessLogs
        self.mpmName = mpmName
        self.threadsPerChild = threadsPerChild
        self.extensions = extensions
        self.router = Router(config: config)
    }

    /// ServerName, or the address of the first listener when none is set (Apache guesses from
    /// the host name and warns with AH00558).
    public var serverName: String {
        config.serverName ?? listeners.first?.address.host ?? "localhost"
    }

    /// The HTTP limits this configuration sets (LimitRequest*).
    public var limits: HTTPLimits {
        var limits = HTTPLimits(requestLine: config.limitRequestLine, fieldSize: config.limitRequestFieldSize,
                                fields: config.limitRequestFields, body: Int64(config.limitRequestBody))
        // LimitRequestBody inside <Location>: the parser asks for the limit of each request
        // that has a body, once it knows the path.
        if config.locations.contains(where: { $0.limitRequestBody != nil }) {
            let config = config
            limits.bodyByPath = { Int64(config.location(for: $0).limitRequestBody) }
        }
        return limits
    }
}

/// A listening socket and the address it is bound to.
public struct Listener: Sendable {
    public let fd: FileDescriptor
    /// The bound address (with the real port when Listen asked for port 0).
    public let address: SocketAddress
    /// What the configuration asked for.
    public let requested: SocketAddress

    public init(fd: FileDescriptor, address: SocketAddress, requested: SocketAddress) {
        self.fd = fd
        self.address = address
        self.requested = requested
    }
}
