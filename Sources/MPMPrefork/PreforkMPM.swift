// The prefork MPM: processes only. Each child is one process with one thread, serving one
// connection at a time; to serve N clients at once the master needs N children.
//
// The children share nothing but the listening sockets they inherited and the scoreboard.
// Each idle child waits for a connection on the shared sockets and accepts it (Acceptor: the
// kernel wakes one waiting child per connection, no thundering herd). While a child holds a
// keep-alive connection it waits in read, and its slot shows `K`: an idle client costs a whole
// process. A child that crashes takes only its own connection with it: the master notices
// (SIGCHLD), logs the signal and, once a second, forks children to keep between
// MinSpareServers and MaxSpareServers of them idle.
import Config
import Posix
import ServerCore

public final class PreforkMPM: MPM {
    public static let name = "prefork"
    public static let isThreaded = false
    /// The lesson of the keep-alive chapter: the child that served a request waits for the
    /// next one itself, up to KeepAliveTimeout, and serves nobody else meanwhile.
    public static let keepAliveWait = KeepAliveWait.inServingThread

    let server: Server
    unowned let master: any MasterControl
    var spawnRate = SpawnRate()
    var reportedMaxRequestWorkers = false

    public init(server: Server, master: any MasterControl) {
        self.server = server
        self.master = master
    }

    var settings: MPMSettings { server.config.mpmSettings }
    var scoreboard: Scoreboard { server.scoreboard }

    // MARK: in the master

    public func startChildren() {
        ChildForking.startChildren(server: server, master: master) { try? makeChild(slot: $0) }
    }

    public func makeChild(slot: Int) throws(SystemError) {
        try ChildForking.fork(slot: slot, server: server, master: master, module: "mpm_prefork", tag: "AH00159") { childMain(slot: $0) }
    }

    /// Apache's perform_idle_server_maintenance for prefork, once a second: too many idle
    /// children, retire one; too few, fork 1, 2, 4 ... 32 a second while the shortage lasts.
    public func performIdleMaintenance() {
        let census = ChildCensus(server: server, master: master, freeSlotsWanted: spawnRate.current)
        if census.idleWorkers > settings.maxSpareServers, let victim = census.lastIdle {
            // One child per round, so a spike's children leave gradually.
            master.retireChild(slot: victim)
            spawnRate.reset()
        } else if census.idleWorkers < settings.minSpareServers {
            if census.freeSlots.isEmpty {
                if !reportedMaxRequestWorkers {
                    server.errorLog.always(.error, "mpm_prefork", "AH00161",
                                           "server reached MaxRequestWorkers setting, consider raising the MaxRequestWorkers setting")
                    reportedMaxRequestWorkers = true
                }
                spawnRate.reset()
            } else {
                if spawnRate.current >= 8 {
                    server.errorLog.log(.info, "mpm_prefork", "AH00162",
                                        "server seems busy, (you may need to increase StartServers, or Min/MaxSpareServers), spawning \(census.freeSlots.count) children, there are \(census.idleWorkers) idle, and \(census.activeChildren) total children")
                }
                for slot in census.freeSlots { try? makeChild(slot: slot) }
                spawnRate.grow(master)
            }
        } else {
            spawnRate.reset()
        }
    }

    // MARK: in the child

    /// The child: accept a connection, serve it to the end, go back to accept; leave after
    /// MaxConnectionsPerChild connections, or when the master says so.
    public func childMain(slot: Int) -> Never {
        ChildSignals.install(listeners: server.listeners.map(\.fd))
        Process.setParentDeathSignal(Signal.terminate)
        let generation = master.generation
        let worker = scoreboard.worker(process: slot, thread: 0)
        worker.occupy(pid: Process.id, generation: generation)
        let processor = ConnectionProcessor(server: server, child: ChildIdentity(processSlot: slot, generation: generation))
        guard let acceptor = try? Acceptor(server) else { Process.exitImmediately(1) }
        let limit = settings.maxConnectionsPerChild
        let record = scoreboard.process(slot)
        var accepted = 0
        // Between two connections: leave if the master retired this child (exitRequested).
        while !ChildSignals.stopping && !record.exitRequested {
            // Apache checks MaxConnectionsPerChild before each accept.
            if limit > 0 && accepted >= limit { break }
            worker.becomeReady()
            guard let connection = acceptor.accept() else { continue }
            accepted += 1
            processor.serveInThisThread(connection, slot: worker)
        }
        Process.exitImmediately(0)
    }
}
