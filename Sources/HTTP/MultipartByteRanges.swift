// The body of a 206 answering several ranges: `multipart/byteranges` (RFC 9110 §14.6), laid
// out byte for byte as Apache's byterange filter writes it, so that the two servers send the
// same length. Each part is a CRLF, the boundary line, its own `Content-type` and
// `Content-range` (Apache spells them so), an empty line and the bytes; a last boundary line
// with `--` closes the body. The boundary must not occur in the data; like Apache, the server
// draws one random boundary per process.

public struct MultipartByteRanges: Sendable, Equatable {
    public let boundary: String
    /// The representation's type, repeated in every part (left out when unknown).
    public let contentType: String?
    public let ranges: [ClosedRange<Int64>]
    /// The whole representation's length, named in each `Content-range`.
    public let length: Int64

    public init(boundary: String, contentType: String?, ranges: [ClosedRange<Int64>], length: Int64) {
        self.boundary = boundary
        self.contentType = contentType
        self.ranges = ranges
        self.length = length
    }

    /// The response's `Content-Type`.
    public var contentTypeField: String { "multipart/byteranges; boundary=" + boundary }

    /// What precedes the bytes of one part.
    func partHead(_ range: ClosedRange<Int64>) -> String {
        "\r\n--\(boundary)\r\n" + (contentType.map { "Content-type: \($0)\r\n" } ?? "")
            + "Content-range: bytes \(range.lowerBound)-\(range.upperBound)/\(length)\r\n\r\n"
    }

    var closing: String { "\r\n--\(boundary)--\r\n" }

    /// The body's length in bytes (what `Content-Length` says, also for HEAD).
    public var bodyLength: Int64 {
        ranges.reduce(Int64(closing.utf8.count)) { $0 + Int64(partHead($1).utf8.count) + $1.upperBound - $1.lowerBound + 1 }
    }

    /// The body, with `read` giving the bytes of each range (nil if it cannot: the body is
    /// then nil too).
    public func body(read: (ClosedRange<Int64>) -> [UInt8]?) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(Int(bodyLength))
        for range in ranges {
            out.append(contentsOf: partHead(range).utf8)
            guard let data = read(range), data.count == range.count else { return nil }
            out.append(contentsOf: data)
        }
        out.append(contentsOf: closing.utf8)
        return out
    }
}
