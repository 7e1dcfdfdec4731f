// The header section of a request (and the trailer section of a chunked body), one line at
// a time, with Apache's rules: obs-fold lines join the previous field with one space, names
// must be tokens followed directly by `:`, values may not hold control characters, and both
// the number of fields and every (merged) value are bounded by the configured limits.
//
// Each line is copied once, straight into the HTTPHeaders byte buffer. The last field stays
// "pending" there — its name not split off yet — because the next line may fold into it;
// like Apache's `last_field`, it is checked when the next line shows it is complete.

struct HeaderBlock {
    let limits: HTTPLimits
    private(set) var headers = HTTPHeaders()
    /// Where the pending field starts in `headers.bytes`, or nil when there is none.
    private var pendingStart: Int?

    /// `expectedBytes`: how much of the header section is probably buffered already; the
    /// field buffer is sized for it once instead of growing line by line.
    init(limits: HTTPLimits, expectedBytes: Int = 0) {
        self.limits = limits
        if expectedBytes > 0 {
            headers.bytes.reserveCapacity(min(expectedBytes, 1024))
            headers.entries.reserveCapacity(12)
        }
    }

    /// Takes one line without its CRLF. Returns true on the empty line that ends the block.
    mutating func take(_ raw: ArraySlice<UInt8>) throws(HTTPError) -> Bool {
        var line = raw
        // Trailing blanks mean nothing in a value; Apache drops them but keeps a lone blank
        // so that a whitespace-only line still reads as a (bad) fold below.
        while line.count > 1, let last = line.last, last == .space || last == .tab {
            line = line.dropLast()
        }
        if let first = line.first, first == .space || first == .tab {
            try fold(line)
            return false
        }
        try commitPending()
        if line.isEmpty {
            try checkMergedLengths()
            return true
        }
        pendingStart = headers.bytes.count
        headers.bytes.append(contentsOf: line)
        return false
    }

    /// obs-fold (RFC 9112 §5.2): a line starting with a blank continues the previous field.
    /// Apache 2.4 still accepts it and replaces the fold by a single space.
    private mutating func fold(_ line: ArraySlice<UInt8>) throws(HTTPError) {
        guard let start = pendingStart else {
            throw HTTPError(400, "Line folding encountered before first header line")
        }
        var rest = line.dropFirst()
        guard !rest.isEmpty else { throw HTTPError(400, "Empty folded line encountered") }
        while let first = rest.first, first == .space || first == .tab { rest = rest.dropFirst() }
        // Apache's test: last_len + len + 1 >= limit, where len counts the one kept blank.
        if headers.bytes.count - start + 1 + rest.count + 1 >= limits.fieldSize { throw .fieldTooLong }
        headers.bytes.append(.space)
        headers.bytes.append(contentsOf: rest)
    }

    /// Checks the pending field and records where its name and value lie.
    private mutating func commitPending() throws(HTTPError) {
        guard let start = pendingStart else { return }
        pendingStart = nil
        if limits.fields > 0 && headers.entries.count >= limits.fields { throw .tooManyFields }
        let bytes = headers.bytes
        let end = bytes.count
        var colon = start
        while colon < end, isTokenChar(bytes[colon]) { colon += 1 }
        // `Name : value` (a blank before the colon) and `Name value` both end here: a proxy
        // and a server that disagree on such names are how request smuggling starts.
        guard colon > start, colon < end, bytes[colon] == .colon else { throw .malformedFieldName }
        var valueStart = colon + 1
        while valueStart < end, bytes[valueStart] == .space || bytes[valueStart] == .tab { valueStart += 1 }
        for i in valueStart..<end where isControl(bytes[i]) && bytes[i] != .tab {
            throw .malformedFieldValue
        }
        headers.entries.append(.init(nameStart: start, nameEnd: colon, valueStart: valueStart, valueEnd: end))
    }

    /// Repeated fields are merged with ", " and the merged value must still fit the limit
    /// (httpd-tests limits.t: two 600-byte fields against LimitRequestFieldSize 1024 → 400).
    /// A single field already fits (its line did), so the per-name sums are only computed
    /// when all the values together could exceed the limit.
    private func checkMergedLengths() throws(HTTPError) {
        let entries = headers.entries
        let total = entries.reduce(0) { $0 + $1.valueEnd - $1.valueStart + 2 }
        guard total > limits.fieldSize else { return }
        var merged: [[UInt8]: Int] = [:]
        for i in entries.indices {
            let key = headers.nameBytes(at: i).map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
            let length = entries[i].valueEnd - entries[i].valueStart
            let sum = merged[key].map { $0 + 2 + length } ?? length
            if sum > limits.fieldSize { throw .fieldTooLong }
            merged[key] = sum
        }
    }
}

extension UInt8 {
    static let tab: UInt8 = 0x09
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
}
