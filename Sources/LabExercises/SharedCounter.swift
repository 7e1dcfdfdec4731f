// Lab 2, code exercise — a counter shared by the threads of one process.
//
// With `LabExercise counter` in the configuration, mpmd answers /lab/exercise/counter by
// calling `SharedCounter.shared.increment()`. Under the worker and event MPMs, several threads
// of the same process call it at the same moment. Make `increment` correct: every call must
// return a different number, and after N calls the counter must be exactly N — no update lost,
// whatever the number of threads. (Compare with /lab/unsafe-counter, which loses updates.)
//
// A `var` read then written back is exactly /lab/unsafe-counter's race: two threads read the
// same value. The Synchronization module has what you need (`Mutex`, or `Atomic`, whose
// `wrappingAdd` returns the new value in one indivisible step). Try it with `mpmlab check 2`
// (the counter-unit check calls it from many threads at once), then in the server (lab 2).
import Synchronization

public final class SharedCounter: Sendable {
    /// The one counter of this process (each child process has its own: fork copied it).
    public static let shared = SharedCounter()

    // BEGIN SOLUTION
    private let value = Mutex<Int>(0)
    // END SOLUTION

    public init() {}

    /// Adds one and returns the new value.
    public func increment() -> Int {
        var result = 0
        // BEGIN SOLUTION
        result = value.withLock { count in
            count += 1
            return count
        }
        // END SOLUTION
        return result
    }
}
