// `mpmlab` as users run it: the real binary, its output and its exit status.
import Foundation
import Testing
import Posix

@Suite("The mpmlab command", .serialized)
struct CommandLineTests {
    /// The built `mpmlab`, next to the test bundle.
    static let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("mpmlab").path

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: TestSupport.repositoryRoot)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("--version prints the version")
    func version() throws {
        let (status, output) = try Self.run(["--version"])
        #expect(status == 0)
        #expect(output.hasPrefix("mpmlab "))
    }

    @Test("validate prints FILE:LINE: message for each problem and exits 1")
    func validateBroken() throws {
        let (status, output) = try Self.run(["validate", "Tests/LabKitTests/Fixtures/broken"])
        #expect(status == 1)
        let golden = TestSupport.repositoryRoot + "/Tests/LabKitTests/Golden/validate-broken.txt"
        if TestSupport.recording { try FileSystem.write(output, to: golden) }
        #expect(output == (try? FileSystem.readText(golden)), "\(output)")
    }

    @Test("validate accepts valid documents; unbacked claims are warnings unless --strict")
    func validateStrict() throws {
        let paths = ["Tests/LabKitTests/Fixtures/course/labs", "Tests/LabKitTests/Fixtures/course/reports"]
        let relaxed = try Self.run(["validate"] + paths)
        #expect(relaxed.status == 0, "\(relaxed.output)")
        #expect(relaxed.output.contains("01-processes.xml:19: warning: claim cites check \"worker.not-yet\", which no lab defines"))
        #expect(relaxed.output.hasSuffix("5 documents valid, 2 warnings\n"))
        let strict = try Self.run(["validate", "--strict"] + paths)
        #expect(strict.status == 1)
        #expect(strict.output.contains("01-processes.xml:19: claim cites check"))
    }

    @Test("validate --strict warns on the forms the French glossary avoids, with file and line")
    func validateGlossary() throws {
        let folder = try TestSupport.scratchDirectory("glossary")
        defer { try? FileSystem.remove(folder) }
        try FileSystem.write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <chapter id="gloss" order="9">
              <title xml:lang="fr">Le maître forke ses enfants</title>
              <title xml:lang="en">The master forks its children</title>
              <summary xml:lang="fr">Une connexion en attente.</summary>
              <summary xml:lang="en">A waiting connection.</summary>
              <section id="s">
                <title xml:lang="fr">Titre</title>
                <title xml:lang="en">Title</title>
                <p xml:lang="fr">Rien à redire.</p>
                <p xml:lang="en">Nothing to say.</p>
              </section>
            </chapter>
            """, to: folder + "/gloss.xml")
        let relaxed = try Self.run(["validate", folder + "/gloss.xml"])
        #expect(relaxed.status == 0 && !relaxed.output.contains("glossary"), "\(relaxed.output)")
        let strict = try Self.run(["validate", "--strict", folder + "/gloss.xml"])
        #expect(strict.status == 0, "\(strict.output)")
        #expect(strict.output.contains("gloss.xml:3: warning: glossary: « forke » in French prose"), "\(strict.output)")
    }

    @Test("site renders the repository and the reports, with every link resolving")
    func site() throws {
        let out = try TestSupport.scratchDirectory("cli-site")
        defer { try? FileSystem.remove(out) }
        let (status, output) = try Self.run(["site", "--out", out, "--reports", "Tests/LabKitTests/Fixtures/course/reports"])
        #expect(status == 0, "\(output)")
        #expect(!output.contains("no directives table linked"), "the reference comes from Config's tables")
        #expect(FileSystem.exists(out + "/index.html"))
        let reference = try FileSystem.readText(out + "/en/directives.html")
        #expect(reference.contains("MaxRequestWorkers") && reference.contains("KeepAliveTimeout"))
        #expect(FileSystem.exists(out + "/en/class.html"))
        #expect(FileSystem.exists(out + "/fr/report-ada-01-processes.html"))
        // The scoreboard page shows each MPM as a server started during the rendering showed it.
        #expect(output.contains("3 live scoreboards"), "\(output)")
        let scoreboard = try FileSystem.readText(out + "/en/scoreboard.html")
        for mpm in ["prefork", "worker", "event"] { #expect(scoreboard.contains("class=\"scoreboard-svg \(mpm)\""), "\(mpm)") }
        #expect(scoreboard.split(separator: "\n").joined().contains("<dt>ConnsAsyncKeepAlive</dt><dd>2</dd>"), "event parks the two idle clients")
    }

    @Test("show setup prints the getting-started page, golden in each language", arguments: ["fr", "en"])
    func showSetup(lang: String) throws {
        let (status, output) = try Self.run(["show", "setup", "--lang", lang])
        #expect(status == 0, "\(output)")
        let golden = TestSupport.repositoryRoot + "/Tests/LabKitTests/Golden/show-setup-\(lang).txt"
        if TestSupport.recording { try FileSystem.write(output, to: golden) }
        #expect(output == (try? FileSystem.readText(golden)), "\(output)")
    }

    @Test("site refuses a reports folder that does not exist")
    func siteMissingReports() throws {
        let (status, output) = try Self.run(["site", "--out", "/tmp/unused", "--reports", "/nonexistent"])
        #expect(status != 0)
        #expect(output.contains("--reports /nonexistent: no such folder"))
    }
}
