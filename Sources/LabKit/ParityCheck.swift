// The parity check: every piece of prose comes as a pair of adjacent siblings with the same
// name, French first, then English, at the same revision. When one side is edited its `rev` is
// bumped, and the other side is *stale* until its translator catches up — the same idea as the
// "English Revision" comments in the Apache manual. RelaxNG cannot say "the next sibling has
// the same name and the other language", so this is done here, with precise messages.
import XML

public enum ParityCheck {
    /// Every pairing problem in the document, in document order.
    public static func problems(in document: XMLDocument) -> [XMLProblem] {
        var problems: [XMLProblem] = []
        for element in document.root.descendantsAndSelf {
            guard let lang = element.language else { continue }
            let here = "<\(element.name) xml:lang=\"\(lang)\">"
            func report(_ message: String) {
                problems.append(XMLProblem(file: document.file, line: element.line, message: message))
            }
            switch lang {
            case "fr":
                guard let next = element.nextElement, next.name == element.name, next.language == "en" else {
                    report("missing translation: \(here) has no <\(element.name) xml:lang=\"en\"> right after it")
                    continue
                }
                let frRev = revision(element), enRev = revision(next)
                if frRev > enRev {
                    report("stale translation: <\(element.name)> en is behind (en rev \(enRev), fr rev \(frRev))")
                } else if enRev > frRev {
                    report("stale translation: <\(element.name)> fr is behind (fr rev \(frRev), en rev \(enRev))")
                }
            case "en":
                guard let previous = element.previousElement, previous.name == element.name, previous.language == "fr" else {
                    report("missing translation: \(here) has no <\(element.name) xml:lang=\"fr\"> right before it")
                    continue
                }
            default:
                report("unknown language \"\(lang)\" on <\(element.name)> (expected fr or en)")
            }
        }
        return problems
    }

    /// `rev`, 1 when absent (or unreadable: the schema reports that).
    static func revision(_ element: XMLNode) -> Int {
        element.attribute("rev").flatMap { Int($0) } ?? 1
    }
}
