// The contract between the master process and a Multi-Processing Module.
//
// Who listens. The master opens every listening socket (Listen) before it forks anything.
//   Children inherit the descriptors; none of them ever binds a port.
// Who forks. Only the master, and only while it is single-threaded (Process.fork checks).
//   An MPM forks in `makeChild`; everything after the fork in the child happens in
//   `childMain`, which never returns (the child leaves with `_exit`, never by returning into
//   the master's loop).
// Who accepts. Never the master. Prefork: each idle child waits for the shared socket and
//   accepts. Worker: each child's listener thread accepts, and only when one of its worker
//   threads is idle. Event: each child's listener thread polls the socket with epoll, together
//   with every connection that is waiting for its client.
// Who serves. Whoever holds a connection calls ServerCore's ConnectionProcessor, one for the
//   three MPMs. It serves until the connection has to wait for its client, and says so
//   (`ConnectionOutcome`); what the MPM does then is what tells the MPMs apart: prefork and
//   worker wait in the serving thread (`serveInThisThread`, the slot shows `K`), event hands
//   the connection back to its listener thread.
// Maintenance. Once a second the master calls `performIdleMaintenance`, which reads the
//   scoreboard and forks or retires children to keep the number of idle workers between the
//   MinSpare and MaxSpare settings (IdleMaintenance.swift holds the parts the MPMs share).
// Signals to the master (see Master.swift): TERM stop, HUP restart, USR1 graceful restart,
//   WINCH graceful stop. Signals from the master to a child: TERM = exit now; USR1 = stop
//   accepting, finish the connections in hand, then exit ("graceful"); USR2 = look at your
//   scoreboard record (the master set `exitRequested`). A child told to exit gracefully marks
//   its busy slots `G`.
// Generations. Every restart adds one to the generation. A child remembers the generation it
//   was born in; after a graceful restart the old generation finishes its work while the new
//   one starts serving. A hard restart (HUP) kills the old generation first.
import Config
import Posix

/// What every MPM implements, with Apache's verbs so that the three files can be diffed.
public protocol MPM: AnyObject, SendableMetatype {
    /// "prefork", "worker" or "event": what `server-status` prints as ServerMPM.
    static var name: String { get }

    /// Whether a child runs several serving threads (Apache's AP_MPMQ_IS_THREADED): the width
    /// of a scoreboard row and `mpmd -V`'s "threaded" line.
    static var isThreaded: Bool { get }

    /// Where a kept-alive connection waits for its next request: the lesson of the course.
    static var keepAliveWait: KeepAliveWait { get }

    /// Built in the master once the configuration is loaded (and again after each restart).
    init(server: Server, master: any MasterControl)

    /// Forks the initial children (StartServers of them), in the master.
    func startChildren()

    /// Forks one child into a free process slot, in the master.
    func makeChild(slot: Int) throws(SystemError)

    /// The child's life, in the child. Never returns.
    func childMain(slot: Int) -> Never

    /// Once a second, in the master: spare children or threads, MaxRequestWorkers.
    func performIdleMaintenance()
}

/// Where an idle kept-alive connection waits.
public enum KeepAliveWait: Sendable, CustomStringConvertible {
    /// In the process or thread that served the last request, which can serve nobody else
    /// meanwhile (prefork, worker: the slot shows `K`).
    case inServingThread
    /// Parked in the child's listener thread, which watches it with epoll; the serving thread
    /// is free (event: the slot shows `_`, server-status counts the connection in
    /// ConnsAsyncKeepAlive — Apache's AP_MPMQ_IS_ASYNC).
    case parkedInListener

    public var description: String {
        switch self {
        case .inServingThread: "in the serving thread (K)"
        case .parkedInListener: "parked in the listener thread (async)"
        }
    }
}

extension MPM {
    /// Threads per child this MPM runs with `settings` (1 for an unthreaded MPM).
    public static func threadsPerChild(_ settings: MPMSettings) -> Int {
        isThreaded ? settings.threadsPerChild : 1
    }
}

/// What an MPM may ask of the master (implemented by `Master`).
public protocol MasterControl: AnyObject {
    /// In a newly forked child: closes the master's own descriptors (its signalfd and epoll
    /// instance), which fork copied but which mean nothing to a child.
    func releaseInChild()
    /// Records a newly forked child in the master's table and the scoreboard.
    func childStarted(slot: Int, pid: Int32)
    /// Live children (including the ones exiting gracefully), by slot.
    var liveChildren: [(slot: Int, pid: Int32)] { get }
    /// Asks one child to exit gracefully (idle-server reduction).
    func retireChild(slot: Int)
    /// The current generation.
    var generation: Int { get }
    /// Set right after a graceful restart: hold off the spawn-rate doubling (Apache's
    /// hold_off_on_exponential_spawning) for this many maintenance rounds.
    var holdOffSpawnDoubling: Int { get set }
}
