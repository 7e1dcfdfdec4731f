// What every lab's checks share: where the lab's files are, how to start mpmd with the lab's
// own configuration, and how a check says it could not even set its experiment up. The lab's
// configuration comes from the repository (`labs/NN-slug/lab.conf`); the student's work
// (`student.conf`, `answers.txt`) from the submission folder, which is the lab folder unless
// the grader points elsewhere with MPMLAB_SUBMISSION. The repository is MPMLAB_ROOT, else the
// nearest folder above the current directory holding labs/schema/ (`swift test` runs at the
// package root).
import Posix
import ServerHarness

public struct LabFolder: Sendable {
    /// The lab's folder, relative to the repository: `labs/01-processes`.
    public let labFolder: String

    public init(_ labFolder: String) { self.labFolder = labFolder }

    public var repositoryRoot: String {
        if let root = Process.environment("MPMLAB_ROOT") { return root }
        var directory = FileSystem.currentDirectory()
        while directory != "/" {
            if FileSystem.isDirectory(directory + "/labs/schema") { return directory }
            directory = FileSystem.dirname(of: directory)
        }
        return FileSystem.currentDirectory()
    }

    /// Where the student's files are.
    public var submission: String {
        Process.environment("MPMLAB_SUBMISSION") ?? repositoryRoot + "/" + labFolder
    }

    public var studentConfigPath: String { submission + "/student.conf" }
    public var answersPath: String { submission + "/answers.txt" }

    /// The lab's configuration, as `mpmlab start N` runs it.
    public func labConfig() throws -> String {
        try FileSystem.readText(repositoryRoot + "/" + labFolder + "/lab.conf")
    }

    /// mpmd with the lab's own configuration (passed through `rewrite` first), the settings in
    /// `extra` appended after the file so that they win, listening on a free port. Its code
    /// exercises run the starter's module unless `studentCode` (see StudentCode).
    public func startServer(_ extra: String, studentCode: Bool = false, rewrite: (String) -> String = { $0 }) throws -> TestServer {
        let text: String
        do { text = rewrite(try labConfig()) } catch { throw SetupError("cannot read \(labFolder)/lab.conf: \(error)") }
        do {
            return try TestServer.start(config: text + "\n" + extra + "\n",
                                        arguments: StudentCode.serverArguments(student: studentCode) + ["-C", "Define MPMD_LISTEN 127.0.0.1:0"])
        } catch {
            throw SetupError("the lab's server did not start: \(error)")
        }
    }
}

/// The student's configuration does not exist or mpmd refuses it: a failure of the exercise
/// (its checks fail with this message), not a setup error.
public struct StudentConfigError: Error, CustomStringConvertible {
    public let description: String
}

extension LabFolder {
    /// mpmd with the student's `student.conf`, the observation windows added, and `overriding`
    /// (directives that isolate the behaviour a check measures) after the student's own. The
    /// configuration is the student's work here, not their code: any exercise it switches on
    /// runs the starter's module.
    public func startStudentServer(overriding: String = "") throws -> TestServer {
        let path = studentConfigPath
        guard let text = try? FileSystem.readText(path) else {
            throw StudentConfigError(description: "\(path) does not exist: write the exercise's configuration there")
        }
        do {
            return try TestServer.start(config: text + "\n" + overriding + "\n" + observationLocations, arguments: StudentCode.serverArguments(student: false))
        } catch {
            throw StudentConfigError(description: "mpmd does not start with student.conf: \(error)")
        }
    }
}


/// A check that could not even start its experiment: the grader reports it as an error, not a
/// failure, since nothing about the student's work was judged.
public struct SetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ why: String) { description = "setup: " + why }
}

extension AnswersFile {
    /// Why the answer to `key` is not `measured` (nil when it is). The measured value stays
    /// out of the message: it is the answer.
    public func mismatch(_ key: String, _ measured: AnswerValue) -> String? {
        guard let given = self[key] else { return "answers.txt has no valid answer for \"\(key)\"" }
        return given == measured ? nil : "answers.txt line \(lines[key] ?? 0): \(key) = \(given) is not what the live server shows"
    }
}
