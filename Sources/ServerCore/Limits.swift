// Every fixed number of mpmd in one place, with where it comes from: Apache's compiled-in
// constants where mpmd follows Apache, and mpmd's own choices otherwise. Configuration
// directives (Timeout, KeepAliveTimeout, the MPM settings) are not here: they live in Config.

public enum Limits {
    // MARK: the master

    /// How often the master runs idle maintenance (Apache's one-second ap_wait_or_timeout).
    public static let maintenanceIntervalMs: Int64 = 1000
    /// Stopping children (Apache's ap_reclaim_child_processes): TERM is sent again at each of
    /// these times after the first, KILL at `killAfterMs`, and the master gives up at
    /// `giveUpAfterMs`.
    public static let resendTermAtMs: [Int64] = [3000, 5000, 7000]
    public static let killAfterMs: Int64 = 9000
    public static let giveUpAfterMs: Int64 = 10_000
    /// A hard restart waits at most this long for the old generation before starting the new.
    public static let hardRestartWaitMs: Int64 = 10_000
    /// Most children forked in one maintenance round (Apache's MAX_SPAWN_RATE): the rate
    /// doubles each round while short of idle workers, 1, 2, 4 ... 32.
    public static let maxSpawnRate = 32
    /// Rounds after a graceful restart during which the spawn rate does not double (Apache's
    /// hold_off_on_exponential_spawning): the new generation's children are still starting.
    public static let spawnHoldOffRounds = 10

    // MARK: children

    /// A blocking wait in a child (accept, the main thread's sleep) returns at least this often,
    /// so that a flag set by a signal that arrived just before the wait is seen.
    public static let flagCheckMs = 1000
    /// How often the main thread of a threaded child nudges its threads while they finish.
    public static let threadNudgeMs = 100
    /// malloc arenas of a threaded child (see Process.limitMallocArenas).
    public static let mallocArenas = 2
    /// Stack of each worker or listener thread: enough for mpmd, small enough to keep a
    /// thread's cost low (lab 4 measures it).
    public static let threadStackBytes = 256 * 1024

    // MARK: connections

    /// Lingering close (Apache's MAX_SECS_TO_LINGER and SECONDS_TO_LINGER): after our FIN,
    /// read and discard for at most 30 s, giving up after 2 s without a byte; after a
    /// keep-alive timeout, 2 s in all.
    public static let lingerMaxMs = 30_000
    public static let lingerQuietMs = 2000
    /// Read buffer of each serving thread.
    public static let readBufferBytes = 64 * 1024
    /// Read buffer of event's listener thread (request heads and lingering input).
    public static let listenerReadBufferBytes = 16 * 1024
    /// Largest piece of a file body handed to one sendfile call.
    public static let sendfileChunkBytes = 1 << 20
    /// Static files up to this size are kept in memory (FileCache), within this total per
    /// process; larger ones are sent with sendfile.
    public static let cachedFileMaxBytes = 32 * 1024
    public static let fileCacheBytes = 1024 * 1024
    /// Events one epoll_wait of event's listener returns at most.
    public static let listenerEpollEvents = 512
}
