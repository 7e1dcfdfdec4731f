// A compiled RelaxNG schema. Compiling is the expensive part, so a schema is compiled once and
// reused for every document; libxml2 only reads a compiled schema while validating, so one may
// be shared by several threads as long as each validation has its own context (it does: one
// per call to `validate`).
@preconcurrency import CLibXML2

public final class RelaxNGSchema: @unchecked Sendable {
    // @unchecked: the pointer is written once in init and only read afterwards; libxml2
    // validation contexts never modify the compiled schema.
    private let schema: xmlRelaxNGPtr
    public let name: String

    /// Compiles a schema from its text; `name` is used in error messages.
    public init(text: String, name: String) throws(XMLError) {
        let log = ErrorLog(file: name)
        let compiled: xmlRelaxNGPtr? = log.capture {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { buf in
                buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { ptr in
                    guard let parser = xmlRelaxNGNewMemParserCtxt(ptr, Int32(buf.count)) else { return nil }
                    defer { xmlRelaxNGFreeParserCtxt(parser) }
                    xmlRelaxNGSetParserStructuredErrors(parser, errorHandler, log.userData)
                    return xmlRelaxNGParse(parser)
                }
            }
        }
        guard let compiled else {
            throw .invalidSchema(log.problems.isEmpty ? [XMLProblem(file: name, line: 0, message: "cannot compile schema")] : log.problems)
        }
        self.schema = compiled
        self.name = name
    }

    deinit { xmlRelaxNGFree(schema) }

    /// Every way the document breaks the schema, each with its line; empty when it is valid.
    public func validate(_ document: XMLDocument) -> [XMLProblem] {
        let log = ErrorLog(file: document.file)
        let result: Int32 = log.capture {
            guard let ctxt = xmlRelaxNGNewValidCtxt(schema) else { return -1 }
            defer { xmlRelaxNGFreeValidCtxt(ctxt) }
            xmlRelaxNGSetValidStructuredErrors(ctxt, errorHandler, log.userData)
            return xmlRelaxNGValidateDoc(ctxt, document.pointer)
        }
        if result == 0 { return [] }
        if log.problems.isEmpty {
            return [XMLProblem(file: document.file, line: 0,
                               message: result < 0 ? "internal error while validating against \(name)" : "does not match \(name)")]
        }
        // libxml2 reports the file as the document's URL; keep the name the caller gave.
        return log.problems.map { XMLProblem(file: document.file, line: $0.line, message: $0.message) }
    }
}
