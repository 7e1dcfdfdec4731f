// The box a submission is graded in. bubblewrap (bwrap) gives it new namespaces: its own user
// (nobody, no capability), PID (its first process is PID 1; when it exits, the kernel kills
// every other one), network (loopback only), IPC, UTS and mount namespaces. Its file system is
// built from nothing: the system's /usr read-only, the toolchain read-only, the grading kit
// read-only at /kit (no solutions in it), the student's copied files read-only at
// /submission, a small private /tmp. The grader's output folder, the repository, other
// submissions and the rest of the machine are simply not there.
//
// Limits: prlimit caps open files, file size and core dumps; a cgroup caps processes and
// memory when the grader may create one (as root), else RLIMIT_NPROC and RLIMIT_AS stand in;
// the grader kills the whole box when its time is up (and bwrap's --die-with-parent does the
// same if the grader itself dies).
import Posix

public struct Sandbox: Sendable {
    public struct Limits: Sendable, Equatable {
        public var seconds = 1200
        public var processes = 512
        public var memoryBytes = 2 << 30
        public var fileBytes = 64 << 20
        public var tmpBytes = 1 << 30
        public var shmBytes = 64 << 20
        /// Socket buffers (cgroup v1's TCP memory): loopback data queued in sockets is memory the
        /// whole machine shares.
        public var tcpBufferBytes = 256 << 20
        public var openFiles = 4096
        public init() {}
    }

    /// Inside the box: where the kit and the submission appear.
    public static let kitMount = "/kit"
    public static let submissionMount = "/submission"

    public var kit: String
    public var submission: String
    /// The Swift toolchain's root (…/usr/bin/swiftc below it), bound at the same path.
    public var toolchain: String
    public var limits = Limits()

    public init(kit: String, submission: String, toolchain: String) {
        self.kit = kit
        self.submission = submission
        self.toolchain = toolchain
    }

    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    /// bwrap and prlimit, or why grading cannot be isolated here.
    public static func tools() throws(Unavailable) -> (bwrap: String, prlimit: String) {
        guard let bwrap = Executables.find("bwrap") else {
            throw Unavailable(description: "bubblewrap (bwrap) is not installed: `make deps` installs it (Debian package bubblewrap); grading never runs student code outside a sandbox")
        }
        guard let prlimit = Executables.find("prlimit") else {
            throw Unavailable(description: "prlimit (util-linux) is not installed")
        }
        return (bwrap, prlimit)
    }

    /// The command that runs `program` inside the box, with the environment given and the
    /// descriptor `ResultFiles.descriptor` passed through. `cgroup` (from CgroupLimit) is
    /// entered first when there is one.
    public func command(_ program: String, _ arguments: [String], environment: [String],
                        cgroup: CgroupLimit?) throws(Unavailable) -> (path: String, arguments: [String]) {
        let (bwrap, prlimit) = try Self.tools()
        var box = ["--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session", "--as-pid-1",
                   "--uid", "65534", "--gid", "65534", "--hostname", "mpmlab-sandbox",
                   "--ro-bind", "/usr", "/usr"]
        for name in ["bin", "lib", "lib64", "sbin"] {
            if let target = FileSystem.linkTarget("/" + name) {
                box += ["--symlink", target, "/" + name]
            } else if FileSystem.isDirectory("/" + name) {
                box += ["--ro-bind", "/" + name, "/" + name]
            }
        }
        // What the dynamic linker and the C library read; nothing else of /etc.
        for path in ["/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/hosts",
                     "/etc/passwd", "/etc/group", "/etc/nsswitch.conf"] where FileSystem.exists(path) {
            box += ["--ro-bind", path, path]
        }
        if !toolchain.hasPrefix("/usr/") { box += ["--ro-bind", toolchain, toolchain] }
        box += ["--ro-bind", kit, Self.kitMount, "--ro-bind", submission, Self.submissionMount,
                "--proc", "/proc", "--dev", "/dev", "--size", "\(limits.tmpBytes)", "--tmpfs", "/tmp",
                // /dev/shm and the root itself are memory-backed too: one small, one read-only.
                "--size", "\(limits.shmBytes)", "--tmpfs", "/dev/shm", "--remount-ro", "/",
                "--chdir", "/tmp", "--clearenv"]
        for variable in environment {
            guard let equals = variable.firstIndex(of: "=") else { continue }
            box += ["--setenv", String(variable[..<equals]), String(variable[variable.index(after: equals)...])]
        }
        var limited = [prlimit, "--nofile=\(limits.openFiles)", "--fsize=\(limits.fileBytes)", "--core=0"]
        if cgroup == nil {
            limited += ["--nproc=\(Executables.processesOfThisUser() + limits.processes)", "--as=\(limits.memoryBytes)"]
        }
        let inner = limited + ["--", bwrap] + box + ["--", program] + arguments
        if let cgroup {
            // The shell joins the cgroup, then becomes prlimit: every process after it is inside.
            return ("/bin/sh", ["-c", cgroup.joinScript + "exec \"$0\" \"$@\""] + inner)
        }
        return (inner[0], Array(inner.dropFirst()))
    }
}

/// A cgroup capping one box's processes and memory, where the grader may create one (as root,
/// under cgroup v1's pids and memory hierarchies or cgroup v2).
public struct CgroupLimit: Sendable {
    public let folders: [String]
    /// Shell commands that move the shell itself into the groups.
    public var joinScript: String { folders.map { "echo $$ > '\($0)/cgroup.procs' && " }.joined() }

    /// Creates the groups named `name` with `limits`; nil when cgroups cannot be used here.
    public static func create(_ name: String, limits: Sandbox.Limits) -> CgroupLimit? {
        let v1Pids = "/sys/fs/cgroup/pids", v1Memory = "/sys/fs/cgroup/memory"
        if FileSystem.isDirectory(v1Pids), FileSystem.isDirectory(v1Memory) {
            let pids = v1Pids + "/" + name, memory = v1Memory + "/" + name
            do {
                try FileSystem.makeDirectories(pids)
                try FileSystem.makeDirectories(memory)
                try FileSystem.writeInPlace("\(limits.processes)", to: pids + "/pids.max")
                try FileSystem.writeInPlace("\(limits.memoryBytes)", to: memory + "/memory.limit_in_bytes")
                // Where the kernel still has it (cgroup v1 kmem accounting): socket buffers.
                try? FileSystem.writeInPlace("\(limits.tcpBufferBytes)", to: memory + "/memory.kmem.tcp.limit_in_bytes")
                return CgroupLimit(folders: [pids, memory])
            } catch {
                remove([pids, memory])
                return nil
            }
        }
        let v2 = "/sys/fs/cgroup"
        if let controllers = try? FileSystem.readText(v2 + "/cgroup.subtree_control"),
           controllers.contains("pids"), controllers.contains("memory") {
            let group = v2 + "/" + name
            do {
                try FileSystem.makeDirectories(group)
                try FileSystem.writeInPlace("\(limits.processes)", to: group + "/pids.max")
                try FileSystem.writeInPlace("\(limits.memoryBytes)", to: group + "/memory.max")
                return CgroupLimit(folders: [group])
            } catch {
                remove([group])
                return nil
            }
        }
        return nil
    }

    /// Removes the groups (once every process in them has ended).
    public func remove() { Self.remove(folders) }

    static func remove(_ folders: [String]) {
        for folder in folders { FileSystem.removeEmptyDirectory(folder) }
    }

    public var description: String { "cgroup " + folders.joined(separator: ", ") }
}

enum Executables {
    static func find(_ name: String) -> String? {
        let path = Process.environment("PATH") ?? "/usr/bin:/bin"
        return (path.split(separator: ":").map(String.init) + ["/usr/bin", "/bin", "/usr/sbin"])
            .map { $0 + "/" + name }.first { FileSystem.exists($0) && !FileSystem.isDirectory($0) }
    }

    /// How many processes this user runs now (RLIMIT_NPROC counts them all, not only the box's).
    static func processesOfThisUser() -> Int {
        let me = Process.userID
        return ((try? FileSystem.list("/proc")) ?? []).filter { entry in
            guard Int32(entry) != nil, let status = try? FileSystem.readText("/proc/\(entry)/status"),
                  let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Uid:") }) else { return false }
            return line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first == Substring("\(me)")
        }.count
    }
}
