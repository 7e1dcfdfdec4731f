// Everything a generation of the server shares: the configuration it was started with, the
// MPM it runs, the listening sockets, the scoreboard, the logs and the request router. The
// master builds it; children inherit it through fork (copy-on-write, so it costs them nothing
// until written — and nothing here is written after start). A restart builds a new one.
import Config
import HTTP
import Posix

public final class Server: Sendable {
    public let config: ServerConfig
    /// The MPM this server runs (the -X mode names the MPM the configuration loads).
    public let mpm: any MPM.Type
    public let listeners: [ListeningSocket]
    public let scoreboard: Scoreboard
    public let errorLog: ErrorLog
    public let accessLogs: [AccessLog]
    public let router: Router
    /// Threads per child (1 for prefork); the width of the scoreboard rows in use.
    public let threadsPerChild: Int
    /// The HTTP limits this configuration sets (LimitRequest*).
    public let limits: HTTPLimits
    /// The labs' code exercises this configuration switches on (LabExercise).
    public let extensions: LabExtensions

    public init(config: ServerConfig, mpm: any MPM.Type, listeners: [ListeningSocket], scoreboard: Scoreboard,
                errorLog: ErrorLog, accessLogs: [AccessLog], threadsPerChild: Int,
                extensions: LabExtensions = LabExtensions()) {
        self.config = config
        self.mpm = mpm
        self.listeners = listeners
        self.scoreboard = scoreboard
        self.errorLog = errorLog
        self.accessLogs = accessLogs
        self.threadsPerChild = threadsPerChild
        self.extensions = extensions
        self.router = Router(config: config)
        var limits = HTTPLimits(requestLine: config.limitRequestLine, fieldSize: config.limitRequestFieldSize,
                                fields: config.limitRequestFields, body: Int64(config.limitRequestBody))
        // LimitRequestBody inside <Location>: the parser asks for the limit of each request
        // that has a body, once it knows the path.
        if config.locations.contains(where: { $0.limitRequestBody != nil }) {
            limits.bodyByPath = { Int64(config.location(for: $0).limitRequestBody) }
        }
        self.limits = limits
    }

    /// "prefork", "worker" or "event".
    public var mpmName: String { mpm.name }

    /// The most children alive at once (Apache's ap_daemons_limit): MaxRequestWorkers divided
    /// by the threads of a child, within ServerLimit.
    public var maxChildren: Int {
        min(config.mpmSettings.maxRequestWorkers / max(1, threadsPerChild), scoreboard.serverLimit)
    }

    /// ServerName, or the address of the first listener when none is set (Apache guesses from
    /// the host name and warns with AH00558).
    public var serverName: String {
        config.serverName ?? listeners.first?.address.host ?? "localhost"
    }
}
