// Header fields in the order they arrived, looked up without regard to case.
// HTTP says a repeated field means the same as one field whose values are joined by ", "
// (RFC 9110 §5.3), and that is how Apache stores them (apr_table_compress), so `self[name]`
// returns the merged value. Names keep the spelling the client used; only lookups fold case.
//
// Storage is one byte buffer holding every name and value back to back, plus a small array of
// offsets into it: a parsed request's header section costs two allocations, however many
// fields it has, and a lookup compares bytes in place (no String is built to find "Range").
// Strings are made only when a caller asks for one.

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
    /// Where one field's name and value lie in `bytes`.
    struct Entry: Sendable {
        var nameStart: Int
        var nameEnd: Int
        var valueStart: Int
        var valueEnd: Int
    }

    /// Names and values back to back. Bytes of removed fields stay until the next copy.
    var bytes: [UInt8] = []
    var entries: [Entry] = []

    public init() {}

    public init(_ pairs: [(String, String)]) {
        for (name, value) in pairs { add(name, value) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    public var count: Int { entries.count }

    /// Every field as Strings (built on each call: prefer lookups or iteration).
    public var fields: [HTTPField] { map { $0 } }

    public struct Iterator: IteratorProtocol {
        let headers: HTTPHeaders
        var index = 0

        public mutating func next() -> HTTPField? {
            guard index < headers.entries.count else { return nil }
            defer { index += 1 }
            return HTTPField(headers.name(at: index), headers.value(at: index))
        }
    }

    public func makeIterator() -> Iterator { Iterator(headers: self) }

    public static func == (a: HTTPHeaders, b: HTTPHeaders) -> Bool {
        guard a.entries.count == b.entries.count else { return false }
        for i in a.entries.indices {
            let x = a.entries[i], y = b.entries[i]
            guard a.bytes[x.nameStart..<x.nameEnd].elementsEqual(b.bytes[y.nameStart..<y.nameEnd]),
                  a.bytes[x.valueStart..<x.valueEnd].elementsEqual(b.bytes[y.valueStart..<y.valueEnd])
            else { return false }
        }
        return true
    }

    // MARK: Building

    /// Appends a field, keeping any earlier field of the same name.
    public mutating func add(_ name: String, _ value: String) {
        let nameStart = bytes.count
        bytes.append(contentsOf: name.utf8)
        let valueStart = bytes.count
        bytes.append(contentsOf: value.utf8)
        entries.append(Entry(nameStart: nameStart, nameEnd: valueStart, valueStart: valueStart, valueEnd: bytes.count))
    }

    /// Replaces every field of this name by one field (appended if there was none).
    public mutating func set(_ name: String, _ value: String) {
        guard let first = firstIndex(of: name) else {
            add(name, value)
            return
        }
        add(name, value)
        entries[first] = entries.removeLast()
        var i = entries.count - 1
        while i > first {
            if nameEquals(i, name) { entries.remove(at: i) }
            i -= 1
        }
    }

    /// Removes every field of this name.
    public mutating func remove(_ name: String) {
        let kept = entries.filter { !nameEquals($0, name) }
        entries = kept
    }

    // MARK: Looking up

    /// Every value of this name, in order.
    public func values(for name: String) -> [String] {
        entries.indices.filter { nameEquals($0, name) }.map { value(at: $0) }
    }

    /// The merged value of this name (`"a, b"` for two fields), or nil if absent.
    public subscript(name: String) -> String? {
        guard let first = firstIndex(of: name) else { return nil }
        var merged = value(at: first)
        for i in (first + 1)..<entries.count where nameEquals(i, name) {
            merged += ", " + value(at: i)
        }
        return merged
    }

    public func contains(_ name: String) -> Bool {
        firstIndex(of: name) != nil
    }

    /// Whether the comma-separated list in field `name` holds `token` (case-insensitive),
    /// as Apache's `ap_find_token` does for `Connection: keep-alive, Upgrade`.
    public func hasToken(_ token: String, in name: String) -> Bool {
        var found = false
        forEachListItem(of: name) { item in
            if !found && HTTPBytes.equalsIgnoringCase(item, token) { found = true }
        }
        return found
    }

    /// The index of the first field of this name.
    func firstIndex(of name: String) -> Int? {
        entries.indices.first { nameEquals($0, name) }
    }

    /// How many fields carry this name.
    func occurrences(of name: String) -> Int {
        var n = 0
        for i in entries.indices where nameEquals(i, name) { n += 1 }
        return n
    }

    func name(at index: Int) -> String {
        let e = entries[index]
        return String(decoding: bytes[e.nameStart..<e.nameEnd], as: UTF8.self)
    }

    func value(at index: Int) -> String {
        let e = entries[index]
        return String(decoding: bytes[e.valueStart..<e.valueEnd], as: UTF8.self)
    }

    func valueBytes(at index: Int) -> ArraySlice<UInt8> {
        let e = entries[index]
        return bytes[e.valueStart..<e.valueEnd]
    }

    func nameBytes(at index: Int) -> ArraySlice<UInt8> {
        let e = entries[index]
        return bytes[e.nameStart..<e.nameEnd]
    }

    /// Calls `body` with each item of the merged comma-separated list of field `name`, blanks
    /// around it trimmed; empty items included (`a,,b` has three), as a split of the merged
    /// value would give them.
    func forEachListItem(of name: String, _ body: (ArraySlice<UInt8>) -> Void) {
        for i in entries.indices where nameEquals(i, name) {
            let value = valueBytes(at: i)
            var start = value.startIndex
            while true {
                let end = value[start...].firstIndex(of: UInt8(ascii: ",")) ?? value.endIndex
                body(HTTPBytes.trimmed(value[start..<end]))
                guard end < value.endIndex else { break }
                start = end + 1
            }
        }
    }

    @inline(__always)
    func nameEquals(_ index: Int, _ name: String) -> Bool {
        nameEquals(entries[index], name)
    }

    @inline(__always)
    func nameEquals(_ e: Entry, _ name: String) -> Bool {
        HTTPBytes.equalsIgnoringCase(bytes[e.nameStart..<e.nameEnd], name)
    }

    // MARK: Writing

    /// Appends `Name: value\r\n` for every field.
    func serialize(into out: inout [UInt8]) {
        for e in entries {
            out.append(contentsOf: bytes[e.nameStart..<e.nameEnd])
            out.append(.colon)
            out.append(.space)
            out.append(contentsOf: bytes[e.valueStart..<e.valueEnd])
            out.append(.cr)
            out.append(.lf)
        }
    }

    /// Bytes the serialised fields take, for reserving a buffer.
    var serializedCount: Int {
        entries.reduce(0) { $0 + ($1.nameEnd - $1.nameStart) + ($1.valueEnd - $1.valueStart) + 4 }
    }
}

/// Byte-level helpers shared by the parser and the lookups: ASCII case folding that never
/// depends on the locale (the Turkish dotless i is the classic trap), and HTTP's blanks.
enum HTTPBytes {
    /// ASCII case-insensitive equality of bytes and a String, without building anything.
    @inline(__always)
    static func equalsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ text: String) -> Bool {
        var i = bytes.startIndex
        for b in text.utf8 {
            guard i < bytes.endIndex, foldsEqual(bytes[i], b) else { return false }
            i += 1
        }
        return i == bytes.endIndex
    }

    @inline(__always)
    static func foldsEqual(_ x: UInt8, _ y: UInt8) -> Bool {
        x == y || (x ^ y == 0x20 && (x | 0x20) >= 0x61 && (x | 0x20) <= 0x7A)
    }

    /// Drops leading and trailing spaces and tabs (HTTP's OWS).
    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var lo = bytes.startIndex, hi = bytes.endIndex
        while lo < hi, bytes[lo] == .space || bytes[lo] == .tab { lo += 1 }
        while hi > lo, bytes[hi - 1] == .space || bytes[hi - 1] == .tab { hi -= 1 }
        return bytes[lo..<hi]
    }
}

extension String {
    /// ASCII-only case folding: header names and tokens are ASCII.
    func asciiLowercased() -> String {
        guard utf8.contains(where: { $0 >= 65 && $0 <= 90 }) else { return self }   // the usual case
        return String(decoding: utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }

    func equalsIgnoringASCIICase(_ other: String) -> Bool {
        let a = utf8, b = other.utf8
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { HTTPBytes.foldsEqual($0, $1) }
    }

    /// Drops leading and trailing spaces and tabs (HTTP's OWS).
    func trimmingHTTPWhitespace() -> String {
        let bytes = Array(utf8)
        return String(decoding: HTTPBytes.trimmed(bytes[...]), as: UTF8.self)
    }
}
