// Apache's configuration syntax, below the level of directives: how text becomes lines, and a
// line becomes words. A backslash just before the end of a line glues the next line on
// (ap_cfg_getline); a line whose first non-blank character is `#` is a comment — a `#` later on
// is an ordinary character, so `ServerName a#b` is legal. Words are split on blanks; a word that
// *starts* with a double or single quote runs to the matching quote (ap_getword_conf).

/// One logical line of a configuration file: a directive or a section tag.
struct ConfigLine: Sendable, Equatable {
    let text: String
    let location: SourceLocation
}

enum ConfigLexer {
    /// Splits a file into logical lines: continuations joined, comments and blank lines dropped,
    /// surrounding blanks trimmed. Each line keeps the number of its first physical line.
    static func lines(of text: String, file: String) -> [ConfigLine] {
        var result: [ConfigLine] = []
        var pending = ""          // a line continued with `\`, still growing
        var pendingStart = 0
        var number = 0
        // "\r\n" is one Character in Swift, which splitting on "\n" would never cut: a file
        // saved with Windows line endings would read as one line (Apache reads it line by line).
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            var physical = Substring(raw)
            if physical.last == "\r" { physical = physical.dropLast() }
            if pending.isEmpty { pendingStart = number }
            // `\` at the very end continues the line, unless it is itself escaped (`\\`).
            if physical.last == "\\" && !physical.dropLast().hasSuffix("\\") {
                pending += physical.dropLast()
                continue
            }
            pending += physical
            let logical = trimmed(pending)
            pending = ""
            if logical.isEmpty || logical.hasPrefix("#") { continue }
            result.append(ConfigLine(text: logical, location: SourceLocation(file: file, line: pendingStart)))
        }
        let last = trimmed(pending)   // a file ending in `\`: keep what was read
        if !last.isEmpty && !last.hasPrefix("#") {
            result.append(ConfigLine(text: last, location: SourceLocation(file: file, line: pendingStart)))
        }
        return result
    }

    /// Splits a line into words as `ap_getword_conf` does. Inside quotes, `\"` (or `\'`) stands
    /// for the quote and `\\` for one backslash; elsewhere only `\\` is special. An unterminated
    /// quote runs to the end of the line, as in Apache.
    static func words(_ line: String) -> [String] {
        let chars = Array(line.unicodeScalars)
        var words: [String] = []
        var i = 0
        while true {
            while i < chars.count && isBlank(chars[i]) { i += 1 }
            if i == chars.count { return words }
            var word = String.UnicodeScalarView()
            let quote = chars[i]
            if quote == "\"" || quote == "'" {
                i += 1
                while i < chars.count && chars[i] != quote {
                    if chars[i] == "\\" && i + 1 < chars.count && (chars[i + 1] == quote || chars[i + 1] == "\\") {
                        i += 1
                    }
                    word.append(chars[i])
                    i += 1
                }
                if i < chars.count { i += 1 }   // the closing quote
            } else {
                while i < chars.count && !isBlank(chars[i]) {
                    if chars[i] == "\\" && i + 1 < chars.count && chars[i + 1] == "\\" { i += 1 }
                    word.append(chars[i])
                    i += 1
                }
            }
            words.append(String(word))
        }
    }

    static func isBlank(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\r" || c == "\n" || c == "\u{0B}" || c == "\u{0C}"
    }

    static func trimmed(_ s: some StringProtocol) -> String {
        let scalars = Array(s.unicodeScalars)
        var start = 0, end = scalars.count
        while start < end && isBlank(scalars[start]) { start += 1 }
        while end > start && isBlank(scalars[end - 1]) { end -= 1 }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }
}
