// A chapter of the course in a terminal, in one language: `mpmlab show setup` prints the
// getting-started page this way. Paragraphs are wrapped, lists get bullets, code and command
// blocks keep their lines as written, tables become one line per row.

public enum ChapterTerminalPage {
    public static func render(_ chapter: Chapter, language l: Language) -> String {
        var out: [String] = []
        let heading = chapter.title[l]
        out.append(heading)
        out.append(String(repeating: "=", count: heading.count))
        out.append(TerminalText.wrap(TerminalText.plain(chapter.summary[l])))
        for section in chapter.sections {
            out.append("")
            out.append(section.title[l])
            out.append(String(repeating: "-", count: section.title[l].count))
            for (index, block) in section.blocks.enumerated() {
                if index > 0 { out.append("") }
                out.append(contentsOf: lines(block, l))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func lines(_ block: Block, _ l: Language) -> [String] {
        switch block {
        case .paragraph(let p):
            return [TerminalText.wrap(TerminalText.plain(p[l]))]
        case .list(let items):
            return items.map { TerminalText.wrap(TerminalText.plain($0[l]), first: "  • ", rest: "    ") }
        case .pre(let text):
            return [text.trimmingBlankLines().split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")]
        case .note(_, let paragraphs):
            return paragraphs.map { TerminalText.wrap(TerminalText.plain($0[l]), first: "  ! ", rest: "    ") }
        case .table(let caption, let head, let rows):
            var lines = caption.map { [TerminalText.plain($0[l])] } ?? []
            for row in [head] + rows { lines.append("  " + row.map { TerminalText.plain($0[l]) }.joined(separator: " | ")) }
            return lines
        case .figure(_, let caption):
            return caption.map { [TerminalText.wrap("[" + TerminalText.plain($0[l]) + "]")] } ?? []
        }
    }
}
