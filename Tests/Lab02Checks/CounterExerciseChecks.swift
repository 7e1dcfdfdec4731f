// The "counter" code exercise: the student's SharedCounter (Sources/LabExercises), called
// directly from many threads at once, then inside the live server where `LabExercise counter`
// serves it at /lab/exercise/counter to the worker threads of one child. Every call must get
// a different number and N calls must leave exactly N: the values seen, sorted, are 1...N.
import LabCheckKit
import LabExercises
import Posix
import ServerHarness
import Testing

@Suite("Lab 2: the counter exercise (SharedCounter)", .serialized)
struct CounterExerciseChecks {
    /// worker.counter-unit
    @Test("SharedCounter.increment, called by many threads at once, returns 1...N, each value once",
          arguments: [1, 4, 16])
    func incrementFromThreads(threads: Int) throws {
        let counter = SharedCounter()
        let perThread = 2000
        let values = try concurrently(threads) { _ in (0..<perThread).map { _ in counter.increment() } }.flatMap { $0 }
        let total = threads * perThread
        let distinct = Set(values).count
        #expect(values.sorted() == Array(1...total),
                "\(total) calls from \(threads) threads: \(distinct) distinct values, the largest \(values.max() ?? 0)")
    }

    /// worker.shared-counter
    @Test("In the live server, /lab/exercise/counter counts every request of eight threads exactly once")
    func exerciseCounterInTheServer() throws {
        let server = try TestServer.oneChild(threads: 8)
        defer { server.stop() }
        let probe = try server.get("/lab/exercise/counter")
        guard probe.status == 200 else {
            throw SetupError("/lab/exercise/counter answered \(probe.status): lab.conf must say `LabExercise counter`")
        }
        let answers = try server.hammer("/lab/exercise/counter", clients: 8, perClient: 10)
        let values = [valueOf(parseFlatJSON(probe.text))] + answers.map(valueOf)
        CheckMeasures.record("worker.shared-counter", "distinct_values", Set(values).count, unit: "increments")
        CheckMeasures.record("worker.shared-counter", "requests", values.count, unit: "increments")
        #expect(Set(answers.compactMap { $0["pid"] }).count == 1, "one process served them all")
        #expect(values.sorted() == Array(1...values.count),
                "\(values.count) requests: \(Set(values).count) distinct values, the largest \(values.max() ?? 0)")
    }
}
