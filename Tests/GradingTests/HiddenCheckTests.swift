// Hidden checks (nbgrader's hidden tests): their tests are cut from the students' kit and kept
// in a grading platform's; a copy without them knows which checks it cannot run and says so —
// `mpmlab check` honestly, with their points, and not as an error. Lab 3's decision-rules
// check is the real one (after_due_date); the cutting itself is proved on a small fixture
// repository.
@testable import LabKit
import Posix
import Testing

@Suite("Hidden checks")
struct HiddenCheckTests {
    @Test("a hidden-tests region becomes one placeholder line; unbalanced markers are refused by name")
    func stripsHiddenTests() throws {
        let source = "struct S {\n    // BEGIN HIDDEN TESTS\n    @Test func secret() {}\n    // END HIDDEN TESTS\n    @Test func shown() {}\n}\n"
        let (text, regions) = try SolutionStripper.strip(source, .hiddenTests)
        #expect(regions == 1)
        #expect(text == "struct S {\n    \(SolutionStripper.Markers.hiddenTests.placeholder)\n    @Test func shown() {}\n}\n")
        #expect(SolutionStripper.hasPlaceholder(text, .hiddenTests) && !SolutionStripper.hasMarkers(text, .hiddenTests))
        #expect(throws: SolutionStripper.MarkerError(line: 1, message: "BEGIN HIDDEN TESTS is never closed")) {
            try SolutionStripper.strip("// BEGIN HIDDEN TESTS\n", .hiddenTests)
        }
        #expect(!SolutionStripper.hasMarkers(source), "hidden-test markers are not solution markers")
    }

    @Test("the students' kit loses the hidden tests, a platform's kit keeps them; solutions go from both")
    func kits() throws {
        let root = try GradingSupport.scratchDirectory("hidden-source")
        defer { try? FileSystem.remove(root) }
        let checks = "struct DemoChecks {\n    @Test func shown() {}\n    // BEGIN HIDDEN TESTS\n    @Test func secret() {}\n    // END HIDDEN TESTS\n}\n"
        let files = ["Tests/Lab09Checks/DemoChecks.swift": checks,
                     "Sources/Demo/Decide.swift": "func f() {\n    // BEGIN SOLUTION\n    print(1)\n    // END SOLUTION\n}\n",
                     "labs/schema/lab.rng": "<grammar/>\n"]
        for (path, text) in files {
            try FileSystem.makeDirectories(FileSystem.dirname(of: root + "/" + path))
            try FileSystem.write(text, to: root + "/" + path)
        }
        let students = try StarterKit.write(from: root, to: root + "-students")
        let platform = try StarterKit.write(from: root, to: root + "-platform", hiddenTests: .keep)
        defer { try? FileSystem.remove(root + "-students"); try? FileSystem.remove(root + "-platform") }
        #expect(students.hiddenTestsRemoved == ["Tests/Lab09Checks/DemoChecks.swift"] && platform.hiddenTestsRemoved.isEmpty)
        #expect(students.stripped == ["Sources/Demo/Decide.swift"] && platform.stripped == ["Sources/Demo/Decide.swift"])
        let names = { (kit: String) in try TestInventory.tests(inDirectory: kit + "/Tests/Lab09Checks", target: "Lab09Checks").map(\.function) }
        #expect(try names(root + "-students") == ["shown"])
        #expect(try names(root + "-platform") == ["shown", "secret"])
        #expect(try FileSystem.readText(root + "-platform/Tests/Lab09Checks/DemoChecks.swift") == checks)
    }

    @Test("lab 3's decision-rules check is hidden until the due date; the others are visible")
    func labThree() throws {
        let lab = try #require(try GradingSupport.labs().first { $0.id == "03-keepalive" })
        #expect(lab.checks.filter(\.isHidden).map(\.id) == ["keepalive.decision-rules"])
        #expect(lab.checks.first { $0.id == "keepalive.decision-rules" }?.visibility == .afterDueDate)
        #expect(try GradingSupport.labs().flatMap(\.checks).filter(\.isHidden).count == 1)
    }

    @Test("this repository runs the hidden check; a students' kit of it cannot, and knows what it is worth")
    func availability() throws {
        let lab = try #require(try GradingSupport.labs().first { $0.id == "03-keepalive" })
        let here = CheckAvailability.of(lab.checks, root: GradingSupport.repositoryRoot)
        #expect(here.notInThisCopy.isEmpty && here.runnable.count == lab.checks.count)
        let kit = try GradingSupport.scratchDirectory("hidden-kit") + "/kit"
        defer { try? FileSystem.remove(FileSystem.dirname(of: kit)) }
        let written = try StarterKit.write(from: GradingSupport.repositoryRoot, to: kit)
        #expect(written.hiddenTestsRemoved == ["Tests/Lab03Checks/DecisionExerciseChecks.swift"])
        let there = CheckAvailability.of(lab.checks, root: kit)
        #expect(there.notInThisCopy.map(\.id) == ["keepalive.decision-rules"])
        #expect(there.pointsNotInThisCopy == 1 && there.runnable.count == lab.checks.count - 1)
    }

    @Test("check's summary names the hidden checks and their points, in the student's language", arguments: [
        (Language.fr, "+ 1 vérification cachée (1 point), notée quand vous rendez votre travail ; son test n'est pas dans votre kit : keepalive.decision-rules"),
        (.en, "+ 1 hidden check (1 point), graded when you hand in your work; its test is not in your kit: keepalive.decision-rules"),
    ])
    func summaryNote(language: Language, line: String) throws {
        let lab = try #require(try GradingSupport.labs().first { $0.id == "03-keepalive" })
        let hidden = lab.checks.filter(\.isHidden)
        let results = lab.checks.filter { !$0.isHidden }.map { CheckResult(check: $0.id, status: .pass, earned: Double($0.points), possible: Double($0.points)) }
        let text = CheckSummary.render(lab, results: results, language: language, notRun: hidden)
        #expect(text.hasSuffix("\nScore: 12/12\n" + line + "\n"), "\(text.suffix(300))")
    }

    @Test("show marks the hidden check")
    func show() throws {
        let (status, output) = try GradingSupport.mpmlab(["show", "3", "--root", GradingSupport.repositoryRoot, "--lang", "en"])
        #expect(status == .exited(0))
        #expect(output.contains("  ○ keepalive.decision-rules (1, hidden: graded when handed in): "), "\(output)")
    }
}
