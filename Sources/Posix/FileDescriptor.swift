// A file descriptor is just a small integer the kernel hands out; every socket, pipe, epoll
// instance and file in mpmd is one. This wrapper gives the few operations the server needs a
// name and a typed error, and keeps "would block" (a normal answer on a non-blocking socket)
// apart from real failures.
import CLinuxShim
import Glibc

public struct FileDescriptor: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(_ rawValue: Int32) { self.rawValue = rawValue }
    public var description: String { "fd \(rawValue)" }

    public static let standardInput = FileDescriptor(0)
    public static let standardOutput = FileDescriptor(1)
    public static let standardError = FileDescriptor(2)

    /// Opens a file read-only.
    public static func open(_ path: String, flags: Int32 = O_RDONLY) throws(SystemError) -> FileDescriptor {
        FileDescriptor(try syscall("open") { Glibc.open(path, flags | O_CLOEXEC) })
    }

    /// Opens `path`, relative to the directory `directory`, read-only, refusing any path that
    /// leaves the directory, `..` or symbolic links included (openat2 with RESOLVE_BENEATH):
    /// EXDEV then. With O_DIRECTORY in `flags`, only a directory. ENOSYS before Linux 5.6.
    public static func open(_ path: String, beneath directory: FileDescriptor, flags: Int32 = O_RDONLY) throws(SystemError) -> FileDescriptor {
        FileDescriptor(try syscall("openat2") { shim_open_beneath(directory.rawValue, path, flags | O_CLOEXEC) })
    }

    /// Opens (creating if needed) a file for appending: logs, written by several processes at
    /// once. O_APPEND makes each write land atomically at the current end of the file.
    public static func openForAppend(_ path: String) throws(SystemError) -> FileDescriptor {
        FileDescriptor(try syscall("open") { Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644) })
    }

    /// Closes the descriptor. Never retried on EINTR: on Linux the descriptor is already gone
    /// when close returns EINTR, and retrying could close a descriptor another thread just got.
    public func close() {
        _ = Glibc.close(rawValue)
    }

    /// Reads at most `buffer.count` bytes; 0 means end of file (the peer closed).
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> IOResult<Int> {
        try nonBlockingSyscall("read") { Glibc.read(rawValue, buffer.baseAddress, buffer.count) }
    }

    /// Writes some of `buffer`; returns how many bytes the kernel took.
    public func write(_ buffer: UnsafeRawBufferPointer) throws(SystemError) -> IOResult<Int> {
        try nonBlockingSyscall("write") { Glibc.write(rawValue, buffer.baseAddress, buffer.count) }
    }

    /// Writes some of `first` then `second` in one system call (writev): a response head and
    /// its body leave together, in one TCP segment when they fit.
    public func write(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer) throws(SystemError) -> IOResult<Int> {
        var iov = (iovec(iov_base: UnsafeMutableRawPointer(mutating: first.baseAddress), iov_len: first.count),
                   iovec(iov_base: UnsafeMutableRawPointer(mutating: second.baseAddress), iov_len: second.count))
        return try withUnsafeMutableBytes(of: &iov) { raw throws(SystemError) in
            let vectors = raw.baseAddress!.assumingMemoryBound(to: iovec.self)
            return try nonBlockingSyscall("writev") { Glibc.writev(rawValue, vectors, 2) }
        }
    }

    /// Reads from the current position until end of file or `limit` bytes.
    public func readAll(upTo limit: Int) throws(SystemError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: limit)
        var filled = 0
        while filled < limit {
            let n = try out.withUnsafeMutableBytes { buf in
                syscallResult("read") { Glibc.read(rawValue, buf.baseAddress! + filled, limit - filled) }
            }.get()
            if n == 0 { break }
            filled += n
        }
        out.removeLast(limit - filled)
        return out
    }

    /// Writes all of `bytes` to a blocking descriptor.
    public func writeAll(_ bytes: some Collection<UInt8>) throws(SystemError) {
        let array = Array(bytes)
        var offset = 0
        while offset < array.count {
            let result = array.withUnsafeBytes { buf in
                syscallResult("write") { Glibc.write(rawValue, buf.baseAddress! + offset, buf.count - offset) }
            }
            offset += try result.get()
        }
    }

    /// Copies `count` bytes of the file `source` from `offset` straight to this socket inside
    /// the kernel, without passing through user memory.
    public func sendfile(from source: FileDescriptor, offset: inout Int64, count: Int) throws(SystemError) -> IOResult<Int> {
        var off = off_t(offset)
        let result = try nonBlockingSyscall("sendfile") { Glibc.sendfile(rawValue, source.rawValue, &off, count) }
        offset = Int64(off)
        return result
    }

    public func setNonBlocking(_ on: Bool) throws(SystemError) {
        let flags = try syscall("fcntl") { fcntl(rawValue, F_GETFL) }
        let newFlags = on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK
        if newFlags != flags { try syscall("fcntl") { fcntl(rawValue, F_SETFL, newFlags) } }
    }

    /// `fstat`.
    public func status() throws(SystemError) -> FileStatus {
        var st = stat()
        try syscall("fstat") { fstat(rawValue, &st) }
        return FileStatus(st)
    }

    /// Waits until the descriptor is readable/writable, or `timeoutMs` passes (-1: forever).
    /// Restarted after a signal with the time that is left, so a signal never stretches a wait.
    public func poll(for events: PollEvents, timeoutMs: Int) throws(SystemError) -> PollEvents {
        var pfd = pollfd(fd: rawValue, events: events.rawValue, revents: 0)
        let deadline = timeoutMs < 0 ? Int64.max : MonotonicClock.nowMs() + Int64(timeoutMs)
        while true {
            let left = timeoutMs < 0 ? -1 : Int32(clamping: max(0, deadline - MonotonicClock.nowMs()))
            let rc = Glibc.poll(&pfd, 1, left)
            if rc >= 0 { return rc == 0 ? [] : PollEvents(rawValue: pfd.revents) }
            let err = currentErrno()
            if err != EINTR { throw SystemError("poll", errno: err) }
        }
    }

    /// Like `poll(for:timeoutMs:)`, but a signal ends the wait: returns nil on EINTR so that
    /// the caller can look at the flags the signal handler set (a child told to stop while it
    /// waits for a keep-alive request must not wait out the whole KeepAliveTimeout).
    public func pollInterruptibly(for events: PollEvents, timeoutMs: Int) throws(SystemError) -> PollEvents? {
        var pfd = pollfd(fd: rawValue, events: events.rawValue, revents: 0)
        let rc = Glibc.poll(&pfd, 1, Int32(clamping: timeoutMs))
        if rc >= 0 { return rc == 0 ? [] : PollEvents(rawValue: pfd.revents) }
        let err = currentErrno()
        if err == EINTR { return nil }
        throw SystemError("poll", errno: err)
    }
}

/// The events `poll` waits for and reports.
public struct PollEvents: OptionSet, Sendable {
    public let rawValue: Int16
    public init(rawValue: Int16) { self.rawValue = rawValue }
    public static let readable = PollEvents(rawValue: Int16(POLLIN))
    public static let writable = PollEvents(rawValue: Int16(POLLOUT))
    public static let error = PollEvents(rawValue: Int16(POLLERR))
    public static let hangup = PollEvents(rawValue: Int16(POLLHUP))
}
