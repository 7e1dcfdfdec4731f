// Lab 2's files and servers: the shared LabFolder (LabCheckKit) pointed at labs/02-threads,
// and the few helpers only this lab's checks use.
import LabCheckKit
import Posix
import ServerHarness

let labFiles = LabFolder("labs/02-threads")

extension TestServer {
    /// mpmd with the lab's own configuration (worker, four threads per child), the settings in
    /// `worker` appended after the file so that they win, listening on a free port.
    static func lab(_ worker: String) throws -> TestServer {
        try labFiles.startServer(worker)
    }

    /// The lab's server with a single child of `threads` worker threads, and no second child
    /// while the check runs (so every request is served inside one process).
    static func oneChild(threads: Int) throws -> TestServer {
        let server = try lab("""
            StartServers 1
            ServerLimit 1
            ThreadsPerChild \(threads)
            MaxRequestWorkers \(threads)
            MinSpareThreads 1
            MaxSpareThreads \(threads)
            """)
        guard waitUntil(timeoutMs: 5000, { server.children().count == 1 }) else {
            server.stop()
            throw SetupError("the server did not settle on one child")
        }
        return server
    }

    /// `path` requested `perClient` times by each of `clients` clients at once, one connection
    /// per request; the JSON answers, flattened.
    func hammer(_ path: String, clients: Int, perClient: Int) throws -> [[String: String]] {
        let server = self
        return try concurrently(clients) { _ in
            try (0..<perClient).map { _ in parseFlatJSON(try server.get(path).text) }
        }.flatMap { $0 }
    }
}

/// `value` as the JSON of the lab handler writes it, or -1.
func valueOf(_ answer: [String: String]) -> Int { Int(answer["value"] ?? "") ?? -1 }
