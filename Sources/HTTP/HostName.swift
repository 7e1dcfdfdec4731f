// Which host names Apache accepts under `HttpProtocolOptions Strict`, its default.
//
// A host name ends up in log files, in redirects and — on mass-hosting servers — in file
// system paths built from it, so Apache refuses anything that is not plainly a name or an
// address: letters, digits, `-`, `_` and dots, no empty label, no `/` or `\`, a last label
// that starts with a letter, and numbers only as the four decimal parts of an IPv4 address.
// `127.1`, `0x7f.0.0.1`, `0177.0.0.1` and `2130706433` all name 127.0.0.1 to inet_aton(), and
// a filter that compares names would miss them: RFC 3986 §7.4 asks servers to refuse them.
//
// The two places a host comes from are checked a little differently, because Apache splits
// them with different functions (its behaviour, measured, is in bench/CONFORMANCE.md):
// - the `Host` field goes through `apr_parse_addr_port`: the port must be 1–65535, and a
//   bracketed IPv6 literal must be a real address (`inet_pton`);
// - an absolute-form target goes through `apr_uri_parse`: the port is whatever `strtol`
//   reads to the end (`:+80`, `:0` and `:` pass), and an IPv6 literal is only checked for
//   its characters, so `http://[1:2:3:4:5:6:7:8:9]/` passes where the same Host field fails.

enum HostName {
    /// `fix_hostname` for a `Host` field value (not empty; the caller handles that).
    static func isValidField(_ value: ArraySlice<UInt8>) -> Bool {
        if value.allSatisfy(isDigit) { return false }             // "purely numeric host names"
        // apr_parse_addr_port: trailing digits after a ':' (not the first character) are a port.
        var hostEnd = value.endIndex
        var digitsStart = value.endIndex
        while digitsStart > value.startIndex, isDigit(value[digitsStart - 1]) { digitsStart -= 1 }
        if digitsStart < value.endIndex, digitsStart - 1 >= value.startIndex, value[digitsStart - 1] == .colon {
            let colon = digitsStart - 1
            if colon == value.startIndex { return false }
            var port = 0
            for digit in value[digitsStart...] {
                port = port * 10 + Int(digit - 0x30)
                if port > 65535 { return false }
            }
            if port < 1 { return false }
            hostEnd = colon
        }
        let host = value[value.startIndex..<hostEnd]
        guard host.first == UInt8(ascii: "[") else { return isValidName(host) }
        // A bracketed literal: the first `]` must close it, with no zone (`%eth0`) inside.
        guard let close = host.firstIndex(of: UInt8(ascii: "]")), close == host.endIndex - 1 else { return false }
        let literal = host[(host.startIndex + 1)..<close]
        guard !literal.contains(UInt8(ascii: "%")), IPv6Literal.parses(literal) else { return false }
        return IPv6Literal.hasApacheShape(literal)
    }

    /// `fix_hostname` for the host of an absolute-form target, as `apr_uri_parse` splits it.
    /// `authority` is what follows `http://` up to the path (userinfo already refused).
    static func isValidAuthority(_ authority: ArraySlice<UInt8>) -> Bool {
        var host = authority
        var port: ArraySlice<UInt8> = []
        if authority.first == UInt8(ascii: "[") {
            guard let close = authority.firstIndex(of: UInt8(ascii: "]")) else { return false }
            if close + 1 < authority.endIndex, authority[close + 1] == .colon {
                host = authority[(authority.startIndex + 1)..<close]
                port = authority[(close + 2)...]
            } else {
                // No port: apr_uri_parse drops the first and the last character, whatever the
                // last one is, so `[::1]x` leaves `::1]` — refused below for its `]`.
                host = authority.count >= 2 ? authority[(authority.startIndex + 1)..<(authority.endIndex - 1)] : []
            }
        } else if let colon = authority.firstIndex(of: .colon) {
            host = authority[..<colon]
            port = authority[(colon + 1)...]
        }
        if !port.isEmpty && !isStrtolNumber(port) { return false }
        if host.isEmpty { return true }                               // "Host CAN be blank"
        if host.allSatisfy(isDigit) { return false }
        if host.contains(.colon) { return IPv6Literal.hasApacheShape(host) }
        return isValidName(host)
    }

    /// `fix_hostname_non_v6` then `strict_hostname_check`.
    static func isValidName(_ name: ArraySlice<UInt8>) -> Bool {
        var host = name
        for i in host.indices {
            let b = host[i]
            if b == UInt8(ascii: "/") || b == UInt8(ascii: "\\") { return false }
            if b == UInt8(ascii: "."), i + 1 < host.endIndex, host[i + 1] == UInt8(ascii: ".") { return false }
        }
        if host.last == UInt8(ascii: ".") { host = host.dropLast() }    // "strip trailing gubbins"
        var dottedDecimal = true, leadingZero = false, dots = 0
        for i in host.indices {
            let b = host[i]
            if isAlpha(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") {
                dottedDecimal = false
            } else if b == UInt8(ascii: ".") {
                dots += 1
                if i + 2 < host.endIndex, host[i + 1] == UInt8(ascii: "0"), isDigit(host[i + 2]) { leadingZero = true }
            } else if !isDigit(b) {
                return false                       // also refuses the ", " of two merged Host fields
            }
        }
        if dottedDecimal {
            if let first = host.first, first == UInt8(ascii: ".")
                || (first == UInt8(ascii: "0") && host.count > 1 && isDigit(host[host.startIndex + 1])) {
                leadingZero = true
            }
            return !leadingZero && dots == 3
        }
        // The top-level label must start with a letter (RFC 1123 §2.1).
        if let dot = host.lastIndex(of: UInt8(ascii: ".")), dot + 1 < host.endIndex {
            return isAlpha(host[dot + 1])
        }
        return true
    }

    /// What `strtol` reads entirely: blanks, an optional sign, at least one digit.
    private static func isStrtolNumber(_ text: ArraySlice<UInt8>) -> Bool {
        var rest = text.drop { $0 == .space || $0 == .tab }
        if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { rest = rest.dropFirst() }
        return !rest.isEmpty && rest.allSatisfy(isDigit)
    }
}

/// IPv6 literals, judged as APR judges them.
enum IPv6Literal {
    /// `fix_hostname_v6_literal`: hex digits, `:` and `.` only; `::` at most once; no `:.`,
    /// `.:` or `..`.
    static func hasApacheShape(_ text: ArraySlice<UInt8>) -> Bool {
        var doubleColon = false
        for i in text.indices {
            let b = text[i]
            let next: UInt8? = i + 1 < text.endIndex ? text[i + 1] : nil
            if isHexDigit(b) { continue }
            if b == .colon {
                if next == .colon {
                    if doubleColon { return false }
                    doubleColon = true
                } else if next == UInt8(ascii: ".") {
                    return false
                }
            } else if b == UInt8(ascii: ".") {
                if next == .colon || next == UInt8(ascii: ".") { return false }
            } else {
                return false
            }
        }
        return true
    }

    /// `apr_inet_pton(AF_INET6)` (BIND's algorithm): eight 16-bit groups, one `::` standing
    /// for the missing ones, optionally ending in a dotted IPv4 address. Like BIND, it takes
    /// a trailing single colon after a group (`1::2:`) and leading zeros in the IPv4 part.
    static func parses(_ text: ArraySlice<UInt8>) -> Bool {
        var rest = text
        if rest.first == .colon {
            rest = rest.dropFirst()
            guard rest.first == .colon else { return false }
        }
        var groups = 0                     // 16-bit groups written so far
        var sawDoubleColon = false
        var sawDigit = false
        var value = 0
        var tokenStart = rest.startIndex
        var i = rest.startIndex
        while i < rest.endIndex {
            let b = rest[i]
            i += 1
            if isHexDigit(b) {
                value = value << 4 | hexValue(b)
                if value > 0xFFFF { return false }
                sawDigit = true
            } else if b == .colon {
                tokenStart = i
                if !sawDigit {
                    if sawDoubleColon { return false }
                    sawDoubleColon = true
                    continue
                }
                if groups == 8 { return false }
                groups += 1
                sawDigit = false
                value = 0
            } else if b == UInt8(ascii: "."), groups <= 6, IPv4Literal.parses(rest[tokenStart...]) {
                groups += 2
                sawDigit = false
                break
            } else {
                return false
            }
        }
        if sawDigit {
            if groups == 8 { return false }
            groups += 1
        }
        return sawDoubleColon ? groups <= 8 : groups == 8
    }
}

enum IPv4Literal {
    /// APR's `inet_pton4`: four decimal parts of at most 255, leading zeros allowed.
    static func parses(_ text: ArraySlice<UInt8>) -> Bool {
        var parts = 0, value = 0, sawDigit = false
        for b in text {
            if isDigit(b) {
                value = value * 10 + Int(b - 0x30)
                if value > 255 { return false }
                if !sawDigit {
                    parts += 1
                    if parts > 4 { return false }
                    sawDigit = true
                }
            } else if b == UInt8(ascii: "."), sawDigit {
                if parts == 4 { return false }
                value = 0
                sawDigit = false
            } else {
                return false
            }
        }
        return parts == 4
    }
}

@inline(__always) func isAlpha(_ b: UInt8) -> Bool { b | 0x20 >= 0x61 && b | 0x20 <= 0x7A }
