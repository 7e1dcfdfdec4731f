// Reading prose pairs out of an element: `fr` then `en`, adjacent, same name. Loading is lenient
// on purpose — a missing side is filled with the other one so a page still renders — because
// the parity check (ParityCheck.swift) is the one place that reports pairing problems.
import XML

enum PairReader {
    /// The pairs of children named `name`, in order.
    static func pairs<T>(_ parent: XMLNode, _ name: String, _ read: (XMLNode) -> T) -> [Bilingual<T>] {
        var out: [Bilingual<T>] = []
        var pendingFrench: XMLNode?
        for child in parent.elements(named: name) {
            if child.language == "en" {
                out.append(Bilingual(fr: read(pendingFrench ?? child), en: read(child)))
                pendingFrench = nil
            } else {
                if let lone = pendingFrench { out.append(Bilingual(fr: read(lone), en: read(lone))) }
                pendingFrench = child
            }
        }
        if let lone = pendingFrench { out.append(Bilingual(fr: read(lone), en: read(lone))) }
        return out
    }

    /// The first pair of children named `name`, as plain text.
    static func text(_ parent: XMLNode, _ name: String) -> Bilingual<String> {
        pairs(parent, name) { $0.text.collapsingWhitespace() }.first ?? Bilingual(fr: "", en: "")
    }

    /// The first pair of children named `name`, as inline markup.
    static func inline(_ parent: XMLNode, _ name: String) -> Bilingual<[Inline]> {
        pairs(parent, name, Inline.read).first ?? Bilingual(fr: [], en: [])
    }
}

extension String {
    /// Runs of whitespace (line breaks from indentation included) become one space.
    func collapsingWhitespace() -> String {
        split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }
}
