// Where lab 4's checks find their files. The lab's own configuration comes from the repository
// (`labs/04-sizing/lab.conf`); the student's work (`student.conf`, `answers.txt`) from the
// submission folder, which is the lab folder unless the grader points elsewhere with
// MPMLAB_SUBMISSION. The repository is MPMLAB_ROOT, else the nearest folder above the current
// directory holding labs/schema/ (`swift test` runs at the package root).
import LabCheckKit
import Posix
import ServerHarness

enum LabFiles {
    static let labFolder = "labs/04-sizing"

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

    /// The lab's configuration, as `mpmlab start 4` runs it.
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
    /// mpmd with the lab's own configuration under `mpm` (the file loads prefork and holds
    /// each MPM's section; the LoadModule line is swapped), the settings in `extra` appended
    /// after the file so that they win, listening on a free port.
    static func lab(_ mpm: String, _ extra: String) throws -> TestServer {
        var text: String
        do { text = try LabFiles.labConfig() } catch { throw SetupError("cannot read \(LabFiles.labFolder)/lab.conf: \(error)") }
        text = text.replacing("LoadModule mpm_prefork_module", with: "LoadModule mpm_\(mpm)_module")
        do {
            return try TestServer.start(config: text + "\n" + extra + "\n",
                                        arguments: ["-C", "Define MPMD_LISTEN 127.0.0.1:0"])
        } catch {
            throw SetupError("the lab's server did not start: \(error)")
        }
    }

    /// Holds `count` workers busy for `ms` at once, so that each has served a request.
    func load(_ count: Int, ms: Int) throws -> [[String: String]] {
        let server = self
        return try concurrently(count) { _ in parseFlatJSON(try server.get("/lab/sleep?ms=\(ms)", timeoutMs: ms + 20_000).text) }
    }

    /// The master and its children, now.
    func processes() -> [Int32] { [pid] + children() }
}
