// Building a Server from a configuration: bind the sockets (or keep the previous
// generation's when the addresses did not change: a restart must not drop the connections
// waiting in the kernel's accept queue), create or keep the scoreboard, open the logs.
import Config
import Posix

enum ServerFactory {
    static func make(config: ServerConfig, mpmType: any MPM.Type, previous: Server?, singleProcess: Bool) throws -> Server {
        // Loaded here, in the master and before any fork: every child inherits the mapping.
        let extensions = try LabExtensions.load(for: config)
        let errorLog: ErrorLog
        switch config.errorLog {
        case .stderr: errorLog = ErrorLog(level: config.logLevel)
        case .file(let path):
            try FileSystem.makeDirectories(FileSystem.dirname(of: path))
            errorLog = try ErrorLog(path: path, level: config.logLevel)
        }
        var listeners: [Listener] = []
        for wanted in config.listens {
            let address = SocketAddress(host: wanted.host ?? "0.0.0.0", port: wanted.port)
            if let kept = previous?.listeners.first(where: { $0.requested == address }) {
                listeners.append(kept)
                continue
            }
            let fd = try Socket.listen(on: address, backlog: config.listenBacklog)
            // A blocking accept() returns at least once a second, so a child that was told to
            // stop notices even if the signal came just before it blocked (see ChildSignals).
            try fd.setReceiveTimeout(ms: 1000)
            // Event's listener threads wait in epoll and must never block in accept() when a
            // sibling process took the connection first: their listening sockets are
            // non-blocking, as in Apache.
            if config.mpm == .event && !singleProcess { try fd.setNonBlocking(true) }
            listeners.append(Listener(fd: fd, address: try Socket.localAddress(fd), requested: address))
        }
        if let previous {
            for old in previous.listeners where !listeners.contains(where: { $0.fd == old.fd }) { old.fd.close() }
        }
        let threads = singleProcess || config.mpm == .prefork ? 1 : config.mpmSettings.threadsPerChild
        let scoreboard: Scoreboard
        if let previous {
            let wanted = config.mpmSettings
            if wanted.serverLimit != previous.scoreboard.serverLimit {
                errorLog.always(.warn, "mpm_\(mpmType.name)", "MPM00007",
                                "changing ServerLimit to \(wanted.serverLimit) from original value of \(previous.scoreboard.serverLimit) not allowed during restart")
            }
            if config.mpm != .prefork && wanted.threadLimit != previous.scoreboard.threadLimit {
                errorLog.always(.warn, "mpm_\(mpmType.name)", "MPM00008",
                                "changing ThreadLimit to \(wanted.threadLimit) from original value of \(previous.scoreboard.threadLimit) not allowed during restart")
            }
            scoreboard = previous.scoreboard
        } else {
            let rows = singleProcess ? 1 : config.mpmSettings.serverLimit
            let columns = config.mpm == .prefork || singleProcess ? 1 : config.mpmSettings.threadLimit
            scoreboard = try Scoreboard(serverLimit: rows, threadLimit: columns)
        }
        var accessLogs: [AccessLog] = []
        for log in config.customLogs {
            accessLogs.append(try AccessLog(destination: log.destination, format: log.format))
        }
        return Server(config: config, listeners: listeners, scoreboard: scoreboard, errorLog: errorLog,
                      accessLogs: accessLogs, mpmName: singleProcess ? config.mpm.rawValue : mpmType.name,
                      threadsPerChild: min(threads, scoreboard.threadLimit), extensions: extensions)
    }
}
