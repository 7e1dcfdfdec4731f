// The "counter" code exercise: the student's SharedCounter (Sources/LabExercises), called by
// many threads at once in `labrun`, then inside the live server where `LabExercise counter`
// serves it at /lab/exercise/counter to the worker threads of one child. Every call must get
// a different number and N calls must leave exactly N: the values seen, sorted, are 1...N.
// The student's code runs in those processes only; this check judges what they print and
// answer.
import LabCheckKit
import Posix
import ServerHarness
import Testing

@Suite("Lab 2: the counter exercise (SharedCounter)", .serialized)
struct CounterExerciseChecks {
    /// worker.counter-unit
    @Test("SharedCounter.increment, called by many threads at once, returns 1...N, each value once",
          arguments: [1, 4, 16])
    func incrementFromThreads(threads: Int) throws {
        let perThread = 2000
        let output = try StudentCode.run(["counter", "--threads", "\(threads)", "--calls", "\(perThread)"], timeoutMs: 20_000)
        let values = output.lines.compactMap { Int($0) }
        let total = threads * perThread
        #expect(values.count == total, "\(total) calls from \(threads) threads returned \(values.count) whole numbers")
        // Compared first, then expected: a failure says what went wrong, not 32,000 numbers.
        let exact = values.sorted() == Array(1...total)
        #expect(exact, "\(total) calls from \(threads) threads: \(Set(values).count) distinct values, the largest \(values.max() ?? 0)")
    }

    /// worker.shared-counter
    /// A lost update needs two threads inside increment() at the same instant, a window of a
    /// few nanoseconds per call, far shorter than a request: so each request has its worker
    /// call the counter `calls` times in a row (`?calls=N`), eight requests at a time, in
    /// several rounds. An unprotected counter loses updates in the first round or two; sleeps
    /// would only add waiting.
    @Test("In the live server, /lab/exercise/counter counts every request of eight threads exactly once")
    func exerciseCounterInTheServer() throws {
        let server = try TestServer.oneChild(threads: 8)
        defer { server.stop() }
        let probe = try server.get("/lab/exercise/counter")
        guard probe.status == 200 else {
            throw SetupError("/lab/exercise/counter answered \(probe.status): lab.conf must say `LabExercise counter`")
        }
        var values = [try valueOf(parseFlatJSON(probe.text))]
        var pids: Set<String> = []
        for _ in 0..<Self.rounds {
            let answers = try server.hammerKeptAlive("/lab/exercise/counter?calls=\(Self.calls)", clients: 8, perClient: Self.perClient)
            pids.formUnion(answers.compactMap { $0["pid"] })
            for answer in answers {
                let got = (answer["values"] ?? "").split(separator: " ").compactMap { Int($0) }
                guard got.count == Self.calls else {
                    throw NotACounterAnswer(description: "a request for \(Self.calls) calls answered \(got.count) values")
                }
                values += got
            }
            // A lost update already decides the check: further rounds would only take time.
            if Set(values).count < values.count { break }
        }
        CheckMeasures.record("worker.shared-counter", "distinct_values", Set(values).count, unit: "increments")
        CheckMeasures.record("worker.shared-counter", "requests", values.count, unit: "increments")
        #expect(pids.count == 1, "one process served them all")
        let exact = values.sorted() == Array(1...values.count)
        #expect(exact, "\(values.count) requests: \(Set(values).count) distinct values, the largest \(values.max() ?? 0)")
    }

    static let rounds = 8
    static let perClient = 4
    static let calls = 500
}
