// Lab 2's files and servers: the shared LabFolder (LabCheckKit) pointed at labs/02-threads,
// and the few helpers only this lab's checks use.
import LabCheckKit
import Posix
import ServerHarness

let labFiles = LabFolder("labs/02-threads")

extension TestServer {
    /// mpmd with the lab's own configuration (worker, four threads per child), the settings in
    /// `worker` appended after the file so that they win, listening on a free port.
    static func lab(_ worker: String, studentCode: Bool = false) throws -> TestServer {
        try labFiles.startServer(worker, studentCode: studentCode)
    }

    /// The lab's server with a single child of `threads` worker threads, and no second child
    /// while the check runs (so every request is served inside one process).
    static func oneChild(threads: Int, studentCode: Bool = false) throws -> TestServer {
        let server = try lab("""
            StartServers 1
            ServerLimit 1
            ThreadsPerChild \(threads)
            MaxRequestWorkers \(threads)
            MinSpareThreads 1
            MaxSpareThreads \(threads)
            """, studentCode: studentCode)
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

/// The server answered something that is not the lab handler's JSON with a whole `value`:
/// nothing can be concluded about a race from it.
struct NotACounterAnswer: Error, CustomStringConvertible {
    let description: String
}

/// `value` as the JSON of the lab handler writes it.
func valueOf(_ answer: [String: String]) throws -> Int {
    guard let text = answer["value"], let value = Int(text) else {
        throw NotACounterAnswer(description: "the server's answer has no whole \"value\": \(answer)")
    }
    return value
}

extension TestServer {
    /// `path` requested `perClient` times by each of `clients` clients at once, each on one
    /// kept-alive connection (so requests follow each other as fast as the server answers);
    /// the JSON answers, flattened.
    func hammerKeptAlive(_ path: String, clients: Int, perClient: Int, timeoutMs: Int = 10_000) throws -> [[String: String]] {
        let server = self
        return try concurrently(clients) { _ in
            var connection = try server.connect()
            return try (0..<perClient).map { _ in
                let response = try connection.request(path, timeoutMs: timeoutMs)
                // MaxKeepAliveRequests ends a connection now and then: open the next one.
                if response.headers["Connection"]?.lowercased() == "close" { connection = try server.connect() }
                return parseFlatJSON(response.text)
            }
        }.flatMap { $0 }
    }
}
