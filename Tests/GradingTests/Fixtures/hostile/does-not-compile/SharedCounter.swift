// Wrong: does not compile.
import Synchronization

public final class SharedCounter: Sendable {
    public static let shared = SharedCounter()
    public func increment() -> Int {
        return value +
    }
}
