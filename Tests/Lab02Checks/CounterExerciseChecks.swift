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
    /// A lost update needs a thread to be interrupted between reading the counter and writing
    /// it back, or two threads on two cores inside increment() at once. On a machine whose
    /// other core is busy (a class graded two at a time) only the first happens, now and then:
    /// so four threads run several rounds of 50,000 calls each (a fresh process each round),
    /// and the first round that loses an update decides. A correct counter runs them all.
    @Test("SharedCounter.increment, called by many threads at once, returns 1...N, each value once",
          arguments: [1, 4, 16])
    func incrementFromThreads(threads: Int) throws {
        let (rounds, perThread) = threads == 1 ? (1, 2000) : threads == 4 ? (10, 50_000) : (2, 5000)
        for round in 1...rounds {
            let output = try StudentCode.run(["counter", "--threads", "\(threads)", "--calls", "\(perThread)"], timeoutMs: 30_000)
            let fields = output.lines.first?.split(separator: " ").map(String.init) ?? []
            guard fields.count == 8, fields[0] == "calls", let calls = Int(fields[1]), let distinct = Int(fields[3]),
                  let smallest = Int(fields[5]), let largest = Int(fields[7]) else {
                Issue.record("labrun printed \(output.lines.prefix(3)) instead of its summary")
                return
            }
            let total = threads * perThread
            let exact = calls == total && distinct == total && smallest == 1 && largest == total
            #expect(exact, "round \(round): \(total) calls from \(threads) threads returned \(distinct) distinct values from \(smallest) to \(largest)")
            if !exact { return }
        }
    }

    /// worker.shared-counter
    /// A lost update needs two threads inside increment() at the same instant — or one
    /// interrupted there while another runs — a window of a few nanoseconds per call, far
    /// shorter than a request: so each request has its worker call the counter `calls` times in
    /// a row (`?calls=N`), four requests at a time, in several rounds. Each round is long enough
    /// for the scheduler to interrupt the workers in the middle, so an unprotected counter
    /// loses updates even on a machine with one free core; the first round that loses one
    /// decides. Each request answers how many distinct values it got and the largest: with no
    /// update lost, every call of the run got its own value, so the largest value seen is the
    /// number of calls made. Sleeps would only wait.
    @Test("In the live server, /lab/exercise/counter counts every call of four threads exactly once")
    func exerciseCounterInTheServer() throws {
        let server = try TestServer.oneChild(threads: 8, studentCode: true)
        defer { server.stop() }
        let probe = try server.get("/lab/exercise/counter")
        guard probe.status == 200 else {
            throw SetupError("/lab/exercise/counter answered \(probe.status): lab.conf must say `LabExercise counter`")
        }
        // 200,000 calls of a locked counter by four threads take a fraction of a second, or a
        // few seconds when the lock's waiters queue up on a busy machine: hence the long wait.
        var made = 1, largest = try valueOf(parseFlatJSON(probe.text)), pids: Set<String> = [], problem: String?
        for round in 1...Self.rounds where problem == nil {
            let answers = try server.hammerKeptAlive("/lab/exercise/counter?calls=\(Self.calls)", clients: Self.clients, perClient: 1,
                                                 timeoutMs: 60_000)
            for answer in answers {
                guard let distinct = Int(answer["distinct"] ?? ""), let top = Int(answer["largest"] ?? "") else {
                    throw NotACounterAnswer(description: "a request for \(Self.calls) calls answered \(answer)")
                }
                pids.formUnion([answer["pid"] ?? "?"])
                made += Self.calls
                largest = max(largest, top)
                if distinct != Self.calls { problem = "round \(round): one request's \(Self.calls) calls got \(distinct) distinct values" }
            }
            if problem == nil && largest != made {
                problem = "round \(round): \(made) calls so far, but the largest value is \(largest)"
            }
        }
        CheckMeasures.record("worker.shared-counter", "calls", made, unit: "increments")
        CheckMeasures.record("worker.shared-counter", "largest_value", largest, unit: "increments")
        #expect(pids.count == 1, "one process served them all")
        #expect(problem == nil, "\(problem ?? "")")
    }

    static let rounds = 12
    static let clients = 4
    static let calls = 200_000
}
