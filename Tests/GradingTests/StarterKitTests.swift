// The starter kit: solution regions stripped with their indentation kept, unbalanced markers
// refused with a line number, each lab's starter/ files in place of the solutions, build
// products left out — and the exercises whose files were taken away found from the lab itself.
@testable import LabKit
import Posix
import Testing

@Suite("The starter kit")
struct StarterKitTests {
    @Test("a solution region becomes one placeholder line at its indentation")
    func strips() throws {
        let source = """
            func decide(idle: Int) -> Int {
                // BEGIN SOLUTION
                if idle < 2 { return 1 }
                return 0
                // END SOLUTION
            }
            """
        let (text, regions) = try SolutionStripper.strip(source)
        #expect(regions == 1)
        #expect(text == "func decide(idle: Int) -> Int {\n    // YOUR CODE HERE\n}")
    }

    @Test("unbalanced markers are refused with their line", arguments: [
        ("a\n// BEGIN SOLUTION\nb", SolutionStripper.MarkerError(line: 2, message: "BEGIN SOLUTION is never closed")),
        ("a\n// END SOLUTION", SolutionStripper.MarkerError(line: 2, message: "END SOLUTION without a BEGIN SOLUTION")),
        ("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION", SolutionStripper.MarkerError(line: 2, message: "BEGIN SOLUTION inside the region opened on line 1")),
    ])
    func refusesUnbalancedMarkers(source: String, error: SolutionStripper.MarkerError) {
        #expect(throws: error) { try SolutionStripper.strip(source) }
    }

    @Test("markers inside a line of code are not markers")
    func markersOnlyStartLines() {
        #expect(!SolutionStripper.hasMarkers("let begin = \"// BEGIN SOLUTION\""))
        #expect(SolutionStripper.hasMarkers("  // BEGIN SOLUTION\n"))
    }

    @Test("the kit replaces solution files by starters, strips sources, copies tests whole and skips build products and mutants")
    func writesAKit() throws {
        let root = try GradingSupport.scratchDirectory("kit-source")
        defer { try? FileSystem.remove(root) }
        let files = [
            "Package.swift": "// package\n",
            "labs/schema/lab.rng": "<grammar/>\n",
            "labs/09-demo/lab.conf": "StartServers 2\n",
            "labs/09-demo/student.conf": "MaxRequestWorkers 6\n",
            "labs/09-demo/starter/student.conf": "# write here\n",
            "labs/09-demo/logs/mpmd.pid": "123\n",
            "Sources/Demo/Decide.swift": "func f() {\n    // BEGIN SOLUTION\n    print(1)\n    // END SOLUTION\n}\n",
            "Tests/DemoTests/Fixture.swift": "let text = \"\"\"\n    // BEGIN SOLUTION\n    \"\"\"\n",
            ".build/debug/mpmd": "binary",
            "reports/01-processes.xml": "<report/>",
            "labs/09-demo/mutants/off-by-one/student.conf": "MaxRequestWorkers 7\n",
            "labs/09-demo/mutants/off-by-one/expect": "demo.cap\n",
        ]
        for (path, text) in files {
            try FileSystem.makeDirectories(FileSystem.dirname(of: root + "/" + path))
            try FileSystem.write(text, to: root + "/" + path)
        }
        let out = root + "-kit"
        defer { try? FileSystem.remove(out) }
        let kit = try StarterKit.write(from: root, to: out)
        #expect(kit.replaced == ["labs/09-demo/student.conf"])
        #expect(kit.stripped == ["Sources/Demo/Decide.swift"])
        #expect(try FileSystem.readText(out + "/labs/09-demo/student.conf") == "# write here\n")
        #expect(try FileSystem.readText(out + "/labs/09-demo/lab.conf") == "StartServers 2\n")
        #expect(try FileSystem.readText(out + "/Sources/Demo/Decide.swift") == "func f() {\n    // YOUR CODE HERE\n}\n")
        #expect(try FileSystem.readText(out + "/Tests/DemoTests/Fixture.swift") == files["Tests/DemoTests/Fixture.swift"])
        for skipped in [".build", "reports", "labs/09-demo/logs", "labs/09-demo/mutants"] { #expect(!FileSystem.exists(out + "/" + skipped)) }
        #expect(throws: StarterKit.KitError.self) { try StarterKit.write(from: root, to: out) }
    }

    @Test("lab 1's graded exercises are those whose files the starter replaces")
    func gradedExercisesOfLabOne() throws {
        let lab = try #require(try GradingSupport.labs().first { $0.id == "01-processes" })
        let kit = StarterKit(replaced: ["labs/01-processes/answers.txt", "labs/01-processes/student.conf"], stripped: [])
        #expect(kit.gradedExercises(of: lab).map(\.id) == ["sizing", "measurements"])
        #expect(StarterKit().gradedExercises(of: lab).isEmpty)
    }

    @Test("labs 2 to 4: the graded exercises are those whose files the starter replaces or strips", arguments: [
        ("02-threads", ["counter", "one-child", "measurements"]),
        ("03-keepalive", ["decision", "tuning", "measurements"]),
        ("04-sizing", ["budget", "measurements"]),
    ])
    func gradedExercisesOfLaterLabs(lab id: String, graded: [String]) throws {
        let lab = try #require(try GradingSupport.labs().first { $0.id == id })
        let kit = StarterKit(replaced: ["labs/\(id)/answers.txt", "labs/\(id)/student.conf"],
                             stripped: ["Sources/LabExercises/KeepAliveDecision.swift", "Sources/LabExercises/SharedCounter.swift"])
        #expect(kit.gradedExercises(of: lab).map(\.id) == graded)
    }
}
