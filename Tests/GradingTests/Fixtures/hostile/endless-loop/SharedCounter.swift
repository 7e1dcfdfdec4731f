// Hostile (or just wrong): increment() never returns.
import Synchronization

public final class SharedCounter: Sendable {
    public static let shared = SharedCounter()
    private let value = Atomic<Int>(0)
    public init() {}
    public func increment() -> Int {
        while value.load(ordering: .relaxed) >= 0 { }
        return 1
    }
}
