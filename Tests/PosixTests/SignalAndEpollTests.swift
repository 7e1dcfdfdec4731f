// Signals as data and epoll as the one place a loop waits: how the master hears its signals
// (a signalfd read in its epoll loop) and how event's listener is woken by its workers
// (an eventfd).
import Posix
import Testing

@Suite("Posix: signalfd and epoll")
struct SignalAndEpollTests {
    @Test("A blocked signal is read from a signalfd, once, and wakes an epoll wait")
    func signalDescriptor() throws {
        // In a thread of its own: the signal is blocked there, sent to that thread alone, and
        // read back as data instead of running a handler.
        let outcome = try runInThread { () throws -> (Int, [Int32], [Int32]) in
            Signal.block([Signal.windowChange])
            let signals = try SignalDescriptor([Signal.windowChange])
            let epoll = try Epoll(capacity: 4)
            try epoll.add(signals.fd, events: .readable, token: 7)
            PosixThread.current.interrupt(with: Signal.windowChange)
            var tokens: [UInt64] = []
            let ready = try epoll.wait(timeoutMs: 5000) { token, _ in tokens.append(token) }
            let first = signals.drain()
            let second = signals.drain()
            return (tokens == [7] ? ready : -1, first, second)
        }
        #expect(outcome.0 == 1, "epoll reported the signalfd")
        #expect(outcome.1 == [Signal.windowChange])
        #expect(outcome.2.isEmpty, "a signal is read once")
    }

    @Test("An eventfd wakes an epoll wait from another thread")
    func eventNotifier() throws {
        let epoll = try Epoll(capacity: 4)
        let notifier = try EventNotifier()
        try epoll.add(notifier.fd, events: .readable, token: 1)
        #expect(try epoll.wait(timeoutMs: 0) { _, _ in } == 0, "nothing yet")
        let waker = try PosixThread.spawn { notifier.signal() }
        waker.join()
        var tokens: [UInt64] = []
        _ = try epoll.wait(timeoutMs: 5000) { token, _ in tokens.append(token) }
        #expect(tokens == [1])
        notifier.drain()
        #expect(try epoll.wait(timeoutMs: 0) { _, _ in } == 0, "drained")
    }
}

/// Runs `body` in a new thread and returns its result.
func runInThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
    let box = ResultBox<T>()
    let thread = try PosixThread.spawn { box.set(Result { try body() }) }
    thread.join()
    return try box.get()
}

final class ResultBox<T: Sendable>: @unchecked Sendable {
    // @unchecked: written by one thread before join(), read by the joining thread after it.
    private var value: Result<T, any Error>?
    func set(_ v: Result<T, any Error>) { value = v }
    func get() throws -> T { try value!.get() }
}
