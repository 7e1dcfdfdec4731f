// The two entry points: the language chooser at the root, and each language's home page with
// the chapter list and the lab list.
import XML

extension SiteRenderer {
    func languageChooser() -> SitePage {
        let doc = OutputDocument.html(lang: "fr")
        doc.head.element("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
        doc.head.element("title", text: "MPMLab")
        doc.head.element("link", ["rel": "stylesheet", "href": SitePaths.stylesheet])
        let main = doc.body.element("main", ["id": "main", "class": "chooser"])
        main.element("h1", text: "MPMLab")
        for language in Language.allCases {
            let section = main.element("section", ["lang": language.rawValue])
            section.element("p", ["class": "lead"], text: Label.tagline.text(language))
            section.element("p", text: Label.chooseLanguage.text(language))
            section.link("\(language.rawValue)/index.html", language.nativeName, ["class": "button", "hreflang": language.rawValue])
        }
        return SitePage(path: "index.html", html: doc.serialize())
    }

    func home(_ language: Language) -> SitePage {
        let (doc, main) = frame(language, SitePaths.home, Label.siteName.text(language))
        main.element("h1", text: Label.siteName.text(language))
        main.element("p", ["class": "lead"], text: Label.tagline.text(language))
        let prose = ProseWriter(language: language, course: course)

        let chapters = main.element("section", ["id": "chapters"])
        chapters.element("h2", text: Label.chapters.text(language))
        if course.chapters.isEmpty { chapters.element("p", ["class": "empty"], text: Label.nothingYet.text(language)) }
        let ol = chapters.element("ol", ["class": "cards"])
        for chapter in course.chapters {
            let li = ol.element("li")
            let h3 = li.element("h3")
            h3.element("span", ["class": "number"], text: "\(chapter.order). ")
            h3.link(SitePaths.chapter(chapter.id), chapter.title[language])
            prose.inline(chapter.summary[language], into: li.element("p"))
        }

        let labs = main.element("section", ["id": "labs"])
        labs.element("h2", text: Label.labs.text(language))
        if course.labs.isEmpty { labs.element("p", ["class": "empty"], text: Label.nothingYet.text(language)) }
        let list = labs.element("ol", ["class": "cards"])
        for lab in course.labs {
            let li = list.element("li")
            let h3 = li.element("h3")
            h3.element("span", ["class": "number"], text: Label.lab(lab.number).text(language) + " ")
            h3.link(SitePaths.lab(lab.id), lab.title[language])
            prose.inline(lab.summary[language], into: li.element("p"))
            li.element("p", ["class": "meta"], text: "\(lab.exercises.count) \(Label.exercises.text(language).lowercased()) · \(lab.points) \(Label.points.text(language))")
        }
        return page(language, SitePaths.home, doc)
    }
}
