// TCP sockets. The master creates the listening socket once, before it forks; every child
// inherits the same descriptor and calls accept() on it (or polls it, under event). One shared
// socket means one shared queue of pending connections: when a child is recycled, the
// connections waiting in the queue stay there for its siblings. SO_REUSEPORT would give each
// child its own queue, and a dying child would take its queued connections with it.
import CLinuxShim
import Glibc

/// An IPv4 or IPv6 address and port.
public struct SocketAddress: Sendable, Hashable, CustomStringConvertible {
    public let host: String
    public let port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public var isIPv6: Bool { host.contains(":") }

    public var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// 127.0.0.0/8 or ::1 (and IPv4-mapped loopback).
    public var isLoopback: Bool {
        host.hasPrefix("127.") || host == "::1" || host.hasPrefix("::ffff:127.")
    }

    init?(storage: sockaddr_storage) {
        var storage = storage
        switch Int32(storage.ss_family) {
        case AF_INET:
            let (h, p) = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { sin -> (String, Int) in
                    var addr = sin.pointee.sin_addr
                    var buf = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
                    inet_ntop(AF_INET, &addr, &buf, socklen_t(buf.count))
                    return (cString(buf), Int(UInt16(bigEndian: sin.pointee.sin_port)))
                }
            }
            self.init(host: h, port: p)
        case AF_INET6:
            let (h, p) = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { sin6 -> (String, Int) in
                    var addr = sin6.pointee.sin6_addr
                    var buf = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
                    inet_ntop(AF_INET6, &addr, &buf, socklen_t(buf.count))
                    return (cString(buf), Int(UInt16(bigEndian: sin6.pointee.sin6_port)))
                }
            }
            self.init(host: h, port: p)
        default:
            return nil
        }
    }

    /// Builds the kernel's form of the address; nil when `host` is not a numeric address.
    func withSockaddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R? {
        if isIPv6 {
            var sin6 = sockaddr_in6()
            sin6.sin6_family = sa_family_t(AF_INET6)
            sin6.sin6_port = UInt16(port).bigEndian
            guard inet_pton(AF_INET6, host, &sin6.sin6_addr) == 1 else { return nil }
            return withUnsafePointer(to: &sin6) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
        var sin = sockaddr_in()
        sin.sin_family = sa_family_t(AF_INET)
        sin.sin_port = UInt16(port).bigEndian
        let h = (host.isEmpty || host == "*") ? "0.0.0.0" : host
        guard inet_pton(AF_INET, h, &sin.sin_addr) == 1 else { return nil }
        return withUnsafePointer(to: &sin) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }
}

public enum Socket {
    /// Creates a listening TCP socket (SO_REUSEADDR, close-on-exec). Port 0 asks the kernel for
    /// a free port; `localAddress` tells which one it chose.
    public static func listen(on address: SocketAddress, backlog: Int) throws(SystemError) -> FileDescriptor {
        let family = address.isIPv6 ? AF_INET6 : AF_INET
        let fd = FileDescriptor(try syscall("socket") { socket(family, Int32(SOCK_STREAM.rawValue) | SHIM_SOCK_CLOEXEC, 0) })
        do throws(SystemError) {
            var one: Int32 = 1
            try syscall("setsockopt") { setsockopt(fd.rawValue, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size)) }
            if address.isIPv6 {
                try syscall("setsockopt") { setsockopt(fd.rawValue, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &one, socklen_t(MemoryLayout<Int32>.size)) }
            }
            guard let rc = address.withSockaddr({ sa, len in bind(fd.rawValue, sa, len) }) else {
                throw SystemError("inet_pton", errno: EINVAL)
            }
            if rc == -1 { throw SystemError("bind", errno: currentErrno()) }
            try syscall("listen") { Glibc.listen(fd.rawValue, Int32(clamping: backlog)) }
        } catch {
            fd.close()
            throw error
        }
        return fd
    }

    /// Accepts one connection. The new socket is close-on-exec, and non-blocking when asked.
    /// Unlike other calls, a signal is not retried: it returns `.wouldBlock`, because a process
    /// blocked in accept() is woken by a signal precisely so that it looks at its flags.
    public static func accept(_ listener: FileDescriptor, nonBlocking: Bool = false) throws(SystemError) -> IOResult<(FileDescriptor, SocketAddress)> {
        var storage = sockaddr_storage()
        var len = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let flags = SHIM_SOCK_CLOEXEC | (nonBlocking ? SHIM_SOCK_NONBLOCK : 0)
        let fd = withUnsafeMutablePointer(to: &storage) { ptr in
            ptr.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in shim_accept4(listener.rawValue, sa, &len, flags) }
        }
        if fd == -1 {
            let err = currentErrno()
            if err == EINTR || err == EAGAIN || err == EWOULDBLOCK { return .wouldBlock }
            throw SystemError("accept4", errno: err)
        }
        let peer = SocketAddress(storage: storage) ?? SocketAddress(host: "unknown", port: 0)
        return .processed((FileDescriptor(fd), peer))
    }

    /// Connects to `address` (blocking), with TCP_NODELAY. Used by tests and tools.
    public static func connect(to address: SocketAddress) throws(SystemError) -> FileDescriptor {
        let family = address.isIPv6 ? AF_INET6 : AF_INET
        let fd = FileDescriptor(try syscall("socket") { socket(family, Int32(SOCK_STREAM.rawValue) | SHIM_SOCK_CLOEXEC, 0) })
        while true {
            guard let rc = address.withSockaddr({ sa, len in Glibc.connect(fd.rawValue, sa, len) }) else {
                fd.close()
                throw SystemError("inet_pton", errno: EINVAL)
            }
            if rc == 0 { break }
            let err = currentErrno()
            if err == EINTR { continue }
            fd.close()
            throw SystemError("connect", errno: err)
        }
        setNoDelay(fd)
        return fd
    }

    public static func localAddress(_ fd: FileDescriptor) throws(SystemError) -> SocketAddress {
        var storage = sockaddr_storage()
        var len = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let rc = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd.rawValue, $0, &len) }
        }
        if rc == -1 { throw SystemError("getsockname", errno: currentErrno()) }
        return SocketAddress(storage: storage) ?? SocketAddress(host: "unknown", port: 0)
    }

    /// Sends small responses without waiting for more data (Nagle off).
    public static func setNoDelay(_ fd: FileDescriptor) {
        var one: Int32 = 1
        _ = setsockopt(fd.rawValue, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Half-closes the sending side: the peer reads end-of-file, and we can still drain what it
    /// sends (the first step of a lingering close).
    public static func shutdownWrite(_ fd: FileDescriptor) {
        _ = shutdown(fd.rawValue, Int32(SHUT_WR))
    }
}

/// A NUL-terminated C buffer as a Swift string.
func cString(_ buffer: [CChar]) -> String {
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
}
