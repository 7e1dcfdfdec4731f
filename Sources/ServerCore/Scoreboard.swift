// The scoreboard: the one piece of memory that the master and all its children share.
//
// The master maps it before the first fork, so every child inherits the same physical pages
// (see Posix/SharedMemory.swift). Every field below says who writes it and who reads it; most
// have a single writer (the thread that owns a slot, the master, or event's listener thread),
// and the few written by two say when. Readers are the master's idle maintenance, the
// server-status handler (run by whichever thread serves the status request, in any child) and
// the children themselves (their own record). There are no locks: every field is a machine
// word read and written atomically, so a reader may see a slot mid-update (a new state with
// the old request line) but never a torn number — the same bargain Apache's scoreboard makes.
//
// Layout: [global record][ServerLimit process records][ServerLimit × ThreadLimit worker slots]
// Global 128 bytes, process records 128 bytes, worker slots 256 bytes: multiples of a cache
// line, so two writers never share one.
import HTTP
import Posix
import Synchronization

public final class Scoreboard: @unchecked Sendable {
    // @unchecked: all access to the shared bytes goes through Atomic words (see the essay
    // above); the stored properties themselves are immutable.
    public let serverLimit: Int
    public let threadLimit: Int
    private let memory: SharedMemory
    private let words: UnsafeMutablePointer<Atomic<Int>>

    static let globalWords = 16
    static let processWords = 16
    static let workerWords = 32

    public init(serverLimit: Int, threadLimit: Int) throws(SystemError) {
        self.serverLimit = serverLimit
        self.threadLimit = threadLimit
        let count = Self.globalWords + serverLimit * Self.processWords + serverLimit * threadLimit * Self.workerWords
        memory = try SharedMemory(size: count * MemoryLayout<Int>.stride)
        // A zero-filled page is a valid array of Atomic<Int>(0): binding is all it takes.
        words = memory.base.bindMemory(to: Atomic<Int>.self, capacity: count)
    }

    public var global: GlobalRecord { GlobalRecord(base: words) }

    public func process(_ slot: Int) -> ProcessRecord {
        precondition(slot >= 0 && slot < serverLimit, "process slot \(slot) out of range")
        return ProcessRecord(base: words + Self.globalWords + slot * Self.processWords)
    }

    public func worker(process: Int, thread: Int) -> WorkerSlot {
        precondition(process >= 0 && process < serverLimit && thread >= 0 && thread < threadLimit,
                     "worker slot \(process)/\(thread) out of range")
        let offset = Self.globalWords + serverLimit * Self.processWords + (process * threadLimit + thread) * Self.workerWords
        return WorkerSlot(base: words + offset, process: process, thread: thread)
    }

    /// Clears every process record and worker slot. The master calls it during a hard restart,
    /// once the old generation is gone: the next generation starts from zero counters in the
    /// same shared memory (which its children inherit at fork, like the first generation).
    public func reset() {
        let count = serverLimit * Self.processWords + serverLimit * threadLimit * Self.workerWords
        for i in 0..<count { (words + Self.globalWords + i).pointee.store(0, ordering: .relaxed) }
    }
}

/// Reads and writes one word of the shared memory.
@inline(__always)
func load(_ p: UnsafeMutablePointer<Atomic<Int>>, _ i: Int) -> Int { (p + i).pointee.load(ordering: .relaxed) }
@inline(__always)
func store(_ p: UnsafeMutablePointer<Atomic<Int>>, _ i: Int, _ v: Int) { (p + i).pointee.store(v, ordering: .relaxed) }

/// Whole-server values. Written by the master only.
public struct GlobalRecord: @unchecked Sendable {
    // @unchecked: a pointer into the shared mapping, whose words are all atomics.
    let base: UnsafeMutablePointer<Atomic<Int>>

    /// MPM generation: 0 at start, +1 at every restart (graceful or hard).
    /// Written by the master at start and restart; read by server-status (in any child).
    public var runningGeneration: Int { get { load(base, 0) } nonmutating set { store(base, 0, newValue) } }
    /// Configuration generation: 1 at start, +1 at every restart.
    /// Written by the master at start and restart; read by server-status.
    public var configGeneration: Int { get { load(base, 1) } nonmutating set { store(base, 1, newValue) } }
    /// When the server (re)started, microseconds since the epoch. Kept by a graceful restart.
    /// Written by the master at start and hard restart (or the -X process); read by server-status.
    public var restartTime: Int64 { get { Int64(load(base, 2)) } nonmutating set { store(base, 2, Int(newValue)) } }
    /// The whole server is stopping: serving threads keep no connection alive.
    /// Written by the master (stop, graceful stop; cleared by a restart); read by every serving
    /// thread after each response.
    public var stopping: Bool { get { load(base, 3) != 0 } nonmutating set { store(base, 3, newValue ? 1 : 0) } }
}

/// One child process.
public struct ProcessRecord: @unchecked Sendable {
    // @unchecked: a pointer into the shared mapping, whose words are all atomics.
    let base: UnsafeMutablePointer<Atomic<Int>>

    /// Written by the master when it forks the child (the -X process writes its own), cleared
    /// when it reaps it; read by server-status.
    public var pid: Int32 { get { Int32(load(base, 0)) } nonmutating set { store(base, 0, Int(newValue)) } }
    /// The generation the child was born in. Written by the master at fork; read by the
    /// master's maintenance (only the current generation's idle workers count) and server-status.
    public var generation: Int { get { load(base, 1) } nonmutating set { store(base, 1, newValue) } }
    /// The child no longer accepts and will exit once its connections are done. Written by the
    /// master (graceful restart, graceful stop) and by a threaded child's main thread when it
    /// starts a graceful exit on its own; read by the master's maintenance and server-status.
    public var quiescing: Bool { get { load(base, 2) != 0 } nonmutating set { store(base, 2, newValue ? 1 : 0) } }
    /// Event only: the listener stopped accepting (its connections reached the limit).
    /// Written by the child's listener thread; read by the master's maintenance (such a child
    /// offers no spare thread) and server-status.
    public var notAccepting: Bool { get { load(base, 3) != 0 } nonmutating set { store(base, 3, newValue ? 1 : 0) } }
    /// Event only: the connections the child holds, in all and by what they wait for.
    /// Written by the child's listener thread; read by server-status.
    public var connections: Int { get { load(base, 4) } nonmutating set { store(base, 4, newValue) } }
    public var writeCompletion: Int { get { load(base, 5) } nonmutating set { store(base, 5, newValue) } }
    public var lingeringClose: Int { get { load(base, 6) } nonmutating set { store(base, 6, newValue) } }
    public var keepAlive: Int { get { load(base, 7) } nonmutating set { store(base, 7, newValue) } }
    /// The master asks this child to leave once idle (idle maintenance), then wakes it with
    /// USR2. Written by the master; read by the child (a prefork child between connections, a
    /// threaded child's main thread) and the master's maintenance.
    public var exitRequested: Bool { get { load(base, 8) != 0 } nonmutating set { store(base, 8, newValue ? 1 : 0) } }

    /// Written by the master when it records or reaps a child.
    public func clear() { for i in 0..<Scoreboard.processWords { store(base, i, 0) } }
}

/// One worker thread (or, under prefork, one child). Every field is written by the thread
/// that owns the slot, except `state`, which the master also writes: `.starting` when it forks
/// the child, `.dead` when it reaps it, `.graceful` on busy slots at a graceful restart. Read
/// by server-status; `state` also by the master's idle maintenance.
public struct WorkerSlot: @unchecked Sendable {
    // @unchecked: a pointer into the shared mapping, whose words are all atomics.
    let base: UnsafeMutablePointer<Atomic<Int>>
    public let process: Int
    public let thread: Int

    static let requestWord = 16, requestWords = 8   // 64 bytes of request line
    static let clientWord = 24, clientWords = 6     // 48 bytes of client address

    public var state: WorkerState {
        get { WorkerState(rawValue: load(base, 0)) ?? .dead }
        nonmutating set { store(base, 0, newValue.rawValue) }
    }
    /// The owner: its process and the generation it was born in.
    public var pid: Int32 { get { Int32(load(base, 2)) } nonmutating set { store(base, 2, Int(newValue)) } }
    public var generation: Int { get { load(base, 3) } nonmutating set { store(base, 3, newValue) } }
    /// Requests served by this slot since the server (re)started; survives a graceful restart.
    public var accessCount: Int { get { load(base, 4) } nonmutating set { store(base, 4, newValue) } }
    public var bytesServed: Int { get { load(base, 5) } nonmutating set { store(base, 5, newValue) } }
    /// Requests and bytes since the current occupant of the slot started.
    public var myAccessCount: Int { get { load(base, 6) } nonmutating set { store(base, 6, newValue) } }
    public var myBytesServed: Int { get { load(base, 7) } nonmutating set { store(base, 7, newValue) } }
    /// Requests and bytes on the current connection.
    public var connectionCount: Int { get { load(base, 8) } nonmutating set { store(base, 8, newValue) } }
    public var connectionBytes: Int { get { load(base, 9) } nonmutating set { store(base, 9, newValue) } }
    /// When the current or last request started and ended, microseconds since the epoch.
    public var startTime: Int64 { get { Int64(load(base, 10)) } nonmutating set { store(base, 10, Int(newValue)) } }
    public var stopTime: Int64 { get { Int64(load(base, 11)) } nonmutating set { store(base, 11, Int(newValue)) } }
    /// Total time spent in requests, microseconds.
    public var duration: Int64 { get { Int64(load(base, 12)) } nonmutating set { store(base, 12, Int(newValue)) } }
    public var lastUsed: Int64 { get { Int64(load(base, 13)) } nonmutating set { store(base, 13, Int(newValue)) } }

    /// The current (or last) request line, truncated to 63 bytes.
    public var request: String {
        get { readString(Self.requestWord, Self.requestWords) }
        nonmutating set { writeString(newValue, Self.requestWord, Self.requestWords) }
    }
    public var client: String {
        get { readString(Self.clientWord, Self.clientWords) }
        nonmutating set { writeString(newValue, Self.clientWord, Self.clientWords) }
    }

    /// Sets `request` to "METHOD TARGET HTTP/x.y" without building the string: one request
    /// line per request is written here, and only server-status reads it.
    public func setRequest(method: String, target: String, version: HTTPVersion) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.requestWords * 8) { line in
            var n = 0
            func put(_ b: UInt8) { if n < line.count - 1 { line[n] = b; n += 1 } }
            for b in method.utf8 { put(b) }
            put(UInt8(ascii: " "))
            for b in target.utf8 { put(b) }
            for b in " HTTP/".utf8 { put(b) }
            put(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: version.major % 10))
            put(UInt8(ascii: "."))
            put(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: version.minor % 10))
            writeBytes(UnsafeBufferPointer(rebasing: line[0..<n]), Self.requestWord, Self.requestWords)
        }
    }

    /// Marks the slot as taken by a new thread or process (clears the per-occupant counters).
    public func occupy(pid: Int32, generation: Int) {
        self.pid = pid
        self.generation = generation
        myAccessCount = 0
        myBytesServed = 0
        connectionCount = 0
        connectionBytes = 0
        state = .ready
    }

    /// Back to `_` between two connections: the per-connection counters start again at 0.
    public func becomeReady() {
        connectionCount = 0
        connectionBytes = 0
        state = .ready
    }

    /// Adds one served request to the three counters, as Apache does.
    public func countRequest(bytes: Int, durationUs: Int64) {
        accessCount += 1; myAccessCount += 1; connectionCount += 1
        bytesServed += bytes; myBytesServed += bytes; connectionBytes += bytes
        duration += durationUs
    }

    private func readString(_ word: Int, _ count: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 8)
        for i in 0..<count {
            var w = UInt64(bitPattern: Int64(load(base, word + i)))
            for _ in 0..<8 {
                let b = UInt8(truncatingIfNeeded: w)
                if b == 0 { return String(decoding: bytes, as: UTF8.self) }
                bytes.append(b)
                w >>= 8
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func writeString(_ s: String, _ word: Int, _ count: Int) {
        let bytes = Array(s.utf8.prefix(count * 8 - 1))
        bytes.withUnsafeBufferPointer { writeBytes($0, word, count) }
    }

    /// Stores `bytes` (at most count × 8 − 1 of them), NUL-padded, in `count` words.
    private func writeBytes(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Int, _ count: Int) {
        for i in 0..<count {
            var w: UInt64 = 0
            for j in (0..<8).reversed() {
                let k = i * 8 + j
                w = (w << 8) | UInt64(k < bytes.count ? bytes[k] : 0)
            }
            store(base, word + i, Int(Int64(bitPattern: w)))
        }
    }
}
