// Runs blocking client code on real threads at the same time. Swift's task pool has one
// thread per core, so ten blocking requests as tasks on a 2-core machine would run two at a
// time — a test of "ten clients at once" must not depend on that.
import Posix
import Synchronization

/// Runs `body(0..<count)` on `count` threads at once and returns the results in order.
public func concurrently<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) throws -> T) throws -> [T] {
    let results = Mutex<[Int: Result<T, any Error>]>([:])
    var threads: [PosixThread] = []
    for i in 0..<count {
        threads.append(try PosixThread.spawn {
            let r = Result { try body(i) }
            results.withLock { $0[i] = r }
        })
    }
    for t in threads { t.join() }
    let all = results.withLock { $0 }
    return try (0..<count).map { try all[$0]!.get() }
}
