// HTTP/0.9 "simple requests" (`GET /` and nothing else), which Apache 2.4 still answers by
// default (`Allow0.9`), strictly: GET only. bench/conformance.py compares the answers.
@testable import HTTP
import Testing

@Suite("HTTP/0.9")
struct HTTP09Tests {
    @Test("A request line without a version is an HTTP/0.9 GET, complete at once")
    func simpleRequest() throws {
        for raw in ["GET /\r\n", "GET / \r\n", "GET /index.html?x=1\r\n"] {
            let request = try #require(parse(raw), "\(raw.debugDescription)")
            #expect(request.isHTTP09)
            #expect(request.version == .http0_9)
            #expect(request.headers.count == 0)
        }
        // Nothing after the line is read as headers: the request is over.
        #expect(outcomes("GET /\r\nHost: x\r\n").first == .request("GET", "/", body: ""))
    }

    @Test("HTTP/0.9 is GET only; anything else is an ordinary 400", arguments: [
        "HEAD /\r\n", "POST /\r\n", "get /\r\n", "OPTIONS *\r\n", "GET\r\n", "GET /a#b\r\n", "GET  /\r\n",
    ])
    func onlyGet(raw: String) {
        #expect(status(raw) == 400, "\(raw.debugDescription)")
    }

    @Test("An HTTP/0.9 request never keeps the connection")
    func neverPersists() throws {
        let request = try #require(parse("GET /\r\n"))
        let decision = persistence(request: request, status: 200, bodyLengthKnown: true,
                                   policy: .apacheDefaults, keepAlivesServed: 0)
        #expect(!decision.keepAlive)
    }
}
