// RelaxNG validation must return every error with its line; output documents must escape what
// they are given and serialise as UTF-8 with an HTML5 doctype.
import Testing
@testable import XML

@Suite("RelaxNG validation and document output")
struct SchemaAndOutputTests {
    static let schema = """
    <grammar xmlns="http://relaxng.org/ns/structure/1.0" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
      <start><element name="r"><oneOrMore><element name="n"><data type="integer"/></element></oneOrMore></element></start>
    </grammar>
    """

    @Test("a valid document has no problems")
    func valid() throws {
        let schema = try RelaxNGSchema(text: Self.schema, name: "n.rng")
        let doc = try XMLDocument.parse(bytes: Array("<r><n>1</n></r>".utf8), file: "ok.xml")
        #expect(schema.validate(doc).isEmpty)
    }

    @Test("every schema error comes back with its file and line")
    func invalid() throws {
        let schema = try RelaxNGSchema(text: Self.schema, name: "n.rng")
        let doc = try XMLDocument.parse(bytes: Array("<r>\n<n>1</n>\n<n>two</n>\n</r>".utf8), file: "bad.xml")
        let problems = schema.validate(doc)
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { $0.file == "bad.xml" })
        #expect(problems.contains { $0.line == 3 }, "\(problems)")
    }

    @Test("a broken schema is an error, not a crash")
    func brokenSchema() {
        #expect(throws: XMLError.self) { _ = try RelaxNGSchema(text: "<grammar/>", name: "x.rng") }
    }

    @Test("HTML output escapes text and attributes and is UTF-8 with an HTML5 doctype")
    func htmlOutput() {
        let page = OutputDocument.html(lang: "fr")
        page.head.element("title", text: "Processus — threads")
        let p = page.body.element("p", ["class": "a\"b"], text: "a < b & c")
        p.link("x.html#y", "lien é")
        let html = page.serialize()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<html lang=\"fr\">"))
        #expect(html.contains("charset=UTF-8"))
        #expect(html.contains("a &lt; b &amp; c"))
        #expect(html.contains("class='a\"b'"))  // libxml2 switches to single quotes
        #expect(html.contains("Processus — threads"))
        #expect(html.contains("lien é"))
    }

    @Test("XML output round-trips through the parser")
    func xmlOutput() throws {
        let doc = OutputDocument.xml(root: "report")
        doc.root.set("lab", "01-processes")
        doc.root.element("message", text: "<script> & \"quotes\"")
        let text = doc.serialize()
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        let back = try XMLDocument.parse(bytes: Array(text.utf8), file: "r.xml")
        #expect(back.root.element(named: "message")?.text == "<script> & \"quotes\"")
    }

    @Test("characters XML cannot hold become U+FFFD, and the output still parses")
    func forbiddenCharacters() throws {
        let doc = OutputDocument.xml(root: "report")
        // A compiler quoting a student's source line can carry any of these.
        doc.root.element("message", ["note": "a\u{1}b"], text: "x\u{1}\u{1B}[31m\u{FFFF}\u{0}y\tz")
        let back = try XMLDocument.parse(bytes: Array(doc.serialize().utf8), file: "r.xml")
        #expect(back.root.element(named: "message")?.text == "x\u{FFFD}\u{FFFD}[31m\u{FFFD}\u{FFFD}y\tz")
        #expect(back.root.element(named: "message")?.attribute("note") == "a\u{FFFD}b")
    }
}
