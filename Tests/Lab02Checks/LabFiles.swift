// Where lab 2's checks find their files. The lab's own configuration comes from the repository
// (`labs/02-threads/lab.conf`); the student's work (`student.conf`, `answers.txt`) from the
// submission folder, which is the lab folder unless the grader points elsewhere with
// MPMLAB_SUBMISSION. The repository is MPMLAB_ROOT, else the nearest folder above the current
// directory holding labs/schema/ (`swift test` runs at the package root).
import LabCheckKit
import Posix
import ServerHarness

enum LabFiles {
    static let labFolder = "labs/02-threads"

    static var repositoryRoot: String {
        if let root = Process.environment("MPMLAB_ROOT") { return root }
        var directory = FileSystem.currentDirectory()
        while directory != "/" {
            if FileSystem.isDirectory(directory + "/labs/schema") { return directory }
            directory = FileSystem.dirname(of: directory)
        }
        return FileSystem.currentDirectory()
    }

    /// Where the student's files are.
    static var submission: String {
        Process.environment("MPMLAB_SUBMISSION") ?? repositoryRoot + "/" + labFolder
    }

    static var studentConfigPath: String { submission + "/student.conf" }
    static var answersPath: String { submission + "/answers.txt" }

    /// The lab's configuration, as `mpmlab start 2` runs it.
    static func labConfig() throws -> String {
        try FileSystem.readText(repositoryRoot + "/" + labFolder + "/lab.conf")
    }
}

/// The experiments' windows on the server: server-status and the lab handler, from this machine.
let observationLocations = """

    ExtendedStatus On
    <Location /server-status>
        SetHandler server-status
    </Location>
    <Location /lab>
        SetHandler lab
    </Location>

    """

/// A check that could not even start its experiment: the grader reports it as an error, not a
/// failure, since nothing about the student's work was judged.
struct SetupError: Error, CustomStringConvertible {
    let description: String
    init(_ why: String) { description = "setup: " + why }
}

extension TestServer {
    /// mpmd with the lab's own configuration (worker, four threads per child), the settings in
    /// `worker` appended after the file so that they win, listening on a free port.
    static func lab(_ worker: String) throws -> TestServer {
        let text: String
        do { text = try LabFiles.labConfig() } catch { throw SetupError("cannot read \(LabFiles.labFolder)/lab.conf: \(error)") }
        do {
            return try TestServer.start(config: text + "\n" + worker + "\n",
                                        arguments: ["-C", "Define MPMD_LISTEN 127.0.0.1:0"])
        } catch {
            throw SetupError("the lab's server did not start: \(error)")
        }
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
