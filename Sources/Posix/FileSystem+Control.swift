// Files that are controls rather than documents: the kernel's cgroup files take one value
// written in place (they cannot be replaced by a rename, as FileSystem.write does), and a
// cgroup folder is removed with rmdir once empty.
import Glibc

extension FileSystem {
    /// Writes `text` into the existing file at `path`, in place.
    public static func writeInPlace(_ text: String, to path: String) throws(SystemError) {
        let fd = try syscall("open") { open(path, O_WRONLY | O_TRUNC | O_CLOEXEC) }
        defer { _ = close(fd) }
        let bytes = Array(text.utf8)
        _ = try bytes.withUnsafeBytes { buffer in
            syscallResult("write") { Glibc.write(fd, buffer.baseAddress, buffer.count) }
        }.get()
    }

    /// Removes an empty directory; does nothing when it is gone or not empty.
    public static func removeEmptyDirectory(_ path: String) {
        _ = rmdir(path)
    }
}

extension Process {
    /// The real user id of this process.
    public static var userID: UInt32 { getuid() }
}

extension FileDescriptor {
    /// Opens a directory, to reach the files in it through /proc/self/fd/N by a process that
    /// inherits the descriptor (the grading sandbox's results folder).
    public static func openDirectory(_ path: String) throws(SystemError) -> FileDescriptor {
        try open(path, flags: O_RDONLY | O_DIRECTORY)
    }
}

extension FileSystem {
    /// Sets a file's size: longer makes a hole that takes no disk space (a sparse file).
    public static func truncate(_ path: String, to size: Int) throws(SystemError) {
        try syscall("truncate") { Glibc.truncate(path, off_t(size)) }
    }

    /// Creates a symbolic link at `path` pointing to `target`.
    public static func symlink(_ target: String, at path: String) throws(SystemError) {
        try syscall("symlink") { Glibc.symlink(target, path) }
    }
}
