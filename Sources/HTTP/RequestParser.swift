// An incremental HTTP/1.1 request parser: feed it whatever bytes arrived, ask for the next event.
//
// Why incremental? prefork and worker read a socket with blocking calls, but the event MPM
// reads only what epoll says is there and must be able to stop mid-request, park the
// connection, and resume later. So the parser never reads: it owns a buffer, `append` adds to
// it, and `next()` either returns a complete request or says `.needMoreData`. Whatever follows
// a request stays buffered: that is HTTP pipelining, and `hasBufferedInput` tells the caller
// not to wait on the socket (nor flush yet) because the next request is already here.
//
// `position` tells the caller which timeout applies, as in Apache: a request line is read under
// Timeout on a fresh connection and under KeepAliveTimeout after a response (`.idle` and
// `.requestLine`); once the line is in, headers and body are read under Timeout again.
// After any error the parser is dead: the connection must close, and pipelined requests
// behind the bad one are dropped unread.
//
// The work is done over bytes, in place: a line is found by scanning for LF from where the
// last scan stopped, the request line is split without copying, header lines are copied once
// into the request's header buffer, and only the method, the target and the host become
// Strings — a few allocations per request, whatever its size.

/// Turns a byte stream into requests, one event at a time.
public struct RequestParser: Sendable {
    public enum Event: Sendable {
        /// A complete request, body included.
        case request(HTTPRequest)
        /// The buffer ends inside a request: read more and call `next()` again.
        case needMoreData
        /// The headers ended with `Expect: 100-continue` and no body byte has arrived yet:
        /// write `HTTP/1.1 100 Continue\r\n\r\n`, then keep feeding. Emitted at most once.
        case sendContinue
        /// The request is refused: send an error response with this status and close.
        case error(HTTPError)
    }

    /// Where the parser stands, so the caller can pick the right timeout.
    public enum Position: Sendable, Equatable {
        /// Between requests, no byte of the next one buffered. This is where the event MPM
        /// parks a keep-alive connection in its listener thread instead of holding a worker.
        case idle
        /// Part of a request line is buffered. Like `.idle`, read under Timeout for the first
        /// request of a connection and under KeepAliveTimeout after that.
        case requestLine
        /// The request line is in; the header section is being read (Timeout).
        case headers
        /// The body is being read (Timeout).
        case body
        /// An error was reported; the connection must close.
        case failed
    }

    public let limits: HTTPLimits

    private var buffer: [UInt8] = []
    /// First byte not consumed yet.
    private var readIndex = 0
    /// Where the search for the next LF resumes, so bytes fed one at a time are scanned once.
    private var scanIndex = 0
    private var phase = Phase.requestLine
    private var blankLines = 0
    private var request = RequestParser.emptyRequest
    /// LimitRequestBody for the request being read (its `<Location>` may change it).
    private var bodyLimit: Int64 = 0
    private var headerBlock: HeaderBlock
    private var bodyBytesRead: Int64 = 0

    private enum Phase {
        case requestLine
        case headers
        case lengthBody(remaining: Int64)
        case chunkSize
        case chunkData(remaining: Int64)
        case chunkEnd
        case trailers
        case failed(HTTPError)
    }

    public init(limits: HTTPLimits = .apacheDefaults) {
        self.limits = limits
        self.headerBlock = HeaderBlock(limits: limits)
    }

    static let emptyRequest = HTTPRequest(method: "", target: "", parts: .init(path: 0..<0), version: .http1_1)

    /// Adds bytes read from the connection. Bytes fed after an error are ignored.
    public mutating func append<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        guard makeRoom() else { return }
        buffer.append(contentsOf: bytes)
    }

    /// Adds bytes read from the connection (what a read into a buffer gives: one copy).
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard makeRoom() else { return }
        buffer.append(contentsOf: bytes)
    }

    /// Drops consumed bytes once they are all consumed or many; false after an error.
    private mutating func makeRoom() -> Bool {
        if case .failed = phase { return false }
        if readIndex > 0 && (readIndex == buffer.count || readIndex >= 1 << 16) {
            buffer.removeFirst(readIndex)
            scanIndex -= readIndex
            readIndex = 0
        }
        return true
    }

    /// More input is already buffered after what has been consumed (a pipelined request).
    public var hasBufferedInput: Bool { readIndex < buffer.count }

    /// What to answer when the read timeout fires at the current position, as Apache does:
    /// nothing while waiting for a request line (the connection just closes; a client that
    /// never started a request gets no 408), and 408 once a request has started.
    public var timeoutError: HTTPError? {
        switch position {
        case .idle, .requestLine, .failed: nil
        case .headers, .body: HTTPError(408, "Request Timeout")
        }
    }

    public var position: Position {
        switch phase {
        case .requestLine:
            return readIndex == buffer.count && blankLines == 0 ? .idle : .requestLine
        case .headers: return .headers
        case .lengthBody, .chunkSize, .chunkData, .chunkEnd, .trailers: return .body
        case .failed: return .failed
        }
    }

    /// Parses as far as the buffer allows and reports what happened.
    public mutating func next() -> Event {
        do {
            return try advance()
        } catch {
            phase = .failed(error)
            buffer = []
            readIndex = 0
            scanIndex = 0
            return .error(error)
        }
    }

    private mutating func advance() throws(HTTPError) -> Event {
        while true {
            switch phase {
            case .failed(let error):
                return .error(error)

            case .requestLine:
                guard let line = try readLine(limit: limits.requestLine, tooLong: .requestLineTooLong)
                else { return .needMoreData }
                if line.isEmpty {
                    // Browsers once added a CRLF after a POST body for old CERN servers;
                    // Apache skips up to 10 such lines before a request line.
                    blankLines += 1
                    if blankLines > 10 { throw .badRequestLine }
                    continue
                }
                request = try buffer.withUnsafeBufferPointer { (all) throws(HTTPError) in
                    try RequestLine.parse(UnsafeBufferPointer(rebasing: all[line]))
                }
                // HTTP/0.9: no header section, no body; the request is complete.
                if request.isHTTP09 { return complete() }
                headerBlock = HeaderBlock(limits: limits, expectedBytes: buffer.count - readIndex)
                phase = .headers

            case .headers:
                guard let line = try readLine(limit: limits.fieldSize, tooLong: .fieldTooLong)
                else { return .needMoreData }
                if try headerBlock.take(buffer[line]) {
                    request.headers = headerBlock.headers
                    if let event = try startBody() { return event }
                }

            case .lengthBody(let remaining):
                let count = Int(min(remaining, Int64(buffer.count - readIndex)))
                request.body.append(contentsOf: buffer[readIndex..<(readIndex + count)])
                readIndex += count
                if Int64(count) < remaining {
                    phase = .lengthBody(remaining: remaining - Int64(count))
                    return .needMoreData
                }
                return complete()

            case .chunkSize:
                guard let line = try readLine(limit: limits.fieldSize, tooLong: .chunkTooLarge)
                else { return .needMoreData }
                let size = try FramingRules.chunkSize(buffer[line])
                if size == 0 {
                    headerBlock = HeaderBlock(limits: limits)
                    phase = .trailers
                } else {
                    phase = .chunkData(remaining: size)
                }

            case .chunkData(let remaining):
                let count = Int(min(remaining, Int64(buffer.count - readIndex)))
                // LimitRequestBody counts the data as it arrives, as Apache's input filter does.
                bodyBytesRead += Int64(count)
                if bodyLimit > 0 && bodyBytesRead > bodyLimit { throw .chunkedBodyTooLarge }
                request.body.append(contentsOf: buffer[readIndex..<(readIndex + count)])
                readIndex += count
                if Int64(count) < remaining {
                    phase = .chunkData(remaining: remaining - Int64(count))
                    return .needMoreData
                }
                phase = .chunkEnd

            case .chunkEnd:
                // The data must be followed by exactly CRLF.
                if readIndex < buffer.count && buffer[readIndex] != .cr { throw .badChunk }
                guard buffer.count - readIndex >= 2 else { return .needMoreData }
                guard buffer[readIndex + 1] == .lf else { throw .badChunk }
                readIndex += 2
                scanIndex = readIndex
                phase = .chunkSize

            case .trailers:
                // Trailer fields are read with the header rules, then discarded; any fault in
                // them is reported as a trailer error (400), as Apache does.
                do {
                    guard let line = try readLine(limit: limits.fieldSize, tooLong: .badTrailer)
                    else { return .needMoreData }
                    if try headerBlock.take(buffer[line]) { return complete() }
                } catch {
                    throw .badTrailer
                }
            }
        }
    }

    /// Checks the header section as a whole and decides how the body is framed (Apache's
    /// `ap_read_request` then `ap_check_request_header`, in the same order, so the same
    /// request gets the same status). Returns an event when there is one to report now.
    private mutating func startBody() throws(HTTPError) -> Event? {
        let headers = request.headers
        var length: Int64 = 0
        if let first = headers.firstIndex(of: "Content-Length") {
            // Two fields merge into `1, 1`, which is not a number: 400, as in Apache.
            guard headers.occurrences(of: "Content-Length") == 1,
                  let parsed = FramingRules.contentLength(headers.valueBytes(at: first)) else { throw .badContentLength }
            length = parsed
        }
        if headers.contains("Transfer-Encoding") {
            guard FramingRules.isChunked(headers) else { throw .unknownTransferEncoding }
            request.wasChunked = true
            if headers.contains("Content-Length") {
                // RFC 9112 §6.3: chunked wins and the length is dropped; Apache also refuses
                // to reuse the connection, since some hop may have framed it the other way.
                request.headers.remove("Content-Length")
                request.mustCloseAfterResponse = true
            }
        }
        try checkHost()

        if let expect = request.headers["Expect"], !expect.isEmpty {
            // An expectation the server cannot meet is answered 417 by the connection code,
            // which does not run the handler; it is not a framing error, so (as in Apache) the
            // connection may stay open.
            if expect.equalsIgnoringASCIICase("100-continue") {
                request.expectsContinue = true
            } else {
                request.unmetExpectation = true
            }
        }
        guard HTTPMethod.isRegistered(request.method) else { throw .unknownMethod }

        let hasBody = request.wasChunked || length > 0
        bodyLimit = hasBody ? limits.body(for: request) : limits.body
        if !request.wasChunked && bodyLimit > 0 && length > bodyLimit { throw .bodyTooLarge }

        var event: Event?
        if request.expectsContinue {
            if hasBody && request.version >= .http1_1 {
                // RFC 9110 §10.1.1: a server may skip the 100 once body bytes have arrived.
                if readIndex == buffer.count { event = .sendContinue }
            } else {
                // Apache leaves `expecting_100` set when it never read a body (or the client
                // is HTTP/1.0), and such a connection is not kept alive.
                request.mustCloseAfterResponse = true
            }
        }
        bodyBytesRead = 0
        if request.wasChunked {
            phase = .chunkSize
        } else if length > 0 {
            // Reserve up front (bounded: the client may never send what it announced).
            request.body.reserveCapacity(Int(min(length, 1 << 20)))
            phase = .lengthBody(remaining: length)
        } else {
            return complete()
        }
        return event
    }

    /// Apache's host rules (`ap_update_vhost_from_headers` under HttpProtocolOptions Strict):
    /// the host of an absolute-form target wins and the Host field is then not even judged;
    /// otherwise the Host field must be a valid host (two Host fields never are: merged, they
    /// hold a comma). HTTP/1.1 must name a host; an empty Host field names none.
    private mutating func checkHost() throws(HTTPError) {
        let headers = request.headers
        let hostFields = headers.occurrences(of: "Host")
        if let authority = request.parts.authority {
            guard HostName.isValidAuthority(Array(request.target.utf8)[authority]) else { throw .badHost }
            request.host = request.slice(of: authority).asciiLowercased()
        } else if let first = headers.firstIndex(of: "Host") {
            let value = headers.valueBytes(at: first)
            if hostFields > 1 || (!value.isEmpty && !HostName.isValidField(value)) { throw .badHost }
            if !value.isEmpty { request.host = headers.value(at: first).asciiLowercased() }
        }
        if (request.host == nil && request.version >= .http1_1)
            || (request.version == .http1_1 && hostFields == 0) {
            throw .missingHost
        }
    }

    private mutating func complete() -> Event {
        let done = request
        request = RequestParser.emptyRequest
        phase = .requestLine
        blankLines = 0
        scanIndex = max(scanIndex, readIndex)
        return .request(done)
    }

    /// The next CRLF-terminated line, without its CRLF, or nil if it has not all arrived.
    /// A line longer than `limit` (the buffer is limit + 2 bytes, CRLF included) throws
    /// `tooLong`; an LF without CR throws 400 (HttpProtocolOptions Strict).
    private mutating func readLine(limit: Int, tooLong: HTTPError) throws(HTTPError) -> Range<Int>? {
        if scanIndex < readIndex { scanIndex = readIndex }
        guard let lf = buffer[scanIndex...].firstIndex(of: .lf) else {
            scanIndex = buffer.count
            if buffer.count - readIndex >= limit + 2 { throw tooLong }
            return nil
        }
        if lf + 1 - readIndex > limit + 2 { throw tooLong }
        guard lf > readIndex, buffer[lf - 1] == .cr else { throw .bareLineFeed }
        let line = readIndex..<(lf - 1)
        readIndex = lf + 1
        scanIndex = readIndex
        return line
    }
}
