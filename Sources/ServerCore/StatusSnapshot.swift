// A consistent-enough reading of the scoreboard for `server-status`: the counts, the
// scoreboard string and the per-process rows, computed the way mod_status computes them.
import Posix

struct StatusSnapshot {
    struct ProcessRow {
        let slot: Int
        let pid: Int32
        let generation: Int
        let quiescing: Bool
        let notAccepting: Bool
        let connections: Int, writeCompletion: Int, keepAlive: Int, lingeringClose: Int
        let letters: String
        let busy: Int, graceful: Int, idle: Int
        let accesses: Int
        let requests: [(thread: Int, request: String)]
    }

    var busy = 0, idle = 0, graceful = 0
    var scoreboard = ""
    var processes: [ProcessRow] = []
    var totalAccesses = 0
    var totalBytes = 0
    var totalDurationUs: Int64 = 0
    var stopping = 0
    var connsTotal = 0, connsWriting = 0, connsKeepAlive = 0, connsClosing = 0

    /// `rows` is the number of process slots shown even when dead (MaxRequestWorkers for
    /// prefork, MaxRequestWorkers / ThreadsPerChild for the threaded MPMs) and `columns` the
    /// threads per child: a dead slot beyond them is left out of the string, as in Apache.
    init(scoreboard board: Scoreboard, rows: Int, columns: Int) {
        let currentGeneration = board.global.runningGeneration
        for p in 0..<board.serverLimit {
            let record = board.process(p)
            let pid = record.pid
            let live = pid != 0 && !record.quiescing
            var letters = ""
            var rowBusy = 0, rowGraceful = 0, rowIdle = 0, rowAccesses = 0
            var requests: [(Int, String)] = []
            for t in 0..<board.threadLimit {
                let slot = board.worker(process: p, thread: t)
                let state = slot.state
                if (p >= rows || t >= columns) && state == .dead { continue }
                scoreboard.append(state.letter)
                letters.append(state.letter)
                if live {
                    if state == .ready {
                        if record.generation == currentGeneration { idle += 1 }
                        rowIdle += 1
                    } else if state != .dead && state != .starting && state != .idleKill {
                        // mod_status counts `G` as busy too, and reports it again as graceful.
                        busy += 1
                        if state == .graceful { graceful += 1; rowGraceful += 1 } else { rowBusy += 1 }
                    }
                }
                totalAccesses += slot.accessCount
                totalBytes += slot.bytesServed
                totalDurationUs += slot.duration
                rowAccesses += slot.accessCount
                if state.isBusy || state == .graceful { requests.append((t, slot.request)) }
            }
            if pid != 0 {
                if record.quiescing { stopping += 1 }
                connsTotal += record.connections
                connsWriting += record.writeCompletion
                connsKeepAlive += record.keepAlive
                connsClosing += record.lingeringClose
                processes.append(ProcessRow(
                    slot: p, pid: pid, generation: record.generation, quiescing: record.quiescing,
                    notAccepting: record.notAccepting, connections: record.connections,
                    writeCompletion: record.writeCompletion, keepAlive: record.keepAlive,
                    lingeringClose: record.lingeringClose, letters: letters,
                    busy: rowBusy, graceful: rowGraceful, idle: rowIdle, accesses: rowAccesses,
                    requests: requests))
            }
        }
    }
}
