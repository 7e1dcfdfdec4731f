// Two clocks: the monotonic one measures durations and deadlines (it never jumps when an
// administrator sets the date), the wall clock stamps logs and `Date` headers.
import Glibc

public enum MonotonicClock {
    /// Milliseconds since an arbitrary fixed point.
    public static func nowMs() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    /// Microseconds since an arbitrary fixed point.
    public static func nowUs() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000
    }
}

public enum WallClock {
    /// Seconds since the Unix epoch.
    public static func now() -> Int64 { Int64(time(nil)) }

    /// Microseconds since the Unix epoch.
    public static func nowUs() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000
    }

    /// `strftime` in the local time zone (logs use the server's local time, like Apache's).
    public static func formatLocal(_ seconds: Int64, _ format: String) -> String {
        var t = time_t(seconds)
        var tmv = tm()
        localtime_r(&t, &tmv)
        var buf = [CChar](repeating: 0, count: 128)
        let n = strftime(&buf, buf.count, format, &tmv)
        return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The system load averages (1, 5 and 15 minutes), as `server-status` reports them.
    public static func loadAverages() -> (Double, Double, Double) {
        var loads = [Double](repeating: 0, count: 3)
        _ = getloadavg(&loads, 3)
        return (loads[0], loads[1], loads[2])
    }
}

/// Sleeps the calling thread (used by the lab handler's `/lab/sleep` and by maintenance loops
/// of children, never by the master, which waits in epoll).
public func sleepMs(_ ms: Int) {
    var ts = timespec(tv_sec: ms / 1000, tv_nsec: (ms % 1000) * 1_000_000)
    var rem = timespec()
    while nanosleep(&ts, &rem) == -1 && currentErrno() == EINTR { ts = rem }
}
