// Every request-parsing rule, each with the exact status Apache 2.4 answers.
@testable import HTTP
import Testing

@Suite("Request parsing rules")
struct RequestRuleTests {
    static let host = "Host: x\r\n"

    @Test("A well-formed request parses", arguments: [
        "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/1.0\r\n\r\n",
        "HEAD /a/b?c=d HTTP/1.1\r\nHost: example.org:8080\r\n\r\n",
        "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET http://example.org/x HTTP/1.1\r\nHost: example.org\r\n\r\n",
        "GET / HTTP/1.2\r\nHost: x\r\n\r\n",
        "POST /form HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nX-Empty:\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: [::1]:80\r\n\r\n",
    ])
    func wellFormedRequestParses(raw: String) {
        #expect(status(raw) == 200)
    }

    @Test("A malformed request gets Apache's status", arguments: [
        // http_strict.t
        ("bare LF ends the request line", "GET / HTTP/1.1\nHost: x\n\n", 400),
        ("bare LF ends a header line", "GET / HTTP/1.1\r\nHost: x\n\r\n", 400),
        ("lowercase method", "get / HTTP/1.1\r\nHost: x\r\n\r\n", 501),
        ("unknown method", "FOO / HTTP/1.1\r\nHost: x\r\n\r\n", 501),
        ("three-digit version", "GET / HTTP/1.11\r\nHost: x\r\n\r\n", 400),
        ("lowercase protocol", "GET / http/1.1\r\nHost: x\r\n\r\n", 400),
        ("version 0.9 spelled out", "GET / HTTP/0.9\r\n\r\n", 400),
        ("header without colon", "GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n", 400),
        ("space before colon", "GET / HTTP/1.1\r\nHost: x\r\nName : v\r\n\r\n", 400),
        ("empty header name", "GET / HTTP/1.1\r\nHost: x\r\n: v\r\n\r\n", 400),
        // request line shape
        ("two spaces after method", "GET  / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("tab as separator", "GET\t/ HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("leading space", " GET / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("trailing text", "GET / HTTP/1.1 x\r\nHost: x\r\n\r\n", 400),
        ("control character in target", "GET /a\u{01}b HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("DEL in target", "GET /a\u{7F}b HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("NUL in request line", "GET /\u{00} HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("relative target", "GET a/b HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("star without OPTIONS", "GET * HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("fragment in target", "GET /a#b HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("ftp scheme", "GET ftp://x/ HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ("userinfo in absolute target", "GET http://u:p@x/ HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        // headers
        ("control character in a value", "GET / HTTP/1.1\r\nHost: x\r\nA: b\u{01}c\r\n\r\n", 400),
        ("NUL in a value", "GET / HTTP/1.1\r\nHost: x\r\nA: b\u{00}c\r\n\r\n", 400),
        ("fold before any field", "GET / HTTP/1.1\r\n folded\r\nHost: x\r\n\r\n", 400),
        ("empty folded line", "GET / HTTP/1.1\r\nHost: x\r\nA: b\r\n \r\n\r\n", 400),
        ("HTTP/1.1 without Host", "GET / HTTP/1.1\r\n\r\n", 400),
        ("HTTP/1.1 absolute target without Host", "GET http://x/ HTTP/1.1\r\n\r\n", 400),
        ("HTTP/1.2 without Host", "GET / HTTP/1.2\r\n\r\n", 400),
        ("malformed Host", "GET / HTTP/1.1\r\nHost: a b/c\r\n\r\n", 400),
        ("Host with an empty label", "GET / HTTP/1.1\r\nHost: a..b\r\n\r\n", 400),
        ("Host with a bad port", "GET / HTTP/1.1\r\nHost: a:8x\r\n\r\n", 400),
        // framing
        ("TE not ending in chunked", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 400),
        ("TE chunked twice", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", 400),
        ("duplicate Content-Length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400),
        ("identical duplicate Content-Length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\na", 400),
        ("plus sign in Content-Length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +1\r\n\r\na", 400),
    ])
    func malformedRequestGetsApacheStatus(rule: String, raw: String, expected: Int) {
        #expect(status(raw) == expected, "\(rule)")
    }

    @Test("An Expect other than 100-continue is flagged for a 417, not a framing error")
    func unmetExpectation() {
        var parser = RequestParser()
        parser.append(Array("GET / HTTP/1.1\r\nHost: x\r\nExpect: fish\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        guard case .request(let first) = parser.next() else { Issue.record("no request"); return }
        #expect(first.unmetExpectation)
        guard case .request(let second) = parser.next() else { Issue.record("the connection is still usable"); return }
        #expect(!second.unmetExpectation)
    }

    @Test("Up to ten blank lines before a request are skipped, the eleventh is an error")
    func blankLinesBeforeRequest() {
        let request = "GET / HTTP/1.1\r\nHost: x\r\n\r\n"
        #expect(status(String(repeating: "\r\n", count: 10) + request) == 200)
        #expect(status(String(repeating: "\r\n", count: 11) + request) == 400)
    }

    @Test("An obs-fold line joins the previous field with one space")
    func obsFoldJoinsPreviousField() throws {
        let request = try #require(parse("GET / HTTP/1.1\r\nHost: x\r\nX-Long: one\r\n \t two  \r\n\r\n"))
        #expect(request.headers["X-Long"] == "one two")
    }

    @Test("Parsed facts: path, query, version, host and tokens")
    func parsedFacts() throws {
        let request = try #require(parse(
            "GET /a%20b?x=1&y HTTP/1.0\r\nHost: Example.ORG\r\nConnection: Keep-Alive\r\nX-A: 1\r\nx-a: 2\r\n\r\n"))
        #expect(request.method == "GET")
        #expect(request.rawPath == "/a%20b")
        #expect(request.query == "x=1&y")
        #expect(request.version == .http1_0)
        #expect(request.host == "example.org")
        #expect(request.keepAliveToken)
        #expect(!request.closeToken)
        #expect(request.headers["X-A"] == "1, 2")
        #expect(try request.decodedPath() == "/a b")
    }

    @Test("An absolute-form target supplies the host and the path")
    func absoluteFormTarget() throws {
        let request = try #require(parse("GET HTTP://Example.org:81/p?q HTTP/1.1\r\nHost: other\r\n\r\n"))
        #expect(request.host == "example.org:81")
        #expect(request.rawPath == "/p")
        #expect(request.query == "q")
    }

    @Test("HTTP/2.0 in a request line is read as a version like any other, as Apache 2.4 does")
    func http2VersionIsAccepted() throws {
        let request = try #require(parse("GET / HTTP/2.0\r\nHost: x\r\n\r\n"))
        #expect(request.version == HTTPVersion(major: 2, minor: 0))
    }

    @Test("Connection: close is seen as a token among others")
    func closeTokenInList() throws {
        let request = try #require(parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: TE, Close\r\n\r\n"))
        #expect(request.closeToken)
        #expect(!request.keepAliveToken)
    }
}
