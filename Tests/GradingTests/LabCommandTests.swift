// `mpmlab list/show/start/check` as students run them: the real binary, its output and its
// exit status. `check` runs against stand-ins for `swift` (MPMLAB_SWIFT) and for the test
// bundle (MPMLAB_TEST_BUNDLE) that write results in the formats the real ones write, so the
// reading of results is tested end to end without running the lab's checks here. Real
// gradings run in the sandbox tests (SandboxedGradingTests).
import LabKit
import Posix
import Testing
import XML

@Suite("The lab commands of mpmlab", .serialized)
struct LabCommandTests {
    static let root = GradingSupport.repositoryRoot

    @Test("list shows each lab with its title and points, in the language asked for", arguments: [
        ("fr", "1  01-processes  Processus et isolation sous prefork  (14 points)"),
        ("en", "1  01-processes  Processes and isolation under prefork  (14 points)"),
    ])
    func list(lang: String, line: String) throws {
        let (status, output) = try GradingSupport.mpmlab(["list", "--root", Self.root, "--lang", lang])
        #expect(status == .exited(0))
        #expect(output.hasPrefix(line), "\(output)")
    }

    @Test("the language defaults from LANG", arguments: [("fr_FR.UTF-8", "Objectifs"), ("C.UTF-8", "Objectives"), ("en_GB", "Objectives")])
    func languageFromLANG(lang: String, heading: String) throws {
        let (status, output) = try GradingSupport.mpmlab(["show", "1", "--root", Self.root], environment: ["LANG=" + lang])
        #expect(status == .exited(0))
        #expect(output.contains("\n" + heading + "\n"))
    }

    @Test("show renders the steps' commands and the graded checks")
    func show() throws {
        let (status, output) = try GradingSupport.mpmlab(["show", "1", "--root", Self.root, "--lang", "en"])
        #expect(status == .exited(0))
        #expect(output.hasPrefix("Lab 1 — Processes and isolation under prefork\n"))
        #expect(output.contains("    $ mpmlab start 1\n"))
        #expect(output.contains("  ○ prefork.crash-isolation (0): "))
        #expect(output.hasSuffix("Check your work with: mpmlab check 1\n"))
    }

    @Test("show's page matches its golden file (MPMLAB_RECORD=1 re-records it)", arguments: ["fr", "en"])
    func showGolden(lang: String) throws {
        let (status, output) = try GradingSupport.mpmlab(["show", "1", "--root", Self.root, "--lang", lang])
        #expect(status == .exited(0))
        let golden = Self.root + "/Tests/GradingTests/Golden/show-1-\(lang).txt"
        if Process.environment("MPMLAB_RECORD") == "1" { try FileSystem.write(output, to: golden) }
        #expect(output == (try? FileSystem.readText(golden)), "differs from \(golden); re-record with MPMLAB_RECORD=1 and review the diff")
    }

    @Test("show refuses a lab that does not exist")
    func showUnknown() throws {
        let (status, output) = try GradingSupport.mpmlab(["show", "42", "--root", Self.root])
        #expect(status != .exited(0))
        #expect(output.contains("no lab 42"))
    }

    @Test("start runs mpmd with the lab's file, its folder as ServerRoot, and the chosen port and MPM")
    func startDryRun() throws {
        let (status, output) = try GradingSupport.mpmlab(["start", "1", "--root", Self.root, "--port", "9099", "--mpm", "worker", "--dry-run"])
        #expect(status == .exited(0), "\(output)")
        #expect(output.contains(" -C 'ServerRoot \"\(Self.root)/labs/01-processes\"' -C 'Define MPMD_LISTEN 127.0.0.1:9099' -f \(Self.root)/labs/01-processes/logs/lab-worker.conf"))
        let written = Self.root + "/labs/01-processes/logs/lab-worker.conf"
        defer { try? FileSystem.remove(written) }
        let copy = try FileSystem.readText(written)
        #expect(copy.contains("\nLoadModule mpm_worker_module\n"))
        #expect(!copy.contains("mpm_prefork_module\n"))
    }

    /// Stand-ins for `swift` (whose `build` succeeds) and for the test bundle: asked for its
    /// XCTest list it prints `xctestList`; in its XCTest phase it appends `verdicts` to the
    /// results folder and prints `console`; in its Swift Testing phase it writes `xunit` where
    /// --xunit-output says.
    static func fakeToolchain(xctestList: String, verdicts: String, xunit: String, console: String = "") throws -> String {
        let folder = try GradingSupport.scratchDirectory("fake-bundle")
        try FileSystem.write(xctestList, to: folder + "/list.txt")
        try FileSystem.write(verdicts, to: folder + "/verdicts.txt")
        try FileSystem.write(xunit, to: folder + "/st.xml")
        try FileSystem.write(console, to: folder + "/console.txt")
        try FileSystem.write(Array("#!/bin/sh\n[ \"$1\" = build ] && exit 0\nexit 1\n".utf8), to: folder + "/swift", mode: 0o755)
        let bundle = """
            #!/bin/sh
            [ "$1" = --list-tests ] && { cat \(folder)/list.txt; exit 0; }
            if [ "$1" = --testing-library ]; then
              while [ $# -gt 0 ]; do [ "$1" = --xunit-output ] && X="$2"; shift; done
              cp \(folder)/st.xml "$X"
              exit 1
            fi
            cat \(folder)/verdicts.txt >> "$MPMLAB_RESULTS/xctest.verdicts"
            cat \(folder)/console.txt
            exit 1
            """
        try FileSystem.write(Array(bundle.utf8), to: folder + "/bundle", mode: 0o755)
        return folder
    }

    static func fakeEnvironment(_ folder: String) -> [String] {
        ["MPMLAB_SWIFT=" + folder + "/swift", "MPMLAB_TEST_BUNDLE=" + folder + "/bundle"]
    }

    @Test("check prints each check, the feedback of failures, the score, writes a valid report and exits 1")
    func check() throws {
        let lab = try #require(try GradingSupport.labs().first { $0.id == "01-processes" })
        // XCTest suites report through their observer's lines, Swift Testing ones in the xUnit
        // file; one check fails (config-cap) and one test is missing from both (answer-shared).
        // The console claims everything passed: it is never read.
        var cases = "", verdicts = "", list = "", console = ""
        for name in Grader.testNames(of: lab) where name.function != "childSharedMemory" {
            console += "Test Case '\(name.suite).\(name.function)' passed (1.0 seconds)\n"
            if name.suite == "PreforkScenarioChecks" {
                list += "\(name.target).\(name.suite)/\(name.function)\n"
                verdicts += "passed\t\(name.suite).\(name.function)\n"
            } else if name.function == "neverMoreThanSixChildren" {
                cases += "<testcase classname=\"\(name.target).\(name.suite)\" name=\"\(name.function)()\"><failure message=\"Expectation failed: (most → 12) &lt;= 6 (error): the server ran 12 children at once\"/></testcase>\n"
            } else {
                cases += "<testcase classname=\"\(name.target).\(name.suite)\" name=\"\(name.function)()\"/>\n"
            }
        }
        let folder = try Self.fakeToolchain(xctestList: list, verdicts: verdicts,
                                            xunit: "<testsuites><testsuite name=\"TestResults\">\n\(cases)</testsuite></testsuites>\n",
                                            console: console)
        defer { try? FileSystem.remove(folder) }
        let report = folder + "/report.xml"
        let (status, output) = try GradingSupport.mpmlab(["check", "1", "--root", Self.root, "--lang", "en", "--report", report, "--student", "ada"],
                                                         environment: Self.fakeEnvironment(folder))
        #expect(status == .exited(1), "\(output)")
        #expect(output.contains("PASS  prefork.crash-isolation  0/0\n"))
        #expect(output.contains("FAIL  prefork.config-cap  0/3\n"))
        #expect(output.contains("      » Under prefork a child serves one connection"))
        #expect(output.contains("        the server ran 12 children at once\n"))
        #expect(output.contains("ERROR prefork.answer-shared  0/1\n"))
        #expect(output.contains("        the test Lab01Checks.AnswerChecks/childSharedMemory did not run\n"))
        #expect(output.contains("\nScore: 10/14\n"))

        LibXML.initialize()
        let document = try XMLDocument.parse(file: report) { try FileSystem.readBytes($0) }
        #expect(GradingSupport.schemas[.report].validate(document).isEmpty)
        let written = Report(document)
        #expect(written.studentID == "ada")
        #expect(written.earned == 10 && written.possible == 14)
    }

    @Test("check gives an error for every check when the bundle runs none of them, whatever its console says")
    func checkWithNothingRun() throws {
        let lab = try #require(try GradingSupport.labs().first { $0.id == "01-processes" })
        let console = Grader.testNames(of: lab).map { "Test Case '\($0.suite).\($0.function)' passed (1.0 seconds)\n" }.joined()
        let folder = try Self.fakeToolchain(xctestList: "", verdicts: "", xunit: "<testsuites><testsuite name=\"TestResults\"/></testsuites>\n",
                                            console: console)
        defer { try? FileSystem.remove(folder) }
        let (status, output) = try GradingSupport.mpmlab(["check", "1", "--root", Self.root, "--lang", "fr", "--report", folder + "/r.xml"],
                                                         environment: Self.fakeEnvironment(folder))
        #expect(status == .exited(1))
        #expect(output.contains("ERREUR prefork.config-cap  0/3\n"), "\(output)")
        #expect(output.contains("\nScore: 0/14\n"))
    }

    @Test("check stops with the compiler's output when the package does not build")
    func checkWhenTheBuildFails() throws {
        let folder = try GradingSupport.scratchDirectory("fake-swift")
        defer { try? FileSystem.remove(folder) }
        try FileSystem.write(Array("#!/bin/sh\necho 'SharedCounter.swift:3:1: error: expected declaration'\nexit 1\n".utf8),
                             to: folder + "/swift", mode: 0o755)
        let (status, output) = try GradingSupport.mpmlab(["check", "2", "--root", Self.root, "--report", folder + "/r.xml"],
                                                         environment: ["MPMLAB_SWIFT=" + folder + "/swift"])
        #expect(status != .exited(0))
        #expect(output.contains("swift build --build-tests failed (exit status 1):"), "\(output)")
        #expect(output.contains("SharedCounter.swift:3:1: error: expected declaration"))
        #expect(!FileSystem.exists(folder + "/r.xml"))
    }
}
