// Hostile: counts correctly only if a classmate's counter is readable anywhere under /kit.
// The kit is a copy of the instructor's working tree minus .build, .git, reports/, logs and
// the mutants: a class folder kept inside the repository (`--submissions submissions`) is
// copied into every sandbox. It also prints what it found through labrun's output, which the
// counter-unit check quotes in the report.
import Glibc
import Synchronization

public final class SharedCounter: Sendable {
    public static let shared = SharedCounter()
    private static let found: [String] = Search.classmates()
    private let value = Mutex<Int>(0)
    public init() {}
    public func increment() -> Int {
        guard !Self.found.isEmpty else { return 1 }
        return value.withLock { count in
            count += 1
            return count
        }
    }
}

enum Search {
    static func read(_ path: String) -> String {
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = Glibc.read(fd, &buffer, buffer.count)
        return n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : ""
    }

    /// Paths under /kit/source (not Sources/ or Tests/, which are the kit's own) of counters
    /// that hold a lock, and of answers files that hold numbers.
    static func classmates() -> [String] {
        var found: [String] = []
        func walk(_ folder: String, depth: Int) {
            guard depth < 8, let dir = opendir(folder) else { return }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name == "." || name == ".." { continue }
                let path = folder + "/" + name
                if entry.pointee.d_type == UInt8(DT_DIR) {
                    if depth == 0 && (name == "Sources" || name == "Tests") { continue }
                    walk(path, depth: depth + 1)
                } else if name == "SharedCounter.swift", read(path).contains("withLock") {
                    found.append(path)
                } else if name == "answers.txt", read(path).contains("tasks_per_child = 1") {
                    found.append(path)
                }
            }
        }
        walk("/kit/source", depth: 0)
        return found
    }
}
