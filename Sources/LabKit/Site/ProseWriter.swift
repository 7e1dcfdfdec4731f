// Turns the course's inline markup and blocks into HTML, in one language. This is where the
// course's cross-links come alive: a `<claim>` links to the check that demonstrates it (and, when
// reports are given, shows its latest result); `<ref>` becomes a link titled with its target.
import XML

struct ProseWriter {
    let language: Language
    let course: Course

    func inline(_ inlines: [Inline], into parent: OutputElement) {
        for item in inlines {
            switch item {
            case .text(let s):
                parent.text(s)
            case .em(let c):
                inline(c, into: parent.element("em"))
            case .code(let s):
                parent.element("code", text: s)
            case .term(let c):
                inline(c, into: parent.element("dfn"))
            case .claim(let id, let c):
                claim(id, c, into: parent)
            case .src(let path, let symbol):
                // The repository is not part of the site: name the file, don't link to it.
                let span = parent.element("span", ["class": "src"])
                if !symbol.trimmingWhitespace().isEmpty {
                    span.element("code", text: symbol.trimmingWhitespace())
                    span.text(" ")
                }
                span.element("code", ["class": "path"], text: path)
            case .link(let href, let c):
                let a = parent.element("a", ["href": href, "class": "external"])
                if c.isEmpty { a.text(href) } else { inline(c, into: a) }
            case .chapterRef(let id):
                if let chapter = course.chapter(id) {
                    parent.link(SitePaths.chapter(id), chapter.title[language], ["class": "ref"])
                } else {
                    parent.element("span", ["class": "ref missing"], text: id)
                }
            case .labRef(let id):
                if let lab = course.lab(id) {
                    parent.link(SitePaths.lab(id), "\(Label.lab(lab.number).text(language)) — \(lab.title[language])", ["class": "ref"])
                } else {
                    parent.element("span", ["class": "ref missing"], text: id)
                }
            }
        }
    }

    /// A claim: the sentence, then a small marker linking to its check.
    private func claim(_ id: String, _ content: [Inline], into parent: OutputElement) {
        let span = parent.element("span", ["class": "claim"])
        inline(content, into: span)
        span.text(" ")
        guard let check = course.catalogue[id] else {
            span.set("class", "claim unbacked")
            span.element("span", ["class": "claim-mark", "title": Label.notBacked.text(language)], text: "[\(id)]")
            return
        }
        let a = span.link(SitePaths.checkLink(check), "✓ \(id)", ["class": "claim-mark"])
        a.set("title", Inline.plain(check.description[language]))
        guard !course.reports.isEmpty else { return }
        // Rendered with reports: the check's latest outcome and when it ran, or that it has not.
        guard let latest = course.latestResult(for: id) else {
            span.element("span", ["class": "result none"], text: Label.notCheckedYet.text(language))
            return
        }
        let result = span.element("span", ["class": "result \(latest.result.status.rawValue)",
                                            "title": "\(Label.latestResult.text(language)) — \(latest.report.studentName) (\(latest.report.studentID))"])
        result.text(latest.result.status.label(language) + " · ")
        result.element("time", ["datetime": latest.report.date], text: ReadableDate.of(latest.report.date))
    }

    func paragraph(_ pair: Bilingual<[Inline]>, into parent: OutputElement, class className: String? = nil) {
        let p = className.map { parent.element("p", ["class": $0]) } ?? parent.element("p")
        inline(pair[language], into: p)
    }

    func block(_ block: Block, into parent: OutputElement, figureNumber: inout Int) {
        switch block {
        case .paragraph(let p):
            paragraph(p, into: parent)
        case .list(let items):
            let ul = parent.element("ul")
            for item in items { inline(item[language], into: ul.element("li")) }
        case .pre(let text):
            parent.element("pre", text: text.trimmingBlankLines())
        case .note(let kind, let paragraphs):
            let aside = parent.element("aside", ["class": "note \(kind)"])
            aside.element("p", ["class": "note-label"], text: noteLabel(kind))
            for p in paragraphs { paragraph(p, into: aside) }
        case .table(let caption, let head, let rows):
            let wrap = parent.element("div", ["class": "table-wrap"])
            let table = wrap.element("table")
            if let caption { inline(caption[language], into: table.element("caption")) }
            let tr = table.element("thead").element("tr")
            for cell in head { inline(cell[language], into: tr.element("th", ["scope": "col"])) }
            let tbody = table.element("tbody")
            for row in rows {
                let tr = tbody.element("tr")
                for cell in row { inline(cell[language], into: tr.element("td")) }
            }
        case .figure(let kind, let caption):
            figureNumber += 1
            let figure = parent.element("figure", ["class": "diagram"])
            DiagramRenderer(language: language).render(kind, id: "fig-\(figureNumber)", into: figure)
            if let caption { inline(caption[language], into: figure.element("figcaption")) }
        }
    }

    private func noteLabel(_ kind: String) -> String {
        switch (kind, language) {
        case ("warning", .fr): "Attention"
        case ("warning", .en): "Warning"
        case ("apache", .fr): "Chez Apache"
        case ("apache", .en): "In Apache"
        case (_, .fr): "Astuce"
        default: "Tip"
        }
    }
}

extension String {
    /// Drops leading and trailing blank lines but keeps indentation (for `<pre>`).
    func trimmingBlankLines() -> String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, first.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
