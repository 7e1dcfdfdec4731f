// The request-target of a request line, split into authority, path and query.
// Servers mostly see origin-form (`/path?query`); HTTP/1.1 also requires them to accept
// absolute-form (`http://host/path`), which is how the Host can arrive without a Host field.

enum RequestTarget {
    struct Parts {
        var authority: String?
        var path: String
        var query: String?
    }

    /// Splits a target without judging it (`check` does that).
    static func split(_ target: String) -> Parts {
        var rest = Substring(target)
        var authority: String?
        if let afterScheme = afterHTTPScheme(rest) {
            rest = afterScheme
            let end = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
            authority = String(rest[..<end]).asciiLowercased()
            rest = rest[end...]
        }
        // Apache collapses leading slashes first: `//x` is a path, not a network-path reference.
        while rest.hasPrefix("//") { rest = rest.dropFirst() }
        var query: String?
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        let path = authority != nil && rest.isEmpty ? "/" : String(rest)
        return Parts(authority: authority, path: path, query: query)
    }

    /// Apache's checks on a target (`ap_parse_request_line`, `ap_post_read_request`):
    /// origin-form must start with `/`, `*` only with OPTIONS, absolute-form only for http(s),
    /// and no fragment or user:password (HttpProtocolOptions Strict).
    static func check(_ target: String, method: String) -> Bool {
        if target == "*" { return method == "OPTIONS" }
        if target.contains("#") { return false }
        if target.hasPrefix("/") { return true }
        guard let afterScheme = afterHTTPScheme(Substring(target)) else { return false }
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" } ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        return !authority.isEmpty && !authority.contains("@")
    }

    /// What follows `http://` or `https://` (scheme in any case), or nil for other targets.
    private static func afterHTTPScheme(_ target: Substring) -> Substring? {
        for prefix in ["http://", "https://"] {
            let head = target.prefix(prefix.count)
            if head.count == prefix.count, String(head).asciiLowercased() == prefix {
                return target.dropFirst(prefix.count)
            }
        }
        return nil
    }

    /// A Host value Apache would accept: a name or IPv4 address, or a bracketed IPv6
    /// literal, with an optional numeric port.
    static func isValidHost(_ host: String) -> Bool {
        var bytes = Array(host.utf8)[...]
        if bytes.first == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")) else { return false }
            let literal = bytes[(bytes.startIndex + 1)..<close]
            guard !literal.isEmpty, literal.allSatisfy({ isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") })
            else { return false }
            bytes = bytes[(close + 1)...]
            if bytes.isEmpty { return true }
            guard bytes.first == UInt8(ascii: ":") else { return false }
            return bytes.dropFirst().allSatisfy(isDigit)
        }
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            guard bytes[(colon + 1)...].allSatisfy(isDigit) else { return false }
            bytes = bytes[..<colon]
        }
        // Apache's fix_hostname also refuses an empty label (`a..b`).
        if zip(bytes, bytes.dropFirst()).contains(where: { $0 == UInt8(ascii: ".") && $1 == UInt8(ascii: ".") }) {
            return false
        }
        return bytes.allSatisfy { isAlphaNumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") }
    }
}

@inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
@inline(__always) func isHexDigit(_ b: UInt8) -> Bool {
    isDigit(b) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x66)
}
@inline(__always) func isAlphaNumeric(_ b: UInt8) -> Bool {
    isDigit(b) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
}
@inline(__always) func hexValue(_ b: UInt8) -> Int {
    isDigit(b) ? Int(b - 0x30) : Int((b | 0x20) - 0x61 + 10)
}

/// RFC 9110 `tchar`: the characters allowed in a method or a field name.
@inline(__always) func isTokenChar(_ b: UInt8) -> Bool {
    if isAlphaNumeric(b) { return true }
    switch b {
    case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"),
         UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"),
         UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
         UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
        return true
    default:
        return false
    }
}

/// Control characters: 0x00–0x1F and DEL.
@inline(__always) func isControl(_ b: UInt8) -> Bool { b < 0x20 || b == 0x7F }
