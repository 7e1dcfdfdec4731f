// Building a Server from a configuration: open the listening sockets (or keep the previous
// generation's), create or keep the scoreboard, open the logs. The MPM says how wide a
// scoreboard row is (threaded or not); nothing here depends on which MPM it is.
import Config
import Posix

enum ServerFactory {
    static func make(config: ServerConfig, mpm: any MPM.Type, previous: Server?, singleProcess: Bool) throws -> Server {
        // Loaded here, in the master and before any fork: every child inherits the mapping.
        let extensions = try LabExtensions.load(for: config)
        let errorLog: ErrorLog
        switch config.errorLog {
        case .stderr: errorLog = ErrorLog(level: config.logLevel)
        case .file(let path):
            try FileSystem.makeDirectories(FileSystem.dirname(of: path))
            errorLog = try ErrorLog(path: path, level: config.logLevel)
        }
        let listeners = try ListeningSocket.open(config, previous: previous?.listeners ?? [])
        let settings = config.mpmSettings
        let threaded = mpm.isThreaded && !singleProcess
        let scoreboard: Scoreboard
        if let previous {
            // ServerLimit and ThreadLimit size the shared memory, which a restart keeps.
            if settings.serverLimit != previous.scoreboard.serverLimit {
                errorLog.always(.warn, "mpm_\(mpm.name)", "MPM00007",
                                "changing ServerLimit to \(settings.serverLimit) from original value of \(previous.scoreboard.serverLimit) not allowed during restart")
            }
            if threaded && settings.threadLimit != previous.scoreboard.threadLimit {
                errorLog.always(.warn, "mpm_\(mpm.name)", "MPM00008",
                                "changing ThreadLimit to \(settings.threadLimit) from original value of \(previous.scoreboard.threadLimit) not allowed during restart")
            }
            scoreboard = previous.scoreboard
        } else {
            scoreboard = try Scoreboard(serverLimit: singleProcess ? 1 : settings.serverLimit,
                                        threadLimit: threaded ? settings.threadLimit : 1)
        }
        var accessLogs: [AccessLog] = []
        for log in config.customLogs {
            accessLogs.append(try AccessLog(destination: log.destination, format: log.format))
        }
        let threads = threaded ? mpm.threadsPerChild(settings) : 1
        return Server(config: config, mpm: mpm, listeners: listeners, scoreboard: scoreboard, errorLog: errorLog,
                      accessLogs: accessLogs, threadsPerChild: min(threads, scoreboard.threadLimit), extensions: extensions)
    }
}
