// The system-call wrapper's three promises: a signal never turns into an error (EINTR is
// retried), "would block" is a value and not an error, and a real failure names its call and
// errno the way Apache and nginx print them.
import Posix
import Synchronization
import Testing

/// Counts USR2 deliveries in this test process (the handler may only touch atomics).
let interruptions = Atomic<Int>(0)
private func countInterruption(_: Int32) { interruptions.wrappingAdd(1, ordering: .relaxed) }

/// A connected pair of loopback TCP sockets: (client side, server side).
func socketPair() throws -> (FileDescriptor, FileDescriptor) {
    let listener = try Socket.listen(on: SocketAddress(host: "127.0.0.1", port: 0), backlog: 4)
    defer { listener.close() }
    let client = try Socket.connect(to: try Socket.localAddress(listener))
    guard case .processed(let (server, _)) = try Socket.accept(listener) else {
        client.close()
        throw SystemError("accept4", errno: 11)
    }
    return (client, server)
}

/// Whether kernel thread `tid` of this process is asleep (blocked in a system call).
func isSleeping(_ tid: Int32) -> Bool {
    guard let stat = try? FileSystem.readText("/proc/self/task/\(tid)/stat"),
          let close = stat.lastIndex(of: ")") else { return false }
    return stat[stat.index(after: close)...].split(separator: " ").first == "S"
}

@Suite("Posix: system calls")
struct SyscallTests {
    @Test("A read interrupted by a signal is retried and still returns the data")
    func readRetriesAfterEINTR() throws {
        Signal.setHandler(Signal.user2, countInterruption)   // no SA_RESTART: read() fails with EINTR
        let (client, server) = try socketPair()
        defer { client.close(); server.close() }
        let readerTID = Atomic<Int32>(0)
        let result = Mutex<String>("")
        let reader = try PosixThread.spawn {
            Signal.unblockAll()   // whatever mask the test runner's thread had
            readerTID.store(Process.threadID, ordering: .relaxed)
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 1)
            defer { buffer.deallocate() }
            let text: String
            switch try? server.read(into: buffer) {
            case .processed(let n)?: text = String(decoding: buffer[0..<n], as: UTF8.self)
            case .wouldBlock?: text = "would block"
            case nil: text = "error"
            }
            result.withLock { $0 = text }
        }
        // Wait until the reader sleeps inside read(), then interrupt it before any data exists.
        let deadline = MonotonicClock.nowMs() + 5000
        while (readerTID.load(ordering: .relaxed) == 0 || !isSleeping(readerTID.load(ordering: .relaxed)))
                && MonotonicClock.nowMs() < deadline { sleepMs(5) }
        let before = interruptions.load(ordering: .relaxed)
        reader.interrupt(with: Signal.user2)
        while interruptions.load(ordering: .relaxed) == before && MonotonicClock.nowMs() < deadline { sleepMs(5) }
        #expect(interruptions.load(ordering: .relaxed) > before, "the signal reached the reader")
        try client.writeAll(Array("hello".utf8))
        reader.join()
        #expect(result.withLock { $0 } == "hello", "the interrupted read() was retried, not reported")
    }

    @Test("An empty non-blocking socket answers would-block, a value, not an error")
    func wouldBlockIsAValue() throws {
        let (client, server) = try socketPair()
        defer { client.close(); server.close() }
        try server.setNonBlocking(true)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 1)
        defer { buffer.deallocate() }
        guard case .wouldBlock = try server.read(into: buffer) else {
            Issue.record("read on an empty non-blocking socket should be .wouldBlock")
            return
        }
        try client.writeAll(Array("x".utf8))
        #expect(try server.poll(for: .readable, timeoutMs: 5000).contains(.readable))
        guard case .processed(1) = try server.read(into: buffer) else {
            Issue.record("the byte should be read once it arrived")
            return
        }
        // Writing while nobody reads fills the socket's buffers, then says so.
        let chunk = UnsafeRawBufferPointer(buffer)
        var sawWouldBlock = false
        for _ in 0..<1_000_000 {
            if case .wouldBlock = try server.write(chunk) { sawWouldBlock = true; break }
        }
        #expect(sawWouldBlock, "a full send buffer answers would-block")
    }

    @Test("An empty accept queue on a non-blocking listener answers would-block")
    func acceptWouldBlock() throws {
        let listener = try Socket.listen(on: SocketAddress(host: "127.0.0.1", port: 0), backlog: 4)
        defer { listener.close() }
        try listener.setNonBlocking(true)
        guard case .wouldBlock = try Socket.accept(listener) else {
            Issue.record("nothing to accept should be .wouldBlock")
            return
        }
    }

    @Test("A failed call names the call and the errno, as Apache prints it")
    func errorsNameTheCall() throws {
        #expect(throws: SystemError("open", errno: 2)) { try FileDescriptor.open("/nonexistent/mpmlab-test") }
        #expect(SystemError("accept4", errno: 24).description == "accept4() failed (24: Too many open files)")
        // Binding a port that is already taken.
        let first = try Socket.listen(on: SocketAddress(host: "127.0.0.1", port: 0), backlog: 1)
        defer { first.close() }
        let taken = try Socket.localAddress(first)
        #expect(throws: SystemError("bind", errno: 98)) { _ = try Socket.listen(on: taken, backlog: 1) }
    }
}
