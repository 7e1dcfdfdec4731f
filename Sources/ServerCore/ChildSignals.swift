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
    public static func install(interruptStops: Bool = false) {
        stopNow.store(false, ordering: .relaxed)
        stopGracefully.store(false, ordering: .relaxed)
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

private func onTerminate(_: Int32) { ChildSignals.stopNow.store(true, ordering: .relaxed) }
private func onGraceful(_: Int32) { ChildSignals.stopGracefully.store(true, ordering: .relaxed) }
private func onWakeUp(_: Int32) {}
