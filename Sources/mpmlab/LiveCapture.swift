// The scoreboard page's live pictures: while the site renders, a real mpmd is started with each
// MPM (the mpmd built beside this mpmlab), given the same small load — two slow requests in
// progress and two idle keep-alive clients — and asked for `server-status?auto`. Each server
// listens on a free loopback port and is stopped, children reaped, before the next starts. A
// server that cannot be started is reported and left out: the page then says so.
import LabKit
import Posix
import ServerHarness

enum LiveCapture {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The small configurations: room for the load, few enough slots to draw.
    static let settings: [(mpm: String, columns: Int, config: String)] = [
        ("prefork", 1, "StartServers 4\nMinSpareServers 2\nMaxSpareServers 6\nServerLimit 8\nMaxRequestWorkers 8"),
        ("worker", 4, "StartServers 2\nServerLimit 2\nThreadsPerChild 4\nMinSpareThreads 1\nMaxSpareThreads 8\nMaxRequestWorkers 8"),
        ("event", 4, "StartServers 2\nServerLimit 2\nThreadsPerChild 4\nMinSpareThreads 1\nMaxSpareThreads 8\nMaxRequestWorkers 8"),
    ]

    static let load = Bilingual(fr: "deux requêtes lentes en cours, deux clients keep-alive inactifs",
                                en: "two slow requests in progress, two idle keep-alive clients")

    /// One snapshot per MPM, in order; `problems` says why any is missing.
    static func all() -> (statuses: [LiveStatus], problems: [String]) {
        var statuses: [LiveStatus] = [], problems: [String] = []
        for setting in settings {
            do { statuses.append(try capture(mpm: setting.mpm, columns: setting.columns, settings: setting.config)) } catch {
                problems.append("live scoreboard (\(setting.mpm)): \(error)")
            }
        }
        return (statuses, problems)
    }

    static func capture(mpm: String, columns: Int, settings: String) throws -> LiveStatus {
        let config = """
            LoadModule mpm_\(mpm)_module
            KeepAlive On
            KeepAliveTimeout 15
            \(settings)
            """ + observationLocations
        let server = try TestServer.start(config: config)
        defer { server.stop() }
        let children = mpm == "prefork" ? 4 : 2
        guard waitUntil(timeoutMs: 5000, { server.children().count >= children }) else {
            throw Failure(description: "the server did not start its children")
        }
        var connections: [HTTPConnection] = []
        for _ in 0..<2 {   // idle keep-alive clients: one request, then silence
            let c = try server.connect()
            _ = try c.request("/")
            connections.append(c)
        }
        for _ in 0..<2 {   // slow requests, left in progress
            let c = try server.connect()
            try c.send("GET /lab/sleep?ms=3000 HTTP/1.1\r\nHost: live\r\n\r\n")
            connections.append(c)
        }
        var status: [String: String] = [:]
        _ = waitUntil(timeoutMs: 2000) {
            status = (try? server.status()) ?? [:]
            let busy = (status["Scoreboard"] ?? "").filter { $0 == "W" }.count >= 3   // the two sleeps and this request
            // Under event, the picture is complete once both idle clients are parked too.
            let parked = mpm != "event" || (Int(status["ConnsAsyncKeepAlive"] ?? "") ?? 0) >= 2
            return busy && parked
        }
        _ = connections
        guard let scoreboard = status["Scoreboard"] else { throw Failure(description: "server-status gave no Scoreboard") }
        let counters = LiveStatus.shownKeys.compactMap { key in status[key].map { (key: key, value: $0) } }
        return LiveStatus(mpm: mpm, scoreboard: scoreboard, columns: columns, counters: counters, load: load,
                          date: ISODate.utc(WallClock.now()))
    }
}
