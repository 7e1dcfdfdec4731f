// Fuzz harness for the HTTP request parser. The oracle is the parser's own promise: bytes fed
// in any pieces give the same events as the same bytes fed at once (the event MPM feeds what
// epoll says is there, prefork whatever one read returned). Each input picks its limits and
// its split points from its first bytes, then every request that comes out is read the way
// the server reads it (path, query, keep-alive tokens, host, ranges, preconditions), so those
// functions are fuzzed too. Used by the libFuzzer target and by the corpus replay in `make test`.
import HTTP

public enum HTTPParserHarness {
    /// Nil when the input behaved; otherwise what went wrong (the fuzzer turns it into a crash).
    public static func check(_ input: [UInt8]) -> String? {
        guard input.count >= 2 else { return nil }
        let limits = input[0] & 1 == 0 ? HTTPLimits.apacheDefaults
            : HTTPLimits(requestLine: 64, fieldSize: 64, fields: 8, body: 64)
        var seed = UInt64(input[1]) &* 0x9E37_79B9_7F4A_7C15 | 1
        let stream = Array(input[2...])
        let whole = events(stream, limits: limits, pieces: [stream.count])
        var pieces: [Int] = []
        var left = stream.count
        while left > 0 {
            seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
            let piece = min(left, 1 + Int(seed % 17))
            pieces.append(piece)
            left -= piece
        }
        let split = events(stream, limits: limits, pieces: pieces)
        guard whole == split else {
            return "fed at once: \(whole)\nfed in pieces \(pieces): \(split)"
        }
        return nil
    }

    /// The events, summarised, until the parser needs more than the stream holds or fails.
    static func events(_ stream: [UInt8], limits: HTTPLimits, pieces: [Int]) -> [Event] {
        var parser = RequestParser(limits: limits)
        var seen: [Event] = []
        var offset = 0
        for piece in pieces {
            stream[offset..<(offset + piece)].withUnsafeBytes { parser.append($0) }
            offset += piece
            drain: for _ in 0..<10_000 {
                switch parser.next() {
                case .request(let request): seen.append(.request(Summary(request)))
                case .sendContinue: continue              // depends on where a piece ends
                case .needMoreData: break drain
                case .error(let error):
                    seen.append(.error(error.status))
                    return seen
                }
            }
        }
        return seen
    }

    enum Event: Equatable, CustomStringConvertible {
        case request(Summary)
        case error(Int)

        var description: String {
            switch self {
            case .request(let s): "\(s)"
            case .error(let status): "error \(status)"
            }
        }
    }

    /// A request as the server uses it, every derived fact included (compared as values; the
    /// text is only built to report a difference).
    struct Summary: Equatable {
        let method: String, target: String, version: HTTPVersion, headers: HTTPHeaders, body: [UInt8]
        let host: String?, path: String?, query: String?, rawPath: String
        let range: RangeDecision, preconditions: PreconditionResult, keepAlive: Bool
        let flags: [Bool]

        init(_ r: HTTPRequest) {
            let length = Int64(r.body.count + 36)
            range = ByteRange.evaluate(r.headers["Range"], length: length)
            if case .multipart(let ranges) = range {
                let parts = MultipartByteRanges(boundary: "b", contentType: "text/plain", ranges: ranges, length: length)
                precondition(parts.body { Array(repeating: 0x30, count: $0.count) }?.count == Int(parts.bodyLength))
            }
            preconditions = Preconditions.evaluate(method: r.method, headers: r.headers,
                                                   etag: ETag(opaque: "1-2"), lastModified: 784111777)
            keepAlive = persistence(request: r, status: 200, bodyLengthKnown: true, policy: .apacheDefaults,
                                    keepAlivesServed: 0).keepAlive
            (method, target, version, headers, body) = (r.method, r.target, r.version, r.headers, r.body)
            (host, path, query, rawPath) = (r.host, try? r.decodedPath(), r.query, r.rawPath)
            flags = [r.expectsContinue, r.unmetExpectation, r.mustCloseAfterResponse, r.wasChunked, r.isHTTP09,
                     r.keepAliveToken, r.closeToken]
        }
    }
}
