// With `--reports DIR`: one page per student report (each check's result, points, message and
// measurements, with the lab's feedback in the page's language when it failed) and a class
// summary giving each check's pass rate, so an instructor sees at a glance what the class missed.
import XML

extension SiteRenderer {
    func reportPage(_ report: Report, _ language: Language) -> SitePage {
        let file = SitePaths.report(report)
        let lab = course.lab(report.lab)
        let labTitle = lab.map { "\(Label.lab($0.number).text(language)) — \($0.title[language])" } ?? report.lab
        let (doc, main) = frame(language, file, "\(report.studentName) · \(labTitle)")
        let prose = ProseWriter(language: language, course: course)
        main.element("p", ["class": "kicker"], text: Label.reports.text(language))
        main.element("h1", text: report.studentName.isEmpty ? report.studentID : report.studentName)
        let dl = main.element("dl", ["class": "facts"])
        dl.element("dt", text: Label.labWord.text(language))
        if lab != nil { dl.element("dd").link(SitePaths.lab(report.lab), labTitle) } else { dl.element("dd", text: labTitle) }
        dl.element("dt", text: Label.date.text(language))
        dl.element("dd", text: report.date)
        dl.element("dt", text: Label.toolchain.text(language))
        dl.element("dd", text: report.toolchain)
        dl.element("dt", text: Label.total.text(language))
        dl.element("dd", ["class": "total"], text: "\(Decimal.format(report.earned)) / \(Decimal.format(report.possible)) \(Label.points.text(language))")

        let table = main.element("div", ["class": "table-wrap"]).element("table", ["class": "results"])
        let head = table.element("thead").element("tr")
        for label in [Label.check, .status, .earned, .message, .measures] {
            head.element("th", ["scope": "col"], text: label.text(language))
        }
        let body = table.element("tbody")
        for result in report.results {
            let tr = body.element("tr", ["class": result.status.rawValue])
            let checkCell = tr.element("td")
            if let check = course.catalogue[result.check] {
                checkCell.link(SitePaths.checkLink(check), result.check).set("class", "check-id")
            } else {
                checkCell.element("code", text: result.check)
            }
            tr.element("td").element("span", ["class": "result \(result.status.rawValue)"], text: result.status.label(language))
            tr.element("td", text: "\(Decimal.format(result.earned)) / \(Decimal.format(result.possible))")
            let messageCell = tr.element("td")
            if let message = result.message { messageCell.element("p", text: message) }
            if result.status != .pass, let check = course.catalogue[result.check] {
                prose.inline(check.feedback[language], into: messageCell.element("p", ["class": "feedback"]))
            }
            let measures = tr.element("td")
            if !result.measures.isEmpty {
                let ul = measures.element("ul", ["class": "measures"])
                for m in result.measures {
                    let li = ul.element("li")
                    li.element("code", text: m.name)
                    li.text(" = \(Decimal.format(m.value))\(m.unit.map { " " + $0 } ?? "")")
                }
            }
        }
        return page(language, file, doc)
    }

    func classSummary(_ language: Language) -> SitePage {
        let file = SitePaths.classSummary
        let (doc, main) = frame(language, file, Label.classSummary.text(language))
        main.element("h1", text: Label.classSummary.text(language))

        // Pass rate per check, over every report that ran it, in catalogue order then unknown ids.
        var tally: [String: (pass: Int, total: Int)] = [:]
        for result in course.reports.flatMap(\.results) {
            var t = tally[result.check] ?? (0, 0)
            t.total += 1
            if result.status == .pass { t.pass += 1 }
            tally[result.check] = t
        }
        let ordered = course.labs.flatMap(\.checks).map(\.id).filter { tally[$0] != nil }
            + tally.keys.filter { course.catalogue[$0] == nil }.sorted()
        main.element("h2", text: Label.passRate.text(language))
        let table = main.element("div", ["class": "table-wrap"]).element("table", ["class": "pass-rates"])
        let head = table.element("thead").element("tr")
        for label in [Label.check, .labWord, .passRate] { head.element("th", ["scope": "col"], text: label.text(language)) }
        let body = table.element("tbody")
        for id in ordered {
            let t = tally[id]!
            let percent = t.total == 0 ? 0 : (100 * t.pass) / t.total
            let tr = body.element("tr")
            if let check = course.catalogue[id] {
                tr.element("td").link(SitePaths.checkLink(check), id).set("class", "check-id")
                tr.element("td").link(SitePaths.lab(check.lab), course.lab(check.lab).map { Label.lab($0.number).text(language) } ?? check.lab)
            } else {
                tr.element("td").element("code", text: id)
                tr.element("td", text: "—")
            }
            let cell = tr.element("td", ["class": "rate"])
            let meter = cell.element("span", ["class": "meter", "aria-hidden": "true"])
            meter.element("span", ["style": "width: \(percent)%"])
            cell.text(" \(percent) % (\(t.pass)/\(t.total))")
        }

        main.element("h2", text: Label.reports.text(language))
        let list = main.element("ul", ["class": "report-list"])
        for report in course.reports {
            let li = list.element("li")
            li.link(SitePaths.report(report), report.studentName.isEmpty ? report.studentID : report.studentName)
            li.text(" — \(report.lab) · \(report.date) · \(Decimal.format(report.earned))/\(Decimal.format(report.possible))")
        }
        return page(language, file, doc)
    }
}
