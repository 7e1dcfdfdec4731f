// Spare-thread maintenance for the threaded MPMs (Apache's perform_idle_server_maintenance in
// worker.c and event.c), once a second in the master. It counts idle worker threads across the
// live children of the current generation: above MaxSpareThreads it retires one child
// (gracefully), below MinSpareThreads it forks children — 1, 2, 4 ... 32 per second while the
// shortage lasts — within MaxRequestWorkers / ThreadsPerChild children.
import Config
import Posix

public struct SpareThreadMaintenance {
    var spawnRate = 1
    var reportedMaxWorkers = false
    var reportedScoreboardFull = false
    let module: String
    /// Event's extra rules: skip children that stopped accepting; don't retire a child while
    /// others are still stopping (unless ServerLimit leaves room).
    let isEvent: Bool

    public init(module: String, isEvent: Bool) {
        self.module = module
        self.isEvent = isEvent
    }

    public mutating func run(server: Server, master: any MasterControl, makeChild: (Int) -> Void) {
        let settings = server.config.mpmSettings
        let board = server.scoreboard
        let threads = server.threadsPerChild
        let maxChildren = min(settings.maxRequestWorkers / max(1, threads), board.serverLimit)
        let live = Dictionary(uniqueKeysWithValues: master.liveChildren.map { ($0.slot, $0.pid) })
        var idleThreads = 0, activeChildren = 0, stoppingChildren = 0
        var freeSlots: [Int] = []
        var lastActive: Int?
        for slot in 0..<board.serverLimit {
            guard live[slot] != nil else {
                if slot < maxChildren && freeSlots.count < spawnRate { freeSlots.append(slot) }
                continue
            }
            let record = board.process(slot)
            if record.quiescing || record.exitRequested { stoppingChildren += 1; continue }
            activeChildren += 1
            lastActive = slot
            if isEvent && record.notAccepting { continue }
            guard record.generation == master.generation else { continue }
            for t in 0..<threads {
                let state = board.worker(process: slot, thread: t).state
                if state == .ready || state == .starting || state == .dead { idleThreads += 1 }
            }
        }
        if idleThreads > settings.maxSpareThreads, let victim = lastActive {
            let roomLeft = board.serverLimit - (activeChildren + stoppingChildren) > maxChildren
            if !isEvent || stoppingChildren == 0 || roomLeft {
                master.retireChild(slot: victim)
            }
            spawnRate = 1
        } else if idleThreads < settings.minSpareThreads {
            if freeSlots.isEmpty || activeChildren >= maxChildren {
                if activeChildren * threads >= settings.maxRequestWorkers {
                    if !reportedMaxWorkers {
                        server.errorLog.always(.error, module, "AH00286",
                                               "server reached MaxRequestWorkers setting, consider raising the MaxRequestWorkers setting")
                        reportedMaxWorkers = true
                    }
                } else if !reportedScoreboardFull {
                    server.errorLog.always(.error, module, "AH00288", "scoreboard is full, not at MaxRequestWorkers")
                    reportedScoreboardFull = true
                }
                spawnRate = 1
            } else {
                let room = isEvent ? max(0, maxChildren - activeChildren) : freeSlots.count
                if spawnRate >= 8 {
                    server.errorLog.log(.info, module, "AH00486",
                                        "server seems busy, (you may need to increase StartServers, ThreadsPerChild or Min/MaxSpareThreads), spawning \(min(room, freeSlots.count)) children, there are around \(idleThreads) idle threads, and \(activeChildren) total children")
                }
                for slot in freeSlots.prefix(room) { makeChild(slot) }
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
}
