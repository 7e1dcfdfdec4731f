// Course text for a terminal: inline markup flattened (code between backticks, so a command
// stands out without colours), paragraphs wrapped at a readable width with a hanging indent.
// The same functions serve `mpmlab show` and the feedback of `mpmlab check`.

public enum TerminalText {
    /// Inline markup as plain text.
    public static func plain(_ inlines: [Inline]) -> String {
        inlines.map { inline in
            switch inline {
            case .text(let s): s
            case .code(let s): "`\(s)`"
            case .em(let c), .term(let c), .claim(_, let c): plain(c)
            case .link(let href, let c): "\(plain(c)) <\(href)>"
            case .src(let path, let symbol): symbol.isEmpty ? path : "\(symbol) (\(path))"
            case .chapterRef(let id): "[chapter \(id)]"
            case .labRef(let id): "[lab \(id)]"
            }
        }.joined()
    }

    /// `text` wrapped at `width` columns; the first line starts with `first`, the others with
    /// `rest` (both counted in the width). Runs of whitespace become one space, and a `code
    /// span` is never broken, so a command stays on one line to copy.
    public static func wrap(_ text: String, width: Int = 92, first: String = "", rest: String = "") -> String {
        var words: [String] = []
        var open = false
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
            if open { words[words.count - 1] += " " + word } else { words.append(String(word)) }
            if word.filter({ $0 == "`" }).count % 2 == 1 { open.toggle() }
        }
        var lines: [String] = []
        var line = first
        var lineHasWord = false
        for word in words {
            if lineHasWord && line.count + 1 + word.count > width {
                lines.append(line)
                line = rest
                lineHasWord = false
            }
            line += (lineHasWord ? " " : "") + word
            lineHasWord = true
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// The last `n` lines.
    public func suffixLines(_ n: Int) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).suffix(n).joined(separator: "\n")
    }
}
