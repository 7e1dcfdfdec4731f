// The `lab` handler: a window into the process and thread that serve a request, for the
// experiments of the course. It answers loopback clients only (403 otherwise), whatever the
// configuration's Require says, because /lab/crash kills a process.
//
//   /lab/whoami      who am I: pid, parent pid, kernel thread id, MPM, generation, slots,
//                    requests on this connection
//   /lab/counter     adds one to a process-global counter: shared by the threads of one
//                    process, private to each process (fork copied it, copy-on-write)
//   /lab/sleep?ms=N  holds its worker N ms (at most 60000), then answers like whoami
//   /lab/crash       the serving process dies with SIGSEGV, no response
//   /lab/unsafe-counter  the same counter done wrong on purpose: read, pause, write back, with
//                    no lock, so that threads serving at the same moment lose each other's
//                    increments (the race of the threads chapter, made visible)
//   /lab/exercise/counter  the student's counter (lab 2), when `LabExercise counter` is on;
//                    `?calls=N` (at most 1000000) has the worker call it N times in a row
//                    and answer how many distinct values it got and the smallest and largest,
//                    so that the threads serving requests at the same moment really call it at
//                    the same moment, for long enough to be interrupted in the middle
import HTTP
import Posix
import Synchronization

/// The counter of /lab/counter. One per process: after fork, each child has its own copy.
/// Atomic, because under worker and event the threads of a child increment it concurrently.
let labCounter = Atomic<Int>(0)

/// The counter of /lab/unsafe-counter: a plain integer shared by the threads of a process with
/// no synchronisation at all. nonisolated(unsafe) is the point here: this is the data race the
/// course demonstrates, confined to this one variable, which nothing else reads.
nonisolated(unsafe) var unsafeLabCounter = 0

struct LabHandler: RequestHandler {
    func handle(_ context: RequestContext) -> Reply {
        guard context.peer.isLoopback else { return ErrorPage.reply(403) }
        let method = context.request.method
        guard method == "GET" || method == "HEAD" else {
            var reply = ErrorPage.reply(405)
            reply.headers.set("Allow", "GET,HEAD")
            return reply
        }
        let name = context.path.hasPrefix("/lab/") ? String(context.path.dropFirst(5)) : ""
        switch name {
        case "whoami":
            return json(whoami(context))
        case "counter":
            let value = labCounter.wrappingAdd(1, ordering: .relaxed).newValue
            return json([("pid", "\(Process.id)"), ("tid", "\(Process.threadID)"), ("value", "\(value)")])
        case "sleep":
            let ms = QueryString.integer("ms", in: context.request.query) ?? 0
            guard ms >= 0 && ms <= 60_000 else {
                return ErrorPage.reply(400, detail: "ms must be between 0 and 60000.")
            }
            sleepMs(ms)
            return json(whoami(context))
        case "unsafe-counter":
            // Read, give the other threads time to read the same value, write back + 1.
            let seen = unsafeLabCounter
            sleepMs(1)
            unsafeLabCounter = seen + 1
            return json([("pid", "\(Process.id)"), ("tid", "\(Process.threadID)"), ("value", "\(seen + 1)")])
        case "exercise/counter":
            guard let counter = context.server.extensions.counter else {
                return ErrorPage.reply(404, detail: "The counter exercise is not switched on: add `LabExercise counter` to the configuration.")
            }
            let calls = QueryString.integer("calls", in: context.request.query) ?? 1
            guard calls >= 1 && calls <= 1_000_000 else {
                return ErrorPage.reply(400, detail: "calls must be between 1 and 1000000.")
            }
            guard calls > 1 else {
                return json([("pid", "\(Process.id)"), ("tid", "\(Process.threadID)"), ("value", "\(counter())")])
            }
            var values: [Int] = []
            values.reserveCapacity(calls)
            for _ in 0..<calls { values.append(counter()) }
            let smallest = values.min()!, largest = values.max()!
            // Distinct values, counted with one bit per value in the range seen (when the range
            // is sane: a counter gone wrong may answer anything).
            var distinct = 0
            if largest - smallest < 64 * calls {
                var seen = [Bool](repeating: false, count: largest - smallest + 1)
                for v in values where !seen[v - smallest] { seen[v - smallest] = true; distinct += 1 }
            } else {
                distinct = Set(values).count
            }
            return json([("pid", "\(Process.id)"), ("tid", "\(Process.threadID)"), ("value", "\(values.last!)"),
                         ("calls", "\(calls)"), ("distinct", "\(distinct)"),
                         ("smallest", "\(smallest)"), ("largest", "\(largest)")])
        case "crash":
            context.server.errorLog.log(.notice, "lab", "MPM00010", "/lab/crash: process \(Process.id) is crashing on purpose")
            Process.crash()
        default:
            return ErrorPage.reply(404)
        }
    }

    func whoami(_ c: RequestContext) -> [(String, String)] {
        [("pid", "\(Process.id)"), ("ppid", "\(Process.parentID)"), ("tid", "\(Process.threadID)"),
         ("mpm", "\"\(c.server.mpmName)\""), ("generation", "\(c.child.generation)"),
         ("process_slot", "\(c.child.processSlot)"), ("thread_slot", "\(c.slot.thread)"),
         ("connection_requests", "\(c.connectionRequests)")]
    }

    /// A flat JSON object; values are already JSON (numbers or quoted strings).
    func json(_ fields: [(String, String)]) -> Reply {
        var reply = Reply.text(200, "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}\n",
                               type: "application/json")
        reply.headers.set("Cache-Control", "no-store")
        return reply
    }
}

/// `name=value&...` lookups for the handlers' few parameters.
enum QueryString {
    static func value(_ name: String, in query: String?) -> String? {
        guard let query else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.first.map(String.init) == name { return parts.count > 1 ? String(parts[1]) : "" }
        }
        return nil
    }

    static func integer(_ name: String, in query: String?) -> Int? {
        value(name, in: query).flatMap { Int($0) }
    }

    /// Whether `word` appears anywhere in the query (mod_status matches its options as
    /// substrings: `?auto`, `?notable`, `?refresh=5`).
    static func contains(_ word: String, in query: String?) -> Bool {
        query?.contains(word) ?? false
    }
}
