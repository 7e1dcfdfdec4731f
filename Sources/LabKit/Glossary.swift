// The French of the course: one glossary (labs/course/GLOSSAIRE.md), aligned with the French
// translation of Apache's manual. Its table's last column lists, between « », the forms to
// avoid; `mpmlab validate --strict` looks for them in the French prose of chapters and labs —
// whole words, any case, outside `<code>` and `<src>`, which quote the machine — and warns
// with the file, the line and the term to use instead.
import XML

public struct Glossary: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// What to write instead (the table's French column).
        public let preferred: String
        /// The forms to avoid, lowercased.
        public let avoid: [String]
    }

    public let entries: [Entry]

    /// Reads the glossary's Markdown table: rows `| English | Français | À éviter |`, the last
    /// cell holding « »-quoted forms (or a dash).
    public init(markdown: String) {
        var entries: [Entry] = []
        for line in markdown.split(separator: "\n") where line.hasPrefix("|") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
            guard cells.count >= 4 else { continue }
            var seen = Set<String>()
            let avoid = Self.quoted(cells[3]).map { $0.lowercased() }.filter { seen.insert($0).inserted }
            if avoid.isEmpty { continue }
            entries.append(Entry(preferred: cells[2].replacing("`", with: ""), avoid: avoid))
        }
        self.entries = entries
    }

    /// The texts between « and ».
    static func quoted(_ cell: String) -> [String] {
        var out: [String] = []
        var rest = Substring(cell)
        while let open = rest.firstIndex(of: "«"), let close = rest[open...].firstIndex(of: "»") {
            out.append(String(rest[rest.index(after: open)..<close]).trimmingWhitespace())
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    /// Every avoided form in the French prose of `document`, one warning each.
    public func problems(in document: XMLDocument) -> [XMLProblem] {
        var problems: [XMLProblem] = []
        for element in document.root.descendantsAndSelf where element.language == "fr" {
            let text = Self.prose(element).lowercased()
            for entry in entries {
                for form in entry.avoid where Self.containsWord(form, in: text) {
                    problems.append(XMLProblem(file: document.file, line: element.line,
                        message: "glossary: « \(form) » in French prose; write \(entry.preferred) (labs/course/GLOSSAIRE.md)"))
                }
            }
        }
        return problems
    }

    /// The words of an element, without what `<code>` and `<src>` quote.
    static func prose(_ node: XMLNode) -> String {
        node.children.map { child in
            switch child.kind {
            case .text: child.text
            case .element where child.name == "code" || child.name == "src": " "
            case .element: prose(child)
            default: ""
            }
        }.joined()
    }

    /// Whether `form` occurs in `text` as whole words (no letter or digit right before or after).
    static func containsWord(_ form: String, in text: String) -> Bool {
        let letters = Array(text), pattern = Array(form)
        guard !pattern.isEmpty, letters.count >= pattern.count else { return false }
        for start in 0...(letters.count - pattern.count) where letters[start..<(start + pattern.count)].elementsEqual(pattern) {
            let before = start == 0 ? nil : letters[start - 1]
            let end = start + pattern.count
            let after = end == letters.count ? nil : letters[end]
            if !(before.map(isWordCharacter) ?? false) && !(after.map(isWordCharacter) ?? false) { return true }
        }
        return false
    }

    static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }
}
