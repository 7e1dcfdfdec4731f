// After the configuration is read, each MPM corrects values that cannot work together, in
// Apache's order and with Apache's warning texts (prefork_check_config, worker_check_config,
// event_check_config, then the silent adjustments at the start of each MPM's run hook). The
// order matters: MaxRequestWorkers is rounded to a multiple of ThreadsPerChild *after*
// ThreadsPerChild has been fitted under ThreadLimit, so one bad value can cascade into two
// warnings — a good exercise in reading `mpmd -t` output.

struct MPMClamps {
    var settings: MPMSettings
    let mpm: MPMKind
    /// The line that set each directive, to point warnings at it.
    let origins: [String: SourceLocation]
    private(set) var warnings: [ConfigWarning] = []

    init(_ settings: MPMSettings, mpm: MPMKind, origins: [String: SourceLocation]) {
        self.settings = settings
        self.mpm = mpm
        self.origins = origins
    }

    private mutating func warn(_ directive: String, _ message: String) {
        warnings.append(ConfigWarning(message, at: origins[directive]))
    }

    /// Runs every check for the MPM and returns the corrected settings.
    static func apply(_ raw: MPMSettings, mpm: MPMKind,
                      origins: [String: SourceLocation]) -> (MPMSettings, [ConfigWarning]) {
        var clamps = MPMClamps(raw, mpm: mpm, origins: origins)
        clamps.clampServerLimit()
        if mpm == .prefork {
            clamps.checkPrefork()
        } else {
            clamps.checkThreaded()
        }
        return (clamps.settings, clamps.warnings)
    }

    private mutating func clampServerLimit() {
        let max = MPMSettings.maxServerLimit(for: mpm)
        if settings.serverLimit > max {
            warn("ServerLimit", "ServerLimit of \(settings.serverLimit) exceeds compile-time limit of \(max) servers, decreasing to \(max).")
            settings.serverLimit = max
        } else if settings.serverLimit < 1 {
            warn("ServerLimit", "ServerLimit of \(settings.serverLimit) not allowed, increasing to 1.")
            settings.serverLimit = 1
        }
    }

    /// prefork: one thread per child, so MaxRequestWorkers counts children.
    private mutating func checkPrefork() {
        var s = settings
        if s.maxRequestWorkers > s.serverLimit {
            warn("MaxRequestWorkers", "MaxRequestWorkers of \(s.maxRequestWorkers) exceeds ServerLimit value of \(s.serverLimit) servers, decreasing MaxRequestWorkers to \(s.serverLimit). To increase, please see the ServerLimit directive.")
            s.maxRequestWorkers = s.serverLimit
        } else if s.maxRequestWorkers < 1 {
            warn("MaxRequestWorkers", "MaxRequestWorkers of \(s.maxRequestWorkers) not allowed, increasing to 1.")
            s.maxRequestWorkers = 1
        }
        if s.startServers < 1 {
            warn("StartServers", "StartServers of \(s.startServers) not allowed, increasing to 1.")
            s.startServers = 1
        }
        if s.minSpareServers < 1 {
            warn("MinSpareServers", "MinSpareServers of \(s.minSpareServers) not allowed, increasing to 1 to avoid almost certain server failure. Please read the documentation.")
            s.minSpareServers = 1
        }
        // prefork_run, silently: keep a gap between the two spare bounds (one listener bucket),
        // and never start more children than may ever be alive.
        if s.maxSpareServers < s.minSpareServers + 1 { s.maxSpareServers = s.minSpareServers + 1 }
        if s.startServers > s.maxRequestWorkers { s.startServers = s.maxRequestWorkers }
        s.threadLimit = 1
        s.threadsPerChild = 1
        settings = s
    }

    /// worker and event: children of ThreadsPerChild threads each.
    private mutating func checkThreaded() {
        var s = settings
        let maxThreads = MPMSettings.maxThreadLimit(for: mpm)
        if s.threadLimit > maxThreads {
            warn("ThreadLimit", "ThreadLimit of \(s.threadLimit) exceeds compile-time limit of \(maxThreads) threads, decreasing to \(maxThreads).")
            s.threadLimit = maxThreads
        } else if s.threadLimit < 1 {
            warn("ThreadLimit", "ThreadLimit of \(s.threadLimit) not allowed, increasing to 1.")
            s.threadLimit = 1
        }
        if s.threadsPerChild > s.threadLimit {
            warn("ThreadsPerChild", "ThreadsPerChild of \(s.threadsPerChild) exceeds ThreadLimit of \(s.threadLimit) threads, decreasing to \(s.threadLimit). To increase, please see the ThreadLimit directive.")
            s.threadsPerChild = s.threadLimit
        } else if s.threadsPerChild < 1 {
            warn("ThreadsPerChild", "ThreadsPerChild of \(s.threadsPerChild) not allowed, increasing to 1.")
            s.threadsPerChild = 1
        }
        if s.maxRequestWorkers < s.threadsPerChild {
            warn("MaxRequestWorkers", "MaxRequestWorkers of \(s.maxRequestWorkers) is less than ThreadsPerChild of \(s.threadsPerChild), increasing to \(s.threadsPerChild). MaxRequestWorkers must be at least as large as the number of threads in a single server.")
            s.maxRequestWorkers = s.threadsPerChild
        }
        var children = s.maxRequestWorkers / s.threadsPerChild
        if s.maxRequestWorkers % s.threadsPerChild != 0 {
            let rounded = children * s.threadsPerChild
            warn("MaxRequestWorkers", "MaxRequestWorkers of \(s.maxRequestWorkers) is not an integer multiple of ThreadsPerChild of \(s.threadsPerChild), decreasing to nearest multiple \(rounded), for a maximum of \(children) servers.")
            s.maxRequestWorkers = rounded
        }
        if children > s.serverLimit {
            let capped = s.serverLimit * s.threadsPerChild
            warn("MaxRequestWorkers", "MaxRequestWorkers of \(s.maxRequestWorkers) would require \(children) servers and would exceed ServerLimit of \(s.serverLimit), decreasing to \(capped). To increase, please see the ServerLimit directive.")
            s.maxRequestWorkers = capped
            children = s.serverLimit
        }
        if s.startServers < 1 {
            warn("StartServers", "StartServers of \(s.startServers) not allowed, increasing to 1.")
            s.startServers = 1
        }
        if s.minSpareThreads < 1 {
            warn("MinSpareThreads", "MinSpareThreads of \(s.minSpareThreads) not allowed, increasing to 1 to avoid almost certain server failure. Please read the documentation.")
            s.minSpareThreads = 1
        }
        // The run hook, silently (one listener bucket): room for a whole child between the
        // spare bounds, so stopping one child never drops below MinSpareThreads at once.
        if s.maxSpareThreads < s.minSpareThreads + s.threadsPerChild + 1 {
            s.maxSpareThreads = s.minSpareThreads + s.threadsPerChild + 1
        }
        if s.startServers > children { s.startServers = children }
        if mpm == .worker { s.asyncRequestWorkerFactor = 0 }
        settings = s
    }
}
