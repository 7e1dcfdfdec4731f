// The keep-alive decision, row by row against Apache's ap_set_keepalive.
@testable import HTTP
import Testing

@Suite("Persistence")
struct PersistenceTests {
    static func request(_ version: HTTPVersion, _ connection: String? = nil, method: String = "GET") -> HTTPRequest {
        var headers: HTTPHeaders = ["Host": "x"]
        if let connection { headers.add("Connection", connection) }
        return HTTPRequest(method: method, target: "/", version: version, headers: headers)
    }

    static func decide(_ request: HTTPRequest?, status: Int = 200, length: Bool = true,
                       policy: KeepAlivePolicy = .apacheDefaults, served: Int = 0,
                       stopping: Bool = false) -> PersistenceDecision {
        persistence(request: request, status: status, bodyLengthKnown: length, policy: policy,
                    keepAlivesServed: served, serverStopping: stopping)
    }

    @Test("The max= countdown runs 100 to 1, then the 101st response closes")
    func maxCountdown() {
        let request = Self.request(.http1_1, "keep-alive")
        for served in 0..<100 {
            let decision = Self.decide(request, served: served)
            #expect(decision.keepAlive)
            #expect(decision.headers == [HTTPField("Keep-Alive", "timeout=5, max=\(100 - served)"),
                                         HTTPField("Connection", "Keep-Alive")])
        }
        let last = Self.decide(request, served: 100)
        #expect(!last.keepAlive)
        #expect(last.headers == [HTTPField("Connection", "close")])
    }

    @Test("MaxKeepAliveRequests 0 is unlimited and shows only the timeout")
    func unlimitedRequests() {
        let decision = Self.decide(Self.request(.http1_1, "keep-alive"),
                                   policy: KeepAlivePolicy(maxRequests: 0), served: 5000)
        #expect(decision.keepAlive)
        #expect(decision.headers.first == HTTPField("Keep-Alive", "timeout=5"))
    }

    @Test("KeepAliveTimeout is shown in whole seconds, truncated", arguments: [(5000, "timeout=5, max=100"), (500, "timeout=0, max=100"), (15999, "timeout=15, max=100")])
    func timeoutInSeconds(milliseconds: Int64, shown: String) {
        let decision = Self.decide(Self.request(.http1_0, "keep-alive"),
                                   policy: KeepAlivePolicy(timeoutMilliseconds: milliseconds))
        #expect(decision.headers.first == HTTPField("Keep-Alive", shown))
    }

    @Test("Who persists", arguments: [
        ("HTTP/1.1 persists by default, with no extra header", request(.http1_1), true, [HTTPField]()),
        ("HTTP/1.0 without the token closes", request(.http1_0), false, [HTTPField("Connection", "close")]),
        ("HTTP/1.0 with the token persists", request(.http1_0, "Keep-Alive"),
         true, [HTTPField("Keep-Alive", "timeout=5, max=100"), HTTPField("Connection", "Keep-Alive")]),
        ("Connection: close closes", request(.http1_1, "close"), false, [HTTPField("Connection", "close")]),
        ("close wins over keep-alive", request(.http1_1, "keep-alive, close"), false, [HTTPField("Connection", "close")]),
    ])
    func whoPersists(rule: String, request: HTTPRequest, keepAlive: Bool, headers: [HTTPField]) {
        let decision = Self.decide(request)
        #expect(decision.keepAlive == keepAlive, "\(rule)")
        #expect(decision.headers == headers, "\(rule)")
    }

    @Test("Statuses that drop the connection", arguments: [400, 408, 411, 413, 414, 500, 501, 503])
    func closingStatuses(status: Int) {
        let decision = Self.decide(Self.request(.http1_1, "keep-alive"), status: status)
        #expect(!decision.keepAlive)
        #expect(decision.headers == [HTTPField("Connection", "close")])
    }

    @Test("Other statuses keep the connection", arguments: [200, 204, 206, 301, 304, 401, 403, 404, 405, 412, 416, 417])
    func keepingStatuses(status: Int) {
        #expect(Self.decide(Self.request(.http1_1), status: status).keepAlive)
    }

    @Test("A request that could not be parsed closes")
    func unparsedRequestCloses() {
        #expect(Self.decide(nil, status: 400) == PersistenceDecision(
            keepAlive: false, framing: .contentLength, headers: [HTTPField("Connection", "close")]))
    }

    @Test("Unknown length: chunked for HTTP/1.1, until close for HTTP/1.0")
    func unknownLengthFraming() {
        let v11 = Self.decide(Self.request(.http1_1), length: false)
        #expect(v11.keepAlive && v11.framing == .chunked)
        let v10 = Self.decide(Self.request(.http1_0, "keep-alive"), length: false)
        #expect(!v10.keepAlive && v10.framing == .untilClose)
        #expect(v10.headers == [HTTPField("Connection", "close")])
    }

    @Test("HTTP/1.1 with unknown length is chunked even when KeepAlive is Off")
    func chunkedEvenWithoutKeepAlive() {
        let decision = Self.decide(Self.request(.http1_1), length: false, policy: KeepAlivePolicy(enabled: false))
        #expect(!decision.keepAlive)
        #expect(decision.framing == .chunked)
    }

    @Test("HEAD, 204 and 304 need no length to persist")
    func headerOnlyResponses() {
        #expect(Self.decide(Self.request(.http1_0, "keep-alive", method: "HEAD"), length: false).keepAlive)
        #expect(Self.decide(Self.request(.http1_0, "keep-alive"), status: 304, length: false).framing == .none)
        #expect(Self.decide(Self.request(.http1_0, "keep-alive"), status: 204, length: false).keepAlive)
    }

    @Test("KeepAlive Off, a zero timeout or a stopping server close", arguments: [
        (KeepAlivePolicy(enabled: false), false),
        (KeepAlivePolicy(timeoutMilliseconds: 0), false),
        (KeepAlivePolicy.apacheDefaults, true),
    ])
    func serverSideRefusals(policy: KeepAlivePolicy, stopping: Bool) {
        #expect(!Self.decide(Self.request(.http1_1), policy: policy, stopping: stopping).keepAlive)
    }

    @Test("A handler's own Connection: close is not repeated")
    func handlerCloseNotRepeated() {
        let decision = persistence(request: Self.request(.http1_1), status: 200, bodyLengthKnown: true,
                                   policy: .apacheDefaults, keepAlivesServed: 0, responseSaysClose: true)
        #expect(!decision.keepAlive)
        #expect(decision.headers.isEmpty)
    }
}
