// Where each page lives in the output. Every page sits one level down, in `fr/` or `en/`, under
// the same file name in both, so the language switch is always `../<other>/<same name>` and
// every link stays relative: the site works from `file://` as well as served.

enum SitePaths {
    static let stylesheet = "assets/site.css"
    static let home = "index.html"
    static let directives = "directives.html"
    static let scoreboard = "scoreboard.html"
    static let classSummary = "class.html"

    static func chapter(_ id: String) -> String { "chapter-\(id).html" }
    static func lab(_ id: String) -> String { "lab-\(id).html" }
    static func report(_ report: Report) -> String { "report-\(report.studentID)-\(report.lab).html" }
    /// The anchor of a check on its lab page.
    static func checkAnchor(_ id: String) -> String { "check-\(id)" }
    static func checkLink(_ check: Check) -> String { lab(check.lab) + "#" + checkAnchor(check.id) }
    /// A page's path from the output root.
    static func inLanguage(_ language: Language, _ file: String) -> String { "\(language.rawValue)/\(file)" }
}
