// `mpmd -X`: one process, no children. The process that read the configuration accepts and
// serves connections itself, one at a time, keep-alive included — Apache's debug mode, handy
// under a debugger and the simplest possible server to read. Whatever MPM the configuration
// loads, nothing is forked and no thread is started.
import Posix

enum SingleProcess {
    static func run(_ server: Server) -> Int32 {
        ChildSignals.install(interruptStops: true)
        let slot = server.scoreboard.worker(process: 0, thread: 0)
        let global = server.scoreboard.global
        global.restartTime = WallClock.nowUs()
        global.configGeneration = 1
        let record = server.scoreboard.process(0)
        record.pid = Process.id
        slot.occupy(pid: Process.id, generation: 0)
        let processor = ConnectionProcessor(server: server, child: ChildIdentity(processSlot: 0, generation: 0))
        let acceptor: Acceptor
        do { acceptor = try Acceptor(server) } catch {
            server.errorLog.always(.emerg, "core", "MPM00005", "cannot start: \(error)")
            return 1
        }
        server.errorLog.always(.notice, "core", "MPM00009", "\(Version.serverBanner) serving in a single process (-X)")
        while !ChildSignals.stopping {
            // nil: a second without a connection, or a signal: look at the flags.
            guard let connection = acceptor.accept() else { continue }
            processor.serveInThisThread(connection, slot: slot)
            slot.becomeReady()
        }
        server.errorLog.always(.notice, "core", "AH00169", "caught SIGTERM, shutting down")
        return 0
    }
}
