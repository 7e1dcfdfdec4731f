// The event MPM: worker's processes and threads, plus a listener thread that runs an epoll
// loop (Listener.swift). The difference is what happens between two requests of a kept-alive
// connection: under worker the thread that served it waits for the next request (`K`);
// under event the connection goes back to the listener and the thread is free for someone
// else (`_`). Idle clients then cost a few hundred bytes of kernel and listener state each,
// not a thread, which is how one child holds thousands of idle connections with a handful of
// threads. The listener also finishes large responses for slow readers (write completion) and
// drains closing connections (lingering close), so that workers only ever run handlers.
import Config
import Posix
import ServerCore
import Synchronization

public final class EventMPM: MPM {
    public static let name = "event"

    let server: Server
    unowned let master: any MasterControl
    var maintenance = SpareThreadMaintenance(module: "mpm_event", isEvent: true)

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
        try ChildForking.fork(slot: slot, server: server, master: master, module: "mpm_event", tag: "AH00481") { childMain(slot: $0) }
    }

    public func performIdleMaintenance() {
        maintenance.run(server: server, master: master) { try? makeChild(slot: $0) }
    }

    // MARK: in the child

    public func childMain(slot: Int) -> Never {
        WorkerThreads.enterChild(server)
        let child = ChildIdentity(processSlot: slot, generation: master.generation)
        let listenerBox = Mutex<EventListener?>(nil)
        // Workers hand every connection back to the listener: to park it (keep-alive,
        // write completion, lingering close) or just to count it closed.
        let workers = WorkerThreads(server: server, child: child, count: threadsPerChild, parkWhenIdle: true) { c, outcome in
            listenerBox.withLock { $0 }?.handBack(c, outcome)
        }
        let listener: EventListener
        do {
            listener = try EventListener(server: server, queue: workers.queue, child: child)
            listenerBox.withLock { $0 = listener }
            try workers.start()
            _ = try PosixThread.spawn { listener.run() }
        } catch {
            server.errorLog.always(.alert, "mpm_event", "AH00480", "unable to start the listener or worker threads: \(error)")
            Process.exitImmediately(ExitCodes.childSick)
        }
        workers.mainThreadWait {
            // The listener stops accepting and closes its idle keep-alive connections by itself
            // once it sees the flag; it finishes when every connection it knows of is done
            // (responses still being written, lingering closes).
            listener.notifier.signal()
            while !listener.finished.load(ordering: .relaxed) {
                if ChildSignals.stopNow.load(ordering: .relaxed) { Process.exitImmediately(0) }
                Signal.sleepUnlessSignalled(ms: 50)
            }
        }
    }
}
