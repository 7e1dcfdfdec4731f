// How Apache reads the values of its directives, reproduced on purpose, quirks included.
// Most numeric directives go through C's `atoi`: it reads an optional sign and leading digits
// and stops at the first other character, so `MaxRequestWorkers 15O` (a letter O) is 15 and
// `StartServers many` is 0 — no error, the clamps that run later fix what they can. Students
// who meet a surprising value in server-status can find the reason here.

enum ArgumentParsing {
    /// C's `atoi`: leading blanks, optional sign, digits; anything else ends the number, no
    /// digits gives 0. Saturates at the bounds of a C `int` where C would be undefined.
    static func atoi(_ text: String) -> Int {
        var scalars = Substring(text).unicodeScalars.drop(while: { ConfigLexer.isBlank($0) })
        var negative = false
        if let sign = scalars.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            scalars = scalars.dropFirst()
        }
        var value = 0
        for c in scalars {
            guard let digit = decimalDigit(c) else { break }
            value = min(value * 10 + digit, Int(Int32.max) + 1)
        }
        return negative ? max(-value, Int(Int32.min)) : min(value, Int(Int32.max))
    }

    static func decimalDigit(_ c: Unicode.Scalar) -> Int? {
        c.value >= 48 && c.value <= 57 ? Int(c.value - 48) : nil
    }

    /// `On`/`Off` for FLAG directives (case-insensitive), nil for anything else.
    static func flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "on": return true
        case "off": return false
        default: return nil
        }
    }

    /// `ap_timeout_parameter_parse`: a decimal number followed by an optional unit — `ms`,
    /// `s`, `mi` (minutes) or `h`; only the first letters of the unit are looked at, as in
    /// Apache, so `5sec` is five seconds. Returns milliseconds, or nil for a bad format.
    static func timeoutMilliseconds(_ text: String, defaultUnit: String = "s") -> Int? {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count && ConfigLexer.isBlank(scalars[i]) { i += 1 }
        var negative = false
        if i < scalars.count && (scalars[i] == "-" || scalars[i] == "+") {
            negative = scalars[i] == "-"
            i += 1
        }
        var value = 0
        while i < scalars.count, let d = decimalDigit(scalars[i]) {
            value = min(value * 10 + d, Int(Int32.max))
            i += 1
        }
        if negative { value = -value }
        let unit = i < scalars.count ? String(String.UnicodeScalarView(scalars[i...])) : defaultUnit
        let u = Array(unit.unicodeScalars)
        switch u.first {
        case "h": return value * 3_600_000
        case "s": return value * 1000
        case "m":
            if u.count > 1 && u[1] == "s" { return value }
            if u.count > 1 && u[1] == "i" { return value * 60_000 }
            return nil
        default: return nil
        }
    }

    /// `apr_parse_addr_port` for `Listen`: `8080`, `127.0.0.1:8080`, `*:8080`, `[::1]:8080`,
    /// `host.example:8080`. Unlike Apache, port 0 is accepted: it asks the kernel for a free
    /// (ephemeral) port, which is how tests run servers side by side.
    static func listenAddress(_ text: String) -> ListenAddress? {
        var host: String?
        var portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            portText = rest.dropFirst()
            guard IPAddress(host!)?.isIPv6 == true else { return nil }
        } else if let colon = text.lastIndex(of: ":") {
            let h = String(text[..<colon])
            if h.contains(":") { return nil }  // a bare IPv6 address needs brackets
            host = h == "*" || h.isEmpty ? nil : h
            portText = text[text.index(after: colon)...]
        } else {
            portText = Substring(text)
        }
        guard !portText.isEmpty, portText.allSatisfy({ $0.isASCII && $0.isNumber }),
              let port = Int(portText), port <= 65535 else { return nil }
        return ListenAddress(host: host, port: port)
    }

    /// Apache's MIME extensions are case-insensitive and written with or without the dot.
    static func normalizedExtension(_ ext: String) -> String {
        (ext.hasPrefix(".") ? String(ext.dropFirst()) : ext).lowercased()
    }
}
