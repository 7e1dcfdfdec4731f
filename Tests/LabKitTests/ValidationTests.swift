// Every document kind validates against its schema, every document under labs/ is valid, and
// each broken or hostile document is refused with the expected message, file and line.
import Testing
import LabKit
import Posix
import XML

@Suite("Validating course documents")
struct ValidationTests {
    @Test("every document under labs/ validates, parity included")
    func repositoryDocumentsValidate() throws {
        let paths = try Course.documentPaths(root: TestSupport.repositoryRoot)
        for path in paths {
            let outcome = TestSupport.validator.check(file: path)
            #expect(outcome.problems.isEmpty, "\(outcome.problems.map(\.description).joined(separator: "\n"))")
            #expect(outcome.document != nil, "\(path) did not load")
        }
    }

    @Test("the fixture course, lab and reports are valid")
    func fixturesValidate() throws {
        let (course, problems, failed) = try TestSupport.loadFixtureCourse()
        #expect(problems.isEmpty, "\(problems)")
        #expect(failed.isEmpty)
        #expect(course.chapters.map(\.id) == ["processes", "threads"])
        #expect(course.labs.map(\.id) == ["01-processes"])
        #expect(course.reports.map(\.studentID) == ["ada", "grace"])
    }

    static let broken: [(file: String, line: Int, message: String)] = [
        ("xxe.xml", 2, "DOCTYPE refused"),
        ("billion-laughs.xml", 3, "DOCTYPE refused"),
        ("mismatched.xml", 5, "Opening and ending tag mismatch: chapter line 2 and chapiter"),
        ("wrong-schema.xml", 16, "Element exercise failed to validate attributes"),
        ("missing-translation.xml", 10, "missing translation: <p xml:lang=\"fr\"> has no <p xml:lang=\"en\"> right after it"),
        ("stale-rev.xml", 5, "stale translation: <summary> en is behind (en rev 1, fr rev 2)"),
        ("stale-rev.xml", 8, "stale translation: <title> fr is behind (fr rev 1, en rev 3)"),
        ("unknown-root.xml", 2, "unknown document: root element <html>"),
    ]

    @Test("a broken or hostile document is reported with its file and line", arguments: broken)
    func brokenDocument(_ c: (file: String, line: Int, message: String)) {
        let path = TestSupport.fixtures + "/broken/" + c.file
        let problems = TestSupport.validator.check(file: path).problems
        #expect(problems.contains { $0.file == path && $0.line == c.line && $0.message.contains(c.message) },
                "\(problems.map(\.description))")
    }

    @Test("an external entity is never expanded")
    func xxeNeverLeaks() throws {
        let hostname = try FileSystem.readText("/etc/hostname").trimmingCharacters()
        let outcome = TestSupport.validator.check(file: TestSupport.fixtures + "/broken/xxe.xml")
        #expect(outcome.document == nil)
        #expect(!hostname.isEmpty && !outcome.problems.contains { $0.message.contains(hostname) })
    }

    @Test("a src path that does not exist is a problem")
    func missingSource() throws {
        let text = """
        <chapter id="x" order="1"><title xml:lang="fr">T</title><title xml:lang="en">T</title>
        <summary xml:lang="fr">S</summary><summary xml:lang="en">S</summary>
        <section id="s"><title xml:lang="fr">T</title><title xml:lang="en">T</title>
        <p xml:lang="fr"><src path="Sources/Nope.swift">x</src></p><p xml:lang="en"><src path="../etc/passwd">x</src></p>
        </section></chapter>
        """
        let document = try XMLDocument.parse(bytes: Array(text.utf8), file: "src.xml")
        let messages = TestSupport.validator.check(document).problems.map(\.message)
        #expect(messages.contains("src path \"Sources/Nope.swift\" does not exist in the repository"))
        #expect(messages.contains("src path \"../etc/passwd\" must be relative to the repository and stay inside it"))
    }
}

extension String {
    func trimmingCharacters() -> String {
        String(self.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
