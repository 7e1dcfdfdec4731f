// Reading a file that someone else controls the folder of (a student's submission): the path is
// walked one name at a time with openat and O_NOFOLLOW, so that no symbolic link anywhere on it
// is followed — not the file's own name, and not a folder on the way (`labs -> /elsewhere`,
// `labs/02-threads -> ../../classmate`). What is read is what was checked: the file is opened
// first (O_NONBLOCK, so a FIFO swapped in cannot block the reader), then fstat-ed and read
// through that one descriptor, never looked up again by name.
import Glibc

extension FileSystem {
    /// What `readBeneath` found.
    public enum BeneathRead: Sendable, Equatable {
        /// Nothing by that name (or a folder on the way is missing).
        case missing
        /// A symbolic link, on the way or at the end (named, relative to the root).
        case link(String)
        /// Something that is not a regular file (a folder, a FIFO, a device...).
        case notRegular
        /// A regular file larger than the limit (its size).
        case tooLarge(Int64)
        case bytes([UInt8])
    }

    /// Reads `relativePath` (names separated by `/`, no `..`) under the folder `root`, at most
    /// `limit` bytes, following no symbolic link below `root`.
    public static func readBeneath(_ root: String, _ relativePath: String, limit: Int) throws(SystemError) -> BeneathRead {
        let names = relativePath.split(separator: "/").map(String.init)
        guard !names.isEmpty, !names.contains(".."), !names.contains(".") else { return .missing }
        var folder = try syscall("open") { open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        defer { _ = close(folder) }
        for (index, name) in names.enumerated() {
            let last = index == names.count - 1
            let flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | (last ? O_NONBLOCK : O_DIRECTORY)
            let fd = openat(folder, name, flags)
            if fd < 0 {
                let err = currentErrno()
                let here = names[0...index].joined(separator: "/")
                switch err {
                case ENOENT: return .missing
                // O_NOFOLLOW on a link: ELOOP; O_DIRECTORY on a link to a folder: ENOTDIR too.
                case ELOOP: return .link(here)
                case ENOTDIR:
                    var st = stat()
                    if fstatat(folder, name, &st, AT_SYMLINK_NOFOLLOW) == 0, st.st_mode & S_IFMT == S_IFLNK { return .link(here) }
                    return last ? .notRegular : .missing
                default: throw SystemError("openat \(here)", errno: err)
                }
            }
            if !last {
                _ = close(folder)
                folder = fd
                continue
            }
            defer { _ = close(fd) }
            var st = stat()
            _ = try syscall("fstat") { fstat(fd, &st) }
            guard st.st_mode & S_IFMT == S_IFREG else { return .notRegular }
            guard st.st_size <= off_t(limit) else { return .tooLarge(Int64(st.st_size)) }
            // Read one byte past the limit: a file that grew since fstat is caught too.
            var out: [UInt8] = []
            let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 1)
            defer { chunk.deallocate() }
            while out.count <= limit {
                let n = try syscall("read") { read(fd, chunk.baseAddress, min(chunk.count, limit + 1 - out.count)) }
                if n == 0 { break }
                out.append(contentsOf: chunk[0..<n])
            }
            return out.count > limit ? .tooLarge(Int64(out.count)) : .bytes(out)
        }
        return .missing
    }
}
