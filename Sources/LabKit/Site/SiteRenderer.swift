// The static course site. Every page is built as a libxml2 tree (never string templates), once
// per language, from the models of the course documents; then the pages and the theme are
// written under the output directory. `pages()` is pure, so tests render without touching disk.
//
//   index.html            choose a language
//   fr/index.html         home: chapters and labs          (and the same under en/)
//   fr/chapter-ID.html    one per chapter
//   fr/lab-ID.html        one per lab, checks anchored as #check-ID
//   fr/directives.html    the directive reference
//   fr/scoreboard.html    the scoreboard letters, and a live picture per MPM when captured
//   fr/class.html, fr/report-STUDENT-LAB.html   only when reports are given
//   assets/site.css       the theme, copied from site/theme/
import Posix
import XML

/// One rendered file, its path relative to the output directory.
public struct SitePage: Sendable, Equatable {
    public let path: String
    public let html: String
}

public struct SiteRenderer: Sendable {
    public let course: Course
    /// The directive reference's rows; nil when no directive table is linked to this build.
    public let directives: [DirectiveEntry]?
    /// server-status snapshots taken from running servers while rendering (one per MPM), for
    /// the scoreboard page; empty when none could be taken.
    public let liveStatus: [LiveStatus]

    public init(course: Course, directives: [DirectiveEntry]?, liveStatus: [LiveStatus] = []) {
        self.course = course
        self.directives = directives
        self.liveStatus = liveStatus
    }

    var hasReports: Bool { !course.reports.isEmpty }

    func frame(_ language: Language, _ file: String, _ title: String) -> (OutputDocument, OutputElement) {
        PageFrame(language: language, file: file, title: title, hasReports: hasReports).make()
    }

    func page(_ language: Language, _ file: String, _ document: OutputDocument) -> SitePage {
        SitePage(path: SitePaths.inLanguage(language, file), html: document.serialize())
    }

    /// Every page of the site.
    public func pages() -> [SitePage] {
        var pages = [languageChooser()]
        for language in Language.allCases {
            pages.append(home(language))
            pages += course.chapters.map { chapterPage($0, language) }
            pages += course.labs.map { labPage($0, language) }
            pages.append(directiveReference(language))
            pages.append(scoreboardLegend(language))
            if hasReports {
                pages.append(classSummary(language))
                pages += course.reports.map { reportPage($0, language) }
            }
        }
        return pages
    }

    /// Writes every page and the theme's files under `output`; returns the paths written.
    public func write(to output: String, theme: String) throws(SystemError) -> [String] {
        var written: [String] = []
        for page in pages() {
            let path = output + "/" + page.path
            try FileSystem.makeDirectories(FileSystem.dirname(of: path))
            try FileSystem.write(page.html, to: path)
            written.append(path)
        }
        try FileSystem.makeDirectories(output + "/assets")
        for name in try FileSystem.list(theme) where !FileSystem.isDirectory(theme + "/" + name) {
            let path = output + "/assets/" + name
            try FileSystem.write(try FileSystem.readBytes(theme + "/" + name), to: path)
            written.append(path)
        }
        return written
    }
}
