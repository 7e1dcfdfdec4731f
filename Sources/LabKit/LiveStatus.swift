// One `server-status?auto` snapshot of a running mpmd, taken while the site is rendered: the
// MPM, the scoreboard string (one letter per slot) laid out one row per process, and the few
// counters worth showing beside it. `mpmlab site` captures one per MPM under the same small
// load, and the scoreboard page draws each as a picture; the renderer itself never starts a
// server, so tests hand it a snapshot of their own.

public struct LiveStatus: Sendable, Equatable {
    /// `prefork`, `worker` or `event`.
    public let mpm: String
    /// The `Scoreboard:` line, open slots included.
    public let scoreboard: String
    /// Slots per process: 1 for prefork, ThreadsPerChild for the threaded MPMs.
    public let columns: Int
    /// Selected `key: value` lines of server-status?auto, in its order.
    public let counters: [(key: String, value: String)]
    /// What the server was doing when the snapshot was taken.
    public let load: Bilingual<String>
    /// When (ISO 8601).
    public let date: String

    public init(mpm: String, scoreboard: String, columns: Int, counters: [(key: String, value: String)], load: Bilingual<String>, date: String) {
        self.mpm = mpm
        self.scoreboard = scoreboard
        self.columns = max(1, columns)
        self.counters = counters
        self.load = load
        self.date = date
    }

    /// The keys shown beside the picture, when server-status gives them.
    public static let shownKeys = ["BusyWorkers", "IdleWorkers", "GracefulWorkers", "Processes", "ConnsTotal", "ConnsAsyncKeepAlive"]

    /// The slots worth drawing: the scoreboard up to the last slot in use, whole rows only (a
    /// prefork string is hundreds of open slots long).
    public var rows: [[Character]] {
        let letters = Array(scoreboard)
        let used = (letters.lastIndex { $0 != "." } ?? 0) + 1
        let perRow = mpm == "prefork" ? 16 : columns
        let shown = min(letters.count, max(perRow, ((used + perRow - 1) / perRow) * perRow))
        return stride(from: 0, to: shown, by: perRow).map { Array(letters[$0..<min($0 + perRow, shown)]) }
    }

    public static func == (a: LiveStatus, b: LiveStatus) -> Bool {
        a.mpm == b.mpm && a.scoreboard == b.scoreboard && a.columns == b.columns && a.load == b.load && a.date == b.date
            && a.counters.map(\.key) == b.counters.map(\.key) && a.counters.map(\.value) == b.counters.map(\.value)
    }
}
