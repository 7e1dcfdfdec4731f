// Reading responses, for the clients that talk to mpmd: the test harness, the lab checks and
// the benchmark. Incremental like RequestParser: append bytes, ask for the next response. A
// response to HEAD has no body whatever its Content-Length says, so the reader must be told
// which responses answer HEAD requests.

/// A response as a client sees it.
public struct HTTPClientResponse: Sendable {
    public var status: Int
    public var reason: String
    public var version: String
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public var text: String { String(decoding: body, as: UTF8.self) }
}

public struct ResponseReader: Sendable {
    public enum Event: Sendable {
        case response(HTTPClientResponse)
        case needMoreData
        case malformed(String)
    }

    private var buffer: [UInt8] = []
    private var index = 0
    /// Whether the next response answers a HEAD request (no body).
    public var nextIsHead = false

    public init() {}

    public mutating func append<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        if index > 0 { buffer.removeFirst(index); index = 0 }
        buffer.append(contentsOf: bytes)
    }

    /// Bytes received and not consumed by a complete response.
    public var pendingBytes: Int { buffer.count - index }

    /// The next complete response. With `atEndOfStream`, a body delimited by the close of the
    /// connection is complete.
    public mutating func next(atEndOfStream: Bool = false) -> Event {
        guard let headEnd = find([13, 10, 13, 10], from: index) else {
            return buffer.count - index > 1 << 20 ? .malformed("response head too long") : .needMoreData
        }
        let head = String(decoding: buffer[index..<headEnd], as: UTF8.self)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        guard !lines.isEmpty else { return .malformed("empty response head") }
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else {
            return .malformed("bad status line: \(statusLine)")
        }
        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { return .malformed("bad header line: \(line)") }
            headers.add(String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingHTTPWhitespace())
        }
        var response = HTTPClientResponse(status: status, reason: parts.count > 2 ? String(parts[2]) : "",
                                          version: String(parts[0]), headers: headers, body: [])
        let bodyStart = headEnd + 4
        if nextIsHead || (100..<200).contains(status) || status == 204 || status == 304 {
            index = bodyStart
            if !(100..<200).contains(status) { nextIsHead = false }
            return .response(response)
        }
        if headers.hasToken("chunked", in: "Transfer-Encoding") {
            var position = bodyStart
            var body: [UInt8] = []
            while true {
                guard let lineEnd = find([13, 10], from: position) else { return .needMoreData }
                let sizeText = String(decoding: buffer[position..<lineEnd], as: UTF8.self)
                    .split(separator: ";").first.map { String($0).trimmingHTTPWhitespace() } ?? ""
                guard let size = Int(sizeText, radix: 16), size >= 0 else { return .malformed("bad chunk size \(sizeText)") }
                position = lineEnd + 2
                if size == 0 {
                    guard let end = find([13, 10], from: position) else { return .needMoreData }
                    // Trailers are skipped: read lines until the empty one.
                    var cursor = position
                    var lineEndAt = end
                    while lineEndAt != cursor {
                        cursor = lineEndAt + 2
                        guard let next = find([13, 10], from: cursor) else { return .needMoreData }
                        lineEndAt = next
                    }
                    index = cursor + 2
                    response.body = body
                    return .response(response)
                }
                guard buffer.count >= position + size + 2 else { return .needMoreData }
                body.append(contentsOf: buffer[position..<(position + size)])
                position += size + 2
            }
        }
        if let lengthText = headers["Content-Length"] {
            guard let length = Int(lengthText), length >= 0 else { return .malformed("bad Content-Length") }
            guard buffer.count >= bodyStart + length else { return .needMoreData }
            response.body = Array(buffer[bodyStart..<(bodyStart + length)])
            index = bodyStart + length
            return .response(response)
        }
        guard atEndOfStream else { return .needMoreData }
        response.body = Array(buffer[bodyStart...])
        index = buffer.count
        return .response(response)
    }

    private func find(_ pattern: [UInt8], from start: Int) -> Int? {
        guard buffer.count >= pattern.count else { return nil }
        var i = start
        while i + pattern.count <= buffer.count {
            if buffer[i] == pattern[0] && Array(buffer[i..<(i + pattern.count)]) == pattern { return i }
            i += 1
        }
        return nil
    }
}
