// The states of a scoreboard slot, with the letters `server-status` prints. Same numbers and
// letters as Apache's scoreboard.h, so that tools that read Apache's status page read ours.

public enum WorkerState: Int, Sendable, CaseIterable {
    case dead = 0          // `.` open slot: no thread or process here
    case starting = 1      // `S` being started
    case ready = 2         // `_` waiting for a connection
    case busyRead = 3      // `R` reading a request
    case busyWrite = 4     // `W` running the handler and sending the reply
    case busyKeepAlive = 5 // `K` holding an idle keep-alive connection, waiting for the next request
    case busyLog = 6       // `L` writing the access log
    case busyDNS = 7       // `D` DNS lookup (never set by Apache 2.4's core on Unix; nor by us)
    case closing = 8       // `C` closing the connection (lingering close)
    case graceful = 9      // `G` finishing its connection before a graceful exit
    case idleKill = 10     // `I` idle cleanup (set only by Apache's NetWare MPM)

    public var letter: Character {
        switch self {
        case .dead: "."; case .starting: "S"; case .ready: "_"; case .busyRead: "R"
        case .busyWrite: "W"; case .busyKeepAlive: "K"; case .busyLog: "L"; case .busyDNS: "D"
        case .closing: "C"; case .graceful: "G"; case .idleKill: "I"
        }
    }

    /// English legend line, as mod_status prints it.
    public var legend: String {
        switch self {
        case .dead: "Open slot with no current process"
        case .starting: "Starting up"
        case .ready: "Waiting for Connection"
        case .busyRead: "Reading Request"
        case .busyWrite: "Sending Reply"
        case .busyKeepAlive: "Keepalive (read)"
        case .busyLog: "Logging"
        case .busyDNS: "DNS Lookup"
        case .closing: "Closing connection"
        case .graceful: "Gracefully finishing"
        case .idleKill: "Idle cleanup of worker"
        }
    }

    /// Counted as busy by `server-status` (everything but `.`, `S`, `_`, `G` and `I`).
    public var isBusy: Bool {
        switch self {
        case .dead, .starting, .ready, .graceful, .idleKill: false
        default: true
        }
    }
}
