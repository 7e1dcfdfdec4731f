// The header section of a request (and the trailer section of a chunked body), one line at
// a time, with Apache's rules: obs-fold lines join the previous field with one space, names
// must be tokens followed directly by `:`, values may not hold control characters, and both
// the number of fields and every (merged) value are bounded by the configured limits.

struct HeaderBlock {
    let limits: HTTPLimits
    private(set) var headers = HTTPHeaders()
    /// The field being assembled; held back one line because the next line may fold into it.
    private var lastField: [UInt8]?
    private var fieldsRead = 0

    init(limits: HTTPLimits) {
        self.limits = limits
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
        if let field = lastField {
            try commit(field)
            lastField = nil
        }
        if line.isEmpty {
            try checkMergedLengths()
            return true
        }
        lastField = Array(line)
        return false
    }

    /// obs-fold (RFC 9112 §5.2): a line starting with a blank continues the previous field.
    /// Apache 2.4 still accepts it and replaces the fold by a single space.
    private mutating func fold(_ line: ArraySlice<UInt8>) throws(HTTPError) {
        guard var field = lastField else {
            throw HTTPError(400, "Line folding encountered before first header line")
        }
        var rest = line.dropFirst()
        guard !rest.isEmpty else { throw HTTPError(400, "Empty folded line encountered") }
        while let first = rest.first, first == .space || first == .tab { rest = rest.dropFirst() }
        // Apache's test: last_len + len + 1 >= limit, where len counts the one kept blank.
        if field.count + 1 + rest.count + 1 >= limits.fieldSize { throw .fieldTooLong }
        field.append(.space)
        field.append(contentsOf: rest)
        lastField = field
    }

    private mutating func commit(_ field: [UInt8]) throws(HTTPError) {
        fieldsRead += 1
        if limits.fields > 0 && fieldsRead > limits.fields { throw .tooManyFields }
        var colon = 0
        while colon < field.count, isTokenChar(field[colon]) { colon += 1 }
        // `Name : value` (a blank before the colon) and `Name value` both end here: a proxy
        // and a server that disagree on such names are how request smuggling starts.
        guard colon > 0, colon < field.count, field[colon] == .colon else { throw .malformedFieldName }
        var start = colon + 1
        while start < field.count, field[start] == .space || field[start] == .tab { start += 1 }
        let value = field[start...]
        if value.contains(where: { isControl($0) && $0 != .tab }) { throw .malformedFieldValue }
        headers.add(String(decoding: field[..<colon], as: UTF8.self),
                    String(decoding: value, as: UTF8.self))
    }

    /// Repeated fields are merged with ", " and the merged value must still fit the limit
    /// (httpd-tests limits.t: two 600-byte fields against LimitRequestFieldSize 1024 → 400).
    private func checkMergedLengths() throws(HTTPError) {
        var merged: [String: Int] = [:]
        for field in headers.fields {
            let key = field.name.asciiLowercased()
            if let length = merged[key] {
                merged[key] = length + 2 + field.value.utf8.count
            } else {
                merged[key] = field.value.utf8.count
            }
        }
        if merged.values.contains(where: { $0 > limits.fieldSize }) { throw .fieldTooLong }
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
