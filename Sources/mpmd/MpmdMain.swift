// The table of MPMs built into mpmd, kept out of main.swift so that main stays one call.
import Config
import ServerCore
import MPMPrefork
import MPMWorker
import MPMEvent

enum MpmdMain {
    static func run() -> Int32 {
        Launcher.run(Array(CommandLine.arguments.dropFirst()), mpms: [.prefork: PreforkMPM.self, .worker: WorkerMPM.self, .event: EventMPM.self])
    }
}
