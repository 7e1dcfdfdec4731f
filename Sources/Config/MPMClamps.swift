// After the configuration is read, each MPM corrects values that cannot work together, in
// Apache's order and with Apache's warning texts (prefork_check_config, worker_check_config,
// event_check_config, then the silent adjustments at the start of each MPM's run hook). The
// order matters: MaxRequestWorkers is rounded to a multiple of ThreadsPerChild *after*
// ThreadsPerChild has been fitted under ThreadLimit, so one bad value can cascade into two
// warnings. On a restart Apache words its warnings differently (they go to the error log, not
// the console) and keeps ServerLimit and ThreadLimit: the scoreboard was sized with them.

/// The scoreboard dimensions of the running server, which a restart may not change.
struct RetainedLimits {
    let serverLimit: Int
    let threadLimit: Int
}

struct MPMClamps {
    private var s: MPMSettings
    private let mpm: MPMKind
    /// The line that set each directive, to point warnings at it.
    private let origins: [String: SourceLocation]
    /// Set when re-reading the configuration of a running server.
    private let retained: RetainedLimits?
    private var warnings: [ConfigWarning] = []

    /// Runs every check for the MPM and returns the corrected settings.
    static func apply(_ raw: MPMSettings, mpm: MPMKind, origins: [String: SourceLocation],
                      retained: RetainedLimits? = nil) -> (MPMSettings, [ConfigWarning]) {
        var clamps = MPMClamps(s: raw, mpm: mpm, origins: origins, retained: retained)
        clamps.checkServerLimit()
        if mpm == .prefork {
            clamps.checkPrefork()
        } else {
            clamps.checkThreaded()
        }
        return (clamps.s, clamps.warnings)
    }

    /// Apache has two texts per correction: the console one at first start, the log one after.
    private mutating func warn(_ directive: String, startup: String, restart: String) {
        warnings.append(ConfigWarning(retained == nil ? startup : restart, at: origins[directive]))
    }

    private mutating func checkServerLimit() {
        let max = MPMSettings.maxServerLimit(for: mpm)
        if s.serverLimit > max {
            warn("ServerLimit", startup: "ServerLimit of \(s.serverLimit) exceeds compile-time limit of \(max) servers, decreasing to \(max).",
                 restart: "ServerLimit of \(s.serverLimit) exceeds compile-time limit of \(max), decreasing to match")
            s.serverLimit = max
        } else if s.serverLimit < 1 {
            warn("ServerLimit", startup: "ServerLimit of \(s.serverLimit) not allowed, increasing to 1.",
                 restart: "ServerLimit of \(s.serverLimit) not allowed, increasing to 1")
            s.serverLimit = 1
        }
        if let retained, s.serverLimit != retained.serverLimit {
            warnings.append(ConfigWarning("changing ServerLimit to \(s.serverLimit) from original value of \(retained.serverLimit) not allowed during restart",
                                          at: origins["ServerLimit"]))
            s.serverLimit = retained.serverLimit
        }
    }

    /// prefork: one thread per child, so MaxRequestWorkers counts children.
    private mutating func checkPrefork() {
        if s.maxRequestWorkers > s.serverLimit {
            warn("MaxRequestWorkers", startup: "MaxRequestWorkers of \(s.maxRequestWorkers) exceeds ServerLimit value of \(s.serverLimit) servers, decreasing MaxRequestWorkers to \(s.serverLimit). To increase, please see the ServerLimit directive.",
                 restart: "MaxRequestWorkers of \(s.maxRequestWorkers) exceeds ServerLimit value of \(s.serverLimit), decreasing to match")
            s.maxRequestWorkers = s.serverLimit
        } else if s.maxRequestWorkers < 1 {
            warn("MaxRequestWorkers", startup: "MaxRequestWorkers of \(s.maxRequestWorkers) not allowed, increasing to 1.",
                 restart: "MaxRequestWorkers of \(s.maxRequestWorkers) not allowed, increasing to 1")
            s.maxRequestWorkers = 1
        }
        checkStartServers()
        if s.minSpareServers < 1 {
            warn("MinSpareServers", startup: "MinSpareServers of \(s.minSpareServers) not allowed, increasing to 1 to avoid almost certain server failure. Please read the documentation.",
                 restart: "MinSpareServers of \(s.minSpareServers) not allowed, increasing to 1")
            s.minSpareServers = 1
        }
        // prefork_run, silently: keep a gap between the two spare bounds (one listener bucket),
        // and never start more children than may ever be alive.
        if s.maxSpareServers < s.minSpareServers + 1 { s.maxSpareServers = s.minSpareServers + 1 }
        if s.startServers > s.maxRequestWorkers { s.startServers = s.maxRequestWorkers }
        s.threadLimit = 1
        s.threadsPerChild = 1
    }

    /// worker and event: children of ThreadsPerChild threads each.
    private mutating func checkThreaded() {
        let maxThreads = MPMSettings.maxThreadLimit(for: mpm)
        if s.threadLimit > maxThreads {
            warn("ThreadLimit", startup: "ThreadLimit of \(s.threadLimit) exceeds compile-time limit of \(maxThreads) threads, decreasing to \(maxThreads).",
                 restart: "ThreadLimit of \(s.threadLimit) exceeds compile-time limit of \(maxThreads), decreasing to match")
            s.threadLimit = maxThreads
        } else if s.threadLimit < 1 {
            warn("ThreadLimit", startup: "ThreadLimit of \(s.threadLimit) not allowed, increasing to 1.",
                 restart: "ThreadLimit of \(s.threadLimit) not allowed, increasing to 1")
            s.threadLimit = 1
        }
        if let retained, s.threadLimit != retained.threadLimit {
            warnings.append(ConfigWarning("changing ThreadLimit to \(s.threadLimit) from original value of \(retained.threadLimit) not allowed during restart",
                                          at: origins["ThreadLimit"]))
            s.threadLimit = retained.threadLimit
        }
        if s.threadsPerChild > s.threadLimit {
            warn("ThreadsPerChild", startup: "ThreadsPerChild of \(s.threadsPerChild) exceeds ThreadLimit of \(s.threadLimit) threads, decreasing to \(s.threadLimit). To increase, please see the ThreadLimit directive.",
                 restart: "ThreadsPerChild of \(s.threadsPerChild) exceeds ThreadLimit of \(s.threadLimit), decreasing to match")
            s.threadsPerChild = s.threadLimit
        } else if s.threadsPerChild < 1 {
            warn("ThreadsPerChild", startup: "ThreadsPerChild of \(s.threadsPerChild) not allowed, increasing to 1.",
                 restart: "ThreadsPerChild of \(s.threadsPerChild) not allowed, increasing to 1")
            s.threadsPerChild = 1
        }
        if s.maxRequestWorkers < s.threadsPerChild {
            warn("MaxRequestWorkers", startup: "MaxRequestWorkers of \(s.maxRequestWorkers) is less than ThreadsPerChild of \(s.threadsPerChild), increasing to \(s.threadsPerChild). MaxRequestWorkers must be at least as large as the number of threads in a single server.",
                 restart: "MaxRequestWorkers of \(s.maxRequestWorkers) is less than ThreadsPerChild of \(s.threadsPerChild), increasing to match")
            s.maxRequestWorkers = s.threadsPerChild
        }
        var children = s.maxRequestWorkers / s.threadsPerChild
        if s.maxRequestWorkers % s.threadsPerChild != 0 {
            let rounded = children * s.threadsPerChild
            warn("MaxRequestWorkers", startup: "MaxRequestWorkers of \(s.maxRequestWorkers) is not an integer multiple of ThreadsPerChild of \(s.threadsPerChild), decreasing to nearest multiple \(rounded), for a maximum of \(children) servers.",
                 restart: "MaxRequestWorkers of \(s.maxRequestWorkers) is not an integer multiple of ThreadsPerChild of \(s.threadsPerChild), decreasing to nearest multiple \(rounded)")
            s.maxRequestWorkers = rounded
        }
        if children > s.serverLimit {
            let capped = s.serverLimit * s.threadsPerChild
            warn("MaxRequestWorkers", startup: "MaxRequestWorkers of \(s.maxRequestWorkers) would require \(children) servers and would exceed ServerLimit of \(s.serverLimit), decreasing to \(capped). To increase, please see the ServerLimit directive.",
                 restart: "MaxRequestWorkers of \(s.maxRequestWorkers) would require \(children) servers and exceed ServerLimit of \(s.serverLimit), decreasing to \(capped)")
            s.maxRequestWorkers = capped
            children = s.serverLimit
        }
        checkStartServers()
        if s.minSpareThreads < 1 {
            warn("MinSpareThreads", startup: "MinSpareThreads of \(s.minSpareThreads) not allowed, increasing to 1 to avoid almost certain server failure. Please read the documentation.",
                 restart: "MinSpareThreads of \(s.minSpareThreads) not allowed, increasing to 1")
            s.minSpareThreads = 1
        }
        // The run hook, silently (one listener bucket): room for a whole child between the
        // spare bounds, so stopping one child never drops below MinSpareThreads at once.
        if s.maxSpareThreads < s.minSpareThreads + s.threadsPerChild + 1 {
            s.maxSpareThreads = s.minSpareThreads + s.threadsPerChild + 1
        }
        if s.startServers > children { s.startServers = children }
        if mpm == .worker { s.asyncRequestWorkerFactor = 0 }
    }

    private mutating func checkStartServers() {
        if s.startServers < 1 {
            warn("StartServers", startup: "StartServers of \(s.startServers) not allowed, increasing to 1.",
                 restart: "StartServers of \(s.startServers) not allowed, increasing to 1")
            s.startServers = 1
        }
    }
}
