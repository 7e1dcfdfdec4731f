// A parsed document, owning its libxml2 tree: the tree is freed when the last reference to the
// document (or to one of its nodes, which hold the document) goes away.
//
// Parsing is deliberately defensive. Our documents are written by people and, for reports,
// produced by student machines, so the parser refuses anything a course document never needs:
// a DOCTYPE (the home of XXE and entity bombs), network access, huge files, absurd nesting.
@preconcurrency import CLibXML2

public final class XMLDocument {
    let pointer: xmlDocPtr
    /// The name errors are reported under (usually the path the bytes came from).
    public let file: String

    init(pointer: xmlDocPtr, file: String) {
        self.pointer = pointer
        self.file = file
    }

    deinit { xmlFreeDoc(pointer) }

    /// The root element.
    public var root: XMLNode {
        // A document that parsed without error always has a root element.
        XMLNode(pointer: xmlDocGetRootElement(pointer)!, document: self)
    }

    /// The nodes an XPath expression selects, in document order.
    public func select(_ expression: String) throws(XMLError) -> [XMLNode] {
        try root.select(expression, from: nil)
    }
}

/// Bounds a parse must stay within.
public struct ParseLimits: Sendable {
    public var maxBytes: Int
    public var maxDepth: Int

    public init(maxBytes: Int = 4 << 20, maxDepth: Int = 64) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    public static let standard = ParseLimits()
}

extension XMLDocument {
    /// Parser options, and why each is there:
    /// - NONET: never fetch anything from the network (no external DTDs or entities).
    /// - NOCDATA: CDATA sections become plain text nodes, so readers see one kind of text.
    /// - NOERROR / NOWARNING: libxml2 must not print; errors reach us through `ErrorLog`.
    /// Not there, on purpose: NOENT, whose name is a trap — it turns entity substitution *on*.
    static let safeOptions = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue
                                   | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    /// Reads and parses a file.
    public static func parse(file path: String, limits: ParseLimits = .standard,
                             read: (String) throws -> [UInt8]) throws(XMLError) -> XMLDocument {
        let bytes: [UInt8]
        do { bytes = try read(path) } catch {
            throw .unreadable(file: path, reason: "cannot read file: \(error)")
        }
        return try parse(bytes: bytes, file: path, limits: limits)
    }

    /// Parses bytes that claim to be UTF-8 XML; `file` names them in errors.
    public static func parse(bytes: [UInt8], file: String, limits: ParseLimits = .standard) throws(XMLError) -> XMLDocument {
        if bytes.count > limits.maxBytes { throw .tooLarge(file: file, bytes: bytes.count, limit: limits.maxBytes) }
        let log = ErrorLog(file: file)
        let guardian = DoctypeGuard()
        let doc: xmlDocPtr? = log.capture {
            guard let ctxt = xmlNewParserCtxt() else { return nil }
            defer { xmlFreeParserCtxt(ctxt) }
            guardian.install(on: ctxt)
            return bytes.withUnsafeBufferPointer { buf in
                buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                    xmlCtxtReadMemory(ctxt, $0, Int32(buf.count), file, "UTF-8", safeOptions)
                }
            }
        }
        if let line = guardian.doctypeLine {
            if let doc { xmlFreeDoc(doc) }
            throw .doctypeRefused(XMLProblem(file: file, line: line,
                message: "DOCTYPE refused: course documents need no DTD, and entities (external or nested) are not allowed"))
        }
        guard let doc, log.problems.isEmpty else {
            if let doc { xmlFreeDoc(doc) }
            throw .malformed(log.problems.isEmpty ? [XMLProblem(file: file, line: 0, message: "empty or unreadable document")] : log.problems)
        }
        let document = XMLDocument(pointer: doc, file: file)
        // Second line of defence: whatever path the parser took, a DTD must not have survived.
        if doc.pointee.intSubset != nil || doc.pointee.extSubset != nil {
            throw .doctypeRefused(XMLProblem(file: file, line: 1, message: "DOCTYPE refused"))
        }
        if let deep = document.root.firstNode(deeperThan: limits.maxDepth) {
            throw .tooDeep(XMLProblem(file: file, line: deep.line,
                                      message: "elements nest deeper than \(limits.maxDepth) levels"))
        }
        return document
    }

    /// Parses an HTML page leniently (used to inspect rendered pages, never to read input).
    public static func parseHTML(bytes: [UInt8], file: String) -> XMLDocument? {
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NOBLANKS.rawValue)
        let log = ErrorLog(file: file)   // HTML5 tags are "errors" to libxml2's HTML 4 parser: ignored
        let doc: htmlDocPtr? = log.capture {
            bytes.withUnsafeBufferPointer { buf in
                buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                    htmlReadMemory($0, Int32(buf.count), file, "UTF-8", options)
                }
            }
        }
        guard let doc, xmlDocGetRootElement(doc) != nil else {
            if let doc { xmlFreeDoc(doc) }
            return nil
        }
        return XMLDocument(pointer: doc, file: file)
    }
}

/// Stops the parser the moment it meets `<!DOCTYPE`, before a single entity is declared, and
/// remembers the line. This hooks the SAX `internalSubset` event, which libxml2 raises when it
/// starts reading a DOCTYPE declaration.
final class DoctypeGuard {
    var doctypeLine: Int?

    func install(on ctxt: xmlParserCtxtPtr) {
        ctxt.pointee._private = Unmanaged.passUnretained(self).toOpaque()
        ctxt.pointee.sax.pointee.internalSubset = doctypeHandler
    }
}

/// File-scope C callback (see ErrorLog for why it is not in `main`).
let doctypeHandler: internalSubsetSAXFunc = { ctx, _, _, _ in
    guard let ctx else { return }
    let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
    if let owner = ctxt.pointee._private {
        let guardian = Unmanaged<DoctypeGuard>.fromOpaque(owner).takeUnretainedValue()
        guardian.doctypeLine = Int(xmlSAX2GetLineNumber(ctx))
    }
    xmlStopParser(ctxt)
}
