// HTTPHeaders keeps every name and value in one byte buffer; these tests pin the behaviour
// callers rely on: order, case-insensitive lookups, merging, set and remove.
@testable import HTTP
import Testing

@Suite("Header fields")
struct HeaderStorageTests {
    @Test("Lookups fold ASCII case only, and repeated fields merge with a comma")
    func lookups() {
        let headers: HTTPHeaders = ["Accept": "a", "X-Thing": "1", "accept": "b", "Connection": "keep-alive, Upgrade"]
        #expect(headers["ACCEPT"] == "a, b")
        #expect(headers.values(for: "accept") == ["a", "b"])
        #expect(headers["Missing"] == nil && !headers.contains("Missing"))
        #expect(headers.hasToken("upgrade", in: "connection") && !headers.hasToken("close", in: "Connection"))
        #expect(headers.fields.map(\.name) == ["Accept", "X-Thing", "accept", "Connection"])
        #expect(headers.occurrences(of: "ACCEPT") == 2)
        // The Kelvin sign folds to k in Unicode, never in HTTP.
        #expect(!(["\u{212A}eep": "x"] as HTTPHeaders).contains("keep"))
    }

    @Test("set replaces every field of the name in place of the first; remove drops them all")
    func setAndRemove() {
        var headers: HTTPHeaders = ["A": "1", "B": "2", "a": "3", "C": "4"]
        headers.set("a", "9")
        #expect(headers.fields == [HTTPField("a", "9"), HTTPField("B", "2"), HTTPField("C", "4")])
        headers.set("D", "5")
        #expect(headers.fields.last == HTTPField("D", "5"))
        headers.remove("b")
        #expect(headers.fields.map(\.name) == ["a", "C", "D"])
        #expect(headers == ["a": "9", "C": "4", "D": "5"])
        #expect(headers != ["a": "9", "C": "4", "D": "6"])
    }

    @Test("A response head serialises the fields in order")
    func serialised() {
        let head = HTTPResponseHead(status: 206, headers: ["Content-Length": "2", "Content-Range": "bytes 0-1/36"])
        #expect(String(decoding: head.serialized(), as: UTF8.self)
                == "HTTP/1.1 206 Partial Content\r\nContent-Length: 2\r\nContent-Range: bytes 0-1/36\r\n\r\n")
    }

    @Test("Parsed fields keep their spelling, with blanks around the value trimmed")
    func parsedFields() throws {
        let request = try #require(parse("GET / HTTP/1.1\r\nHost: x\r\nX-A:  spaced value \t\r\nx-a:\r\n\r\n"))
        #expect(request.headers.fields == [HTTPField("Host", "x"), HTTPField("X-A", "spaced value"), HTTPField("x-a", "")])
        #expect(request.headers["x-A"] == "spaced value, ")
    }
}
