// One place decides whether a document is good: it is parsed safely, its root element picks the
// schema (`chapter` → course.rng, `lab` → lab.rng, `report` → report.rng), the schema is checked,
// then the prose pairs (parity), then the `src` paths. Every problem comes back as a value with
// its file and line; `mpmlab validate` prints them, the site renderer refuses broken documents.
import Posix
import XML

/// The three kinds of document, named after their root element.
public enum DocumentKind: String, Sendable, CaseIterable {
    case chapter, lab, report

    public var schemaFile: String {
        switch self {
        case .chapter: "course.rng"
        case .lab: "lab.rng"
        case .report: "report.rng"
        }
    }
}

/// A document read into its model.
public enum LoadedDocument: Sendable {
    case chapter(Chapter)
    case lab(Lab)
    case report(Report)
}

/// The compiled schemas, loaded from `labs/schema/`.
public struct SchemaSet: Sendable {
    let schemas: [DocumentKind: RelaxNGSchema]

    public init(directory: String) throws(LabKitError) {
        var schemas: [DocumentKind: RelaxNGSchema] = [:]
        for kind in DocumentKind.allCases {
            let path = directory + "/" + kind.schemaFile
            do {
                schemas[kind] = try RelaxNGSchema(text: try FileSystem.readText(path), name: path)
            } catch let error as XMLError {
                throw .schema(error.problems)
            } catch {
                throw .schema([XMLProblem(file: path, line: 0, message: "cannot read schema: \(error)")])
            }
        }
        self.schemas = schemas
    }

    public subscript(kind: DocumentKind) -> RelaxNGSchema { schemas[kind]! }
}

public enum LabKitError: Error, Sendable, CustomStringConvertible {
    case schema([XMLProblem])
    case problems([XMLProblem])
    case output(String)

    public var description: String {
        switch self {
        case .schema(let p), .problems(let p): p.map(\.description).joined(separator: "\n")
        case .output(let message): message
        }
    }
}

public struct DocumentValidator: Sendable {
    public let schemas: SchemaSet
    /// The repository root, to check that `<src path>` files exist; nil skips that check.
    public let repositoryRoot: String?

    public init(schemas: SchemaSet, repositoryRoot: String?) {
        self.schemas = schemas
        self.repositoryRoot = repositoryRoot
    }

    /// The outcome for one file: its model when it could be read (even with parity problems,
    /// so a stale translation never stops the site), and every problem found.
    public struct Outcome: Sendable {
        public let document: LoadedDocument?
        public let problems: [XMLProblem]
        /// Claimed check ids with their lines, for the claim check.
        public let claims: [(check: String, line: Int)]
        /// For a report: the check id of each result, with its line.
        public var results: [(check: String, line: Int)] = []
    }

    public func check(file path: String) -> Outcome {
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(file: path) { try FileSystem.readBytes($0) }
        } catch {
            return Outcome(document: nil, problems: error.problems, claims: [])
        }
        return check(document)
    }

    public func check(_ document: XMLDocument) -> Outcome {
        let rootName = document.root.name
        guard let kind = DocumentKind(rawValue: rootName) else {
            let problem = XMLProblem(file: document.file, line: document.root.line,
                message: "unknown document: root element <\(rootName)>, expected <chapter>, <lab> or <report>")
            return Outcome(document: nil, problems: [problem], claims: [])
        }
        let schemaProblems = schemas[kind].validate(document)
        var problems = schemaProblems
        if kind != .report { problems += ParityCheck.problems(in: document) }
        problems += sourceProblems(in: document)
        problems.sort { $0.line < $1.line }
        let claims = citations(in: document, "//claim")
        let results = kind == .report ? citations(in: document, "/report/result") : []
        guard schemaProblems.isEmpty else { return Outcome(document: nil, problems: problems, claims: claims, results: results) }
        let loaded: LoadedDocument = switch kind {
        case .chapter: .chapter(Chapter(document))
        case .lab: .lab(Lab(document))
        case .report: .report(Report(document))
        }
        return Outcome(document: loaded, problems: problems, claims: claims, results: results)
    }

    /// The `check` attribute of the selected elements, with their lines.
    private func citations(in document: XMLDocument, _ xpath: String) -> [(check: String, line: Int)] {
        ((try? document.select(xpath)) ?? []).map { (check: $0.attribute("check") ?? "", line: $0.line) }
    }

    /// `<src path>` must name a file of the repository (and stay inside it).
    private func sourceProblems(in document: XMLDocument) -> [XMLProblem] {
        guard let root = repositoryRoot else { return [] }
        return ((try? document.select("//src")) ?? []).compactMap { node in
            let path = node.attribute("path") ?? ""
            if path.hasPrefix("/") || path.split(separator: "/").contains("..") {
                return XMLProblem(file: document.file, line: node.line, message: "src path \"\(path)\" must be relative to the repository and stay inside it")
            }
            if FileSystem.exists(root + "/" + path) { return nil }
            return XMLProblem(file: document.file, line: node.line, message: "src path \"\(path)\" does not exist in the repository")
        }
    }
}
