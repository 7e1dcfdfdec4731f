// The French glossary (labs/course/GLOSSAIRE.md): its table is read as data, the forms it says
// to avoid are found as whole words in French prose only, never inside <code>, and
// `mpmlab validate --strict` reports them as warnings with their file and line.
import Testing
import LabKit
import Posix
import XML

@Suite("The French glossary")
struct GlossaryTests {
    static func repositoryGlossary() throws -> Glossary {
        Glossary(markdown: try FileSystem.readText(TestSupport.repositoryRoot + "/labs/course/GLOSSAIRE.md"))
    }

    @Test("the repository's glossary names the forms the course avoids")
    func repositoryGlossary() throws {
        let avoided = Set(try Self.repositoryGlossary().entries.flatMap(\.avoid))
        for form in ["forker", "la socket", "garée", "vivant", "kb", "mb", "listener"] {
            #expect(avoided.contains(form), "\(form) is missing from GLOSSAIRE.md")
        }
    }

    @Test("avoided forms are found as whole words in French prose, not in English, not in code")
    func findsForms() throws {
        let text = """
            <chapter id="x" order="1">
              <title xml:lang="fr">Le maître forke</title>
              <title xml:lang="en">The master forks</title>
              <summary xml:lang="fr">Une connexion garée, <code>la socket</code>, un garage, 288 kB.</summary>
              <summary xml:lang="en">A parked connection, la socket in English, 288 kB.</summary>
            </chapter>
            """
        let document = try XMLDocument.parse(bytes: Array(text.utf8), file: "x.xml")
        let problems = try Self.repositoryGlossary().problems(in: document)
        #expect(problems.map(\.line) == [2, 4, 4])
        #expect(problems.map(\.file) == ["x.xml", "x.xml", "x.xml"])
        let messages = problems.map(\.message).joined(separator: "\n")
        #expect(messages.contains("« forke »") && messages.contains("« garée »") && messages.contains("« kb »"))
        #expect(!messages.contains("la socket"), "code is quoted, not prose")
    }
}
