// Files and directories, as the rest of MPMLab needs them: whole-file reads and writes (the
// configuration, lab documents, the rendered site), globbing for `Include`, and `stat` for the
// static-file handler. Writes go to a temporary file that is renamed into place, so a crash
// half-way never leaves a truncated report or page behind.
import CLinuxShim
import Glibc

/// What `stat` says about a path.
public struct FileStatus: Sendable, Equatable {
    public enum Kind: Sendable { case regular, directory, symlink, other }
    public let kind: Kind
    public let size: Int64
    public let modificationTime: Int64   // seconds since the epoch
    public let modificationTimeUs: Int64 // microseconds since the epoch
    public let inode: UInt64
    public let device: UInt64
    public let mode: UInt32

    init(_ st: stat) {
        switch st.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symlink
        default: kind = .other
        }
        size = Int64(st.st_size)
        modificationTime = Int64(st.st_mtim.tv_sec)
        modificationTimeUs = Int64(st.st_mtim.tv_sec) * 1_000_000 + Int64(st.st_mtim.tv_nsec) / 1000
        inode = UInt64(st.st_ino)
        device = UInt64(st.st_dev)
        mode = UInt32(st.st_mode)
    }
}

public enum FileSystem {
    /// `stat` (follows symlinks); nil when the path does not exist.
    public static func status(_ path: String) throws(SystemError) -> FileStatus? {
        var st = stat()
        if stat(path, &st) == 0 { return FileStatus(st) }
        let err = currentErrno()
        if err == ENOENT || err == ENOTDIR { return nil }
        throw SystemError("stat", errno: err)
    }

    /// `fstatat` of `path` relative to the directory `directory` (follows symlinks); nil when
    /// the path does not exist.
    public static func status(_ path: String, in directory: FileDescriptor) throws(SystemError) -> FileStatus? {
        var st = stat()
        if fstatat(directory.rawValue, path, &st, 0) == 0 { return FileStatus(st) }
        let err = currentErrno()
        if err == ENOENT || err == ENOTDIR { return nil }
        throw SystemError("fstatat", errno: err)
    }

    /// `lstat` (does not follow symlinks); nil when the path does not exist.
    public static func linkStatus(_ path: String) throws(SystemError) -> FileStatus? {
        var st = stat()
        if lstat(path, &st) == 0 { return FileStatus(st) }
        let err = currentErrno()
        if err == ENOENT || err == ENOTDIR { return nil }
        throw SystemError("lstat", errno: err)
    }

    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    public static func isDirectory(_ path: String) -> Bool {
        (try? status(path))??.kind == .directory
    }

    /// What a symbolic link points to (readlink), or nil.
    public static func linkTarget(_ path: String) -> String? {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink(path, &buf, buf.count - 1)
        guard n >= 0 else { return nil }
        return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The canonical absolute path (symlinks resolved), or nil when it does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    public static func currentDirectory() -> String {
        guard let p = getcwd(nil, 0) else { return "." }
        defer { free(p) }
        return String(cString: p)
    }

    /// Reads a whole file.
    public static func readBytes(_ path: String) throws(SystemError) -> [UInt8] {
        let fd = try syscall("open") { open(path, O_RDONLY | O_CLOEXEC) }
        defer { _ = close(fd) }
        var out: [UInt8] = []
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            let n = try syscall("read") { read(fd, chunk.baseAddress, chunk.count) }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    /// Reads a whole file as UTF-8 (invalid sequences are repaired, never trapped on).
    public static func readText(_ path: String) throws(SystemError) -> String {
        String(decoding: try readBytes(path), as: UTF8.self)
    }

    /// Writes a whole file atomically: a temporary file beside it, then rename.
    public static func write(_ bytes: some Collection<UInt8>, to path: String, mode: mode_t = 0o644) throws(SystemError) {
        let tmp = path + ".tmp.\(getpid())"
        let fd = try syscall("open") { open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode) }
        let data = Array(bytes)
        var written = 0
        do throws(SystemError) {
            while written < data.count {
                let n = try data.withUnsafeBytes { buf in
                    syscallResult("write") { Glibc.write(fd, buf.baseAddress! + written, buf.count - written) }
                }.get()
                written += n
            }
            try syscall("fsync") { fsync(fd) }
        } catch {
            _ = close(fd); _ = unlink(tmp)
            throw error
        }
        _ = close(fd)
        do throws(SystemError) { try syscall("rename") { rename(tmp, path) } } catch { _ = unlink(tmp); throw error }
    }

    public static func write(_ text: String, to path: String) throws(SystemError) {
        try write(Array(text.utf8), to: path)
    }

    /// `mkdir -p`.
    public static func makeDirectories(_ path: String, mode: mode_t = 0o755) throws(SystemError) {
        if isDirectory(path) { return }
        let parent = dirname(of: path)
        if parent != path && !parent.isEmpty { try makeDirectories(parent, mode: mode) }
        if mkdir(path, mode) != 0 {
            let err = currentErrno()
            if err != EEXIST { throw SystemError("mkdir", errno: err) }
        }
    }

    /// Removes a file or a whole tree (`rm -rf`); a missing path is not an error.
    public static func remove(_ path: String) throws(SystemError) {
        guard let st = try linkStatus(path) else { return }
        if st.kind == .directory {
            for name in try list(path) { try remove(path + "/" + name) }
            try syscall("rmdir") { rmdir(path) }
        } else {
            try syscall("unlink") { unlink(path) }
        }
    }

    /// The entries of a directory, sorted, without `.` and `..`.
    public static func list(_ path: String) throws(SystemError) -> [String] {
        guard let dir = opendir(path) else { throw SystemError("opendir", errno: currentErrno()) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Shell-style glob (`conf.d/*.conf`), sorted; no match gives an empty list.
    public static func glob(_ pattern: String) throws(SystemError) -> [String] {
        var g = glob_t()
        defer { globfree(&g) }
        let rc = Glibc.glob(pattern, 0, nil, &g)
        if rc == GLOB_NOMATCH { return [] }
        if rc != 0 { throw SystemError("glob", errno: rc == GLOB_NOSPACE ? ENOMEM : EIO) }
        var out: [String] = []
        for i in 0..<Int(g.gl_pathc) {
            if let p = g.gl_pathv[i] { out.append(String(cString: p)) }
        }
        return out.sorted()
    }

    public static func dirname(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    public static func basename(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Joins `path` to `base` unless it is already absolute.
    public static func resolve(_ path: String, relativeTo base: String) -> String {
        if path.hasPrefix("/") { return path }
        if base.isEmpty || base == "." { return path }
        return base.hasSuffix("/") ? base + path : base + "/" + path
    }
}

extension FileSystem {
    /// Creates a fresh private directory under /tmp (mkdtemp).
    public static func makeTemporaryDirectory(prefix: String) throws(SystemError) -> String {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        let result = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard let result else { throw SystemError("mkdtemp", errno: currentErrno()) }
        return String(cString: result)
    }
}
