// The prefork MPM: processes only. Each child is one process with one thread, serving one
// connection at a time; to serve N clients at once the master needs N children.
//
// The children share nothing but the listening socket they inherited and the scoreboard.
// Each idle child blocks in accept() on the shared socket; the kernel wakes exactly one of
// them per connection (no thundering herd for a single blocking accept). While a child holds a
// keep-alive connection it waits in read, and its slot shows `K`: an idle client costs a whole
// process. A child that crashes takes only its own connection with it: the master notices
// (SIGCHLD), logs the signal and, once a second, forks children to keep between
// MinSpareServers and MaxSpareServers of them idle.
import Config
import Posix
import ServerCore

public final class PreforkMPM: MPM {
    public static let name = "prefork"

    let server: Server
    unowned let master: any MasterControl
    /// Children forked per maintenance round when short of idle ones: 1, 2, 4 ... 32.
    var spawnRate = 1
    var reportedMaxRequestWorkers = false

    public init(server: Server, master: any MasterControl) {
        self.server = server
        self.master = master
    }

    public var threadsPerChild: Int { 1 }
    var settings: MPMSettings { server.config.mpmSettings }
    var scoreboard: Scoreboard { server.scoreboard }
    /// How many children may live at once: MaxRequestWorkers, within ServerLimit.
    var daemonsLimit: Int { min(settings.maxRequestWorkers, scoreboard.serverLimit) }

    // MARK: in the master

    public func startChildren() {
        ChildForking.startChildren(server: server, master: master, maxChildren: daemonsLimit, slotLimit: daemonsLimit) {
            try? makeChild(slot: $0)
        }
    }

    public func makeChild(slot: Int) throws(SystemError) {
        try ChildForking.fork(slot: slot, server: server, master: master, module: "mpm_prefork", tag: "AH00159") { childMain(slot: $0) }
    }

    /// Apache's perform_idle_server_maintenance for prefork, once a second.
    public func performIdleMaintenance() {
        let live = Dictionary(uniqueKeysWithValues: master.liveChildren.map { ($0.slot, $0.pid) })
        var idle = 0
        var lastIdleSlot: Int?
        var freeSlots: [Int] = []
        var total = 0
        for slot in 0..<daemonsLimit {
            guard live[slot] != nil else {
                if freeSlots.count < spawnRate { freeSlots.append(slot) }
                continue
            }
            let record = scoreboard.process(slot)
            if record.quiescing || record.exitRequested { continue }   // already leaving: neither idle nor busy
            total += 1
            let state = scoreboard.worker(process: slot, thread: 0).state
            if state == .ready || state == .starting {
                idle += 1
                lastIdleSlot = slot
            }
        }
        if idle > settings.maxSpareServers, let victim = lastIdleSlot {
            // One child per round, so a spike's children leave gradually.
            master.retireChild(slot: victim)
            spawnRate = 1
        } else if idle < settings.minSpareServers {
            if freeSlots.isEmpty {
                if !reportedMaxRequestWorkers {
                    server.errorLog.always(.error, "mpm_prefork", "AH00161",
                                           "server reached MaxRequestWorkers setting, consider raising the MaxRequestWorkers setting")
                    reportedMaxRequestWorkers = true
                }
                spawnRate = 1
            } else {
                if spawnRate >= 8 {
                    server.errorLog.log(.info, "mpm_prefork", "AH00162",
                                        "server seems busy, (you may need to increase StartServers, or Min/MaxSpareServers), spawning \(freeSlots.count) children, there are \(idle) idle, and \(total) total children")
                }
                for slot in freeSlots { try? makeChild(slot: slot) }
                if master.holdOffSpawnDoubling > 0 {
                    master.holdOffSpawnDoubling -= 1
                } else if spawnRate < 32 {
                    spawnRate *= 2
                }
            }
        } else {
            spawnRate = 1
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
        worker.occupy(pid: Process.id, tid: Process.threadID, generation: generation)
        let processor = ConnectionProcessor(server: server, child: ChildIdentity(processSlot: slot, generation: generation))
        let limit = settings.maxConnectionsPerChild
        let record = scoreboard.process(slot)
        var accepted = 0
        // Between two connections: leave if the master retired this child (exitRequested).
        while !ChildSignals.stopping && !record.exitRequested {
            // Apache checks MaxConnectionsPerChild before each accept.
            if limit > 0 && accepted >= limit { break }
            worker.becomeReady()
            guard let (fd, peer, listener) = acceptOne() else { continue }
            accepted += 1
            record.acceptedConnections = accepted
            let local = (try? Socket.localAddress(fd)) ?? listener.address
            let connection = Connection(fd: fd, peer: peer, local: local, limits: server.limits)
            _ = processor.process(connection, slot: worker, parkWhenIdle: false)
        }
        Process.exitImmediately(0)
    }

    /// Blocks in accept() on the listening socket (up to one second, see ServerFactory). With
    /// several Listen sockets, polls them first (up to one second) and accepts on a ready one;
    /// Apache serialises that step with its accept mutex, mpmd lets the children that lose the
    /// race wait out their accept timeout.
    func acceptOne() -> (FileDescriptor, SocketAddress, Listener)? {
        var listener = server.listeners[0]
        if server.listeners.count > 1 {
            guard let ready = (try? FileDescriptor.pollReadable(server.listeners.map(\.fd), timeoutMs: 1000)) ?? nil,
                  let first = ready.first else { return nil }
            listener = server.listeners[first]
        }
        guard case .processed(let (fd, peer))? = try? Socket.accept(listener.fd, nonBlocking: true) else { return nil }
        return (fd, peer, listener)
    }
}
