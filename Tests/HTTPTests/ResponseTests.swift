// Response heads, reason phrases, chunked output and the header container.
@testable import HTTP
import Testing

@Suite("Responses and headers")
struct ResponseTests {
    @Test("The status line always says HTTP/1.1 and fields keep their order")
    func serialisesHead() {
        let head = HTTPResponseHead(status: 404, headers: ["Content-Type": "text/html", "Content-Length": "0"])
        #expect(String(decoding: head.serialized(), as: UTF8.self)
                == "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 0\r\n\r\n")
    }

    @Test("The interim 100 Continue is a bare status line")
    func continueLine() {
        #expect(HTTPResponseHead.continueBytes == HTTPResponseHead(status: 100).serialized())
    }

    @Test("Apache's reason phrases", arguments: [
        (200, "OK"), (206, "Partial Content"), (304, "Not Modified"), (400, "Bad Request"),
        (412, "Precondition Failed"), (413, "Request Entity Too Large"), (414, "Request-URI Too Long"),
        (416, "Requested Range Not Satisfiable"), (417, "Expectation Failed"), (501, "Not Implemented"),
        (505, "HTTP Version Not Supported"), (299, ""),
    ])
    func reasonPhrases(status: Int, reason: String) {
        #expect(HTTPStatus.reason(status) == reason)
    }

    @Test("Chunks are framed in hex, empty data writes nothing, and the end is 0 CRLF CRLF")
    func chunkedEncoding() {
        #expect(String(decoding: ChunkedEncoder.chunk(Array("hello".utf8)), as: UTF8.self) == "5\r\nhello\r\n")
        #expect(String(decoding: ChunkedEncoder.chunk([UInt8](repeating: 0x41, count: 255)).prefix(4), as: UTF8.self) == "ff\r\n")
        #expect(ChunkedEncoder.chunk([UInt8]()).isEmpty)
        #expect(ChunkedEncoder.end == Array("0\r\n\r\n".utf8))
    }

    @Test("What the chunked encoder writes, the parser reads back")
    func chunkedRoundTrip() throws {
        let pieces = ["first ", "", "second", String(repeating: "x", count: 5000)]
        var wire = Array("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        for piece in pieces { wire += ChunkedEncoder.chunk(Array(piece.utf8)) }
        wire += ChunkedEncoder.end
        #expect(outcomes(wire) == [.request("POST", "/", body: pieces.joined())])
    }

    @Test("Header lookup ignores case, merges repeats, and set/remove act on every spelling")
    func headerContainer() {
        var headers = HTTPHeaders([("Accept", "a"), ("X", "1"), ("accept", "b")])
        #expect(headers["ACCEPT"] == "a, b")
        #expect(headers.values(for: "accept") == ["a", "b"])
        headers.set("Accept", "c")
        #expect(headers.fields == [HTTPField("Accept", "c"), HTTPField("X", "1")])
        headers.remove("x")
        #expect(headers.count == 1)
        #expect(headers["X"] == nil)
    }
}
