// `SetHandler server-status`: mod_status's page, read from the scoreboard.
//
// `?auto` prints Apache's machine-readable format with the same keys in the same order, so
// that monitoring tools written for Apache read mpmd unchanged; the HTML page shows the
// scoreboard string, its legend and a table per process. Options are matched as substrings of
// the query, as mod_status does (`?auto&refresh=5` and `?refresh=5;auto` both work).
import HTTP
import Posix

struct StatusHandler: RequestHandler {
    func handle(_ context: RequestContext) -> Reply {
        guard context.request.method == "GET" || context.request.method == "HEAD" else {
            var reply = ErrorPage.reply(405)
            reply.headers.set("Allow", "GET")
            return reply
        }
        let server = context.server
        let settings = server.config.mpmSettings
        let columns = server.threadsPerChild
        let rows = settings.maxRequestWorkers / max(1, columns)
        let snapshot = StatusSnapshot(scoreboard: server.scoreboard, rows: rows, columns: columns)
        let query = context.request.query
        var reply: Reply
        if QueryString.contains("auto", in: query) {
            reply = .text(200, autoText(snapshot, server), type: "text/plain; charset=ISO-8859-1")
        } else {
            reply = .text(200, html(snapshot, server, context), type: "text/html; charset=ISO-8859-1")
        }
        if let refresh = refreshSeconds(query) { reply.headers.set("Refresh", "\(refresh)") }
        reply.headers.set("Cache-Control", "no-store")
        return reply
    }

    /// `refresh` alone means 1 second; `refresh=N` with N < 1 means 10 (mod_status's rules).
    func refreshSeconds(_ query: String?) -> Int? {
        guard let query, let start = query.firstRange(of: "refresh") else { return nil }
        let rest = query[start.upperBound...]
        guard rest.first == "=" else { return 1 }
        let digits = rest.dropFirst().prefix { $0.isNumber || $0 == "-" }
        let n = Int(digits) ?? 0
        return n < 1 ? 10 : n
    }

    struct Times {
        let now: Int64, restart: Int64, uptime: Int64
        init(_ server: Server) {
            now = WallClock.now()
            restart = server.scoreboard.global.restartTime / 1_000_000
            uptime = max(0, now - restart)
        }
    }

    static func statusDate(_ seconds: Int64) -> String {
        WallClock.formatLocal(seconds, "%A, %d-%b-%Y %H:%M:%S %Z")
    }

    /// "1 day 2 hours 3 seconds", zero parts left out.
    static func uptimeText(_ seconds: Int64) -> String {
        let parts: [(Int64, String)] = [(seconds / 86400, "day"), (seconds / 3600 % 24, "hour"),
                                         (seconds / 60 % 60, "minute"), (seconds % 60, "second")]
        let words = parts.filter { $0.0 > 0 }.map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }
        return words.joined(separator: " ")
    }

    func autoText(_ s: StatusSnapshot, _ server: Server) -> String {
        let t = Times(server)
        let global = server.scoreboard.global
        let loads = WallClock.loadAverages()
        var out = "\(server.serverName)\n"
        out += "ServerVersion: \(Version.serverBanner)\n"
        out += "ServerMPM: \(server.mpmName)\n"
        out += "Server Built: \(Version.built)\n"
        out += "CurrentTime: \(Self.statusDate(t.now))\n"
        out += "RestartTime: \(Self.statusDate(t.restart))\n"
        out += "ParentServerConfigGeneration: \(global.configGeneration)\n"
        out += "ParentServerMPMGeneration: \(global.runningGeneration)\n"
        out += "ServerUptimeSeconds: \(t.uptime)\n"
        out += "ServerUptime: \(Self.uptimeText(t.uptime))\n"
        out += "Load1: \(CFormat.double("%.2f", loads.0))\n"
        out += "Load5: \(CFormat.double("%.2f", loads.1))\n"
        out += "Load15: \(CFormat.double("%.2f", loads.2))\n"
        if server.config.extendedStatus {
            let cpu = Process.cpuTimes()
            out += "Total Accesses: \(s.totalAccesses)\n"
            out += "Total kBytes: \(s.totalBytes / 1024)\n"
            out += "Total Duration: \(s.totalDurationUs / 1000)\n"
            out += "CPUUser: \(CFormat.double("%g", cpu.user))\n"
            out += "CPUSystem: \(CFormat.double("%g", cpu.system))\n"
            out += "CPUChildrenUser: \(CFormat.double("%g", cpu.childrenUser))\n"
            out += "CPUChildrenSystem: \(CFormat.double("%g", cpu.childrenSystem))\n"
            let cpuTotal = cpu.user + cpu.system + cpu.childrenUser + cpu.childrenSystem
            if t.uptime > 0 && cpuTotal > 0 {
                out += "CPULoad: \(CFormat.double("%g", cpuTotal / Double(t.uptime) * 100))\n"
            }
            out += "Uptime: \(t.uptime)\n"
            if t.uptime > 0 {
                out += "ReqPerSec: \(CFormat.double("%g", Double(s.totalAccesses) / Double(t.uptime)))\n"
                out += "BytesPerSec: \(CFormat.double("%g", Double(s.totalBytes) / Double(t.uptime)))\n"
            }
            if s.totalAccesses > 0 {
                out += "BytesPerReq: \(CFormat.double("%g", Double(s.totalBytes) / Double(s.totalAccesses)))\n"
                out += "DurationPerReq: \(CFormat.double("%g", Double(s.totalDurationUs) / 1000 / Double(s.totalAccesses)))\n"
            }
        }
        out += "BusyWorkers: \(s.busy)\n"
        out += "GracefulWorkers: \(s.graceful)\n"
        out += "IdleWorkers: \(s.idle)\n"
        // The parked connections of an MPM that parks them (Apache prints these lines when
        // the MPM answers AP_MPMQ_IS_ASYNC).
        if server.mpm.keepAliveWait == .parkedInListener {
            out += "Processes: \(s.processes.count)\n"
            out += "Stopping: \(s.stopping)\n"
            out += "ConnsTotal: \(s.connsTotal)\n"
            out += "ConnsAsyncWriting: \(s.connsWriting)\n"
            out += "ConnsAsyncKeepAlive: \(s.connsKeepAlive)\n"
            out += "ConnsAsyncClosing: \(s.connsClosing)\n"
        }
        out += "Scoreboard: \(s.scoreboard)\n"
        return out
    }
}
