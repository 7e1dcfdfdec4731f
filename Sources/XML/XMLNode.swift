// A node of a parsed document. It holds its document, so a node can never outlive the tree it
// points into; copying a node copies the reference, not the tree.
@preconcurrency import CLibXML2

public struct XMLNode {
    let pointer: xmlNodePtr
    public let document: XMLDocument

    init(pointer: xmlNodePtr, document: XMLDocument) {
        self.pointer = pointer
        self.document = document
    }

    public enum Kind: Sendable { case element, text, attribute, comment, other }

    public var kind: Kind {
        switch pointer.pointee.type {
        case XML_ELEMENT_NODE: .element
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: .text
        case XML_ATTRIBUTE_NODE: .attribute
        case XML_COMMENT_NODE: .comment
        default: .other
        }
    }

    /// The local name (`title` for `<title xml:lang="fr">`).
    public var name: String { pointer.pointee.name.map { String(cString: $0) } ?? "" }

    /// The line the node starts on, as the parser saw it.
    public var line: Int { Int(xmlGetLineNo(pointer)) }

    /// The file the node comes from.
    public var file: String { document.file }

    /// An attribute without a namespace, e.g. `id`.
    public func attribute(_ name: String) -> String? {
        guard let value = xmlGetNoNsProp(pointer, name) else { return nil }
        defer { xmlFree(value) }
        return String(cString: value)
    }

    /// `xml:lang`, read on this element only (not inherited).
    public var language: String? {
        guard let value = xmlGetNsProp(pointer, "lang", "http://www.w3.org/XML/1998/namespace") else { return nil }
        defer { xmlFree(value) }
        return String(cString: value)
    }

    /// All the text inside the node, markup removed.
    public var text: String {
        guard let value = xmlNodeGetContent(pointer) else { return "" }
        defer { xmlFree(value) }
        return String(cString: value)
    }

    /// Child nodes of every kind, in order.
    public var children: [XMLNode] {
        var out: [XMLNode] = []
        var child = pointer.pointee.children
        while let c = child {
            out.append(XMLNode(pointer: c, document: document))
            child = c.pointee.next
        }
        return out
    }

    /// Child elements only.
    public var elements: [XMLNode] { children.filter { $0.kind == .element } }

    /// Child elements with a given name.
    public func elements(named name: String) -> [XMLNode] { elements.filter { $0.name == name } }

    /// The first child element with a given name.
    public func element(named name: String) -> XMLNode? { elements.first { $0.name == name } }

    /// The next sibling that is an element.
    public var nextElement: XMLNode? {
        xmlNextElementSibling(pointer).map { XMLNode(pointer: $0, document: document) }
    }

    /// The previous sibling that is an element.
    public var previousElement: XMLNode? {
        xmlPreviousElementSibling(pointer).map { XMLNode(pointer: $0, document: document) }
    }

    /// Every element below this one, depth first, this one included.
    public var descendantsAndSelf: [XMLNode] {
        var out: [XMLNode] = []
        var stack = [self]
        while let node = stack.popLast() {
            guard node.kind == .element else { continue }
            out.append(node)
            stack.append(contentsOf: node.elements.reversed())
        }
        return out
    }

    /// The nodes an XPath expression selects, evaluated with this node as the context node.
    public func select(_ expression: String) throws(XMLError) -> [XMLNode] {
        try select(expression, from: pointer)
    }

    func select(_ expression: String, from context: xmlNodePtr?) throws(XMLError) -> [XMLNode] {
        let log = ErrorLog(file: document.file)
        let nodes: [XMLNode]? = log.capture {
            guard let ctx = xmlXPathNewContext(document.pointer) else { return nil }
            defer { xmlXPathFreeContext(ctx) }
            if let context { ctx.pointee.node = context }
            guard let result = xmlXPathEvalExpression(expression, ctx) else { return nil }
            defer { xmlXPathFreeObject(result) }
            guard let set = result.pointee.nodesetval, let tab = set.pointee.nodeTab else { return [] }
            return (0..<Int(set.pointee.nodeNr)).compactMap { i in
                tab[i].map { XMLNode(pointer: $0, document: document) }
            }
        }
        guard let nodes else { throw .invalidXPath(expression) }
        return nodes
    }

    /// The first element more than `limit` levels below this one, if any (iterative, so a
    /// hostile document cannot overflow our stack either).
    func firstNode(deeperThan limit: Int) -> XMLNode? {
        var stack: [(xmlNodePtr, Int)] = [(pointer, 1)]
        while let (node, depth) = stack.popLast() {
            if depth > limit { return XMLNode(pointer: node, document: document) }
            var child = node.pointee.children
            while let c = child {
                if c.pointee.type == XML_ELEMENT_NODE { stack.append((c, depth + 1)) }
                child = c.pointee.next
            }
        }
        return nil
    }
}
