// Functions that drive a RequestParser the way a connection does, and summarise what came out.
// Tests compare summaries (`Outcome`) rather than whole requests, so each table row stays
// one readable line: the bytes on the wire, and what Apache answers.
@testable import HTTP
import Testing

/// What one `next()` call produced, reduced to what tests compare.
enum Outcome: Equatable, CustomStringConvertible {
    case request(String, String, body: String)
    case sendContinue
    case error(Int)

    var description: String {
        switch self {
        case .request(let method, let target, let body): "request(\(method) \(target), body: \(body.debugDescription))"
        case .sendContinue: "sendContinue"
        case .error(let status): "error(\(status))"
        }
    }
}

/// Feeds `raw` (all at once, or one byte at a time) and collects every event until the parser
/// needs more data or fails. The loop is bounded, so a parser that spins fails the test.
func outcomes(_ raw: [UInt8], limits: HTTPLimits = .apacheDefaults, byteByByte: Bool = false) -> [Outcome] {
    var parser = RequestParser(limits: limits)
    var result: [Outcome] = []
    func drain() -> Bool {
        for _ in 0..<10_000 {
            switch parser.next() {
            case .needMoreData: return true
            case .sendContinue: result.append(.sendContinue)
            case .request(let r): result.append(.request(r.method, r.target, body: String(decoding: r.body, as: UTF8.self)))
            case .error(let e):
                result.append(.error(e.status))
                return false
            }
        }
        Issue.record("parser did not settle after 10000 events")
        return false
    }
    if byteByByte {
        for byte in raw {
            parser.append(CollectionOfOne(byte))
            if !drain() { break }
        }
    } else {
        parser.append(raw)
        _ = drain()
    }
    return result
}

func outcomes(_ raw: String, limits: HTTPLimits = .apacheDefaults, byteByByte: Bool = false) -> [Outcome] {
    outcomes(Array(raw.utf8), limits: limits, byteByByte: byteByByte)
}

/// The status Apache would answer the first request with: the error status, or 200 when
/// the request parsed.
func status(_ raw: String, limits: HTTPLimits = .apacheDefaults) -> Int? {
    for outcome in outcomes(raw, limits: limits) {
        switch outcome {
        case .error(let status): return status
        case .request: return 200
        case .sendContinue: continue
        }
    }
    return nil
}

/// Parses one complete request and returns it (nil if none came out).
func parse(_ raw: String, limits: HTTPLimits = .apacheDefaults) -> HTTPRequest? {
    var parser = RequestParser(limits: limits)
    parser.append(Array(raw.utf8))
    for _ in 0..<10 {
        switch parser.next() {
        case .request(let request): return request
        case .sendContinue: continue
        case .needMoreData, .error: return nil
        }
    }
    return nil
}
