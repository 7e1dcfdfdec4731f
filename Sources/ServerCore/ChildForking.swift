// The two steps every MPM takes the same way in the master: fork the initial children
// (StartServers) into the free slots, and fork one child into a slot. What the child then
// does — its whole life — is the MPM's own `childMain`.
import Posix

public enum ChildForking {
    /// Forks StartServers children (at most `maxChildren`) into the lowest free slots below
    /// `slotLimit` (prefork: MaxRequestWorkers; the threaded MPMs may use every slot up to
    /// ServerLimit, since stopping children of an old generation keep theirs for a while).
    public static func startChildren(server: Server, master: any MasterControl, maxChildren: Int,
                                     slotLimit: Int? = nil, make: (Int) -> Void) {
        let occupied = Set(master.liveChildren.map(\.slot))
        var toStart = min(server.config.mpmSettings.startServers, maxChildren)
        for slot in 0..<(slotLimit ?? server.scoreboard.serverLimit) where toStart > 0 && !occupied.contains(slot) {
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
