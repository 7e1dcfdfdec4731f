// Inline markup inside prose: emphasis, code, terms, claims, links to source files, links out,
// and cross-references. Documents are read into this small tree once, so the renderer works on
// plain Swift values and never touches libxml2 pointers.
import XML

public indirect enum Inline: Sendable, Equatable {
    case text(String)
    case em([Inline])
    case code(String)
    case term([Inline])
    /// A sentence the real server demonstrates; `check` is a check id defined by a lab.
    case claim(check: String, [Inline])
    /// A path in the repository, with an optional symbol to look for.
    case src(path: String, symbol: String)
    case link(href: String, [Inline])
    case chapterRef(String)
    case labRef(String)

    /// The text without markup (for titles, alt texts, tests).
    public static func plain(_ inlines: [Inline]) -> String {
        inlines.map { inline in
            switch inline {
            case .text(let s), .code(let s): s
            case .em(let c), .term(let c), .claim(_, let c), .link(_, let c): plain(c)
            case .src(let path, let symbol): symbol.isEmpty ? path : symbol
            case .chapterRef(let id), .labRef(let id): id
            }
        }.joined()
    }

    /// Reads the mixed content of an element.
    static func read(_ element: XMLNode) -> [Inline] {
        element.children.compactMap { node -> Inline? in
            switch node.kind {
            case .text: return .text(node.text)
            case .element: break
            default: return nil
            }
            switch node.name {
            case "em": return .em(read(node))
            case "code": return .code(node.text)
            case "term": return .term(read(node))
            case "claim": return .claim(check: node.attribute("check") ?? "", read(node))
            case "src": return .src(path: node.attribute("path") ?? "", symbol: node.text)
            case "link": return .link(href: node.attribute("href") ?? "", read(node))
            case "ref":
                if let chapter = node.attribute("chapter") { return .chapterRef(chapter) }
                return .labRef(node.attribute("lab") ?? "")
            default: return .text(node.text)   // unknown markup: keep the words (the schema reports it)
            }
        }
    }

    /// Every claim's check id, however deeply nested.
    static func claims(in inlines: [Inline]) -> [String] {
        inlines.flatMap { inline -> [String] in
            switch inline {
            case .claim(let check, let c): [check] + claims(in: c)
            case .em(let c), .term(let c), .link(_, let c): claims(in: c)
            default: []
            }
        }
    }
}
