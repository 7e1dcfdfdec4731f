// What `mpmd` does with its command line, in httpd's order: read the configuration (-t stops
// there), deliver a -k signal to a running server through its PID file, or start: block the
// master's signals before anything else can start a thread, bind the listening sockets, build
// the scoreboard, then hand over to the master loop (or, with -X, serve in this one process).
import Config
import Posix

public enum Launcher {
    /// Runs mpmd; returns its exit code. `mpms` maps each MPM to its implementation (ServerCore
    /// does not import the MPM modules: they import it).
    public static func run(_ arguments: [String], mpms: [MPMKind: any MPM.Type]) -> Int32 {
        // Before any other code runs, so that the master and its children map only the code
        // they execute (see Process.mapOnlyUsedCode).
        Process.mapOnlyUsedCode()
        let options: CommandLineOptions
        do { options = try CommandLineOptions.parse(arguments) } catch {
            printError(error.description)
            return 1
        }
        if options.showHelp { print(CommandLineOptions.usage); return 0 }
        if options.showVersion && !options.showSettings {
            print("Server version: \(Version.serverBanner)\nServer built:   \(Version.built)")
            return 0
        }
        let config: ServerConfig
        do {
            config = try ConfigLoader.load(path: options.configFile, defines: options.defines,
                                           before: options.before, after: options.after)
        } catch {
            printError("mpmd: \(error)")
            return 1
        }
        for warning in config.warnings { printError("WARNING: \(warning)") }
        guard let mpmType = mpms[config.mpm] else {
            printError("mpmd: the \(config.mpm.rawValue) MPM is not built into this binary")
            return 1
        }
        if options.showSettings { print(settings(config, mpm: mpmType)); return 0 }
        if options.testConfig { printError("Syntax OK"); return 0 }

        switch options.signal {
        case .stop?, .gracefulStop?, .restart?, .graceful?:
            if let code = ServerControl.signal(options.signal!, pidFile: config.pidFile) { return code }
            // restart/graceful with no server running: start one, as httpd does.
            return start(config, options: options, mpmType: mpmType, mpms: mpms, daemonize: true)
        case .start?:
            if let pid = PidFile.livePID(config.pidFile) {
                printError("httpd (pid \(pid)) already running")
                return 0
            }
            return start(config, options: options, mpmType: mpmType, mpms: mpms, daemonize: true)
        case nil:
            return start(config, options: options, mpmType: mpmType, mpms: mpms, daemonize: false)
        }
    }

    static func start(_ config: ServerConfig, options: CommandLineOptions, mpmType: any MPM.Type,
                      mpms: [MPMKind: any MPM.Type], daemonize: Bool) -> Int32 {
        // Before anything else: the master reads these signals from a signalfd, and the mask
        // must be in place before any thread could exist to catch them instead.
        Signal.block(Master.handledSignals)
        Signal.ignore(Signal.pipe)
        if config.listens.isEmpty {
            printError("mpmd: no listening sockets available, shutting down\nAH00015: Unable to open logs")
            return 1
        }
        if daemonize {
            switch Daemon.detach(pidFile: config.pidFile) {
            case .parent(let code): return code
            case .daemon: break
            }
        }
        let server: Server
        do {
            server = try ServerFactory.make(config: config, mpm: mpmType, previous: nil, singleProcess: options.singleProcess)
        } catch {
            printError("mpmd: \(error)")
            return 1
        }
        for note in config.notes { server.errorLog.log(.info, "core", "MPM00004", note) }
        for listener in server.listeners {
            server.errorLog.always(.notice, "core", "MPM00001", "listening on \(listener.address)")
        }
        if options.singleProcess {
            return SingleProcess.run(server)
        }
        do {
            try PidFile.write(config.pidFile, pid: Process.id)
        } catch {
            server.errorLog.always(.error, "core", "AH00099", "could not create \(config.pidFile): \(error)")
            return 1
        }
        let master: Master
        do {
            master = try Master(server: server, pidFile: config.pidFile) { previous in
                reload(options: options, mpmType: mpmType, mpms: mpms, previous: previous)
            }
        } catch {
            server.errorLog.always(.emerg, "core", "MPM00005", "cannot start the master: \(error)")
            return 1
        }
        return master.run()
    }

    /// Re-reads the configuration for a restart, keeping the sockets and the scoreboard.
    static func reload(options: CommandLineOptions, mpmType: any MPM.Type, mpms: [MPMKind: any MPM.Type], previous: Server) -> Result<Server, Master.ReloadError> {
        do {
            let config = try ConfigLoader.load(path: options.configFile, defines: options.defines,
                                               before: options.before, after: options.after)
            guard let wanted = mpms[config.mpm], wanted == mpmType else {
                return .failure(.init("changing the MPM (\(mpmType.name) to \(config.mpm.rawValue)) needs a full stop and start"))
            }
            for warning in config.warnings { previous.errorLog.always(.warn, "core", "MPM00006", warning.description) }
            return .success(try ServerFactory.make(config: config, mpm: mpmType, previous: previous, singleProcess: false))
        } catch {
            return .failure(.init("\(error)"))
        }
    }

    /// `mpmd -V`: httpd's lines, what the MPM says about itself, and one line of mpmd's own
    /// (where an idle keep-alive connection waits).
    static func settings(_ config: ServerConfig, mpm: any MPM.Type) -> String {
        let s = config.mpmSettings
        return """
            Server version: \(Version.serverBanner)
            Server built:   \(Version.built)
            Server's Module Magic Number: none (mpmd has no loadable modules)
            Architecture:   \(MemoryLayout<Int>.size * 8)-bit
            Server MPM:     \(mpm.name)
              threaded:     \(mpm.isThreaded ? "yes (fixed thread count)" : "no")
                forked:     yes (variable process count)
            keep-alive:     \(mpm.keepAliveWait)
            Server compiled with....
             -D HARD_SERVER_LIMIT=\(MPMSettings.maxServerLimit(for: config.mpm))
             -D HARD_THREAD_LIMIT=\(MPMSettings.maxThreadLimit(for: config.mpm))
             -D DEFAULT_PIDLOG="logs/mpmd.pid"
             -D SERVER_CONFIG_FILE="conf/mpmd.conf"
            Configured:     ServerLimit \(s.serverLimit), ThreadLimit \(s.threadLimit), ThreadsPerChild \(s.threadsPerChild), MaxRequestWorkers \(s.maxRequestWorkers)
            """
    }

    static func printError(_ message: String) {
        try? FileDescriptor.standardError.writeAll(Array((message + "\n").utf8))
    }
}
