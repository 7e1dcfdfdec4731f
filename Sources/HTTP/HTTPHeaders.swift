// Header fields in the order they arrived, looked up without regard to case.
// HTTP says a repeated field means the same as one field whose values are joined by ", "
// (RFC 9110 §5.3), and that is how Apache stores them (apr_table_compress), so `self[name]`
// returns the merged value. Names keep the spelling the client used; only lookups fold case.

/// One header field line: a name and its value, both as received.
public struct HTTPField: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// An ordered list of header fields with case-insensitive lookup.
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var fields: [HTTPField] = []

    public init() {}

    public init(_ pairs: [(String, String)]) {
        fields = pairs.map { HTTPField($0.0, $0.1) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    public func makeIterator() -> IndexingIterator<[HTTPField]> { fields.makeIterator() }

    public var count: Int { fields.count }

    /// Appends a field, keeping any earlier field of the same name.
    public mutating func add(_ name: String, _ value: String) {
        fields.append(HTTPField(name, value))
    }

    /// Replaces every field of this name by one field (appended if there was none).
    public mutating func set(_ name: String, _ value: String) {
        guard let first = fields.firstIndex(where: { $0.name.equalsIgnoringASCIICase(name) }) else {
            add(name, value)
            return
        }
        var kept: [HTTPField] = []
        for (index, field) in fields.enumerated() {
            if index == first {
                kept.append(HTTPField(field.name, value))
            } else if !field.name.equalsIgnoringASCIICase(name) {
                kept.append(field)
            }
        }
        fields = kept
    }

    /// Removes every field of this name.
    public mutating func remove(_ name: String) {
        fields.removeAll { $0.name.equalsIgnoringASCIICase(name) }
    }

    /// Every value of this name, in order.
    public func values(for name: String) -> [String] {
        fields.filter { $0.name.equalsIgnoringASCIICase(name) }.map(\.value)
    }

    /// The merged value of this name (`"a, b"` for two fields), or nil if absent.
    public subscript(name: String) -> String? {
        let all = values(for: name)
        return all.isEmpty ? nil : all.joined(separator: ", ")
    }

    public func contains(_ name: String) -> Bool {
        fields.contains { $0.name.equalsIgnoringASCIICase(name) }
    }

    /// Whether the comma-separated list in field `name` holds `token` (case-insensitive),
    /// as Apache's `ap_find_token` does for `Connection: keep-alive, Upgrade`.
    public func hasToken(_ token: String, in name: String) -> Bool {
        guard let value = self[name] else { return false }
        return value.split(separator: ",").contains {
            String($0).trimmingHTTPWhitespace().equalsIgnoringASCIICase(token)
        }
    }
}

extension String {
    /// ASCII-only case folding: header names and tokens are ASCII, and folding must not
    /// depend on the locale (Turkish dotless i is the classic trap).
    func asciiLowercased() -> String {
        String(decoding: utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }

    func equalsIgnoringASCIICase(_ other: String) -> Bool {
        let a = utf8, b = other.utf8
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { x, y in
            x == y || (x | 0x20 == y | 0x20 && (x | 0x20) >= 97 && (x | 0x20) <= 122)
        }
    }

    /// Drops leading and trailing spaces and tabs (HTTP's OWS).
    func trimmingHTTPWhitespace() -> String {
        let bytes = Array(utf8)
        var lo = 0, hi = bytes.count
        while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
        while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }
}
