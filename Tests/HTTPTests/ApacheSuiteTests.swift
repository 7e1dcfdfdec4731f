// Cases taken from Apache's own test suite (httpd-tests), reproduced against the parser.
@testable import HTTP
import Testing

@Suite("httpd-tests cases")
struct ApacheSuiteTests {
    // t/apache/limits.t
    @Test("limits.t: a request line twice LimitRequestLine is 414")
    func requestLineOverLimit() {
        let limits = HTTPLimits(requestLine: 128)
        let uri = "/" + String(repeating: "a", count: 255)
        #expect(status("GET \(uri) HTTP/1.1\r\nHost: x\r\n\r\n", limits: limits) == 414)
    }

    @Test("The request line limit counts the line without its CRLF", arguments: [(126, 200), (128, 200), (129, 414)])
    func requestLineLimitBoundary(length: Int, expected: Int) {
        // "GET " + uri + " HTTP/1.1" is length + 13 bytes; choose uri so the line is `length`.
        let uri = "/" + String(repeating: "a", count: length - 14)
        #expect(status("GET \(uri) HTTP/1.1\r\nHost: x\r\n\r\n", limits: HTTPLimits(requestLine: 128)) == expected)
    }

    @Test("limits.t: a 2048-byte header against LimitRequestFieldSize 1024 is 400")
    func headerOverFieldSize() {
        let limits = HTTPLimits(fieldSize: 1024)
        let value = String(repeating: "b", count: 2048)
        #expect(status("GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(value)\r\n\r\n", limits: limits) == 400)
    }

    @Test("A header line of exactly LimitRequestFieldSize passes, one more byte fails", arguments: [(1024, 200), (1025, 400)])
    func fieldSizeBoundary(length: Int, expected: Int) {
        let value = String(repeating: "b", count: length - "X-Big: ".count)
        #expect(status("GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(value)\r\n\r\n", limits: HTTPLimits(fieldSize: 1024)) == expected)
    }

    @Test("limits.t: 64 headers against LimitRequestFields 32 is 400, 32 pass")
    func tooManyFields() {
        let limits = HTTPLimits(fields: 32)
        func request(_ n: Int) -> String {
            "GET / HTTP/1.1\r\nHost: x\r\n" + (1..<n).map { "X-\($0): v\r\n" }.joined() + "\r\n"
        }
        #expect(status(request(32), limits: limits) == 200)
        #expect(status(request(33), limits: limits) == 400)
        #expect(status(request(64), limits: limits) == 400)
        #expect(status(request(500), limits: HTTPLimits(fields: 0)) == 200)
    }

    @Test("limits.t: a duplicated 600-byte header merges past 1024 bytes: 400")
    func mergedHeaderOverFieldSize() {
        let value = String(repeating: "c", count: 600)
        let raw = "GET / HTTP/1.1\r\nHost: x\r\nX-Dup: \(value)\r\nX-Dup: \(value)\r\n\r\n"
        #expect(status(raw, limits: HTTPLimits(fieldSize: 1024)) == 400)
    }

    @Test("A folded header past LimitRequestFieldSize is 400")
    func foldedHeaderOverFieldSize() {
        let part = String(repeating: "d", count: 600)
        let raw = "GET / HTTP/1.1\r\nHost: x\r\nX-Fold: \(part)\r\n \(part)\r\n\r\n"
        #expect(status(raw, limits: HTTPLimits(fieldSize: 1024)) == 400)
    }

    @Test("limits.t: a 131072-byte body against LimitRequestBody 65536 is 413", arguments: [false, true])
    func bodyOverLimit(chunked: Bool) {
        let limits = HTTPLimits(body: 65536)
        let body = String(repeating: "e", count: 131072)
        let raw = chunked
            ? "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "8000\r\n" + String(body.prefix(32768)) + "\r\n"
                + "8000\r\n" + String(body.prefix(32768)) + "\r\n"
                + "8000\r\n" + String(body.prefix(32768)) + "\r\n"
                + "8000\r\n" + String(body.prefix(32768)) + "\r\n0\r\n\r\n"
            : "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 131072\r\n\r\n" + body
        #expect(status(raw, limits: limits) == 413)
        #expect(status(raw, limits: HTTPLimits(body: 0)) == 200)
    }

    @Test("A chunked body exactly at LimitRequestBody passes")
    func chunkedBodyAtLimit() {
        let raw = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n"
        #expect(status(raw, limits: HTTPLimits(body: 16)) == 200)
        #expect(status(raw, limits: HTTPLimits(body: 15)) == 413)
    }

    // t/apache/contentlength.t
    @Test("contentlength.t: a malformed Content-Length is 400", arguments: ["", "-1", "123abc", String(repeating: "1", count: 34), "1 2", "0x10"])
    func malformedContentLength(value: String) {
        #expect(status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: \(value)\r\n\r\n") == 400)
    }

    @Test("contentlength.t: Content-Length 0 is fine")
    func zeroContentLength() {
        #expect(status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n") == 200)
    }

    // t/apache/chunkinput.t
    @Test("chunkinput.t: chunk size lines", arguments: [
        ("plain", "5\r\nhello\r\n0\r\n\r\n", 200),
        ("extension", "5;name=value\r\nhello\r\n0\r\n\r\n", 200),
        ("extension on the last chunk", "5\r\nhello\r\n0;x\r\n\r\n", 200),
        ("uppercase hex", "A\r\n0123456789\r\n0\r\n\r\n", 200),
        ("leading zeros", "0000000000000000005\r\nhello\r\n0\r\n\r\n", 200),
        ("ten blanks before CRLF", "5          \r\nhello\r\n0\r\n\r\n", 200),
        ("eleven blanks", "5           \r\nhello\r\n0\r\n\r\n", 400),
        ("blanks then extension", "5 \t;x\r\nhello\r\n0\r\n\r\n", 200),
        ("digit after blanks", "5 5\r\nhello\r\n0\r\n\r\n", 400),
        ("control character in extension", "5;\u{01}\r\nhello\r\n0\r\n\r\n", 400),
        ("control character in size", "5\u{01}\r\nhello\r\n0\r\n\r\n", 400),
        ("leading space", " 5\r\nhello\r\n0\r\n\r\n", 400),
        ("empty size line", "\r\nhello\r\n0\r\n\r\n", 400),
        ("not hex", "5g\r\nhello\r\n0\r\n\r\n", 400),
        ("16 significant hex digits overflow", "ffffffffffffffff\r\nhello\r\n0\r\n\r\n", 413),
        ("data longer than the size", "3\r\nhello\r\n0\r\n\r\n", 400),
        ("bare LF after the size", "5\nhello\r\n0\r\n\r\n", 400),
        ("trailers", "5\r\nhello\r\n0\r\nX-Trailer: yes\r\n\r\n", 200),
        ("malformed trailer", "5\r\nhello\r\n0\r\nbad trailer\r\n\r\n", 400),
    ])
    func chunkSizeLines(rule: String, body: String, expected: Int) {
        let raw = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + body
        #expect(status(raw) == expected, "\(rule)")
    }

    @Test("A chunk size of 15 hex digits fits; over LimitRequestBody it is 413 once the data crosses the limit")
    func hugeChunkCrossesBodyLimit() {
        let raw = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffff\r\n" + String(repeating: "z", count: 20)
        #expect(outcomes(raw, limits: HTTPLimits(body: 10)) == [.error(413)])
        #expect(outcomes(raw, limits: HTTPLimits(body: 0)).isEmpty)
    }

    @Test("Chunked data is de-chunked into the body")
    func chunkedBodyIsDecoded() throws {
        let request = try #require(parse(
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"))
        #expect(String(decoding: request.body, as: UTF8.self) == "hello world")
        #expect(request.wasChunked)
        #expect(!request.mustCloseAfterResponse)
    }

    // t/apache/teclchunk.t
    @Test("teclchunk.t: TE + CL reads the body as chunked, drops CL and closes after the response")
    func transferEncodingWithContentLength() throws {
        let raw = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
        let request = try #require(parse(raw))
        #expect(String(decoding: request.body, as: UTF8.self) == "hello")
        #expect(!request.headers.contains("Content-Length"))
        #expect(request.mustCloseAfterResponse)
        let decision = persistence(request: request, status: 200, bodyLengthKnown: true,
                                   policy: .apacheDefaults, keepAlivesServed: 0)
        #expect(!decision.keepAlive)
        #expect(decision.headers == [HTTPField("Connection", "close")])
    }
}
