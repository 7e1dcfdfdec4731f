// What a child does with signals. The master blocked its signals to read them from a
// signalfd; the mask survives fork, so a child first unblocks everything and installs its own
// handlers. The handlers only set flags (atomics: the only thing a signal handler may safely
// touch); they are installed without SA_RESTART, so the blocking call the child was in (accept,
// poll, read) returns EINTR and the child looks at the flags.
import Posix
import Synchronization

/// Flags set by signal handlers, read by the child's threads. Process-global by nature.
public enum ChildSignals {
    /// TERM: exit now, even with connections in hand.
    public static let stopNow = Atomic<Bool>(false)
    /// USR1: stop accepting, finish the connections in hand, exit.
    public static let stopGracefully = Atomic<Bool>(false)

    /// Either flag.
    public static var stopping: Bool {
        stopNow.load(ordering: .relaxed) || stopGracefully.load(ordering: .relaxed)
    }

    /// The signal the main thread of a threaded child sends to its own threads to interrupt a
    /// blocking call; its handler does nothing.
    public static let wakeUp = Signal.user2

    /// Installs the child's handlers; call right after fork, in the child. In a child, Ctrl-C
    /// is the master's business; in the single-process mode it stops the server.
    /// `listeners` are closed as soon as the child is told to stop gracefully (see below).
    public static func install(interruptStops: Bool = false, listeners: [FileDescriptor] = []) {
        stopNow.store(false, ordering: .relaxed)
        stopGracefully.store(false, ordering: .relaxed)
        for i in 0..<listenerSlots {
            (listenerFDs + i).pointee.store(i < listeners.count ? listeners[i].rawValue : Int32(-1), ordering: .relaxed)
        }
        Signal.setHandler(Signal.terminate, onTerminate)
        Signal.setHandler(Signal.hangup, onTerminate)      // Apache's prefork children: HUP = exit now
        Signal.setHandler(Signal.user1, onGraceful)
        Signal.setHandler(wakeUp, onWakeUp)
        if interruptStops {
            Signal.setHandler(Signal.interrupt, onTerminate)
        } else {
            Signal.ignore(Signal.interrupt)                // Ctrl-C goes to the master, which stops us
        }
        Signal.ignore(Signal.windowChange)
        Signal.setDefault(Signal.child)
        Signal.unblockAll()
    }
}

extension ChildSignals {
    static let listenerSlots = 16
    static let epollSlots = 4
    /// The child's copies of the listening sockets. A child that stops gracefully closes its
    /// copies at once, as Apache's children do: while any process holds a listening socket
    /// open the kernel keeps completing handshakes for it, and a client would connect to a
    /// server that will never accept it. Written once after fork; read by the USR1 handler,
    /// hence atomics (the only thing a signal handler may touch).
    /// nonisolated(unsafe): the pointer itself never changes after this initialisation, and
    /// every access to what it points to is an atomic operation.
    nonisolated(unsafe) static let listenerFDs: UnsafeMutablePointer<Atomic<Int32>> = {
        let p = UnsafeMutablePointer<Atomic<Int32>>.allocate(capacity: listenerSlots)
        for i in 0..<listenerSlots { (p + i).initialize(to: Atomic<Int32>(-1)) }
        return p
    }()

    /// The epoll instances of this child that watch the listening sockets (its Acceptor, or
    /// event's listener). Written when they are created; read by the USR1 handler.
    /// nonisolated(unsafe): as `listenerFDs`.
    nonisolated(unsafe) static let listenerEpolls: UnsafeMutablePointer<Atomic<Int32>> = {
        let p = UnsafeMutablePointer<Atomic<Int32>>.allocate(capacity: epollSlots)
        for i in 0..<epollSlots { (p + i).initialize(to: Atomic<Int32>(-1)) }
        return p
    }()

    /// Records an epoll instance that watches the listening sockets, so that they can be taken
    /// out of it before they are closed.
    public static func watchesListeners(_ epoll: FileDescriptor) {
        for i in 0..<epollSlots where (listenerEpolls + i).pointee.compareExchange(
            expected: -1, desired: epoll.rawValue, ordering: .relaxed).exchanged { return }
    }

    /// Closes the listening sockets of this child (once; async-signal-safe). Each is first
    /// taken out of the child's epoll instances: the registration would outlive the close (the
    /// master and siblings still hold the socket), and with EPOLLEXCLUSIVE this child would go
    /// on taking the wake-ups meant for the processes that still accept.
    public static func closeListeners() {
        for i in 0..<listenerSlots {
            let fd = (listenerFDs + i).pointee.exchange(-1, ordering: .relaxed)
            guard fd >= 0 else { continue }
            for e in 0..<epollSlots {
                let epoll = (listenerEpolls + e).pointee.load(ordering: .relaxed)
                if epoll >= 0 { Epoll.remove(FileDescriptor(fd), from: FileDescriptor(epoll)) }
            }
            FileDescriptor(fd).close()
        }
    }
}

private func onTerminate(_: Int32) { ChildSignals.stopNow.store(true, ordering: .relaxed) }
private func onGraceful(_: Int32) {
    ChildSignals.stopGracefully.store(true, ordering: .relaxed)
    ChildSignals.closeListeners()
}
private func onWakeUp(_: Int32) {}
