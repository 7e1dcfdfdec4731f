// The life of a worker or event child: ThreadsPerChild worker threads that serve connections,
// one listener thread that brings them, and the main thread, which serves nothing and waits
// for the master's orders. Both threaded MPMs use this; what differs between them is their
// listener thread and what a worker thread does with a connection (`serve`).
//
// Signals in a threaded child: every thread inherits the mask of the thread that created it,
// so the main thread blocks TERM, USR1, HUP, INT and WINCH before creating any thread, then
// unblocks them for itself alone. The kernel then delivers the master's signals to the main
// thread only, which sets the flags and wakes the others (USR2, whose handler does nothing,
// turns a thread's blocking wait into EINTR).
import Posix
import Synchronization

public final class ThreadedChild: @unchecked Sendable {
    // @unchecked: `workers` and `listenerThread` are written by the main thread before the
    // threads they name run, and read by it alone afterwards; everything shared between
    // threads is Atomic or in ConnectionQueue.
    public let server: Server
    public let child: ChildIdentity
    public let queue: ConnectionQueue
    /// What a worker thread does with a connection taken from the queue.
    let serve: @Sendable (ConnectionProcessor, Connection, WorkerSlot) -> Void
    var workers: [PosixThread] = []
    var listenerThread: PosixThread?
    /// Worker threads that have left their loop.
    let workersExited = Atomic<Int>(0)
    let listenerExited = Atomic<Bool>(false)

    /// Call first in the child, before creating any thread.
    public init(server: Server, slot: Int, generation: Int, queue: ConnectionQueue,
                serve: @escaping @Sendable (ConnectionProcessor, Connection, WorkerSlot) -> Void) {
        self.server = server
        self.child = ChildIdentity(processSlot: slot, generation: generation)
        self.queue = queue
        self.serve = serve
        ChildSignals.install(listeners: server.listeners.map(\.fd))
        Process.setParentDeathSignal(Signal.terminate)
        Signal.setThreadMask(blocking: Self.mainThreadSignals)
        Process.limitMallocArenas(Limits.mallocArenas)
    }

    /// The signals only the main thread of a threaded child receives.
    static let mainThreadSignals = [Signal.terminate, Signal.user1, Signal.hangup, Signal.interrupt, Signal.windowChange]

    /// Starts the worker threads and the listener thread, then becomes the main thread: waits
    /// for an order (or for the child to decide itself to stop, e.g. after
    /// MaxConnectionsPerChild), then stops. `module` and `tag` name a failure to start threads
    /// in the error log, as Apache's MPMs do. Never returns.
    public func run(module: String, tag: String, listener: @escaping @Sendable () -> Void) -> Never {
        do {
            for i in 0..<server.threadsPerChild {
                workers.append(try PosixThread.spawn(stackSize: Limits.threadStackBytes) { [self] in workerMain(thread: i) })
            }
            listenerThread = try PosixThread.spawn(stackSize: Limits.threadStackBytes) { [self] in
                listener()
                listenerExited.store(true, ordering: .relaxed)
            }
        } catch {
            server.errorLog.always(.alert, module, tag, "apr_thread_create: unable to create worker thread: \(error)")
            Process.exitImmediately(1)
        }
        mainThreadWait()
    }

    func workerMain(thread: Int) {
        let slot = server.scoreboard.worker(process: child.processSlot, thread: thread)
        slot.occupy(pid: Process.id, generation: child.generation)
        let processor = ConnectionProcessor(server: server, child: child)
        while let c = queue.pop() {
            serve(processor, c, slot)
            slot.becomeReady()
        }
        slot.state = .dead
        workersExited.wrappingAdd(1, ordering: .relaxed)
    }

    func mainThreadWait() -> Never {
        Signal.unblockAll()
        let record = server.scoreboard.process(child.processSlot)
        while !ChildSignals.stopping {
            // Retired by the master's idle maintenance: leave gracefully.
            if record.exitRequested { ChildSignals.stopGracefully.store(true, ordering: .relaxed); break }
            Signal.sleepUnlessSignalled(ms: Limits.flagCheckMs)
        }
        if ChildSignals.stopNow.load(ordering: .relaxed) { Process.exitImmediately(0) }
        // Graceful: no new connection; the ones in hand are finished (their slots show `G`).
        record.quiescing = true
        ChildSignals.closeListeners()   // done by the USR1 handler already, but not after MaxConnectionsPerChild
        // Wake the listener thread (USR2 interrupts its wait) until it has seen the flag and
        // left. Event's listener leaves only once every connection it holds is done.
        while !listenerExited.load(ordering: .relaxed) {
            if ChildSignals.stopNow.load(ordering: .relaxed) { Process.exitImmediately(0) }
            listenerThread?.interrupt(with: ChildSignals.wakeUp)
            Signal.sleepUnlessSignalled(ms: Limits.threadNudgeMs)
        }
        // Connections still queued are served: a closed queue hands out what it holds.
        queue.close()
        while workersExited.load(ordering: .relaxed) < workers.count {
            if ChildSignals.stopNow.load(ordering: .relaxed) { Process.exitImmediately(0) }
            for t in workers { t.interrupt(with: ChildSignals.wakeUp) }
            Signal.sleepUnlessSignalled(ms: Limits.threadNudgeMs)
        }
        Process.exitImmediately(0)
    }
}
