// What labrun does. It only calls the exercise and reports raw results, one per line: it
// judges nothing, because it runs the student's code in its own process, where that code
// could change anything. The verdict belongs to the check that reads this output.
//
//   labrun counter  --threads T --calls N [--module FILE]
//       T threads, released together, each call increment() N times; prints how many values
//       came back, how many distinct ones, the smallest and the largest:
//       `calls C distinct D smallest S largest L`. (The check that reads it judges; this
//       process holds the student's code, so what it prints is the student's word anyway —
//       which is why it may as well be short.)
//   labrun keep-alive [--module FILE]
//       reads situations from standard input, one per line:
//       `major minor flags status served max` (flags: 1 keep-alive, 2 close, 4 KeepAlive On);
//       prints 1 (keep) or 0 (close) for each.
import Posix
import Synchronization

enum LabRun {
    static let usage = """
        usage: labrun counter --threads T --calls N [--module FILE]
               labrun keep-alive [--module FILE] < situations
        """

    static func main(_ arguments: [String]) -> Int32 {
        guard let command = arguments.first else { return fail(usage) }
        var options: [String: String] = [:]
        var rest = arguments.dropFirst()
        while let flag = rest.first, flag.hasPrefix("--") {
            rest = rest.dropFirst()
            guard let value = rest.first else { return fail("labrun: \(flag) needs a value\n" + usage) }
            options[String(flag.dropFirst(2))] = value
            rest = rest.dropFirst()
        }
        let modulePath = options["module"] ?? FileSystem.dirname(of: Process.executablePath()) + "/libLabExercises.so"
        let module: DynamicLibrary
        do { module = try DynamicLibrary.open(modulePath) } catch { return fail("labrun: \(error)") }
        do {
            switch command {
            case "counter":
                guard let threads = options["threads"].flatMap(Int.init), let calls = options["calls"].flatMap(Int.init),
                      (1...256).contains(threads), (1...1_000_000).contains(calls) else {
                    return fail("labrun counter: --threads 1...256 and --calls 1...1000000 are required")
                }
                let increment = try module.function("mpmlab_counter_increment", as: (@convention(c) () -> Int).self)
                return try counter(increment, threads: threads, calls: calls)
            case "keep-alive":
                let decide = try module.function("mpmlab_keep_alive_decide",
                                                 as: (@convention(c) (Int, Int, Int, Int, Int, Int) -> Int).self)
                return keepAlive(decide)
            default:
                return fail(usage)
            }
        } catch {
            return fail("labrun: \(error)")
        }
    }

    /// Every thread waits at a starting line until all exist, so that their calls overlap as
    /// much as the machine allows: a race needs two threads inside increment() at once.
    static func counter(_ increment: @convention(c) () -> Int, threads: Int, calls: Int) throws -> Int32 {
        let shared = CounterRun(threads: threads)
        let unsafeIncrement = UnsafeFunction(call: increment)
        var started: [PosixThread] = []
        for index in 0..<threads {
            started.append(try PosixThread.spawn {
                shared.ready.add(1, ordering: .acquiringAndReleasing)
                while shared.ready.load(ordering: .acquiring) < threads {}
                var mine: [Int] = []
                mine.reserveCapacity(calls)
                for _ in 0..<calls { mine.append(unsafeIncrement.call()) }
                shared.results.withLock { $0[index] = mine }
            })
        }
        for thread in started { thread.join() }
        let total = threads * calls
        var seen = [Bool](repeating: false, count: total + 1)
        var distinct = 0, smallest = Int.max, largest = Int.min
        shared.results.withLock { all in
            for values in all {
                for value in values {
                    smallest = min(smallest, value)
                    largest = max(largest, value)
                    if value >= 1 && value <= total && !seen[value] { seen[value] = true; distinct += 1 }
                }
            }
        }
        let line = "calls \(total) distinct \(distinct) smallest \(smallest) largest \(largest)\n"
        try? FileDescriptor.standardOutput.writeAll(Array(line.utf8))
        return 0
    }

    static func keepAlive(_ decide: @convention(c) (Int, Int, Int, Int, Int, Int) -> Int) -> Int32 {
        var output = ""
        while let line = readLine() {
            let fields = line.split(separator: " ").compactMap { Int($0) }
            guard fields.count == 6 else { return fail("labrun keep-alive: expected 6 numbers, got \"\(line)\"") }
            output += "\(decide(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]))\n"
        }
        try? FileDescriptor.standardOutput.writeAll(Array(output.utf8))
        return 0
    }

    static func fail(_ message: String) -> Int32 {
        try? FileDescriptor.standardError.writeAll(Array((message + "\n").utf8))
        return 2
    }
}

/// What the counter's threads share: the starting line and their results.
private final class CounterRun: Sendable {
    let ready = Atomic<Int>(0)
    let results: Mutex<[[Int]]>
    init(threads: Int) { results = Mutex(Array(repeating: [], count: threads)) }
}

/// A C function pointer is a plain address: safe to call from any thread (whether the code
/// behind it is thread-safe is exactly what the check measures).
private struct UnsafeFunction: @unchecked Sendable {
    let call: @convention(c) () -> Int
}
