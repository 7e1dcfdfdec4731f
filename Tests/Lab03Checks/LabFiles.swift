// Where lab 3's checks find their files. The lab's own configuration comes from the repository
// (`labs/03-keepalive/lab.conf`); the student's work (`student.conf`, `answers.txt`) from the
// submission folder, which is the lab folder unless the grader points elsewhere with
// MPMLAB_SUBMISSION. The repository is MPMLAB_ROOT, else the nearest folder above the current
// directory holding labs/schema/ (`swift test` runs at the package root).
import HTTP
import LabCheckKit
import Posix
import ServerHarness

enum LabFiles {
    static let labFolder = "labs/03-keepalive"

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

    /// The lab's configuration, as `mpmlab start 3` runs it.
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
    /// mpmd with the lab's own configuration (event, one child of four threads), the MPM
    /// swapped for `mpm` when given (the file's IfModule sections follow it), the settings in
    /// `extra` appended after the file so that they win, listening on a free port.
    static func lab(_ extra: String, mpm: String? = nil) throws -> TestServer {
        var text: String
        do { text = try LabFiles.labConfig() } catch { throw SetupError("cannot read \(LabFiles.labFolder)/lab.conf: \(error)") }
        if let mpm { text = text.replacing("mpm_event_module", with: "mpm_\(mpm)_module") }
        do {
            return try TestServer.start(config: text + "\n" + extra + "\n",
                                        arguments: ["-C", "Define MPMD_LISTEN 127.0.0.1:0"])
        } catch {
            throw SetupError("the lab's server did not start: \(error)")
        }
    }

    /// `count` clients that each sent one request and now keep their connection open, idle.
    func idleKeepAliveClients(_ count: Int) throws -> [HTTPConnection] {
        try (0..<count).map { _ in
            let c = try connect()
            let response = try c.request("/")
            guard response.status == 200 else { throw SetupError("an idle client's first request got \(response.status)") }
            return c
        }
    }

    /// A number from server-status?auto, or nil.
    func statusNumber(_ key: String) -> Int? { (try? status()).flatMap { Int($0[key] ?? "") } }
}

/// The `max` of a `Keep-Alive: timeout=5, max=3` header, or nil.
func keepAliveMax(_ response: HTTPClientResponse) -> Int? {
    guard let header = response.headers["Keep-Alive"], let range = header.firstRange(of: "max=") else { return nil }
    return Int(header[range.upperBound...].prefix { $0.isNumber })
}
