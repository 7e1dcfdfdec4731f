// Hostile: allocates and touches memory without end.
import Glibc
import Synchronization

public final class SharedCounter: Sendable {
    public static let shared = SharedCounter()
    private static let hog: Bool = {
        for _ in 0..<100_000 {
            guard let block = malloc(64 << 20) else { break }
            memset(block, 0x41, 64 << 20)
        }
        return true
    }()
    public init() {}
    public func increment() -> Int {
        _ = Self.hog
        return 1
    }
}
