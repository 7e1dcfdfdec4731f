// The worker threads of a worker or event child, and the child's main thread that watches for
// the master's orders. Both threaded MPMs use this; what differs between them is only their
// listener thread (MPMWorker/WorkerMPM.swift, MPMEvent/Listener.swift).
//
// Signals in a threaded child: every thread inherits the mask of the thread that created it,
// so the main thread blocks TERM, USR1, HUP, INT and WINCH before creating any thread, then
// unblocks them for itself alone. The kernel then delivers the master's signals to the main
// thread only, which sets the flags and wakes the others (USR2, whose handler does nothing,
// turns a worker's blocking poll into EINTR).
import Posix
import Synchronization

public final class WorkerThreads: @unchecked Sendable {
    // @unchecked: `threads` is written by the main thread before any worker runs and read by
    // it alone afterwards; everything shared between threads is Atomic or in WorkerQueue.
    public let server: Server
    public let child: ChildIdentity
    public let queue = WorkerQueue()
    let count: Int
    let parkWhenIdle: Bool
    let onOutcome: @Sendable (Connection, ConnectionOutcome) -> Void
    var threads: [PosixThread] = []
    /// Worker threads that have left their loop.
    let exited = Atomic<Int>(0)

    /// `onOutcome` runs in the worker thread after each `process` call (event parks there).
    public init(server: Server, child: ChildIdentity, count: Int, parkWhenIdle: Bool,
                onOutcome: @escaping @Sendable (Connection, ConnectionOutcome) -> Void) {
        self.server = server
        self.child = child
        self.count = count
        self.parkWhenIdle = parkWhenIdle
        self.onOutcome = onOutcome
    }

    /// The signals only the main thread of a threaded child receives.
    public static let mainThreadSignals = [Signal.terminate, Signal.user1, Signal.hangup, Signal.interrupt, Signal.windowChange]

    /// Call first in a threaded child, before creating any thread.
    public static func enterChild(_ server: Server) {
        ChildSignals.install(listeners: server.listeners.map(\.fd))
        Process.setParentDeathSignal(Signal.terminate)
        Signal.setThreadMask(blocking: mainThreadSignals)
    }

    /// Starts the worker threads.
    public func start() throws(SystemError) {
        for i in 0..<count {
            threads.append(try PosixThread.spawn { [self] in self.workerMain(thread: i) })
        }
    }

    func workerMain(thread: Int) {
        let slot = server.scoreboard.worker(process: child.processSlot, thread: thread)
        slot.occupy(pid: Process.id, tid: Process.threadID, generation: child.generation)
        let processor = ConnectionProcessor(server: server, child: child)
        while let c = queue.pop() {
            let outcome = processor.process(c, slot: slot, parkWhenIdle: parkWhenIdle)
            onOutcome(c, outcome)
            slot.becomeReady()
        }
        slot.state = .dead
        exited.wrappingAdd(1, ordering: .relaxed)
    }

    /// The main thread's life once everything is started: wait for an order (or for the child
    /// to decide itself to stop, e.g. after MaxConnectionsPerChild), then stop. `stopListener`
    /// returns once the listener thread is done with every connection it held; connections
    /// still queued are served (a closed queue still hands out what it holds). Never returns.
    public func mainThreadWait(stopListener: () -> Void) -> Never {
        Signal.unblockAll()
        let record = server.scoreboard.process(child.processSlot)
        while !ChildSignals.stopping {
            // Retired by the master's spare-thread maintenance: leave gracefully.
            if record.exitRequested { ChildSignals.stopGracefully.store(true, ordering: .relaxed); break }
            if ChildSignals.stopGracefully.load(ordering: .relaxed) { break }
            Signal.sleepUnlessSignalled(ms: 1000)
        }
        if ChildSignals.stopNow.load(ordering: .relaxed) { Process.exitImmediately(0) }
        // Graceful: no new connection; the ones in hand are finished (their slots show `G`).
        record.quiescing = true
        ChildSignals.closeListeners()   // done by the USR1 handler already, but not after MaxConnectionsPerChild
        stopListener()
        queue.close()
        while exited.load(ordering: .relaxed) < count {
            for t in threads { t.interrupt(with: ChildSignals.wakeUp) }
            Signal.sleepUnlessSignalled(ms: 100)
            if ChildSignals.stopNow.load(ordering: .relaxed) { Process.exitImmediately(0) }
        }
        Process.exitImmediately(0)
    }
}
