// The HTML form of `server-status`: the scoreboard string wrapped every 64 letters with its
// legend, a table per process (the event MPM's connection counts included), and with
// ExtendedStatus a row per busy worker showing the request it serves.
import Posix

extension StatusHandler {
    func html(_ s: StatusSnapshot, _ server: Server, _ context: RequestContext) -> String {
        let t = Times(server)
        let global = server.scoreboard.global
        let loads = WallClock.loadAverages()
        let e = HTMLEscape.text
        // The heading keeps mod_status's wording, which scripts and the httpd test suite
        // look for.
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="ISO-8859-1">
            <title>Apache Status</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}
            pre.scoreboard{font-size:1.2em;letter-spacing:.1em}
            table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.2em .5em;text-align:left}
            th{background:#eee}
            </style></head><body>
            <h1>Apache Server Status for \(e(server.serverName)) (via \(e(context.local.host)))</h1>
            <dl><dt>Server Version: \(e(Version.serverBanner))</dt>
            <dt>Server MPM: \(server.mpmName)</dt>
            <dt>Server Built: \(e(Version.built))</dt></dl><hr /><dl>
            <dt>Current Time: \(Self.statusDate(t.now))</dt>
            <dt>Restart Time: \(Self.statusDate(t.restart))</dt>
            <dt>Parent Server Config. Generation: \(global.configGeneration)</dt>
            <dt>Parent Server MPM Generation: \(global.runningGeneration)</dt>
            <dt>Server uptime: \(Self.uptimeText(t.uptime))</dt>
            <dt>Server load: \(CFormat.double("%.2f", loads.0)) \(CFormat.double("%.2f", loads.1)) \(CFormat.double("%.2f", loads.2))</dt>

            """
        if server.config.extendedStatus {
            out += "<dt>Total accesses: \(s.totalAccesses) - Total Traffic: \(s.totalBytes / 1024) kB - Total Duration: \(s.totalDurationUs / 1000)</dt>\n"
        }
        out += "<dt>\(s.busy) requests currently being processed, \(s.idle) idle workers</dt></dl>\n"

        if server.mpm.keepAliveWait == .parkedInListener {
            out += """
                <table><tr><th rowspan="2">Slot</th><th rowspan="2">PID</th><th rowspan="2">Stopping</th>
                <th colspan="2">Connections</th><th colspan="3">Threads</th><th colspan="3">Async connections</th></tr>
                <tr><th>total</th><th>accepting</th><th>busy</th><th>graceful</th><th>idle</th>
                <th>writing</th><th>keep-alive</th><th>closing</th></tr>

                """
            for p in s.processes {
                let stopping = p.quiescing ? (p.generation != global.runningGeneration ? "yes (old gen)" : "yes") : "no"
                out += "<tr><td>\(p.slot)</td><td>\(p.pid)</td><td>\(stopping)</td><td>\(p.connections)</td>"
                out += "<td>\(p.notAccepting ? "no" : "yes")</td><td>\(p.busy)</td><td>\(p.graceful)</td><td>\(p.idle)</td>"
                out += "<td>\(p.writeCompletion)</td><td>\(p.keepAlive)</td><td>\(p.lingeringClose)</td></tr>\n"
            }
            out += "<tr><td>Sum</td><td>\(s.processes.count)</td><td>\(s.stopping)</td><td>\(s.connsTotal)</td><td>&nbsp;</td>"
            out += "<td>\(s.busy - s.graceful)</td><td>\(s.graceful)</td><td>\(s.idle)</td><td>\(s.connsWriting)</td>"
            out += "<td>\(s.connsKeepAlive)</td><td>\(s.connsClosing)</td></tr></table>\n"
        }

        out += "<pre class=\"scoreboard\">"
        var column = 0
        for letter in s.scoreboard {
            out += letter == "_" || letter == "." ? String(letter) : "<b>\(letter)</b>"
            column += 1
            if column % 64 == 0 { out += "\n" }
        }
        out += "</pre>\n<p>Scoreboard Key:<br />\n"
        out += WorkerState.allCases.map { "\"<b><code>\($0.letter)</code></b>\" \($0.legend)" }.joined(separator: ",\n")
        out += "</p>\n"

        out += "<h2>Processes</h2>\n<table><tr><th>Slot</th><th>PID</th><th>Generation</th><th>Slots</th><th>Accesses</th><th>Current requests</th></tr>\n"
        for p in s.processes {
            let requests = p.requests.map { "\($0.thread): \(e($0.request))" }.joined(separator: "<br />")
            out += "<tr><td>\(p.slot)</td><td>\(p.pid)</td><td>\(p.generation)</td><td><code>\(p.letters)</code></td>"
            out += "<td>\(p.accesses)</td><td>\(requests)</td></tr>\n"
        }
        out += "</table>\n"

        if server.config.extendedStatus {
            out += workerTable(server)
        }
        out += "<hr />\n<address>\(e(Version.serverBanner)) Server at \(e(server.serverName)) Port \(context.local.port)</address>\n</body></html>\n"
        return out
    }

    /// ExtendedStatus: one row per slot that has served something or is busy.
    func workerTable(_ server: Server) -> String {
        let board = server.scoreboard
        let e = HTMLEscape.text
        let now = WallClock.nowUs()
        var out = "<h2>Workers</h2>\n<table><tr><th>Srv</th><th>PID</th><th>Acc</th><th>M</th><th>SS</th><th>Req</th>"
        out += "<th>Dur</th><th>Conn</th><th>Child</th><th>Slot</th><th>Client</th><th>Request</th></tr>\n"
        for p in 0..<board.serverLimit {
            for t in 0..<server.threadsPerChild {
                let slot = board.worker(process: p, thread: t)
                let state = slot.state
                guard slot.accessCount > 0 || (state != .ready && state != .dead) else { continue }
                let sinceLast = slot.lastUsed > 0 ? (now - slot.lastUsed) / 1_000_000 : 0
                let requestMs = slot.stopTime >= slot.startTime ? (slot.stopTime - slot.startTime) / 1000 : (now - slot.startTime) / 1000
                out += "<tr><td>\(p)-\(slot.generation)</td><td>\(slot.pid)</td>"
                out += "<td>\(slot.connectionCount)/\(slot.myAccessCount)/\(slot.accessCount)</td><td>\(state.letter)</td>"
                out += "<td>\(sinceLast)</td><td>\(requestMs)</td><td>\(slot.duration / 1000)</td>"
                out += "<td>\(kB(slot.connectionBytes))</td><td>\(kB(slot.myBytesServed))</td><td>\(kB(slot.bytesServed))</td>"
                out += "<td>\(e(slot.client))</td><td>\(e(slot.request))</td></tr>\n"
            }
        }
        return out + "</table>\n"
    }

    func kB(_ bytes: Int) -> String { CFormat.double("%.1f", Double(bytes) / 1024) }
}
