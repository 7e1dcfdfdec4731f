// The event MPM: worker's processes and threads, plus a listener thread that runs an epoll
// loop (EventListener.swift). The difference is what happens while a connection waits for its
// client: under worker the thread that served it waits for the next request (`K`); under event
// the connection goes back to the listener and the thread is free for someone else (`_`).
// Idle clients then cost a few hundred bytes of kernel and listener state each, not a thread,
// which is how one child holds thousands of idle connections with a handful of threads. The
// listener also reads request heads itself, so a client that sends its head slowly holds no
// thread either; it watches unfinished responses for room to write (a worker finishes them),
// and it drains closing connections (lingering close). Workers only ever run requests.
import Config
import Posix
import ServerCore
import Synchronization

public final class EventMPM: MPM {
    public static let name = "event"
    public static let isThreaded = true
    /// The lesson of the keep-alive chapter: between two requests the connection is parked in
    /// the listener thread; the thread that served it is free at once.
    public static let keepAliveWait = KeepAliveWait.parkedInListener

    let server: Server
    unowned let master: any MasterControl
    /// Apache's event.c: a child that stopped accepting offers no spare thread, and a child is
    /// retired while others are still stopping only if ServerLimit leaves room for them all.
    var maintenance = SpareThreadMaintenance(module: "mpm_event",
                                             rules: SpareThreadRules(countsChildrenNotAccepting: false, retiresWhileOthersStop: false))

    public init(server: Server, master: any MasterControl) {
        self.server = server
        self.master = master
    }

    // MARK: in the master

    public func startChildren() {
        ChildForking.startChildren(server: server, master: master) { try? makeChild(slot: $0) }
    }

    public func makeChild(slot: Int) throws(SystemError) {
        try ChildForking.fork(slot: slot, server: server, master: master, module: "mpm_event", tag: "AH00481") { childMain(slot: $0) }
    }

    public func performIdleMaintenance() {
        maintenance.run(server: server, master: master) { try? makeChild(slot: $0) }
    }

    // MARK: in the child

    public func childMain(slot: Int) -> Never {
        let server = server
        let identity = ChildIdentity(processSlot: slot, generation: master.generation)
        guard let listener = try? EventListener(server: server, child: identity) else { Process.exitImmediately(1) }
        let queue: ConnectionQueue = listener.queue
        let child = ThreadedChild(server: server, slot: slot, generation: master.generation, queue: queue) { processor, c, thread in
            // The worker serves until the connection must wait for its client, then hands it
            // back to the listener, which parks it: the thread is free at once (`_`).
            listener.handBack(c, processor.process(c, slot: thread))
        }
        child.run(module: "mpm_event", tag: "AH00480") { listener.run() }
    }
}
