// What the three MPMs share in the master: forking children into free slots, and the parts of
// Apache's perform_idle_server_maintenance that do not depend on the MPM — counting idle
// workers across the children (`ChildCensus`) and the spawn rate that doubles each second
// while they are too few (`SpawnRate`). Each MPM's `performIdleMaintenance` decides with them;
// the threaded MPMs share `SpareThreadMaintenance` and differ only in its `SpareThreadRules`.
import Config
import Posix

public enum ChildForking {
    /// Forks StartServers children (at most the server's `maxChildren`) into the lowest free
    /// slots. `make` forks into one slot.
    public static func startChildren(server: Server, master: any MasterControl, make: (Int) -> Void) {
        let occupied = Set(master.liveChildren.map(\.slot))
        var toStart = min(server.config.mpmSettings.startServers, server.maxChildren)
        for slot in 0..<server.scoreboard.serverLimit where toStart > 0 && !occupied.contains(slot) {
            make(slot)
            toStart -= 1
        }
    }

    /// Forks one child into `slot`: its scoreboard slots show `S` until its threads take
    /// them. In the child, `childMain` runs and never returns; in the master, the child is
    /// recorded. `module` and `tag` name the failure in the error log, as Apache's MPMs do.
    public static func fork(slot: Int, server: Server, master: any MasterControl, module: String, tag: String,
                            childMain: (Int) -> Never) throws(SystemError) {
        let board = server.scoreboard
        for t in 0..<server.threadsPerChild { board.worker(process: slot, thread: t).state = .starting }
        let pid: Int32
        do {
            pid = try Process.fork()
        } catch {
            for t in 0..<server.threadsPerChild { board.worker(process: slot, thread: t).state = .dead }
            server.errorLog.always(.error, module, tag, "fork: Unable to fork new process: \(error)")
            throw error
        }
        if pid == 0 {
            master.releaseInChild()
            childMain(slot)
        }
        master.childStarted(slot: slot, pid: pid)
    }
}

/// One reading of the scoreboard by the master's maintenance.
public struct ChildCensus {
    /// Idle worker slots (`_`, `S`, or `.` inside a live child, Apache's `status <= SERVER_READY`)
    /// of the current generation's children that are not stopping.
    public private(set) var idleWorkers = 0
    /// Live children that are not stopping.
    public private(set) var activeChildren = 0
    /// Live children that are leaving (told to, or finishing after a graceful restart).
    public private(set) var stoppingChildren = 0
    /// Free process slots below the server's `maxChildren`, lowest first, at most `wanted`.
    public private(set) var freeSlots: [Int] = []
    /// The last active child, and the last active child with an idle slot: candidates to retire.
    public private(set) var lastActive: Int?
    public private(set) var lastIdle: Int?

    /// `countsChildrenNotAccepting`: whether the idle slots of a child that stopped accepting
    /// (event's listener, when its connections reach its limit) count as idle.
    public init(server: Server, master: any MasterControl, freeSlotsWanted wanted: Int, countsChildrenNotAccepting: Bool = true) {
        let board = server.scoreboard
        let live = Set(master.liveChildren.map(\.slot))
        for slot in 0..<board.serverLimit {
            guard live.contains(slot) else {
                if slot < server.maxChildren && freeSlots.count < wanted { freeSlots.append(slot) }
                continue
            }
            let record = board.process(slot)
            if record.quiescing || record.exitRequested { stoppingChildren += 1; continue }
            activeChildren += 1
            lastActive = slot
            if !countsChildrenNotAccepting && record.notAccepting { continue }
            guard record.generation == master.generation else { continue }
            var idle = 0
            for t in 0..<server.threadsPerChild where board.worker(process: slot, thread: t).state.rawValue <= WorkerState.ready.rawValue {
                idle += 1
            }
            if idle > 0 { lastIdle = slot }
            idleWorkers += idle
        }
    }
}

/// Children forked per maintenance round while idle workers are too few: 1, 2, 4 ... 32.
public struct SpawnRate {
    public private(set) var current = 1

    public init() {}

    public mutating func reset() { current = 1 }

    /// After a round that forked: the next round forks twice as many, unless the master holds
    /// off after a graceful restart (the new generation's children are still starting).
    public mutating func grow(_ master: any MasterControl) {
        if master.holdOffSpawnDoubling > 0 {
            master.holdOffSpawnDoubling -= 1
        } else if current < Limits.maxSpawnRate {
            current *= 2
        }
    }
}

/// Where worker's and event's maintenance differ (Apache's worker.c and event.c).
public struct SpareThreadRules: Sendable {
    /// Whether the idle threads of a child that stopped accepting count as spare.
    public let countsChildrenNotAccepting: Bool
    /// Whether a child may be retired while others are still stopping; when not, only if
    /// ServerLimit leaves room for all of them.
    public let retiresWhileOthersStop: Bool

    public init(countsChildrenNotAccepting: Bool, retiresWhileOthersStop: Bool) {
        self.countsChildrenNotAccepting = countsChildrenNotAccepting
        self.retiresWhileOthersStop = retiresWhileOthersStop
    }
}

/// Spare-thread maintenance for the threaded MPMs, once a second in the master: above
/// MaxSpareThreads idle threads it retires one child (gracefully), below MinSpareThreads it
/// forks children, within MaxRequestWorkers / ThreadsPerChild of them.
public struct SpareThreadMaintenance {
    let module: String
    let rules: SpareThreadRules
    var spawnRate = SpawnRate()
    var reportedMaxWorkers = false
    var reportedScoreboardFull = false

    public init(module: String, rules: SpareThreadRules) {
        self.module = module
        self.rules = rules
    }

    public mutating func run(server: Server, master: any MasterControl, makeChild: (Int) -> Void) {
        let settings = server.config.mpmSettings
        let census = ChildCensus(server: server, master: master, freeSlotsWanted: spawnRate.current,
                                 countsChildrenNotAccepting: rules.countsChildrenNotAccepting)
        let maxChildren = server.maxChildren
        if census.idleWorkers > settings.maxSpareThreads, let victim = census.lastActive {
            let roomLeft = server.scoreboard.serverLimit - (census.activeChildren + census.stoppingChildren) > maxChildren
            if rules.retiresWhileOthersStop || census.stoppingChildren == 0 || roomLeft {
                master.retireChild(slot: victim)
            }
            spawnRate.reset()
        } else if census.idleWorkers < settings.minSpareThreads {
            let room = max(0, maxChildren - census.activeChildren)
            if census.freeSlots.isEmpty || room == 0 {
                if census.activeChildren * server.threadsPerChild >= settings.maxRequestWorkers {
                    if !reportedMaxWorkers {
                        server.errorLog.always(.error, module, "AH00286",
                                               "server reached MaxRequestWorkers setting, consider raising the MaxRequestWorkers setting")
                        reportedMaxWorkers = true
                    }
                } else if !reportedScoreboardFull {
                    server.errorLog.always(.error, module, "AH00288", "scoreboard is full, not at MaxRequestWorkers")
                    reportedScoreboardFull = true
                }
                spawnRate.reset()
            } else {
                let slots = census.freeSlots.prefix(room)
                if spawnRate.current >= 8 {
                    server.errorLog.log(.info, module, "AH00486",
                                        "server seems busy, (you may need to increase StartServers, ThreadsPerChild or Min/MaxSpareThreads), spawning \(slots.count) children, there are around \(census.idleWorkers) idle threads, and \(census.activeChildren) total children")
                }
                for slot in slots { makeChild(slot) }
                spawnRate.grow(master)
            }
        } else {
            spawnRate.reset()
        }
    }
}
