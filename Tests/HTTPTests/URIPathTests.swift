// Path decoding and normalisation: the traversal guard of the static file handler.
@testable import HTTP
import Testing

@Suite("URI paths")
struct URIPathTests {
    @Test("Paths are decoded and normalised", arguments: [
        ("/", "/"),
        ("/index.html", "/index.html"),
        ("/a%20b", "/a b"),
        ("/a/./b", "/a/b"),
        ("/a/../b", "/b"),
        ("/a/b/..", "/a/"),
        ("/a/.", "/a/"),
        ("/a//b", "/a/b"),
        ("//a", "/a"),
        ("/a/", "/a/"),
        ("/a/%2e%2e/b", "/b"),
        ("/a/.%2E/b", "/b"),
        ("/a..", "/a.."),
        ("/...", "/..."),
        ("/a/b.", "/a/b."),
        ("/%7Euser", "/~user"),
        ("/caf%C3%A9", "/café"),
        ("/%25", "/%"),
        ("/%2541", "/%41"),
    ])
    func decodesAndNormalises(raw: String, decoded: String) throws {
        #expect(try URIPath.decode(raw) == decoded)
    }

    @Test("Traversal and bad encodings are refused with Apache's status", arguments: [
        ("/..", 400),
        ("/../x", 400),
        ("/a/../../x", 400),
        ("/%2e%2e/x", 400),
        ("/.%2e/.%2e/etc/passwd", 400),
        ("/a/%2E%2E/%2e%2e/x", 400),
        ("/%zz", 400),
        ("/%4", 400),
        ("/%", 400),
        ("/a%2Fb", 404),
        ("/a%2fb", 404),
        ("/a%00b", 404),
        ("relative", 400),
    ])
    func refusesTraversal(raw: String, expected: Int) {
        #expect(throws: HTTPError.self) { try URIPath.decode(raw) }
        do {
            _ = try URIPath.decode(raw)
        } catch {
            #expect(error.status == expected)
        }
    }

    @Test("A request for /../x parses, and its path is refused with 400")
    func traversalRequestParses() throws {
        let request = try #require(parse("GET /../x HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(throws: HTTPError(400, "Invalid URI path: above the root")) { try request.decodedPath() }
    }
}
