// Byte ranges, entity tags and conditional requests.
@testable import HTTP
import Testing

@Suite("Ranges and preconditions")
struct RangeAndPreconditionTests {
    @Test("Single byte ranges against a 1000-byte body", arguments: [
        ("bytes=0-99", RangeDecision.partial(first: 0, last: 99)),
        ("bytes=-500", .partial(first: 500, last: 999)),
        ("bytes=500-", .partial(first: 500, last: 999)),
        ("bytes=990-2000", .partial(first: 990, last: 999)),
        ("bytes=-5000", .partial(first: 0, last: 999)),
        ("BYTES=0-0", .partial(first: 0, last: 0)),
        ("bytes=1000-", .unsatisfiable),
        ("bytes=5000-6000", .unsatisfiable),
        ("bytes=-0", .full),
        ("bytes=9-5", .full),
        ("bytes=a-b", .full),
        ("items=0-9", .full),
        ("bytes=", .full),
    ])
    func singleRanges(header: String, decision: RangeDecision) {
        #expect(ByteRange.evaluate(header, length: 1000) == decision)
    }

    @Test("No Range header, or an empty body, means the full body (Apache does no range work on an empty one)")
    func edgeRanges() {
        #expect(ByteRange.evaluate(nil, length: 10) == .full)
        #expect(ByteRange.evaluate("bytes=0-", length: 0) == .full)
        #expect(ByteRange.evaluate("bytes=0-0,2-2", length: 0) == .full)
        #expect(ByteRange.contentRange(first: 0, last: 99, length: 1000) == "bytes 0-99/1000")
    }

    @Test("ETags are formatted like Apache's FileETag MTime Size")
    func etagFormat() {
        #expect(ETag.forFile(size: 4096, modifiedMicroseconds: 0x5f5e100).description == "\"1000-5f5e100\"")
        #expect(ETag.forFile(size: 1, modifiedMicroseconds: 2, weak: true).description == "W/\"1-2\"")
    }

    static let tag = ETag(opaque: "1000-abc")
    static let modified: Int64 = 784111777                 // Sun, 06 Nov 1994 08:49:37 GMT

    @Test("Conditional requests follow RFC 9110's order", arguments: [
        ("no conditions", "GET", [(String, String)](), PreconditionResult.proceed),
        ("If-None-Match hit", "GET", [("If-None-Match", "\"1000-abc\"")], .notModified),
        ("If-None-Match weak hit", "HEAD", [("If-None-Match", "W/\"1000-abc\"")], .notModified),
        ("If-None-Match in a list", "GET", [("If-None-Match", "\"x\", \"1000-abc\"")], .notModified),
        ("If-None-Match miss", "GET", [("If-None-Match", "\"other\"")], .proceed),
        ("If-None-Match star", "GET", [("If-None-Match", "*")], .notModified),
        ("If-None-Match hit on PUT", "PUT", [("If-None-Match", "\"1000-abc\"")], .preconditionFailed),
        ("If-Modified-Since same second", "GET", [("If-Modified-Since", "Sun, 06 Nov 1994 08:49:37 GMT")], .notModified),
        ("If-Modified-Since older", "GET", [("If-Modified-Since", "Sun, 06 Nov 1994 08:49:36 GMT")], .proceed),
        ("If-Modified-Since ignored on POST", "POST", [("If-Modified-Since", "Sun, 06 Nov 1994 08:49:37 GMT")], .proceed),
        ("If-Modified-Since invalid date", "GET", [("If-Modified-Since", "tomorrow")], .proceed),
        ("If-None-Match wins over If-Modified-Since", "GET",
         [("If-None-Match", "\"other\""), ("If-Modified-Since", "Sun, 06 Nov 1994 08:49:37 GMT")], .proceed),
        ("If-Match hit", "PUT", [("If-Match", "\"1000-abc\"")], .proceed),
        ("If-Match weak tag never matches", "PUT", [("If-Match", "W/\"1000-abc\"")], .preconditionFailed),
        ("If-Match miss", "GET", [("If-Match", "\"other\"")], .preconditionFailed),
        ("If-Match star", "DELETE", [("If-Match", "*")], .proceed),
        ("If-Unmodified-Since passed", "PUT", [("If-Unmodified-Since", "Sun, 06 Nov 1994 08:49:36 GMT")], .preconditionFailed),
        ("If-Unmodified-Since holds", "PUT", [("If-Unmodified-Since", "Sun, 06 Nov 1994 08:49:37 GMT")], .proceed),
    ])
    func conditionalRequests(rule: String, method: String, fields: [(String, String)], expected: PreconditionResult) {
        let result = Preconditions.evaluate(method: method, headers: HTTPHeaders(fields),
                                            etag: Self.tag, lastModified: Self.modified)
        #expect(result == expected, "\(rule)")
    }

    @Test("If-Range lets a range through only on a strong match", arguments: [
        (String?.none, true),
        ("\"1000-abc\"", true),
        ("\"other\"", false),
        ("W/\"1000-abc\"", false),
        ("Sun, 06 Nov 1994 08:49:37 GMT", true),
        ("Sun, 06 Nov 1994 08:49:38 GMT", false),
        ("garbage", false),
    ])
    func ifRange(value: String?, applies: Bool) {
        #expect(Preconditions.rangeApplies(ifRange: value, etag: Self.tag, lastModified: Self.modified) == applies)
    }
}
