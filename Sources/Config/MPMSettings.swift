// The numbers that size an MPM: how many processes, how many threads each, how many idle ones
// to keep. Each MPM has its own defaults (mpm_default.h in Apache), and after the whole file is
// read each MPM corrects impossible combinations in a fixed order (its `check_config` hook,
// then the start of its `run` hook). The clamps live in MPMClamps.swift; this file holds the
// values and the compile-time ceilings.

public struct MPMSettings: Sendable, Equatable {
    /// Children forked at startup (at most `maxChildren`).
    public var startServers: Int
    /// prefork only: idle children kept ready (the spare pool's lower bound).
    public var minSpareServers: Int
    /// prefork only: idle children above which one is told to exit.
    public var maxSpareServers: Int
    /// worker/event only: idle threads, across all children, kept ready.
    public var minSpareThreads: Int
    /// worker/event only: idle threads above which a child is stopped.
    public var maxSpareThreads: Int
    /// Process slots in the scoreboard; cannot change on a restart.
    public var serverLimit: Int
    /// Thread slots per process in the scoreboard (1 for prefork); cannot change on a restart.
    public var threadLimit: Int
    /// Threads serving connections in each child (1 for prefork).
    public var threadsPerChild: Int
    /// Connections served at once: children (prefork) or threads (worker/event).
    public var maxRequestWorkers: Int
    /// Connections a child serves before it is replaced; 0 = never replaced.
    public var maxConnectionsPerChild: Int
    /// event only: how many connections a child accepts per idle worker (≥ 1).
    public var asyncRequestWorkerFactor: Double
    /// Seconds `graceful-stop` waits for busy children; 0 = as long as it takes.
    public var gracefulShutdownTimeout: Int

    /// The most children alive at once, Apache's `ap_daemons_limit`: MaxRequestWorkers for
    /// prefork, MaxRequestWorkers / ThreadsPerChild for the threaded MPMs.
    public var maxChildren: Int {
        threadsPerChild > 0 ? maxRequestWorkers / threadsPerChild : maxRequestWorkers
    }

    /// The factor as the event MPM uses it: stored ×16 in an integer, then divided back, so
    /// 1.5 behaves as 1 in the accept limit.
    public var effectiveWorkerFactor: Int {
        Int(asyncRequestWorkerFactor * 16) / 16
    }

    /// Apache's defaults for each MPM.
    public static func defaults(for mpm: MPMKind) -> MPMSettings {
        switch mpm {
        case .prefork:
            MPMSettings(startServers: 5, minSpareServers: 5, maxSpareServers: 10,
                        minSpareThreads: 0, maxSpareThreads: 0, serverLimit: 256, threadLimit: 1,
                        threadsPerChild: 1, maxRequestWorkers: 256, maxConnectionsPerChild: 0,
                        asyncRequestWorkerFactor: 0, gracefulShutdownTimeout: 0)
        case .worker, .event:
            MPMSettings(startServers: 3, minSpareServers: 0, maxSpareServers: 0,
                        minSpareThreads: 75, maxSpareThreads: 250, serverLimit: 16, threadLimit: 64,
                        threadsPerChild: 25, maxRequestWorkers: 400, maxConnectionsPerChild: 0,
                        asyncRequestWorkerFactor: mpm == .event ? 2 : 0, gracefulShutdownTimeout: 0)
        }
    }

    /// MAX_SERVER_LIMIT: the ceiling ServerLimit is clamped to.
    public static func maxServerLimit(for mpm: MPMKind) -> Int {
        mpm == .prefork ? 200_000 : 20_000
    }

    /// MAX_THREAD_LIMIT: the ceiling ThreadLimit is clamped to (prefork has one thread).
    public static func maxThreadLimit(for mpm: MPMKind) -> Int {
        switch mpm {
        case .prefork: 1
        case .worker: 20_000
        case .event: 100_000
        }
    }
}
