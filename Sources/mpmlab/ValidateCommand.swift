// `mpmlab validate [PATH…]`: checks lab documents, course notes and reports. The schema is
// chosen from each document's root element; parity (fr/en pairs and revisions), `src` paths,
// duplicate check ids, claims and report results are checked too. One `FILE:LINE: message` per
// problem, exit 1 when there is any. Claims and results naming checks no lab defines are
// warnings unless `--strict`; `--strict` also warns on every form the French glossary
// (labs/course/GLOSSAIRE.md) says to avoid.
import ArgumentParser
import LabKit
import Posix
import XML

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate lab documents, course notes and reports.",
        discussion: "With no PATH, validates every document under labs/. A folder PATH is searched for *.xml files."
    )

    @OptionGroup var options: CommonOptions

    @Flag(name: .long, help: "Treat claims and report results naming a check no lab defines as errors, and warn on the forms the French glossary avoids.")
    var strict = false

    @Argument(help: ArgumentHelp("Documents or folders to validate.", valueName: "PATH"))
    var paths: [String] = []

    func run() throws {
        LibXML.initialize()
        let root = try options.repositoryRoot()
        let validator = DocumentValidator(schemas: try SchemaSet(directory: root + "/labs/schema"), repositoryRoot: root)
        let files = paths.isEmpty ? try Course.documentPaths(root: root) : try XMLFiles.expand(paths)

        var errors: [XMLProblem] = [], warnings: [XMLProblem] = []
        let glossary = strict ? try? Glossary(markdown: FileSystem.readText(root + "/labs/course/GLOSSAIRE.md")) : nil
        var labs: [Lab] = [], claims: [(file: String, claims: [(check: String, line: Int)])] = []
        var results: [(file: String, results: [(check: String, line: Int)])] = []
        for file in files {
            let outcome = validator.check(file: file)
            errors += outcome.problems
            if case .lab(let lab)? = outcome.document { labs.append(lab) }
            if let glossary, outcome.document != nil,
               let document = try? XMLDocument.parse(file: file, read: { try FileSystem.readBytes($0) }), document.root.name != "report" {
                warnings += glossary.problems(in: document)
            }
            if !outcome.claims.isEmpty { claims.append((file, outcome.claims)) }
            if !outcome.results.isEmpty { results.append((file, outcome.results)) }
        }
        // Claims are judged against every lab of the repository, not only the files named.
        let named = Set(labs.map(\.file))
        for path in try Course.documentPaths(root: root) where path.hasSuffix("/lab.xml") && !named.contains(path) {
            if case .lab(let lab)? = validator.check(file: path).document { labs.append(lab) }
        }
        let catalogue = CheckCatalogue(labs: labs)
        errors += catalogue.duplicates.filter { problem in files.contains(problem.file) }
        for (file, list) in claims {
            let unbacked = catalogue.unbackedClaims(file: file, claims: list)
            if strict { errors += unbacked } else { warnings += unbacked }
        }
        for (file, list) in results {
            let unknown = catalogue.unknownResults(file: file, results: list)
            if strict { errors += unknown } else { warnings += unknown }
        }

        for problem in errors { print(problem) }
        for problem in warnings { print("\(problem.file):\(problem.line): warning: \(problem.message)") }
        if errors.isEmpty {
            print("\(files.count) document\(files.count == 1 ? "" : "s") valid\(warnings.isEmpty ? "" : ", \(warnings.count) warning\(warnings.count == 1 ? "" : "s")")")
        } else {
            print("\(errors.count) problem\(errors.count == 1 ? "" : "s") in \(Set(errors.map(\.file)).count) of \(files.count) document\(files.count == 1 ? "" : "s")")
            throw ExitCode(1)
        }
    }
}

/// Expands folders into the `*.xml` files below them (sorted); files are kept as given.
enum XMLFiles {
    static func expand(_ paths: [String]) throws -> [String] {
        var out: [String] = []
        for path in paths {
            if FileSystem.isDirectory(path) { out += try below(path) } else { out.append(path) }
        }
        return out
    }

    private static func below(_ directory: String) throws -> [String] {
        var out: [String] = []
        for name in try FileSystem.list(directory) where !name.hasPrefix(".") {
            let path = directory + "/" + name
            if FileSystem.isDirectory(path) { out += try below(path) } else if name.hasSuffix(".xml") { out.append(path) }
        }
        return out
    }
}
