// Pipelining, resumability and the parser positions the connection code uses for timeouts.
@testable import HTTP
import Testing

@Suite("Pipelining and incremental parsing")
struct PipeliningTests {
    static let three = "GET /1 HTTP/1.1\r\nHost: x\r\n\r\n"
        + "POST /2 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
        + "PUT /3 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"

    @Test("Three requests in one append come out in order")
    func threeRequestsInOrder() {
        #expect(outcomes(Self.three) == [
            .request("GET", "/1", body: ""),
            .request("POST", "/2", body: "hello"),
            .request("PUT", "/3", body: "abc"),
        ])
    }

    @Test("Bytes fed one at a time give the same requests as one append", arguments: [
        three,
        "\r\n\r\nGET / HTTP/1.0\r\nX: a\r\n b\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;e=1\r\nhello\r\n0\r\nT: 1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /bad HTTP/1.1\nHost: x\r\n\r\nGET /never HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /" + String(repeating: "a", count: 200) + " HTTP/1.1\r\n",
    ])
    func byteByByteMatchesOneAppend(raw: String) {
        let limits = HTTPLimits(requestLine: 100)
        #expect(outcomes(raw, limits: limits, byteByByte: true) == outcomes(raw, limits: limits))
    }

    @Test("An error drops the pipelined requests behind it and the parser stays dead")
    func errorDropsQueuedRequests() {
        var parser = RequestParser()
        parser.append(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\nBAD\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        guard case .request = parser.next() else { Issue.record("first request expected"); return }
        #expect(parser.hasBufferedInput)
        guard case .error(let error) = parser.next() else { Issue.record("error expected"); return }
        #expect(error.status == 400)
        #expect(!parser.hasBufferedInput)
        #expect(parser.position == .failed)
        parser.append(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        guard case .error = parser.next() else { Issue.record("parser must stay dead"); return }
    }

    @Test("Positions follow the request: idle, request line, headers, body, idle")
    func positionsForTimeouts() {
        var parser = RequestParser()
        #expect(parser.position == .idle)
        #expect(parser.timeoutError == nil)
        #expect(!parser.hasBufferedInput)
        func feed(_ text: String) -> RequestParser.Event {
            parser.append(Array(text.utf8))
            return parser.next()
        }
        guard case .needMoreData = feed("GET / HT") else { Issue.record(); return }
        #expect(parser.position == .requestLine)
        #expect(parser.timeoutError == nil)
        guard case .needMoreData = feed("TP/1.1\r\nHost: x\r\nContent-") else { Issue.record(); return }
        #expect(parser.position == .headers)
        #expect(parser.timeoutError?.status == 408)
        guard case .needMoreData = feed("Length: 4\r\n\r\nab") else { Issue.record(); return }
        #expect(parser.position == .body)
        guard case .request(let request) = feed("cd") else { Issue.record(); return }
        #expect(request.body == Array("abcd".utf8))
        #expect(parser.position == .idle)
        guard case .needMoreData = feed("\r\n") else { Issue.record(); return }
        #expect(parser.position == .requestLine)
    }

    @Test("hasBufferedInput says a pipelined request is already waiting")
    func bufferedInputAfterRequest() {
        var parser = RequestParser()
        parser.append(Array("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2".utf8))
        guard case .request = parser.next() else { Issue.record(); return }
        #expect(parser.hasBufferedInput)
        #expect(parser.position == .requestLine)
    }

    @Test("100-continue is asked for once, when the headers end before any body byte")
    func continueBeforeBody() {
        var parser = RequestParser()
        parser.append(Array("PUT / HTTP/1.1\r\nHost: x\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\n".utf8))
        guard case .sendContinue = parser.next() else { Issue.record("sendContinue expected"); return }
        #expect(parser.position == .body)
        guard case .needMoreData = parser.next() else { Issue.record("no second sendContinue"); return }
        parser.append(Array("ok".utf8))
        guard case .request(let request) = parser.next() else { Issue.record(); return }
        #expect(request.expectsContinue)
        #expect(!request.mustCloseAfterResponse)
    }

    @Test("100-continue is skipped when body bytes came with the headers")
    func continueSkippedWhenBodyArrived() {
        let raw = "PUT / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok"
        #expect(outcomes(raw) == [.request("PUT", "/", body: "ok")])
    }

    @Test("100-continue with no body, or from HTTP/1.0, is never answered and the connection closes", arguments: [
        "GET / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n",
        "PUT / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok",
    ])
    func unansweredContinueCloses(raw: String) throws {
        #expect(!outcomes(raw, byteByByte: true).contains(.sendContinue))
        let request = try #require(parse(raw))
        #expect(request.mustCloseAfterResponse)
    }

    @Test("A Content-Length over LimitRequestBody is refused before any 100 Continue")
    func bodyLimitBeforeContinue() {
        let raw = "PUT / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n"
        #expect(outcomes(raw, limits: HTTPLimits(body: 10)) == [.error(413)])
    }

    @Test("A long request line is refused as soon as it cannot fit, without waiting for its end")
    func longLineRefusedEarly() {
        // With LimitRequestLine 100 the buffer is 102 bytes: 102 bytes without an LF cannot be
        // a line of 100 plus CRLF, while 101 bytes still can (100 and a CR).
        let raw = "GET /" + String(repeating: "a", count: 97)
        #expect(outcomes(raw, limits: HTTPLimits(requestLine: 100)) == [.error(414)])
        #expect(outcomes(String(raw.dropLast()), limits: HTTPLimits(requestLine: 100)).isEmpty)
    }
}
