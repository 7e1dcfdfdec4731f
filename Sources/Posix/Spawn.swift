// Starting another program: posix_spawn, which is fork+exec in one call and safe from a
// process with many threads (the test runner, mpmlab). The master never uses it: it forks
// itself, on purpose, to teach fork and copy-on-write.
import CLinuxShim
import Glibc

/// How a spawned program starts: where its output goes, which of our descriptors it keeps,
/// its environment and working directory. Every other descriptor is closed in the new
/// process, whatever its close-on-exec flag says: a program we start (a student's server, a
/// test bundle) must never inherit a file or socket it was not handed on purpose.
public struct SpawnOptions: Sendable {
    /// Standard output and error go to this file (appended); nil keeps ours.
    public var outputPath: String?
    /// Standard input reads this file; nil reads /dev/null.
    public var inputPath: String?
    /// Descriptors passed on (besides 0, 1 and 2): the new process's number -> ours.
    public var passing: [Int32: Int32] = [:]
    /// `NAME=value` strings; nil passes ours on.
    public var environment: [String]?
    public var workingDirectory: String?

    public init(outputPath: String? = nil, inputPath: String? = nil, passing: [Int32: Int32] = [:],
                environment: [String]? = nil, workingDirectory: String? = nil) {
        self.outputPath = outputPath
        self.inputPath = inputPath
        self.passing = passing
        self.environment = environment
        self.workingDirectory = workingDirectory
    }
}

extension Process {
    /// Starts `path` with `arguments`; its standard output and error go to `outputPath`
    /// (appended), its standard input reads /dev/null. Signals are reset to their defaults and
    /// the signal mask is cleared in the new process.
    public static func spawn(_ path: String, _ arguments: [String], outputPath: String,
                             environment: [String]? = nil) throws(SystemError) -> Int32 {
        try spawn(path, arguments, SpawnOptions(outputPath: outputPath, environment: environment))
    }

    /// Starts `path` with `arguments` as `options` say.
    public static func spawn(_ path: String, _ arguments: [String], _ options: SpawnOptions) throws(SystemError) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, options.inputPath ?? "/dev/null", O_RDONLY, 0)
        if let output = options.outputPath {
            posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        // dup2 clears close-on-exec on its target (even onto itself), so a passed descriptor
        // survives exec; then everything above the highest passed one, and every gap below
        // it, is closed.
        let kept = Set(options.passing.keys.filter { $0 > 2 })
        for (child, parent) in options.passing where child > 2 { posix_spawn_file_actions_adddup2(&actions, parent, child) }
        let highest = kept.max() ?? 2
        if highest > 3 { for fd in Int32(3)..<highest where !kept.contains(fd) { posix_spawn_file_actions_addclose(&actions, fd) } }
        _ = shim_spawn_addclosefrom(&actions, highest + 1)
        if let directory = options.workingDirectory { _ = shim_spawn_addchdir(&actions, directory) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig in [SIGTERM, SIGHUP, SIGINT, SIGCHLD, SIGPIPE, SIGUSR1, SIGUSR2, SIGWINCH] { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let rc: Int32
        if let environment = options.environment {
            let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
            defer { for p in envp { free(p) } }
            rc = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        } else {
            rc = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        }
        if rc != 0 { throw SystemError("posix_spawn", errno: rc) }
        return pid
    }

    /// The parent pid of `pid`, read from /proc/PID/stat; nil when it is gone.
    public static func parentID(of pid: Int32) -> Int32? {
        guard let stat = try? FileSystem.readText("/proc/\(pid)/stat"),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 1 ? Int32(fields[1]) : nil
    }

    /// The live children of `pid` (scans /proc).
    public static func children(of pid: Int32) -> [Int32] {
        let entries = (try? FileSystem.list("/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { parentID(of: $0) == pid }.sorted()
    }

    /// Whether `pid` is a zombie or gone.
    public static func isGoneOrZombie(_ pid: Int32) -> Bool {
        guard let stat = try? FileSystem.readText("/proc/\(pid)/stat"),
              let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].split(separator: " ").first == "Z"
    }
}
