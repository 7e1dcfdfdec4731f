// Every system call in MPMLab goes through `syscall(_:_:)` below: it retries when a signal
// interrupted the call (EINTR), and turns a failure into a typed error that names the call and
// the errno, printed the way nginx and Apache print them: `accept4() failed (24: Too many open
// files)`. "Would block" is not an error: callers that use non-blocking descriptors get
// `IOResult.wouldBlock` instead. `close` is the deliberate exception (see FileDescriptor.close).
import CLinuxShim
import Glibc

/// A failed system call: which call, and the errno it left.
public struct SystemError: Error, CustomStringConvertible, Equatable, Sendable {
    public let call: String
    public let errno: Int32

    public init(_ call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    public var description: String {
        "\(call)() failed (\(errno): \(String(cString: strerror(errno))))"
    }
}

extension SystemError {
    /// The path left the directory it had to stay beneath (EXDEV), or met a link loop (ELOOP).
    public var leftDirectory: Bool { errno == EXDEV || errno == ELOOP }
    /// The path names nothing (ENOENT, ENOTDIR).
    public var notFound: Bool { errno == ENOENT || errno == ENOTDIR }
}

/// The result of an operation on a non-blocking descriptor.
public enum IOResult<T: Sendable>: Sendable {
    case processed(T)
    case wouldBlock
}

/// The calling thread's errno.
@inline(__always)
public func currentErrno() -> Int32 { shim_errno() }

/// Runs a system call that reports failure with -1, retrying on EINTR.
@discardableResult
@inline(__always)
public func syscall<T: FixedWidthInteger>(_ name: String, _ body: () -> T) throws(SystemError) -> T {
    while true {
        let result = body()
        if result != -1 { return result }
        let err = currentErrno()
        if err == EINTR { continue }
        throw SystemError(name, errno: err)
    }
}

/// Like `syscall` but EAGAIN/EWOULDBLOCK become `.wouldBlock`.
@inline(__always)
public func nonBlockingSyscall<T: FixedWidthInteger & Sendable>(_ name: String, _ body: () -> T) throws(SystemError) -> IOResult<T> {
    while true {
        let result = body()
        if result != -1 { return .processed(result) }
        let err = currentErrno()
        if err == EINTR { continue }
        if err == EAGAIN || err == EWOULDBLOCK { return .wouldBlock }
        throw SystemError(name, errno: err)
    }
}

/// `syscall` returning a `Result`, for use inside closures that cannot throw typed errors
/// (`withUnsafeBytes` and friends rethrow untyped).
@inline(__always)
public func syscallResult<T: FixedWidthInteger>(_ name: String, _ body: () -> T) -> Result<T, SystemError> {
    Result { () throws(SystemError) -> T in try syscall(name, body) }
}
