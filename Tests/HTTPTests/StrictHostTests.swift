// The host rules of Apache's `HttpProtocolOptions Strict` (its default), for the Host field
// and for the host of an absolute-form target. Every row was answered the same way by
// Apache 2.4 in bench/conformance.py (bench/CONFORMANCE.md); 200 means the request parsed.
@testable import HTTP
import Testing

@Suite("Strict host names")
struct StrictHostTests {
    static func field(_ host: String) -> String { "GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n" }
    static func absolute(_ host: String) -> String { "GET http://\(host)/ HTTP/1.1\r\nHost: x\r\n\r\n" }

    @Test("Host field values", arguments: [
        ("127.0.0.1", 200), ("1.2.3.4.", 200), ("Example.ORG.", 200), ("example.org:8080", 200),
        ("under_score.org", 200), ("-a-.b-", 200), (".example.org", 200), ("a.b1", 200), ("1a.b", 200),
        ("1.2.3.4:080", 200), ("_", 200),
        // numeric IPv4 forms other than dotted-quad decimal (RFC 3986 §7.4)
        ("127.1", 400), ("0x7f.0.0.1", 400), ("0177.0.0.1", 400), ("127.0.0.01", 400), ("01.2.3.4", 400),
        ("2130706433", 400), ("1.2.3.4.5", 400), ("1.2.3", 400),
        // names
        ("%65xample.org", 400), ("a b", 400), ("a,b", 400), ("a!b", 400), ("caf\u{E9}.fr", 400),
        ("example.123", 400), ("a.1b", 400), ("a._b", 400), ("a.-b", 400), ("a..b", 400), ("exa/mple", 400),
        ("a\\b", 400), (".", 400), ("..", 400), ("example.org..", 400),
        // ports
        ("example.org:80:80", 400), ("example.org:8x", 400), ("example.org:", 400), ("example.org:0", 400),
        ("example.org:65536", 400), ("example.org:+80", 400), (":80", 400), ("a:99999999999999999999", 400),
        // IPv6
        ("[::1]", 200), ("[::1]:8080", 200), ("[::FFFF:127.0.0.1]", 200), ("[1:2:3:4:5:6:7:8]", 200), ("[::]", 200),
        ("[1::]", 200), ("[1::2:]", 200), ("[::ffff:01.2.3.4]", 200), ("[ABCD::EF]", 200),
        ("::1", 400), ("[::1", 400), ("[:::1]", 400), ("[1::2::3]", 400), ("[::1]x", 400), ("[::1%eth0]", 400),
        ("[127.0.0.1]", 400), ("[fe80::g]", 400), ("[1:2:3:4:5:6:7:8:9]", 400), ("[::ffff:1.2.3]", 400),
        ("[:1]", 400), ("[1:]", 400), ("[]", 400), ("[::1]:", 400), ("[::1]:0", 400), ("[::1]]", 400),
        ("[[::1]", 400), ("[::1.2.3.4.5]", 400), ("[12345::]", 400),
    ])
    func hostField(host: String, expected: Int) {
        #expect(status(Self.field(host)) == expected, "Host: \(host)")
    }

    @Test("Hosts of absolute-form targets (apr_uri_parse is laxer on ports and IPv6)", arguments: [
        ("127.0.0.1", 200), ("example.org:8080", 200), ("[::1]", 200), ("[127.0.0.1]", 200),
        ("example.org:", 200), ("example.org:0", 200), ("example.org:65536", 200), ("example.org:+80", 200),
        (":80", 200), ("[1:2:3:4:5:6:7:8:9]", 200), ("[12345::]", 200), ("[]", 200), ("[::1]:0", 200),
        ("127.1", 400), ("0x7f.0.0.1", 400), ("2130706433", 400), ("%65xample.org", 400),
        ("example.org:80:80", 400), ("example.org:8x", 400), ("a..b", 400), ("example.123", 400),
        ("[::1", 400), ("[:::1]", 400), ("[1::2::3]", 400), ("[::1]x", 400), ("[::1%eth0]", 400),
        ("[fe80::g]", 400), ("::1", 400), ("[[::1]", 400),
    ])
    func absoluteTarget(host: String, expected: Int) {
        #expect(status(Self.absolute(host)) == expected, "http://\(host)/")
    }

    @Test("Which Host is judged, and when one is required")
    func whichHost() throws {
        // The target names the host: the Host field is not judged at all.
        #expect(status("GET http://example.org/ HTTP/1.1\r\nHost: a b\r\n\r\n") == 200)
        #expect(try #require(parse("GET http://Example.org/ HTTP/1.1\r\nHost: other\r\n\r\n")).host == "example.org")
        #expect(status("GET http:/// HTTP/1.1\r\nHost: x\r\n\r\n") == 200)          // a blank host is allowed
        #expect(status("GET http://example.org/ HTTP/1.1\r\n\r\n") == 400)           // HTTP/1.1 still needs the field
        // An empty Host names no host: HTTP/1.1 needs one, HTTP/1.0 does not.
        #expect(status("GET / HTTP/1.1\r\nHost:\r\n\r\n") == 400)
        #expect(status("GET / HTTP/1.0\r\nHost:\r\n\r\n") == 200)
        // HTTP/1.0 may omit Host, but one it sends must be valid.
        #expect(status("GET / HTTP/1.0\r\n\r\n") == 200)
        #expect(status("GET / HTTP/1.0\r\nHost: 127.1\r\n\r\n") == 400)
        // Two Host fields merge into a value with a comma: never valid.
        #expect(status("GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n") == 400)
    }

    @Test("IPv6 literals are parsed as APR's inet_pton parses them")
    func ipv6Parsing() {
        func parses(_ text: String) -> Bool { IPv6Literal.parses(Array(text.utf8)[...]) }
        #expect(parses("::") && parses("::1") && parses("1:2:3:4:5:6:7:8") && parses("1:2:3:4::5:6:7:8"))
        #expect(parses("::ffff:1.2.3.4") && parses("1:2:3:4:5:6:1.2.3.4") && parses("1::2:"))
        #expect(!parses("") && !parses(":") && !parses("1:2:3:4:5:6:7:8:9") && !parses("1:2:3:4:5:6:7:1.2.3.4"))
        #expect(!parses("::1.2.3") && !parses("::1.2.3.256") && !parses("1::2::3") && !parses("10000::"))
        #expect(IPv4Literal.parses(Array("010.0.0.1".utf8)[...]) && !IPv4Literal.parses(Array("1..2.3".utf8)[...]))
    }
}
