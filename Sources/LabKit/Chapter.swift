// A chapter of the course notes (`labs/course/NN-slug.xml`): titled, summarised, cut into
// sections of blocks. The model mirrors course.rng one to one; see FORMATS.md.
import XML

public struct Chapter: Sendable, Equatable {
    public let id: String
    public let order: Int
    public let title: Bilingual<String>
    public let summary: Bilingual<[Inline]>
    public let sections: [Section]
    /// The file the chapter was read from.
    public let file: String

    public struct Section: Sendable, Equatable {
        public let id: String
        public let title: Bilingual<String>
        public let blocks: [Block]
    }

    /// Reads a chapter from a document whose root is `<chapter>` (validated beforehand).
    public init(_ document: XMLDocument) {
        let root = document.root
        id = root.attribute("id") ?? ""
        order = Int(root.attribute("order") ?? "") ?? 0
        title = PairReader.text(root, "title")
        summary = PairReader.inline(root, "summary")
        sections = root.elements(named: "section").map { section in
            Section(id: section.attribute("id") ?? "",
                    title: PairReader.text(section, "title"),
                    blocks: Block.read(section))
        }
        file = document.file
    }

    /// Every `<claim check>` id in the chapter, in order.
    public var claims: [String] {
        var seen = Set<String>()
        let all = Inline.claims(in: summary.fr) + Inline.claims(in: summary.en) + sections.flatMap { $0.blocks.flatMap(\.claims) }
        return all.filter { seen.insert($0).inserted }
    }
}

/// A block of a chapter section.
public enum Block: Sendable, Equatable {
    case paragraph(Bilingual<[Inline]>)
    case list([Bilingual<[Inline]>])
    /// Code, shell or configuration: the same in both languages.
    case pre(String)
    case note(kind: String, [Bilingual<[Inline]>])
    case table(caption: Bilingual<[Inline]>?, head: [Bilingual<[Inline]>], rows: [[Bilingual<[Inline]>]])
    case figure(diagram: String, caption: Bilingual<[Inline]>?)

    static func read(_ section: XMLNode) -> [Block] {
        var blocks: [Block] = []
        let elements = section.elements
        var i = 0
        while i < elements.count {
            let element = elements[i]
            i += 1
            switch element.name {
            case "p":
                // A pair of paragraphs is one block; a lone side stands for both (parity reports it).
                var english = element
                if element.language == "fr", i < elements.count, elements[i].name == "p", elements[i].language == "en" {
                    english = elements[i]
                    i += 1
                }
                blocks.append(.paragraph(Bilingual(fr: Inline.read(element), en: Inline.read(english))))
            case "list":
                blocks.append(.list(PairReader.pairs(element, "item", Inline.read)))
            case "pre":
                blocks.append(.pre(element.text))
            case "note":
                blocks.append(.note(kind: element.attribute("kind") ?? "tip", PairReader.pairs(element, "p", Inline.read)))
            case "table":
                let caption = PairReader.pairs(element, "caption", Inline.read).first
                let head = element.element(named: "head").map { PairReader.pairs($0, "cell", Inline.read) } ?? []
                let rows = element.elements(named: "row").map { PairReader.pairs($0, "cell", Inline.read) }
                blocks.append(.table(caption: caption, head: head, rows: rows))
            case "figure":
                let kind = element.element(named: "diagram")?.attribute("kind") ?? ""
                blocks.append(.figure(diagram: kind, caption: PairReader.pairs(element, "caption", Inline.read).first))
            default:
                continue
            }
        }
        return blocks
    }

    var claims: [String] {
        switch self {
        case .paragraph(let p): Inline.claims(in: p.fr) + Inline.claims(in: p.en)
        case .list(let items), .note(_, let items): items.flatMap { Inline.claims(in: $0.fr) + Inline.claims(in: $0.en) }
        case .table(_, let head, let rows): (head + rows.flatMap { $0 }).flatMap { Inline.claims(in: $0.fr) + Inline.claims(in: $0.en) }
        case .pre, .figure: []
        }
    }
}
