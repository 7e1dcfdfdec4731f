// A chapter page: title, summary, a table of contents, the sections, and links to the chapters
// before and after it.
import XML

extension SiteRenderer {
    func chapterPage(_ chapter: Chapter, _ language: Language) -> SitePage {
        let file = SitePaths.chapter(chapter.id)
        let (doc, main) = frame(language, file, chapter.title[language])
        let prose = ProseWriter(language: language, course: course)
        let article = main.element("article", ["class": "chapter"])
        article.element("p", ["class": "kicker"], text: "\(Label.chapters.text(language)) · \(chapter.order)")
        article.element("h1", text: chapter.title[language])
        prose.inline(chapter.summary[language], into: article.element("p", ["class": "lead"]))

        if chapter.sections.count > 1 {
            let toc = article.element("nav", ["class": "toc", "aria-label": Label.contents.text(language)])
            toc.element("h2", text: Label.contents.text(language))
            let ol = toc.element("ol")
            for section in chapter.sections { ol.element("li").link("#\(section.id)", section.title[language]) }
        }

        var figures = 0
        for section in chapter.sections {
            let s = article.element("section", ["id": section.id])
            s.element("h2", text: section.title[language])
            for block in section.blocks { prose.block(block, into: s, figureNumber: &figures) }
        }

        if let index = course.chapters.firstIndex(where: { $0.id == chapter.id }) {
            let pager = main.element("nav", ["class": "pager", "aria-label": "\(Label.previous.text(language)) / \(Label.next.text(language))"])
            if index > 0 {
                let previous = course.chapters[index - 1]
                pager.link(SitePaths.chapter(previous.id), "← \(previous.title[language])", ["rel": "prev"])
            }
            if index + 1 < course.chapters.count {
                let next = course.chapters[index + 1]
                pager.link(SitePaths.chapter(next.id), "\(next.title[language]) →", ["rel": "next"])
            }
        }
        return page(language, file, doc)
    }
}
