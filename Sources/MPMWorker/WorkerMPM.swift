// The worker MPM: processes of threads. Each child runs ThreadsPerChild worker threads that
// share its memory, plus one listener thread that accepts connections and hands them over.
//
// The listener accepts only when one of its workers is idle (it reserves that worker first),
// so a busy child leaves new connections in the kernel's queue for its siblings. A worker
// thread owns its connection for the connection's whole life, keep-alive waits included: while
// the client thinks, the thread sits in poll and its slot shows `K`. N idle keep-alive clients
// therefore hold N threads — the cost the event MPM was invented to remove. Threads of one
// child share everything: a crash in one kills the process and every connection its siblings
// were serving; the master forks a replacement.
import Config
import Posix
import ServerCore
import Synchronization

public final class WorkerMPM: MPM {
    public static let name = "worker"
    public static let isThreaded = true
    /// The lesson of the keep-alive chapter: the thread that served a request waits for the
    /// next one itself, up to KeepAliveTimeout, and serves nobody else meanwhile.
    public static let keepAliveWait = KeepAliveWait.inServingThread

    let server: Server
    unowned let master: any MasterControl
    /// Apache's worker.c: every idle thread counts as spare, and a child may be retired while
    /// others are still stopping.
    var maintenance = SpareThreadMaintenance(module: "mpm_worker",
                                             rules: SpareThreadRules(countsChildrenNotAccepting: true, retiresWhileOthersStop: true))

    public init(server: Server, master: any MasterControl) {
        self.server = server
        self.master = master
    }

    // MARK: in the master

    public func startChildren() {
        ChildForking.startChildren(server: server, master: master) { try? makeChild(slot: $0) }
    }

    public func makeChild(slot: Int) throws(SystemError) {
        try ChildForking.fork(slot: slot, server: server, master: master, module: "mpm_worker", tag: "AH00283") { childMain(slot: $0) }
    }

    public func performIdleMaintenance() {
        maintenance.run(server: server, master: master) { try? makeChild(slot: $0) }
    }

    // MARK: in the child

    public func childMain(slot: Int) -> Never {
        let server = server
        let queue = ConnectionQueue()
        let limit = server.config.mpmSettings.maxConnectionsPerChild
        let finished = Atomic<Int>(0)
        let child = ThreadedChild(server: server, slot: slot, generation: master.generation, queue: queue) { processor, c, thread in
            // The worker keeps the connection to its end, keep-alive waits included (`K`).
            processor.serveInThisThread(c, slot: thread)
            // MaxConnectionsPerChild counts connections the workers have finished (Apache's
            // worker); reaching it starts this child's graceful exit.
            let done = finished.wrappingAdd(1, ordering: .relaxed).newValue
            if limit > 0 && done >= limit { ChildSignals.stopGracefully.store(true, ordering: .relaxed) }
        }
        guard let acceptor = try? Acceptor(server) else { Process.exitImmediately(1) }
        child.run(module: "mpm_worker", tag: "AH00279") { Self.listenerMain(acceptor: acceptor, queue: queue) }
    }

    /// The listener thread: reserve an idle worker, accept, hand the connection over.
    static func listenerMain(acceptor: Acceptor, queue: ConnectionQueue) {
        while !ChildSignals.stopping {
            guard queue.reserveIdleWorker(timeoutMs: Limits.flagCheckMs) else { continue }
            guard let connection = acceptor.accept() else {
                queue.cancelReservation()
                continue
            }
            queue.push(connection)
        }
    }
}
