// Building documents to write: HTML pages for the course site and XML lab reports. They are
// built as libxml2 trees rather than glued-together strings, so escaping is never forgotten:
// text goes in through `xmlNewTextChild`/`xmlNewDocText` and attribute values through
// `xmlNewProp`, which escape `<`, `&` and quotes themselves.
@preconcurrency import CLibXML2

public final class OutputDocument {
    let pointer: xmlDocPtr
    private let isHTML: Bool

    private init(pointer: xmlDocPtr, isHTML: Bool) {
        self.pointer = pointer
        self.isHTML = isHTML
    }

    deinit { xmlFreeDoc(pointer) }

    /// An HTML page `<!DOCTYPE html><html lang="…"><head/><body/></html>`.
    public static func html(lang: String) -> OutputDocument {
        LibXML.initialize()
        let doc = OutputDocument(pointer: htmlNewDocNoDtD(nil, nil)!, isHTML: true)
        xmlCreateIntSubset(doc.pointer, "html", nil, nil)   // serialises as <!DOCTYPE html>
        let html = xmlNewDocNode(doc.pointer, nil, "html", nil)!
        xmlDocSetRootElement(doc.pointer, html)
        xmlNewProp(html, "lang", lang)
        xmlNewChild(html, nil, "head", nil)
        xmlNewChild(html, nil, "body", nil)
        return doc
    }

    /// An XML document with the given root element.
    public static func xml(root: String) -> OutputDocument {
        LibXML.initialize()
        let doc = OutputDocument(pointer: xmlNewDoc("1.0")!, isHTML: false)
        xmlDocSetRootElement(doc.pointer, xmlNewDocNode(doc.pointer, nil, root, nil)!)
        return doc
    }

    public var root: OutputElement { OutputElement(pointer: xmlDocGetRootElement(pointer)!, document: self) }

    /// `<head>` of an HTML page.
    public var head: OutputElement { root.firstChild(named: "head")! }
    /// `<body>` of an HTML page.
    public var body: OutputElement { root.firstChild(named: "body")! }

    /// The serialised document: UTF-8 HTML with `<!DOCTYPE html>`, or UTF-8 XML with its
    /// declaration.
    public func serialize() -> String {
        var memory: UnsafeMutablePointer<xmlChar>?
        var length: Int32 = 0
        if isHTML {
            // Without this, libxml2 picks the output encoding from a missing http-equiv meta and
            // writes every non-ASCII letter as an entity (é → &eacute;).
            htmlSetMetaEncoding(pointer, "UTF-8")
            htmlDocDumpMemoryFormat(pointer, &memory, &length, 1)
        } else {
            xmlDocDumpFormatMemoryEnc(pointer, &memory, &length, "UTF-8", 1)
        }
        guard let memory else { return "" }
        defer { xmlFree(memory) }
        return String(decoding: UnsafeBufferPointer(start: memory, count: Int(length)), as: UTF8.self)
    }
}

/// An element being built. Adding children returns them, so building reads top-down:
/// `let nav = body.element("nav", ["class": "top"]); nav.link("index.html", "Home")`.
public struct OutputElement {
    let pointer: xmlNodePtr
    let document: OutputDocument

    /// Appends a child element with attributes (in the order given) and optional text.
    @discardableResult
    public func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String? = nil) -> OutputElement {
        let child = xmlNewTextChild(pointer, nil, name, text.map(XMLCharacters.allowed))!
        for (key, value) in attributes { xmlNewProp(child, key, XMLCharacters.allowed(value)) }
        return OutputElement(pointer: child, document: document)
    }

    /// Appends escaped text.
    public func text(_ content: String) {
        xmlAddChild(pointer, xmlNewDocText(document.pointer, XMLCharacters.allowed(content)))
    }

    /// Sets (or replaces) an attribute.
    public func set(_ name: String, _ value: String) {
        xmlSetProp(pointer, name, XMLCharacters.allowed(value))
    }

    /// Appends `<a href>` with text.
    @discardableResult
    public func link(_ href: String, _ text: String, _ attributes: KeyValuePairs<String, String> = [:]) -> OutputElement {
        let a = element("a", ["href": href], text: text)
        for (key, value) in attributes { xmlNewProp(a.pointer, key, XMLCharacters.allowed(value)) }
        return a
    }

    func firstChild(named name: String) -> OutputElement? {
        var child = pointer.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE, String(cString: c.pointee.name) == name {
                return OutputElement(pointer: c, document: document)
            }
            child = c.pointee.next
        }
        return nil
    }
}

/// Characters XML 1.0 cannot hold at all, not even as a reference: C0 controls but tab, line
/// feed and carriage return, and U+FFFE/U+FFFF. libxml2 writes them as they are, and the
/// document no longer parses — text from outside (a compiler quoting a student's source line)
/// can hold them. Each becomes U+FFFD.
enum XMLCharacters {
    static func allowed(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isForbidden) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { out.append(isForbidden(scalar) ? "\u{FFFD}" : scalar) }
        return String(out)
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }
}
