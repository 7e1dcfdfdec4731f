// The frame every page shares: a head with the stylesheet (print rules included), a header with
// the site's navigation and the switch to the same page in the other language, a `<main>` the
// page fills in, and a footer. No script anywhere: the site reads the same without JavaScript.
import XML

struct PageFrame {
    let language: Language
    /// The page's file name inside `fr/` or `en/`.
    let file: String
    let title: String
    /// Whether the class summary exists (reports were given).
    let hasReports: Bool

    /// Builds the frame; returns the document and the `<main>` element to fill.
    func make() -> (OutputDocument, OutputElement) {
        let doc = OutputDocument.html(lang: language.rawValue)
        let head = doc.head
        head.element("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
        head.element("title", text: title == Label.siteName.text(language) ? title : "\(title) — MPMLab")
        head.element("link", ["rel": "stylesheet", "href": "../" + SitePaths.stylesheet])
        head.element("link", ["rel": "alternate", "hreflang": language.other.rawValue,
                              "href": "../\(language.other.rawValue)/\(file)"])

        let body = doc.body
        body.link("#main", Label.skipToContent.text(language), ["class": "skip"])
        let header = body.element("header", ["class": "site"])
        let bar = header.element("div", ["class": "bar"])
        let brand = bar.link(SitePaths.home, Label.siteName.text(language), ["class": "brand"])
        brand.set("rel", "home")
        bar.element("span", ["class": "tagline"], text: Label.tagline.text(language))
        let switchLink = bar.link("../\(language.other.rawValue)/\(file)", Label.readIn.text(language.other),
                                  ["class": "lang-switch", "hreflang": language.other.rawValue])
        switchLink.set("lang", language.other.rawValue)

        let nav = header.element("nav", ["aria-label": language == .fr ? "Navigation principale" : "Main navigation"])
        let list = nav.element("ul")
        var entries: [(String, Label)] = [(SitePaths.home, .home), (SitePaths.home + "#chapters", .chapters),
                                          (SitePaths.home + "#labs", .labs), (SitePaths.directives, .directives),
                                          (SitePaths.scoreboard, .scoreboard)]
        if hasReports { entries.append((SitePaths.classSummary, .classSummary)) }
        for (target, label) in entries {
            let a = list.element("li").link(target, label.text(language))
            if target == file { a.set("aria-current", "page") }
        }

        let main = body.element("main", ["id": "main"])
        body.element("footer", ["class": "site"]).element("p", text: Label.footer.text(language))
        return (doc, main)
    }
}
