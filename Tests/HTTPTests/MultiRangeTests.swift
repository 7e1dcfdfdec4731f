// Several byte ranges in one request, decided as Apache's byterange filter decides them
// (each row was checked against Apache 2.4 by bench/conformance.py), and the
// multipart/byteranges body that answers them.
@testable import HTTP
import Testing

@Suite("Several byte ranges")
struct MultiRangeTests {
    /// A 36-byte representation, as `digits.txt` in the conformance run.
    static let length: Int64 = 36

    @Test("Apache's merging and refusal rules", arguments: [
        ("bytes=0-1,3-4", RangeDecision.multipart([0...1, 3...4])),
        ("bytes=3-4,0-1", .multipart([3...4, 0...1])),                 // order kept
        ("bytes=0-0,-1", .multipart([0...0, 35...35])),
        ("bytes=-5,0-1", .multipart([31...35, 0...1])),
        ("bytes=35-40,0-1", .multipart([35...35, 0...1])),             // clamped to the end
        ("bytes=0-1,,3-4", .multipart([0...1, 3...4])),                // empty items skipped
        ("bytes=0-1,3-4,", .multipart([0...1, 3...4])),
        ("bytes=0-1,3-", .multipart([0...1, 3...35])),
        ("bytes=00-1,3-04", .multipart([0...1, 3...4])),               // leading zeros are digits
        ("bytes=0-5,3-9", .partial(first: 0, last: 9)),                // overlapping: merged
        ("bytes=0-1,2-3", .partial(first: 0, last: 3)),                // adjacent: merged
        ("bytes=5-6,4-4", .partial(first: 4, last: 6)),                // merged backwards
        ("bytes=1-,0-0", .partial(first: 0, last: 35)),
        ("bytes=-100,0-1", .partial(first: 0, last: 35)),
        ("bytes=0-35,0-35", .partial(first: 0, last: 35)),
        ("bytes=0-,3-4", .partial(first: 0, last: 35)),                // `0-` swallows the rest
        ("bytes=0-1,100-200", .partial(first: 0, last: 1)),            // past the end: dropped
        ("bytes=100-200,300-400", .unsatisfiable),
        ("bytes=0-1, 3-4", .full),                                     // a blank voids the header
        ("bytes=0-1 ,3-4", .full),
        ("bytes= 0-1", .full),
        ("bytes=+0-1,3-4", .full),                                     // no sign
        ("bytes=,0-1", .full),                                         // an empty first item ends the list
        ("bytes=0-1;3-4", .full),
        ("bytes=0-1,5", .full),                                        // an item without a dash
        ("bytes=-0,0-1", .full),
        ("bytes=5-3,0-1", .full),
        ("bytes=0-1,-", .full),
        ("bytes=99999999999999999999-", .full),                        // past 64 bits
        ("bytes=0-20,25-35,0-20", .full),                              // adds up past the length
        ("bytes=0-0, bytes=2-2", .full),                               // two Range fields, merged
    ])
    func decisions(header: String, expected: RangeDecision) {
        #expect(ByteRange.evaluate(header, length: Self.length) == expected, "\(header)")
    }

    @Test("More than 20 merges, or more than 20 backward steps, void the header (CVE-2011-3192)")
    func overlapLimits() {
        let twentyOne = Array(repeating: "0-1", count: 22).joined(separator: ",")       // 21 merges
        let twenty = Array(repeating: "0-1", count: 21).joined(separator: ",")          // 20 merges
        #expect(ByteRange.evaluate("bytes=" + twentyOne, length: Self.length) == .full)
        #expect(ByteRange.evaluate("bytes=" + twenty, length: Self.length) == .partial(first: 0, last: 1))
        let backwards = (0..<22).map { "\(30 - $0)-\(30 - $0)" }.joined(separator: ",")   // 21 reversals
        #expect(ByteRange.evaluate("bytes=" + backwards, length: Self.length) == .full)
    }

    @Test("More than 200 ranges void the header")
    func rangeCountLimit() {
        let many = (0..<201).map { "\($0 * 2)-\($0 * 2)" }.joined(separator: ",")
        #expect(ByteRange.evaluate("bytes=" + many, length: 1000) == .full)
        let enough = (0..<200).map { "\($0 * 2)-\($0 * 2)" }.joined(separator: ",")
        guard case .multipart(let ranges) = ByteRange.evaluate("bytes=" + enough, length: 1000) else {
            Issue.record("200 ranges are served")
            return
        }
        #expect(ranges.count == 200)
    }

    @Test("The multipart body is laid out as Apache's, byte for byte")
    func multipartBody() throws {
        let data = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)
        let parts = MultipartByteRanges(boundary: "71f39d41082cc46e", contentType: "text/plain",
                                        ranges: [0...1, 3...4], length: 36)
        let body = try #require(parts.body { Array(data[Int($0.lowerBound)...Int($0.upperBound)]) })
        let expected = "\r\n--71f39d41082cc46e\r\nContent-type: text/plain\r\nContent-range: bytes 0-1/36\r\n\r\n01"
            + "\r\n--71f39d41082cc46e\r\nContent-type: text/plain\r\nContent-range: bytes 3-4/36\r\n\r\n34"
            + "\r\n--71f39d41082cc46e--\r\n"
        #expect(String(decoding: body, as: UTF8.self) == expected)
        #expect(parts.bodyLength == 186)                 // Apache's Content-Length for this request
        #expect(Int64(body.count) == parts.bodyLength)
        #expect(parts.contentTypeField == "multipart/byteranges; boundary=71f39d41082cc46e")
        #expect(parts.body { _ in [0x30] } == nil, "a short read gives no body rather than a wrong one")
    }
}
