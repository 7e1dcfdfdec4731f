// Where lab 1's checks find their files. The lab's own configuration comes from the repository
// (`labs/01-processes/lab.conf`); the student's work (`student.conf`, `answers.txt`) from the
// submission folder, which is the lab folder unless the grader points elsewhere with
// MPMLAB_SUBMISSION. The repository is MPMLAB_ROOT, else the nearest folder above the current
// directory holding labs/schema/ (`swift test` runs at the package root).
import Posix
import ServerHarness

enum LabFiles {
    static let labFolder = "labs/01-processes"

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

    /// The lab's configuration, as `mpmlab start 1` runs it.
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
    /// mpmd with the lab's own configuration, the prefork settings replaced by `prefork`
    /// (appended after the file, so they win), listening on a free port.
    static func lab(_ prefork: String) throws -> TestServer {
        let text: String
        do { text = try LabFiles.labConfig() } catch { throw SetupError("cannot read \(LabFiles.labFolder)/lab.conf: \(error)") }
        do {
            return try TestServer.start(config: text + "\n" + prefork + "\n",
                                        arguments: ["-C", "Define MPMD_LISTEN 127.0.0.1:0"])
        } catch {
            throw SetupError("the lab's server did not start: \(error)")
        }
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
