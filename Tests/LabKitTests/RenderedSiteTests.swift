// The site as a reader meets it: written to disk, every internal link and anchor resolves, and —
// when chromium is installed — a real browser loads the pages (headless) and sees their content.
import Foundation
import Testing
import LabKit
import Posix

@Suite("The written site, clicked through", .serialized)
struct RenderedSiteTests {
    static func writeSite() throws -> String {
        let out = try TestSupport.scratchDirectory("site")
        let course = try TestSupport.loadFixtureCourse().course
        _ = try SiteRenderer(course: course, directives: TestSupport.directives)
            .write(to: out, theme: TestSupport.repositoryRoot + "/site/theme")
        return out
    }

    @Test("every internal href and src resolves to a file and anchor of the output")
    func internalLinks() throws {
        let out = try Self.writeSite()
        defer { try? FileSystem.remove(out) }
        #expect(FileSystem.exists(out + "/assets/site.css"))
        let broken = try LinkChecker.brokenLinks(in: out)
        #expect(broken.isEmpty, "\(broken.map(\.description).joined(separator: "\n"))")
    }

    @Test("the link checker finds a missing page, a missing anchor and an absolute link")
    func linkCheckerCatchesBreakage() throws {
        let out = try TestSupport.scratchDirectory("links")
        defer { try? FileSystem.remove(out) }
        try FileSystem.write("<!DOCTYPE html><html><body><p id=\"here\">x</p>\n<a href=\"nope.html\">a</a>\n<a href=\"#gone\">b</a>\n<a href=\"/abs.html\">c</a><a href=\"#here\">d</a><a href=\"https://example.org/\">e</a></body></html>", to: out + "/index.html")
        let messages = try LinkChecker.brokenLinks(in: out).map(\.message)
        #expect(messages == ["href=\"nope.html\": no such file",
                             "href=\"#gone\": no element with id \"gone\" in index.html",
                             "href=\"/abs.html\": not a relative link"])
    }

    static let chromium: String? = {
        for directory in (Environment.value("PATH") ?? "/usr/bin").split(separator: ":") {
            for name in ["chromium", "chromium-browser"] where FileSystem.exists("\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        return nil
    }()

    /// The DOM chromium built for a page.
    static func dumpDOM(_ url: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium!)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=2000", "--dump-dom", url]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test("a headless browser loads the pages from file:// and sees their content",
          .enabled(if: chromium != nil, "chromium is not on PATH (apt-get install -y chromium); browser check skipped"),
          .timeLimit(.minutes(2)))
    func browser() throws {
        let out = try Self.writeSite()
        defer { try? FileSystem.remove(out) }
        let expectations: [(page: String, fragments: [String])] = [
            ("index.html", ["Français", "English"]),
            ("fr/chapter-processes.html", ["<html lang=\"fr\">", "Processus et isolation", "role=\"img\"", "Read in English"]),
            ("en/lab-01-processes.html", ["<h1>Processes that serve</h1>", "id=\"check-prefork.distinct-pids\"", "Lire en français"]),
            ("en/class.html", ["prefork.crash-isolation", "50 % (1/2)"]),
        ]
        for (page, fragments) in expectations {
            let dom = try Self.dumpDOM("file://\(out)/\(page)")
            for fragment in fragments {
                #expect(dom.contains(fragment), "\(page): \(fragment) not in the DOM chromium built")
            }
        }
    }
}
