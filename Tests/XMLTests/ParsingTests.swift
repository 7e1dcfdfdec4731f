// Parsing is where hostile input arrives: these tests feed it the classic attacks and broken
// documents, and expect a refusal that names the file and the line.
import Testing
@testable import XML

@Suite("Parsing documents safely")
struct ParsingTests {
    static func parse(_ text: String, limits: ParseLimits = .standard) throws(XMLError) -> XMLDocument {
        try XMLDocument.parse(bytes: Array(text.utf8), file: "test.xml", limits: limits)
    }

    @Test("a well-formed document parses, with lines and attributes")
    func wellFormed() throws {
        let doc = try Self.parse("<a id=\"1\">\n  <b xml:lang=\"fr\">é</b>\n</a>\n")
        #expect(doc.root.name == "a")
        #expect(doc.root.attribute("id") == "1")
        let b = try #require(doc.root.element(named: "b"))
        #expect(b.line == 2)
        #expect(b.language == "fr")
        #expect(b.text == "é")
    }

    static let hostile: [(name: String, text: String, line: Int)] = [
        ("external entity (XXE)", """
         <?xml version="1.0"?>
         <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>
         <x>&e;</x>
         """, 2),
        ("billion laughs", """
         <?xml version="1.0"?>
         <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
         ]>
         <lolz>&lol3;</lolz>
         """, 2),
        ("an empty DOCTYPE", "<!DOCTYPE lab>\n<lab/>", 1),
    ]

    @Test("a DOCTYPE is refused before any entity is read", arguments: hostile)
    func doctypeRefused(_ c: (name: String, text: String, line: Int)) {
        #expect {
            _ = try Self.parse(c.text)
        } throws: { error in
            guard case .doctypeRefused(let problem)? = error as? XMLError else { return false }
            return problem.file == "test.xml" && problem.line == c.line && problem.message.contains("DOCTYPE refused")
        }
    }

    static let broken: [(name: String, text: String, line: Int, fragment: String)] = [
        ("mismatched tags", "<a>\n<b>\n</a>\n", 3, "mismatch"),
        ("an undefined entity", "<a>\n&nope;</a>", 2, "nope"),
        ("text after the root", "<a/>\n<b/>", 2, "Extra content"),
    ]

    @Test("malformed XML is reported with its line", arguments: broken)
    func malformed(_ c: (name: String, text: String, line: Int, fragment: String)) {
        do {
            _ = try Self.parse(c.text)
            Issue.record("\(c.name) parsed")
        } catch {
            guard case .malformed(let problems) = error else { Issue.record("unexpected \(error)"); return }
            let first = problems.first
            #expect(first?.file == "test.xml")
            #expect(first?.line == c.line)
            #expect(problems.contains { $0.message.contains(c.fragment) }, "\(problems)")
        }
    }

    @Test("documents over the size limit are refused")
    func tooLarge() {
        #expect(throws: XMLError.tooLarge(file: "test.xml", bytes: 20, limit: 10)) {
            _ = try Self.parse("<a>0123456789012</a>", limits: ParseLimits(maxBytes: 10))
        }
    }

    @Test("nesting deeper than the limit is refused with the line of the deep element")
    func tooDeep() {
        let text = "<a>\n<a>\n<a>\n<a/></a></a></a>"
        #expect {
            _ = try Self.parse(text, limits: ParseLimits(maxDepth: 3))
        } throws: { error in
            guard case .tooDeep(let p)? = error as? XMLError else { return false }
            return p.line == 4
        }
    }

    @Test("XPath selects nodes in document order")
    func xpath() throws {
        let doc = try Self.parse("<r><c check=\"a.b\"/><x><c check=\"c.d\"/></x></r>")
        let checks = try doc.select("//c/@check").map(\.text)
        #expect(checks == ["a.b", "c.d"])
        #expect(throws: XMLError.self) { _ = try doc.select("//[") }
    }
}
