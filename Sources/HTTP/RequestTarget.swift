// The request-target of a request line, split into authority, path and query.
// Servers mostly see origin-form (`/path?query`); HTTP/1.1 also requires them to accept
// absolute-form (`http://host/path`), which is how the Host can arrive without a Host field.

enum RequestTarget {
    /// Where the parts lie in the target's bytes.
    struct Parts: Sendable, Equatable {
        /// What follows `http://` up to the path, for an absolute-form target.
        var authority: Range<Int>?
        /// The path, after Apache's collapsing of leading slashes (`//x` is a path, not a
        /// network-path reference). Empty for `http://host` (the path is then `/`).
        var path: Range<Int>
        /// What follows `?`, when there is one.
        var query: Range<Int>?
    }

    /// Splits a target without judging it (`check` does that).
    static func split(_ target: UnsafeBufferPointer<UInt8>) -> Parts {
        var start = 0
        let end = target.count
        var authority: Range<Int>?
        if let afterScheme = afterHTTPScheme(target) {
            var i = afterScheme
            while i < end, target[i] != UInt8(ascii: "/"), target[i] != UInt8(ascii: "?") { i += 1 }
            authority = afterScheme..<i
            start = i
        }
        while start + 1 < end, target[start] == UInt8(ascii: "/"), target[start + 1] == UInt8(ascii: "/") { start += 1 }
        var mark = start
        while mark < end, target[mark] != UInt8(ascii: "?") { mark += 1 }
        return Parts(authority: authority, path: start..<mark, query: mark < end ? (mark + 1)..<end : nil)
    }

    /// Apache's checks on a target (`ap_parse_request_line`, `ap_post_read_request`):
    /// origin-form must start with `/`, `*` only with OPTIONS, absolute-form only for http(s),
    /// and no fragment or user:password (HttpProtocolOptions Strict). The host of an
    /// absolute-form target is judged by `HostName`, after the headers (as Apache does).
    static func check(_ target: UnsafeBufferPointer<UInt8>, isOptions: Bool) -> Bool {
        if target.count == 1 && target[0] == UInt8(ascii: "*") { return isOptions }
        if target.contains(UInt8(ascii: "#")) { return false }
        if target.first == UInt8(ascii: "/") { return true }
        guard let afterScheme = afterHTTPScheme(target) else { return false }
        // An empty authority (`http:///`) is accepted, as Apache does: the host is then blank.
        var i = afterScheme
        while i < target.count, target[i] != UInt8(ascii: "/"), target[i] != UInt8(ascii: "?") {
            if target[i] == UInt8(ascii: "@") { return false }
            i += 1
        }
        return true
    }

    /// Where what follows `http://` or `https://` (scheme in any case) starts, or nil for
    /// other targets.
    private static func afterHTTPScheme(_ target: UnsafeBufferPointer<UInt8>) -> Int? {
        guard target.count >= 7, HTTPBytes.foldsEqual(target[0], UInt8(ascii: "h")),
              HTTPBytes.foldsEqual(target[1], UInt8(ascii: "t")), HTTPBytes.foldsEqual(target[2], UInt8(ascii: "t")),
              HTTPBytes.foldsEqual(target[3], UInt8(ascii: "p")) else { return nil }
        var i = 4
        if HTTPBytes.foldsEqual(target[i], UInt8(ascii: "s")) { i += 1 }
        guard i + 3 <= target.count, target[i] == .colon, target[i + 1] == UInt8(ascii: "/"),
              target[i + 2] == UInt8(ascii: "/") else { return nil }
        return i + 3
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
