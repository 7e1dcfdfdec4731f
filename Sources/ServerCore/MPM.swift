// The contract between the master process and a Multi-Processing Module.
//
// Who listens. The master opens every listening socket (Listen) before it forks anything.
//   Children inherit the descriptors; none of them ever binds a port.
// Who forks. Only the master, and only while it is single-threaded (Process.fork checks).
//   An MPM forks in `makeChild`; everything after the fork in the child happens in
//   `childMain`, which never returns (the child leaves with `exit`, never by returning into the
//   master's loop).
// Who accepts. Never the master. Prefork: each idle child blocks in accept() on the shared
//   socket. Worker: each child's listener thread accepts, and only when one of its worker
//   threads is idle. Event: each child's listener thread polls the socket with epoll, together
//   with every keep-alive connection that is waiting for its next request.
// Who serves. Whoever holds a connection calls ServerCore's ConnectionProcessor: one function
//   for the three MPMs, so what differs between them is only who waits where.
// Maintenance. Once a second the master calls `performIdleMaintenance`, which reads the
//   scoreboard and forks or retires children to keep the number of idle workers between the
//   MinSpare and MaxSpare settings.
// Signals to the master (see Master.swift): TERM stop, HUP restart, USR1 graceful restart,
//   WINCH graceful stop. Signals from the master to a child: TERM = exit now; USR1 = stop
//   accepting, finish the connections in hand, then exit ("graceful"). A child told to exit
//   gracefully marks its busy slots `G`.
// Generations. Every restart adds one to the generation. A child remembers the generation it
//   was born in; after a graceful restart the old generation finishes its work while the new
//   one starts serving. A hard restart (HUP) kills the old generation first.
import Posix

/// What every MPM implements, with Apache's verbs so that the three files can be diffed.
public protocol MPM: AnyObject {
    /// "prefork", "worker" or "event": what `server-status` prints as ServerMPM.
    static var name: String { get }

    /// Built in the master once the configuration is loaded (and again after each restart).
    init(server: Server, master: MasterControl)

    /// Threads per child this MPM runs (1 for prefork).
    var threadsPerChild: Int { get }

    /// Forks the initial children (StartServers of them), in the master.
    func startChildren()

    /// Forks one child into a free process slot, in the master.
    func makeChild(slot: Int) throws(SystemError)

    /// The child's life, in the child. Never returns.
    func childMain(slot: Int) -> Never

    /// Once a second, in the master: spare children or threads, MaxRequestWorkers.
    func performIdleMaintenance()
}

/// What an MPM may ask of the master (implemented by `Master`).
public protocol MasterControl: AnyObject {
    /// In a newly forked child: closes the master's own descriptors (its signalfd and epoll
    /// instance), which fork copied but which mean nothing to a child.
    func releaseInChild()
    /// Records a newly forked child in the master's table and the scoreboard.
    func childStarted(slot: Int, pid: Int32)
    /// The slot of a live child with this pid, if any.
    func slot(ofChild pid: Int32) -> Int?
    /// Live children (including the ones exiting gracefully).
    var liveChildren: [(slot: Int, pid: Int32)] { get }
    /// Asks one child to exit gracefully (idle-server reduction).
    func retireChild(slot: Int)
    /// The current generation.
    var generation: Int { get }
    /// Set right after a graceful restart: hold off the spawn-rate doubling (Apache's
    /// hold_off_on_exponential_spawning) for this many maintenance rounds.
    var holdOffSpawnDoubling: Int { get set }
}
