// What the lab subcommands share: finding lab N in the repository and reading it through the
// validator, so a broken lab.xml is reported as `FILE:LINE: message` instead of half-shown.
import ArgumentParser
import LabKit
import Posix
import XML

enum LabLoading {
    /// Lab `number` of the repository at `root`, validated.
    static func lab(_ number: Int, root: String) throws -> Lab {
        guard let folder = try LabDirectory.folder(root: root, number: number) else {
            let known = try LabDirectory.all(root: root).map { FileSystem.basename(of: $0) }
            throw ValidationError("no lab \(number) under \(root)/labs (labs: \(known.joined(separator: ", ")))")
        }
        return try load(folder + "/lab.xml", root: root)
    }

    /// Every lab of the repository, in order, validated.
    static func all(root: String) throws -> [Lab] {
        try LabDirectory.all(root: root).map { try load($0 + "/lab.xml", root: root) }
    }

    /// The chapter at `path`, validated.
    static func chapter(_ path: String, root: String) throws -> Chapter {
        guard case .chapter(let chapter)? = try document(path, root: root) else { throw ExitCode(1) }
        return chapter
    }

    private static func load(_ path: String, root: String) throws -> Lab {
        guard case .lab(let lab)? = try document(path, root: root) else { throw ExitCode(1) }
        return lab
    }

    /// The document at `path` read through the validator; its problems are printed when it
    /// cannot be read.
    private static func document(_ path: String, root: String) throws -> LoadedDocument? {
        LibXML.initialize()
        let validator = DocumentValidator(schemas: try SchemaSet(directory: root + "/labs/schema"), repositoryRoot: root)
        let outcome = validator.check(file: path)
        if outcome.document == nil { for problem in outcome.problems { print(problem) } }
        return outcome.document
    }
}
