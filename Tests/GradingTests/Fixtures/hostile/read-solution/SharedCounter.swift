// Hostile: counts correctly only if it can read the reference solution or a classmate's
// counter — so it scores full marks exactly when the sandbox leaks.
import Glibc
import Synchronization

public final class SharedCounter: Sendable {
    public static let shared = SharedCounter()
    private static let leaked: Bool = Spy.canRead()
    private let value = Mutex<Int>(0)
    public init() {}
    public func increment() -> Int {
        guard Self.leaked else { return 1 }
        return value.withLock { count in
            count += 1
            return count
        }
    }
}

enum Spy {
    static func canRead() -> Bool {
        let secrets = ["@REPOSITORY@/Sources/LabExercises/SharedCounter.swift", "@REPOSITORY@/labs/02-threads/answers.txt",
                       "@CLASS@/alice/SharedCounter.swift", "@CLASS@/alice/answers.txt",
                       "/proc/1/root@REPOSITORY@/Sources/LabExercises/SharedCounter.swift"]
        for path in secrets {
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 65536)
            let n = read(fd, &buffer, buffer.count)
            close(fd)
            let text = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : ""
            if text.contains("Mutex") || text.contains("=") {
                let marker = open("/tmp/mpmlab-escaped-read", O_WRONLY | O_CREAT, 0o644)
                if marker >= 0 { close(marker) }
                return true
            }
        }
        return false
    }
}
