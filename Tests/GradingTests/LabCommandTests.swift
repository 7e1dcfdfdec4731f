// `mpmlab list/show/start/check` as students run them: the real binary, its output and its
// exit status. `check` runs against a stand-in for `swift` (MPMLAB_SWIFT) that replays results
// in the two formats swift test writes, so the grading path is tested end to end without
// running a test suite inside a test suite (SwiftPM locks .build/ for the outer one).
import LabKit
import Posix
import Testing
import XML

@Suite("The lab commands of mpmlab", .serialized)
struct LabCommandTests {
    static let root = GradingSupport.repositoryRoot

    @Test("list shows each lab with its title and points, in the language asked for", arguments: [
        ("fr", "1  01-processes  Processus et isolation sous prefork  (21 points)"),
        ("en", "1  01-processes  Processes and isolation under prefork  (21 points)"),
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
        #expect(output.contains("  ○ prefork.crash-isolation (1): "))
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

    /// A stand-in for `swift`: `build` succeeds; `test` writes `xunit` where --xunit-output
    /// says, prints `console`, and exits with `exitCode`.
    static func fakeSwift(xunit: String, console: String, exitCode: Int = 1) throws -> String {
        let folder = try GradingSupport.scratchDirectory("fake-swift")
        try FileSystem.write(xunit, to: folder + "/st.xml")
        try FileSystem.write(console, to: folder + "/console.txt")
        let script = """
            #!/bin/sh
            [ "$1" = build ] && exit 0
            while [ $# -gt 0 ]; do [ "$1" = --xunit-output ] && X="$2"; shift; done
            cp \(folder)/st.xml "${X%.xml}-swift-testing.xml"
            cat \(folder)/console.txt
            exit \(exitCode)
            """
        try FileSystem.write(Array(script.utf8), to: folder + "/swift", mode: 0o755)
        return folder
    }

    @Test("check prints each check, the feedback of failures, the score, writes a valid report and exits 1")
    func check() throws {
        let lab = try #require(try GradingSupport.labs().first { $0.id == "01-processes" })
        // XCTest suites report on the console, Swift Testing ones in the xUnit file; one check
        // fails (config-cap) and one test is missing from both (answer-shared).
        var cases = "", console = "◇ Test run started.\n↳ Testing Library Version: 6.3.1 (937120cbc281cf2)\n"
        for name in Grader.testNames(of: lab) where name.function != "childSharedMemory" {
            if name.suite == "PreforkScenarioChecks" {
                console += "Test Case '\(name.suite).\(name.function)' passed (1.0 seconds)\n"
            } else if name.function == "neverMoreThanSixChildren" {
                cases += "<testcase classname=\"\(name.target).\(name.suite)\" name=\"\(name.function)()\"><failure message=\"Expectation failed: (most → 12) &lt;= 6 (error): the server ran 12 children at once\"/></testcase>\n"
            } else {
                cases += "<testcase classname=\"\(name.target).\(name.suite)\" name=\"\(name.function)()\"/>\n"
            }
        }
        let folder = try Self.fakeSwift(xunit: "<testsuites><testsuite name=\"TestResults\">\n\(cases)</testsuite></testsuites>\n", console: console)
        defer { try? FileSystem.remove(folder) }
        let report = folder + "/report.xml"
        let (status, output) = try GradingSupport.mpmlab(["check", "1", "--root", Self.root, "--lang", "en", "--report", report, "--student", "ada"],
                                                         environment: ["MPMLAB_SWIFT=" + folder + "/swift"])
        #expect(status == .exited(1), "\(output)")
        #expect(output.contains("PASS  prefork.crash-isolation  1/1\n"))
        #expect(output.contains("FAIL  prefork.config-cap  0/3\n"))
        #expect(output.contains("      » Under prefork a child serves one connection"))
        #expect(output.contains("        the server ran 12 children at once\n"))
        #expect(output.contains("ERROR prefork.answer-shared  0/1\n"))
        #expect(output.contains("        the test Lab01Checks.AnswerChecks/childSharedMemory did not run\n"))
        #expect(output.contains("\nScore: 17/21\n"))

        LibXML.initialize()
        let document = try XMLDocument.parse(file: report) { try FileSystem.readBytes($0) }
        #expect(GradingSupport.schemas[.report].validate(document).isEmpty)
        let written = Report(document)
        #expect(written.studentID == "ada")
        #expect(written.toolchain == "Swift Testing 6.3.1")
        #expect(written.earned == 17 && written.possible == 21)
    }

    @Test("check gives an error for every check when swift test succeeds without running any")
    func checkWithNothingRun() throws {
        // What a filter matching nothing does: exit 0, no test run.
        let folder = try Self.fakeSwift(xunit: "<testsuites><testsuite name=\"TestResults\"/></testsuites>\n", console: "", exitCode: 0)
        defer { try? FileSystem.remove(folder) }
        let (status, output) = try GradingSupport.mpmlab(["check", "1", "--root", Self.root, "--lang", "fr", "--report", folder + "/r.xml"],
                                                         environment: ["MPMLAB_SWIFT=" + folder + "/swift"])
        #expect(status == .exited(1))
        #expect(output.contains("ERREUR prefork.children-of-master  0/1\n"))
        #expect(output.contains("\nScore: 0/21\n"))
    }

    @Test("check stops with swift test's output when it failed before running anything")
    func checkWhenSwiftTestFails() throws {
        let folder = try Self.fakeSwift(xunit: "", console: "error: no tests found; create a target in the 'Tests' directory\n")
        defer { try? FileSystem.remove(folder) }
        let (status, output) = try GradingSupport.mpmlab(["check", "1", "--root", Self.root, "--report", folder + "/r.xml"],
                                                         environment: ["MPMLAB_SWIFT=" + folder + "/swift"])
        #expect(status == .exited(1))
        #expect(output.contains("swift test failed (exit status 1) before running any check:\nerror: no tests found"), "\(output)")
        #expect(!FileSystem.exists(folder + "/r.xml"))
    }

    @Test("grade runs the checks once per submission and writes reports, results.json files and grades.csv")
    func grade() throws {
        let folder = try Self.fakeSwift(xunit: "<testsuites><testsuite name=\"TestResults\"><testcase classname=\"Lab01Checks.AnswerChecks\" name=\"childSharedMemory()\"/></testsuite></testsuites>\n",
                                        console: "", exitCode: 1)
        defer { try? FileSystem.remove(folder) }
        for student in ["ada", "grace"] { try FileSystem.makeDirectories(folder + "/submissions/" + student) }
        let (status, output) = try GradingSupport.mpmlab(["grade", "1", "--root", Self.root, "--submissions", folder + "/submissions",
                                                          "--out", folder + "/grades"],
                                                         environment: ["MPMLAB_SWIFT=" + folder + "/swift"])
        #expect(status == .exited(0), "\(output)")
        #expect(output.contains("ada  1/21\ngrace  1/21\n"))
        for file in ["ada.xml", "ada.results.json", "grace.xml", "grace.results.json"] { #expect(FileSystem.exists(folder + "/grades/" + file)) }
        let csv = try FileSystem.readText(folder + "/grades/grades.csv").split(separator: "\n")
        #expect(csv.count == 3)
        #expect(csv[2].hasPrefix("grace,01-processes,"))
    }

    @Test("grade builds each student's code exercise, not the repository's solution")
    func gradeCodeExercise() throws {
        let folder = try Self.fakeSwift(xunit: "<testsuites><testsuite name=\"TestResults\"/></testsuites>\n", console: "", exitCode: 0)
        defer { try? FileSystem.remove(folder) }
        // This stand-in's build records which SharedCounter.swift it would have compiled.
        let script = """
            #!/bin/sh
            if [ "$1" = build ]; then
              while [ $# -gt 0 ]; do [ "$1" = --package-path ] && P="$2"; shift; done
              cat "$P/Sources/LabExercises/SharedCounter.swift" >> \(folder)/builds.log
              echo "=== end of build" >> \(folder)/builds.log
              exit 0
            fi
            while [ $# -gt 0 ]; do [ "$1" = --xunit-output ] && X="$2"; shift; done
            cp \(folder)/st.xml "${X%.xml}-swift-testing.xml"
            exit 0
            """
        try FileSystem.write(Array(script.utf8), to: folder + "/swift", mode: 0o755)
        try FileSystem.makeDirectories(folder + "/submissions/alice")
        try FileSystem.makeDirectories(folder + "/submissions/bob")
        try FileSystem.write("// alice's own counter\n", to: folder + "/submissions/alice/SharedCounter.swift")
        let (status, output) = try GradingSupport.mpmlab(["grade", "2", "--root", Self.root, "--submissions", folder + "/submissions",
                                                          "--out", folder + "/grades"],
                                                         environment: ["MPMLAB_SWIFT=" + folder + "/swift"])
        #expect(status == .exited(0), "\(output)")
        let builds = try FileSystem.readText(folder + "/builds.log").split(separator: "=== end of build\n", omittingEmptySubsequences: false)
        #expect(builds.count == 3, "one build per student")
        guard builds.count == 3 else { return }
        #expect(builds[0].contains("alice's own counter"), "alice's file was compiled")
        #expect(!builds[1].contains("alice"), "bob did not inherit alice's file")
        #expect(builds[1].contains("// YOUR CODE HERE") && !builds[1].contains("Mutex<Int>(0)"),
                "bob handed nothing in: the stripped starter was compiled, not the solution")
    }
}
