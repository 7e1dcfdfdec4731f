// The answers file as a student edits it: comments, blanks, typos. Every mistake must come back
// with its line number, and nothing the student wrote may be lost silently.
@testable import LabCheckKit
import Testing

@Suite("An answers file")
struct AnswersFileTests {
    static let specs = [AnswerSpec("processes", .integer), AnswerSpec("pss_below_rss", .yesNo), AnswerSpec("why", .text)]

    @Test("reads key = value lines, ignoring comments and blank lines")
    func readsValues() {
        let file = AnswersFile(text: "# lab 1\n\nprocesses = 5   # master + 4\npss_below_rss=oui\n  why = copy on write\n",
                               name: "answers.txt", expecting: Self.specs)
        #expect(file.problems.isEmpty)
        #expect(file["processes"] == .integer(5))
        #expect(file["pss_below_rss"] == .yesNo(true))
        #expect(file["why"] == .text("copy on write"))
        #expect(file.lines["processes"] == 3)
        #expect(file.unanswered.isEmpty)
    }

    @Test("reads a file saved with Windows line endings line by line")
    func windowsLineEndings() {
        let file = AnswersFile(text: "# lab 1\r\nprocesses = 5\r\npss_below_rss = no\r\nwhy = x\r\n", name: "answers.txt", expecting: Self.specs)
        #expect(file.problems.isEmpty, "\(file.problems)")
        #expect(file["processes"] == .integer(5))
        #expect(file.lines["why"] == 4)
    }

    @Test("reports each mistake first, with its line number", arguments: [
        ("processes 5\npss_below_rss = no\nwhy = x", "answers.txt:1: expected `key = value`, found \"processes 5\""),
        ("processes = five\npss_below_rss = no\nwhy = x", "answers.txt:1: \"processes\" expects a whole number, found \"five\""),
        ("processes = 5\npss_below_rss = maybe\nwhy = x", "answers.txt:2: \"pss_below_rss\" expects yes or no (oui/non), found \"maybe\""),
        ("processes = 5\nprocess = 4\npss_below_rss = no\nwhy = x", "answers.txt:2: unknown key \"process\" (this lab asks for: processes, pss_below_rss, why)"),
        ("processes = 5\nprocesses = 4\npss_below_rss = no\nwhy = x", "answers.txt:2: \"processes\" is answered twice (first on line 1)"),
        ("processes = 5\nwhy = x", "answers.txt: no line for \"pss_below_rss\""),
    ])
    func reportsMistakes(text: String, problem: String) {
        let file = AnswersFile(text: text, name: "answers.txt", expecting: Self.specs)
        #expect(file.problems.first == problem, "\(file.problems)")
    }

    @Test("an empty value is a question not answered yet, not an error")
    func emptyValueIsUnanswered() {
        let file = AnswersFile(text: "processes =\npss_below_rss = yes\nwhy =\n", name: "answers.txt", expecting: Self.specs)
        #expect(file.problems.isEmpty)
        #expect(file.unanswered == ["processes", "why"])
        #expect(file["processes"] == nil)
    }

    @Test("a missing file leaves every question unanswered")
    func missingFile() {
        let file = AnswersFile.read("/nonexistent/answers.txt", expecting: Self.specs)
        #expect(file.problems == ["/nonexistent/answers.txt: no such file"])
        #expect(file.unanswered.count == 3)
    }
}
