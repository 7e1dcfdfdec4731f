// Shared memory: a mapping that stays shared after fork. The master maps it before forking,
// so every child inherits the same physical pages and sees the others' writes (the
// scoreboard). Ordinary memory is private after fork: copy-on-write gives each process its own
// copy of any page it writes.
import CLinuxShim
import Glibc

public final class SharedMemory: @unchecked Sendable {
    // @unchecked: the pointer is fixed for the object's life; concurrent access to the bytes
    // goes through atomics (the scoreboard's responsibility), never through this class.
    public let base: UnsafeMutableRawPointer
    public let size: Int

    /// A zero-filled anonymous shared mapping of `size` bytes (rounded up to whole pages).
    public init(size: Int) throws(SystemError) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let rounded = (size + page - 1) / page * page
        guard let p = mmap(nil, rounded, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0),
              p != MAP_FAILED else {
            throw SystemError("mmap", errno: currentErrno())
        }
        base = p
        self.size = rounded
    }

    deinit { munmap(base, size) }
}
