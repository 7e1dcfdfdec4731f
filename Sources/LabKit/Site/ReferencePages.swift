// Reference pages: the directive reference (rendered from the configuration's directive tables,
// handed in as `DirectiveEntry` values) and the legend of the scoreboard letters, followed by
// a picture of each MPM's scoreboard as a running server showed it when the site was rendered.
import XML

extension SiteRenderer {
    func directiveReference(_ language: Language) -> SitePage {
        let file = SitePaths.directives
        let (doc, main) = frame(language, file, Label.directives.text(language))
        main.element("h1", text: Label.directives.text(language))
        guard let directives, !directives.isEmpty else {
            main.element("p", ["class": "note warning"], text: Label.noDirectives.text(language))
            return page(language, file, doc)
        }
        let sorted = directives.sorted { $0.name.lowercased() < $1.name.lowercased() }
        let index = main.element("nav", ["class": "toc", "aria-label": Label.contents.text(language)])
        let ul = index.element("ul", ["class": "inline-list"])
        for entry in sorted { ul.element("li").link("#\(entry.name)", entry.name) }
        for entry in sorted {
            let section = main.element("section", ["id": entry.name, "class": "directive"])
            section.element("h2").element("code", text: entry.name)
            let dl = section.element("dl")
            let rows: [(Label, String)] = [
                (.syntax, entry.syntax),
                (.defaultValue, entry.defaultText.isEmpty ? "—" : entry.defaultText),
                (.context, entry.contexts.joined(separator: ", ")),
                (.mpms, entry.mpms.isEmpty ? (language == .fr ? "tous (cœur)" : "all (core)") : entry.mpms.joined(separator: ", ")),
            ]
            for (label, value) in rows {
                dl.element("dt", text: label.text(language))
                let dd = dl.element("dd")
                if label == .syntax || label == .defaultValue { dd.element("code", text: value) } else { dd.text(value) }
            }
            section.element("p", text: entry.help(language))
        }
        return page(language, file, doc)
    }

    func scoreboardLegend(_ language: Language) -> SitePage {
        let file = SitePaths.scoreboard
        let (doc, main) = frame(language, file, Label.scoreboard.text(language))
        main.element("h1", text: Label.scoreboard.text(language))
        main.element("p", ["class": "lead"], text: language == .fr
            ? "La page server-status affiche un caractère par emplacement de worker. Voici ce que chaque lettre signifie, comme chez Apache."
            : "The server-status page prints one character per worker slot. This is what each letter means, as in Apache.")
        let table = main.element("div", ["class": "table-wrap"]).element("table", ["class": "legend"])
        let head = table.element("thead").element("tr")
        head.element("th", ["scope": "col"], text: Label.letter.text(language))
        head.element("th", ["scope": "col"], text: Label.meaning.text(language))
        let body = table.element("tbody")
        for entry in ScoreboardLegend.entries {
            let tr = body.element("tr")
            tr.element("td").element("code", ["class": "letter"], text: String(entry.letter))
            tr.element("td", text: entry.meaning[language])
        }
        liveSection(language, into: main)
        return page(language, file, doc)
    }

    /// The live pictures, or a word saying none was taken.
    func liveSection(_ language: Language, into main: OutputElement) {
        let section = main.element("section", ["id": "live"])
        section.element("h2", text: Label.live.text(language))
        guard !liveStatus.isEmpty else {
            section.element("p", ["class": "empty"], text: Label.noLive.text(language))
            return
        }
        section.element("p", text: Label.liveIntro.text(language))
        for (index, status) in liveStatus.enumerated() {
            let figure = section.element("figure", ["class": "scoreboard", "id": "live-\(status.mpm)"])
            ScoreboardPicture(language: language).render(status, id: "live-\(index + 1)", into: figure)
            let caption = figure.element("figcaption")
            caption.element("strong", text: status.mpm)
            caption.text(" — \(status.load[language]) ")
            caption.element("time", ["datetime": status.date], text: "(\(ReadableDate.of(status.date)))")
            let dl = caption.element("dl", ["class": "counters"])
            dl.element("dt", text: "Scoreboard")
            dl.element("dd").element("code", text: String(status.rows.flatMap { $0 }))
            for counter in status.counters {
                dl.element("dt", text: counter.key)
                dl.element("dd", text: counter.value)
            }
        }
    }
}
