// Shared helpers: where the repository and the fixtures are (found by walking up from this
// file, so tests run from any directory), the compiled schemas, the fixture course, and
// scratch directories.
import LabKit
import Posix
import XML

enum TestSupport {
    /// The repository root: the nearest folder above this file holding Package.swift.
    static let repositoryRoot: String = {
        var directory = FileSystem.dirname(of: #filePath)
        while directory != "/" {
            if FileSystem.exists(directory + "/Package.swift") { return directory }
            directory = FileSystem.dirname(of: directory)
        }
        preconditionFailure("no Package.swift above \(#filePath)")
    }()

    static let fixtures = repositoryRoot + "/Tests/LabKitTests/Fixtures"
    /// A small course laid out like the repository: labs/course/*.xml, labs/*/lab.xml, reports/.
    static let fixtureCourse = fixtures + "/course"

    static let schemas: SchemaSet = {
        do { return try SchemaSet(directory: repositoryRoot + "/labs/schema") } catch {
            preconditionFailure("schemas do not compile: \(error)")
        }
    }()

    static var validator: DocumentValidator { DocumentValidator(schemas: schemas, repositoryRoot: repositoryRoot) }

    /// The fixture course with its two reports.
    static func loadFixtureCourse() throws -> (course: Course, problems: [XMLProblem], failed: [String]) {
        try Course.load(root: fixtureCourse, reports: fixtureCourse + "/reports", validator: validator)
    }

    /// Directive entries standing in for the configuration's tables.
    static let directives = [
        DirectiveEntry(name: "MaxRequestWorkers", syntax: "MaxRequestWorkers number", defaultText: "256 (prefork), 400 (worker, event)",
                       contexts: ["server config"], mpms: ["prefork", "worker", "event"],
                       helpEN: "Maximum number of connections served at once.", helpFR: "Nombre maximal de connexions servies en même temps."),
        DirectiveEntry(name: "KeepAlive", syntax: "KeepAlive On|Off", defaultText: "On", contexts: ["server config", "virtual host"], mpms: [],
                       helpEN: "Whether a connection may carry several requests.", helpFR: "Si une connexion peut porter plusieurs requêtes."),
    ]

    /// A fresh, empty scratch directory.
    static func scratchDirectory(_ name: String) throws -> String {
        let path = "/tmp/mpmlab-tests-\(name)-\(UInt32.random(in: 0...UInt32.max))"
        try FileSystem.remove(path)
        try FileSystem.makeDirectories(path)
        return path
    }

    /// Whether golden files should be re-recorded instead of compared.
    static var recording: Bool { Environment.value("MPMLAB_RECORD") == "1" }
}

/// The one environment variable the tests read.
enum Environment {
    static func value(_ name: String) -> String? {
        // /proc/self/environ avoids importing Glibc here: NUL-separated NAME=value pairs.
        guard let bytes = try? FileSystem.readBytes("/proc/self/environ") else { return nil }
        for entry in bytes.split(separator: 0) {
            let text = String(decoding: entry, as: UTF8.self)
            if text.hasPrefix(name + "=") { return String(text.dropFirst(name.count + 1)) }
        }
        return nil
    }
}
