// Fuzz harness for the course's XML loaders: libxml2 through the XML module's safe parse
// (no DTD, no entities, bounded size and depth), then what mpmlab does with a document —
// validate it against its RelaxNG schema and the translation parity, build the chapter, lab
// or report from it (also without validation, as `mpmlab list` reads its own reports), and
// write a report back out, which must parse again. The oracle: problems come back as values
// naming a line, never a crash.
import LabKit
import XML

public enum XMLDocumentHarness {
    /// The schemas of `labs/schema`, found from the working directory or from this file.
    static let validator: DocumentValidator? = {
        for root in [".", repositoryRoot] {
            if let schemas = try? SchemaSet(directory: root + "/labs/schema") {
                return DocumentValidator(schemas: schemas, repositoryRoot: root)
            }
        }
        return nil
    }()

    static var repositoryRoot: String {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)                                  // Fuzz/Harnesses/<this file>
        return parts.joined(separator: "/")
    }

    public static func check(_ input: [UInt8]) -> String? {
        LibXML.initialize()
        guard let validator else { return "labs/schema not found" }
        guard let document = try? XMLDocument.parse(bytes: input, file: "fuzz.xml") else { return nil }
        let outcome = validator.check(document)
        for problem in outcome.problems where problem.message.isEmpty { return "a problem without a message" }
        switch document.root.name {
        case "lab": _ = Lab(document)
        case "chapter": _ = Chapter(document)
        case "report":
            let report = Report(document)
            let again = Array(report.xml().utf8)
            if (try? XMLDocument.parse(bytes: again, file: "again.xml")) == nil {
                return "a report written back out does not parse:\n\(report.xml())"
            }
        default: break
        }
        return nil
    }
}
