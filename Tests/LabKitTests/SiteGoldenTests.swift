// Golden files for the rendered site: every page of the fixture course is compared with its
// recorded copy under Golden/. After an intended change, re-record with
//   MPMLAB_RECORD=1 swift test --filter LabKitTests
// and review the diff of Golden/ like any other change.
import Testing
@testable import LabKit
import Posix

@Suite("The rendered course site")
struct SiteGoldenTests {
    static func renderer(reports: Bool = true) throws -> SiteRenderer {
        var course = try TestSupport.loadFixtureCourse().course
        if !reports { course.reports = [] }
        return SiteRenderer(course: course, directives: TestSupport.directives, liveStatus: [Self.liveStatus])
    }

    /// A live scoreboard as `mpmlab site` captures one (the real capture is tested through the
    /// command; a fixed one keeps the golden files stable).
    static let liveStatus = LiveStatus(
        mpm: "worker", scoreboard: "WKWWK___........", columns: 4,
        counters: [("BusyWorkers", "5"), ("IdleWorkers", "3")],
        load: Bilingual(fr: "deux requêtes lentes, deux clients inactifs", en: "two slow requests, two idle clients"),
        date: "2026-11-27T05:00:00Z")

    static let golden = TestSupport.repositoryRoot + "/Tests/LabKitTests/Golden"

    @Test("every page matches its golden file")
    func goldenPages() throws {
        let pages = try Self.renderer().pages()
        #expect(pages.count == 19)   // the chooser, then 9 per language
        for page in pages {
            let path = Self.golden + "/" + page.path.replacingSlashes()
            if TestSupport.recording {
                try FileSystem.write(page.html, to: path)
                continue
            }
            guard let expected = try? FileSystem.readText(path) else {
                Issue.record("no golden file for \(page.path): run with MPMLAB_RECORD=1")
                continue
            }
            if let diff = GoldenDiff.firstDifference(expected: expected, actual: page.html) {
                Issue.record("\(page.path) differs from Golden/\(page.path.replacingSlashes()):\n\(diff)")
            }
        }
    }

    @Test("with reports, every claim shows its check's latest outcome and when it ran, or that it has not run")
    func claimsShowTheirLatestResult() throws {
        let renderer = try Self.renderer()
        let page = try #require(renderer.pages().first { $0.path == "en/chapter-processes.html" }).html
        for id in renderer.course.chapter("processes")?.claims ?? [] where renderer.course.catalogue[id] != nil {
            if let latest = renderer.course.latestResult(for: id) {
                #expect(page.contains("<time datetime=\"\(latest.report.date)\">"), "\(id)")
            }
        }
        #expect(page.contains("class=\"result pass\"") || page.contains("class=\"result fail\""))
        let without = try Self.renderer(reports: false).pages().first { $0.path == "en/chapter-processes.html" }?.html ?? ""
        #expect(!without.contains("class=\"result"), "no reports, no results")
    }

    @Test("the scoreboard page draws each live capture as an SVG, one square per slot, and says when none was taken")
    func liveScoreboard() throws {
        let page = try #require(try Self.renderer().pages().first { $0.path == "en/scoreboard.html" }).html
        #expect(page.contains("class=\"scoreboard-svg worker\""))
        #expect(page.components(separatedBy: "<g class=\"slot ").count - 1 == 8, "two rows of four threads, the open ones after them left out")
        #expect(page.contains("<time datetime=\"2026-11-27T05:00:00Z\">"))
        var course = try TestSupport.loadFixtureCourse().course
        course.reports = []
        let empty = SiteRenderer(course: course, directives: nil).pages().first { $0.path == "fr/scoreboard.html" }?.html ?? ""
        #expect(!empty.contains("<svg") && empty.contains("pas de relevé en direct"))
    }

    @Test("every page is HTML5 in its language, with a switch to the same page in the other one")
    func languageAndSwitch() throws {
        for page in try Self.renderer().pages() where page.path != "index.html" {
            let language = page.path.hasPrefix("fr/") ? "fr" : "en", other = language == "fr" ? "en" : "fr"
            let file = String(page.path.dropFirst(3))
            #expect(page.html.hasPrefix("<!DOCTYPE html>"))
            #expect(page.html.contains("<html lang=\"\(language)\">"))
            #expect(page.html.contains("href=\"../\(other)/\(file)\" class=\"lang-switch\""), "\(page.path)")
            #expect(page.html.contains("href=\"../assets/site.css\""))
            #expect(!page.html.contains("<script"))
            #expect(!page.html.contains("src=\"http"))
        }
    }

    @Test("a claim links to its check on the lab page and shows the check's latest result")
    func claims() throws {
        let chapter = try #require(try Self.renderer().pages().first { $0.path == "en/chapter-processes.html" })
        #expect(chapter.html.contains("<a href=\"lab-01-processes.html#check-prefork.crash-isolation\" class=\"claim-mark\""))
        // Ada failed crash-isolation on the 20th, Grace passed on the 21st: the latest wins.
        #expect(chapter.html.contains("<span class=\"result pass\" title=\"latest result — Grace Hopper (grace)\">pass · <time datetime=\"2026-11-21T10:30:00Z\">2026-11-21 10:30 UTC</time></span>"))
        #expect(chapter.html.contains("claim unbacked"))
    }

    @Test("diagrams are inline, accessible SVG labelled in the page's language", arguments: ["prefork", "worker", "event", "fork-cow", "keepalive-worker", "keepalive-event", "address-spaces"])
    func diagrams(_ kind: String) throws {
        for language in Language.allCases {
            let page = OutputDocument.html(lang: language.rawValue)
            DiagramRenderer(language: language).render(kind, id: "fig-1", into: page.body)
            let html = page.serialize()
            #expect(html.contains("role=\"img\""))
            #expect(html.contains("aria-labelledby=\"fig-1-title fig-1-desc\""))
            #expect(html.contains("<title id=\"fig-1-title\">"))
            #expect(html.contains("<rect"))
            let title = try #require(DiagramLibrary(language: language).diagram(kind)?.title)
            #expect(html.contains(title))
        }
    }

    @Test("without a directive table the reference page says so")
    func noDirectives() throws {
        let course = try TestSupport.loadFixtureCourse().course
        let page = SiteRenderer(course: course, directives: nil).directiveReference(.en)
        #expect(page.html.contains("No directives table linked"))
    }

    @Test("without reports there is no class summary and no link to it")
    func withoutReports() throws {
        let pages = try Self.renderer(reports: false).pages()
        #expect(!pages.contains { $0.path.hasSuffix("class.html") })
        #expect(!pages.contains { $0.html.contains("class.html") })
    }
}

import XML

/// A readable account of the first difference between two texts.
enum GoldenDiff {
    static func firstDifference(expected: String, actual: String) -> String? {
        if expected == actual { return nil }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let index = (0..<min(e.count, a.count)).first { e[$0] != a[$0] } ?? min(e.count, a.count)
        var lines: [String] = []
        for i in max(0, index - 2)..<index { lines.append("  \(i + 1)  \(e[i])") }
        if index < e.count { lines.append("- \(index + 1)  \(e[index])") }
        if index < a.count { lines.append("+ \(index + 1)  \(a[index])") }
        lines.append("(expected \(e.count) lines, got \(a.count))")
        return lines.joined(separator: "\n")
    }
}

extension String {
    func replacingSlashes() -> String { split(separator: "/").joined(separator: "_") }
}
