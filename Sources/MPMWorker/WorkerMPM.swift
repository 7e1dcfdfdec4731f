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

    let server: Server
    unowned let master: any MasterControl
    var maintenance = SpareThreadMaintenance(module: "mpm_worker", isEvent: false)

    public init(server: Server, master: any MasterControl) {
        self.server = server
        self.master = master
    }

    public var threadsPerChild: Int { server.threadsPerChild }
    var settings: MPMSettings { server.config.mpmSettings }
    var scoreboard: Scoreboard { server.scoreboard }

    // MARK: in the master

    public func startChildren() {
        let maxChildren = min(settings.maxRequestWorkers / max(1, threadsPerChild), scoreboard.serverLimit)
        ChildForking.startChildren(server: server, master: master, maxChildren: maxChildren) { try? makeChild(slot: $0) }
    }

    public func makeChild(slot: Int) throws(SystemError) {
        try ChildForking.fork(slot: slot, server: server, master: master, module: "mpm_worker", tag: "AH00283") { childMain(slot: $0) }
    }

    public func performIdleMaintenance() {
        maintenance.run(server: server, master: master) { try? makeChild(slot: $0) }
    }

    // MARK: in the child

    public func childMain(slot: Int) -> Never {
        WorkerThreads.enterChild(server)
        let child = ChildIdentity(processSlot: slot, generation: master.generation)
        let limit = settings.maxConnectionsPerChild
        let finished = Atomic<Int>(0)
        // MaxConnectionsPerChild counts connections the workers have finished (Apache's
        // worker); reaching it starts this child's graceful exit.
        let workers = WorkerThreads(server: server, child: child, count: threadsPerChild, parkWhenIdle: false) { _, _ in
            let done = finished.wrappingAdd(1, ordering: .relaxed).newValue
            if limit > 0 && done >= limit { ChildSignals.stopGracefully.store(true, ordering: .relaxed) }
        }
        let listenerDone = Atomic<Bool>(false)
        let listenerThread: PosixThread
        do {
            try workers.start()
            listenerThread = try PosixThread.spawn { [server] in
                Self.listenerMain(server: server, queue: workers.queue)
                listenerDone.store(true, ordering: .relaxed)
            }
        } catch {
            server.errorLog.always(.alert, "mpm_worker", "AH00279", "apr_thread_create: unable to create worker thread: \(error)")
            Process.exitImmediately(ExitCodes.childSick)
        }
        workers.mainThreadWait {
            // Interrupt the listener's accept (USR2) until it has seen the flag and left.
            while !listenerDone.load(ordering: .relaxed) {
                listenerThread.interrupt(with: ChildSignals.wakeUp)
                Signal.sleepUnlessSignalled(ms: 20)
            }
        }
    }

    /// The listener thread: reserve an idle worker, accept, hand the connection over.
    static func listenerMain(server: Server, queue: WorkerQueue) {
        while !ChildSignals.stopping {
            guard queue.reserveIdleWorker(timeoutMs: 1000) else { continue }
            guard let (fd, peer, listener) = acceptOne(server) else {
                queue.cancelReservation()
                continue
            }
            let local = (try? Socket.localAddress(fd)) ?? listener.address
            queue.push(Connection(fd: fd, peer: peer, local: local, limits: server.limits))
        }
    }

    /// Blocks in accept() on the listening socket (up to one second). With several Listen
    /// sockets, polls them first and accepts on a ready one.
    static func acceptOne(_ server: Server) -> (FileDescriptor, SocketAddress, Listener)? {
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
