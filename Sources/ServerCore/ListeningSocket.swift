// A listening socket: what a `Listen` line opens, once, in the master, before any fork.
// Every child inherits the same descriptor, hence one shared queue of pending connections
// (no SO_REUSEPORT: a child that exits must not take queued connections with it).
//
// Every listening socket is non-blocking. Nobody blocks in accept(): a process first tries
// accept() and, when the queue is empty, waits for the socket with epoll (Acceptor, and event's
// listener thread). A sibling may take the connection between the wake-up and the accept(),
// and a blocking accept() would then hang on a queue that is empty again. O_NONBLOCK belongs
// to the socket shared by every process, which is why it is set here, once, by the master.
import Config
import HTTP
import Posix

public struct ListeningSocket: Sendable {
    public let fd: FileDescriptor
    /// The bound address (with the real port when Listen asked for port 0).
    public let address: SocketAddress
    /// What the configuration asked for.
    public let requested: SocketAddress

    public init(fd: FileDescriptor, address: SocketAddress, requested: SocketAddress) {
        self.fd = fd
        self.address = address
        self.requested = requested
    }

    /// Opens the sockets of `config`'s Listen lines, keeping the ones `previous` already has
    /// for the same addresses (a restart must not drop the connections waiting in the kernel's
    /// accept queue), and closes the previous ones no longer wanted.
    static func open(_ config: ServerConfig, previous: [ListeningSocket]) throws(SystemError) -> [ListeningSocket] {
        var sockets: [ListeningSocket] = []
        for wanted in config.listens {
            let address = SocketAddress(host: wanted.host ?? "0.0.0.0", port: wanted.port)
            if let kept = previous.first(where: { $0.requested == address }) {
                sockets.append(kept)
                continue
            }
            let fd = try Socket.listen(on: address, backlog: config.listenBacklog)
            try fd.setNonBlocking(true)
            sockets.append(ListeningSocket(fd: fd, address: try Socket.localAddress(fd), requested: address))
        }
        for old in previous where !sockets.contains(where: { $0.fd == old.fd }) { old.fd.close() }
        return sockets
    }
}

extension ListeningSocket {
    /// The local address of a connection accepted here: the bound address, unless the socket
    /// listens on every address (then the kernel says which one the client reached).
    func localAddress(of connection: FileDescriptor) -> SocketAddress {
        if address.host != "0.0.0.0" && address.host != "::" { return address }
        return (try? Socket.localAddress(connection)) ?? address
    }

    /// Accepts one pending connection; nil when there is none (or it failed).
    public func acceptConnection(limits: HTTPLimits) -> Connection? {
        guard case .processed(let (fd, peer))? = try? Socket.accept(fd, nonBlocking: true) else { return nil }
        return Connection(fd: fd, peer: peer, local: localAddress(of: fd), limits: limits)
    }
}
