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
        global.masterPID = Process.id
        global.restartTime = WallClock.nowUs()
        global.configGeneration = 1
        let record = server.scoreboard.process(0)
        record.pid = Process.id
        slot.occupy(pid: Process.id, tid: Process.threadID, generation: 0)
        let processor = ConnectionProcessor(server: server, child: ChildIdentity(processSlot: 0, generation: 0))
        let listener = server.listeners[0]
        server.errorLog.always(.notice, "core", "MPM00009", "\(Version.serverBanner) serving in a single process (-X)")
        while !ChildSignals.stopping {
            switch try? Socket.accept(listener.fd, nonBlocking: true) {
            case .processed(let (fd, peer))?:
                let local = (try? Socket.localAddress(fd)) ?? listener.address
                let connection = Connection(fd: fd, peer: peer, local: local, limits: server.limits)
                _ = processor.process(connection, slot: slot, parkWhenIdle: false)
                slot.becomeReady()
            default:
                continue   // timeout (SO_RCVTIMEO), a signal, or a failed accept: look at the flags
            }
        }
        server.errorLog.always(.notice, "core", "AH00169", "caught SIGTERM, shutting down")
        return 0
    }
}
