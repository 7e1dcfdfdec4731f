// Lab 1's files and servers: the shared LabFolder (LabCheckKit) pointed at labs/01-processes,
// and the few helpers only this lab's checks use.
import LabCheckKit
import Posix
import ServerHarness

let labFiles = LabFolder("labs/01-processes")

extension TestServer {
    /// mpmd with the lab's own configuration, the prefork settings replaced by `prefork`
    /// (appended after the file, so they win), listening on a free port.
    static func lab(_ prefork: String) throws -> TestServer {
        try labFiles.startServer(prefork)
    }

    /// The number of idle and busy children, from server-status. A child serves the status
    /// request itself, and counts as busy while it does: it is counted here as the idle child
    /// it is the rest of the time.
    func workers() -> (idle: Int, busy: Int)? {
        guard let status = try? status(), let idle = Int(status["IdleWorkers"] ?? ""),
              let busy = Int(status["BusyWorkers"] ?? "") else { return nil }
        return (idle + 1, max(0, busy - 1))
    }

    /// Holds `count` children busy for `ms`, from another thread; returns at once (join the
    /// thread to wait for the requests to end).
    func holdBusy(_ count: Int, ms: Int) throws -> PosixThread {
        let server = self
        return try PosixThread.spawn {
            _ = try? concurrently(count) { _ in try server.get("/lab/sleep?ms=\(ms)", timeoutMs: ms + 20_000).status }
        }
    }
}

/// `pid` as the JSON of the lab handler writes it.
func pidOf(_ text: String) -> Int32? { Int32(parseFlatJSON(text)["pid"] ?? "") }

