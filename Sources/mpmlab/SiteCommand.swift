// `mpmlab site --out DIR [--reports DIR]`: renders the static course site from everything under
// labs/ (and the reports, when given). Problems are printed as `FILE:LINE: message`; a document
// that fails its schema is left out of the site and makes the command exit 1, as does a broken
// internal link in the output (every page is checked after writing). Unless `--no-live`, a
// real mpmd is started with each MPM for the scoreboard page's live pictures (LiveCapture).
import ArgumentParser
import LabKit
import Posix
import XML

struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Render the static course site (HTML, one folder per language)."
    )

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: ArgumentHelp("Where to write the site.", valueName: "DIR"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("A folder of lab reports (*.xml): adds a page per report and a class summary.", valueName: "DIR"))
    var reports: String?

    @Flag(name: .long, help: "Do not start mpmd for the scoreboard page's live pictures.")
    var noLive = false

    func validate() throws {
        if let reports, !FileSystem.isDirectory(reports) {
            throw ValidationError("--reports \(reports): no such folder")
        }
    }

    func run() throws {
        LibXML.initialize()
        let root = try options.repositoryRoot()
        let validator = DocumentValidator(schemas: try SchemaSet(directory: root + "/labs/schema"), repositoryRoot: root)
        let (course, problems, failed) = try Course.load(root: root, reports: reports, validator: validator)
        for problem in problems { print(problem) }

        var live: [LiveStatus] = []
        if !noLive {
            let (statuses, liveProblems) = LiveCapture.all()
            for problem in liveProblems { print("warning: \(problem)") }
            live = statuses
        }
        let renderer = SiteRenderer(course: course, directives: SiteDirectives.entries(), liveStatus: live)
        let written = try renderer.write(to: out, theme: root + "/site/theme")
        let broken = try LinkChecker.brokenLinks(in: out)
        for problem in broken { print("\(out)/\(problem)") }
        print("\(written.count) files written to \(out) (\(course.chapters.count) chapters, \(course.labs.count) labs, \(course.reports.count) reports, \(live.count) live scoreboards)")
        if !broken.isEmpty { print("\(broken.count) broken link\(broken.count == 1 ? "" : "s")") }
        if !failed.isEmpty {
            print("\(failed.count) document\(failed.count == 1 ? "" : "s") left out because of the errors above")
        }
        if !failed.isEmpty || !broken.isEmpty {
            throw ExitCode(1)
        }
    }
}
