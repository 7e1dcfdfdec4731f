// What the grading tests share: the repository (found by walking up from this file), the
// compiled schemas, the repository's labs, scratch folders, and running the built `mpmlab` (or
// a platform's script) as a user would.
import LabKit
import Posix
import XML

enum GradingSupport {
    static let repositoryRoot: String = {
        var directory = FileSystem.dirname(of: #filePath)
        while directory != "/" {
            if FileSystem.exists(directory + "/Package.swift") { return directory }
            directory = FileSystem.dirname(of: directory)
        }
        preconditionFailure("no Package.swift above \(#filePath)")
    }()

    static let schemas: SchemaSet = {
        LibXML.initialize()
        do { return try SchemaSet(directory: repositoryRoot + "/labs/schema") } catch {
            preconditionFailure("schemas do not compile: \(error)")
        }
    }()

    /// Every lab of the repository, read through the validator (a broken lab is a test failure).
    static func labs() throws -> [Lab] {
        let validator = DocumentValidator(schemas: schemas, repositoryRoot: repositoryRoot)
        return try LabDirectory.all(root: repositoryRoot).map { folder in
            let outcome = validator.check(file: folder + "/lab.xml")
            guard case .lab(let lab)? = outcome.document, outcome.problems.isEmpty else {
                throw LabKitError.problems(outcome.problems)
            }
            return lab
        }
    }

    static func scratchDirectory(_ name: String) throws -> String {
        try FileSystem.makeTemporaryDirectory(prefix: "mpmlab-grading-\(name)")
    }

    /// Runs the built mpmlab (beside this test bundle) with `arguments`; `environment` entries
    /// are added to this process's own.
    static func mpmlab(_ arguments: [String], environment: [String] = [], timeoutMs: Int = 60_000) throws -> (status: ExitStatus?, output: String) {
        try run(products + "/mpmlab", arguments, environment: environment, timeoutMs: timeoutMs)
    }

    /// The folder holding the built programs (mpmd, mpmlab, this test bundle...).
    static var products: String { FileSystem.dirname(of: Process.executablePath()) }

    /// Runs `program` with `arguments` in `directory`; `environment` entries are added to this
    /// process's own (replacing those of the same name). Killed after `timeoutMs`.
    static func run(_ program: String, _ arguments: [String], environment: [String] = [], in directory: String? = nil,
                    timeoutMs: Int = 60_000) throws -> (status: ExitStatus?, output: String) {
        let scratch = try scratchDirectory("run")
        defer { try? FileSystem.remove(scratch) }
        let log = scratch + "/output.txt"
        var env = ((try? FileSystem.readBytes("/proc/self/environ")) ?? []).split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        env = env.filter { entry in !environment.contains { entry.hasPrefix(String($0.prefix { $0 != "=" }) + "=") } } + environment
        let pid = try Process.spawn(program, arguments, SpawnOptions(outputPath: log, environment: env, workingDirectory: directory))
        let status = Process.wait(for: pid, timeoutMs: timeoutMs)
        if status == nil { Process.kill(pid, Signal.kill); _ = Process.wait(for: pid, timeoutMs: 2000) }
        return (status, (try? FileSystem.readText(log)) ?? "")
    }
}
