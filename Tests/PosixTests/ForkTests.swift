// fork() and shared memory, the two things prefork is made of: a MAP_SHARED mapping made before
// fork is the same memory in both processes (the scoreboard), while ordinary memory is copied;
// and fork() refuses to run in a process that has other threads.
@_spi(Testing) import Posix
import Synchronization
import Testing

@Suite("Posix: fork and shared memory")
struct ForkTests {
    /// Forks a child that runs `body` (atomics only), waits for it, and returns its status.
    func inChild(_ body: () -> Void) throws -> Posix.ExitStatus? {
        let pid = try Process.forkUnchecked()
        if pid == 0 {
            body()
            Process.exitImmediately(0)
        }
        let status = Process.wait(for: pid, timeoutMs: 10_000)
        if status == nil { Process.kill(pid, Signal.kill); _ = Process.wait(for: pid, timeoutMs: 2000) }
        return status
    }

    @Test("A shared mapping made before fork is seen by both processes; ordinary memory is not")
    func sharedMemoryAcrossFork() throws {
        let shared = try SharedMemory(size: 64)
        let word = shared.base.bindMemory(to: Atomic<Int>.self, capacity: 1)
        word.initialize(to: Atomic<Int>(1))
        let privateWord = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: 1)
        privateWord.initialize(to: Atomic<Int>(1))
        defer { privateWord.deallocate() }
        let status = try inChild {
            word.pointee.store(42, ordering: .relaxed)
            privateWord.pointee.store(42, ordering: .relaxed)
        }
        #expect(status == .exited(0))
        #expect(word.pointee.load(ordering: .relaxed) == 42, "the child's write reached the parent through MAP_SHARED")
        #expect(privateWord.pointee.load(ordering: .relaxed) == 1, "private memory was copied: the child wrote its own copy")
        #expect(shared.size % 4096 == 0, "rounded up to whole pages")
    }

    @Test("fork() refuses a process with other threads, and a forked child has exactly one")
    func singleThreadCheck() throws {
        #expect(Process.threadCount() > 1, "the test runner has many threads")
        let refusal = try #require(Process.forkRefusal(), "this process is not safe to fork")
        #expect(refusal.contains("refusing to fork: this process has \(Process.threadCount())") || refusal.contains("refusing to fork"))
        // Only the calling thread exists in the child: there, the check passes.
        let shared = try SharedMemory(size: 64)
        let answer = shared.base.bindMemory(to: Atomic<Int>.self, capacity: 1)
        answer.initialize(to: Atomic<Int>(-1))
        let status = try inChild {
            answer.pointee.store(Process.forkRefusal() == nil ? Process.threadCount() : 0, ordering: .relaxed)
        }
        #expect(status == .exited(0))
        #expect(answer.pointee.load(ordering: .relaxed) == 1, "the child has one thread and may fork in turn")
    }

    @Test("A child's exit code and killing signal are told apart")
    func exitStatuses() throws {
        #expect(try inChild { Process.exitImmediately(3) } == .exited(3))
        #expect(try inChild { Process.kill(Process.id, Signal.kill) } == .signaled(Signal.kill, coreDumped: false))
    }
}
