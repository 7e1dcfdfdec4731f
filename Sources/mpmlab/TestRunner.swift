// Runs the package's tests with `swift test` and reads back what happened (see CheckCommand.swift
// for the choice of result formats). `swift` is $MPMLAB_SWIFT, else the first `swift` on PATH;
// its output goes to a scratch log, whose end is shown when something goes wrong. The checks
// learn where the repository and the student's files are from MPMLAB_ROOT and
// MPMLAB_SUBMISSION, and where to write what they measured from MPMLAB_MEASURES.
import LabKit
import Posix
import XML

struct TestRunner {
    let root: String
    let submission: String?

    struct RunError: Error, CustomStringConvertible {
        let description: String
    }

    struct Run {
        var outcomes: [TestOutcome]
        /// What the checks measured, by check id.
        var measures: [String: [Measure]]
        /// The testing library that ran the checks, for the report (e.g. `Swift Testing 6.3.1`).
        var toolchain: String
    }

    /// `swift build --build-tests`.
    func build() throws {
        let log = try FileSystem.makeTemporaryDirectory(prefix: "mpmlab-build") + "/build.log"
        let status = try runSwift(["build", "--build-tests", "--package-path", root], log: log, timeoutMs: 1_800_000)
        guard status == .exited(0) else {
            let output = (try? FileSystem.readText(log)) ?? ""
            throw RunError(description: "swift build --build-tests failed (\(status.map { "\($0)" } ?? "timed out")):\n" + output.suffixLines(30))
        }
        try? FileSystem.remove(FileSystem.dirname(of: log))
    }

    /// Runs exactly `names` and returns their outcomes.
    func run(_ names: [TestName]) throws -> Run {
        let scratch = try FileSystem.makeTemporaryDirectory(prefix: "mpmlab-check")
        defer { try? FileSystem.remove(scratch) }
        let xunit = scratch + "/results.xml", log = scratch + "/swift-test.log", measures = scratch + "/measures.tsv"
        var arguments = ["test", "--skip-build", "--package-path", root, "--xunit-output", xunit]
        for filter in Grader.filters(for: names) { arguments += ["--filter", filter] }
        let status = try runSwift(arguments, log: log, timeoutMs: 600_000, extraEnvironment: ["MPMLAB_MEASURES=" + measures])
        let console = (try? FileSystem.readText(log)) ?? ""
        guard let status else {
            throw RunError(description: "swift test did not finish within 10 minutes; it said:\n" + console.suffixLines(30))
        }

        var outcomes: [TestOutcome] = []
        let swiftTesting = SwiftTestingXUnit.path(forXUnitOutput: xunit)
        if FileSystem.exists(swiftTesting) {
            // A run that failed may leave a broken file; its console then says more (below).
            let document = try? XMLDocument.parse(file: swiftTesting) { try FileSystem.readBytes($0) }
            if let document {
                outcomes += SwiftTestingXUnit.outcomes(in: document)
            } else if status == .exited(0) {
                throw RunError(description: "\(swiftTesting): not a readable xUnit file")
            }
        }
        // XCTest names its tests without their target: give each the target of the check naming its suite.
        let targetOfSuite = Dictionary(names.map { ($0.suite, $0.target) }, uniquingKeysWith: { a, _ in a })
        for outcome in XCTestConsole.outcomes(in: console, target: "") {
            guard let target = targetOfSuite[outcome.name.suite] else { continue }
            outcomes.append(TestOutcome(name: TestName(target: target, suite: outcome.name.suite, function: outcome.name.function),
                                        verdict: outcome.verdict, messages: outcome.messages))
        }
        if outcomes.isEmpty && status != .exited(0) {
            throw RunError(description: "swift test failed (\(status)) before running any check:\n" + console.suffixLines(30))
        }
        let measured = Grader.measures(in: (try? FileSystem.readText(measures)) ?? "")
        return Run(outcomes: outcomes, measures: measured, toolchain: Self.toolchain(in: console))
    }

    /// "Swift Testing 6.3.1", from `↳ Testing Library Version: 6.3.1 (…)`.
    static func toolchain(in console: String) -> String {
        let marker = "Testing Library Version: "
        guard let range = console.firstRange(of: marker) else { return "swift test" }
        let version = console[range.upperBound...].prefix { $0 != " " && $0 != "\n" }
        return "Swift Testing \(version)"
    }

    private func runSwift(_ arguments: [String], log: String, timeoutMs: Int, extraEnvironment: [String] = []) throws -> ExitStatus? {
        guard let swift = Process.environment("MPMLAB_SWIFT") ?? Self.onPath("swift") else {
            throw RunError(description: "no `swift` on PATH (set MPMLAB_SWIFT to the swift binary)")
        }
        var environment = Self.environment().filter {
            !$0.hasPrefix("MPMLAB_ROOT=") && !$0.hasPrefix("MPMLAB_SUBMISSION=") && !$0.hasPrefix("MPMLAB_MEASURES=")
        }
        environment += extraEnvironment
        environment.append("MPMLAB_ROOT=" + root)
        if let submission { environment.append("MPMLAB_SUBMISSION=" + submission) }
        let pid = try Process.spawn(swift, arguments, outputPath: log, environment: environment)
        return Process.wait(for: pid, timeoutMs: timeoutMs) ?? {
            Process.kill(pid, Signal.kill)
            _ = Process.wait(for: pid, timeoutMs: 5000)
            return nil
        }()
    }

    /// This process's environment, `NAME=value` each.
    static func environment() -> [String] {
        guard let bytes = try? FileSystem.readBytes("/proc/self/environ") else { return [] }
        return bytes.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    static func onPath(_ program: String) -> String? {
        let path = Process.environment("PATH") ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(program)" }.first { FileSystem.exists($0) && !FileSystem.isDirectory($0) }
    }
}

extension String {
    func suffixLines(_ n: Int) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).suffix(n).joined(separator: "\n")
    }
}
