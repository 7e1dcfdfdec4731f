// What one run of a lab's checks does, written down before anything runs: which test bundle,
// which tests in each framework, the environment the checks get, how long each phase may take,
// and — for a lab with code exercises — how to build the student's exercise module first.
// The grader writes the plan into the results folder; the supervisor inside the sandbox reads
// it from there (see CheckSession). `mpmlab check` builds one in memory and runs it directly.
import GradingProtocol
import Posix

public struct CheckPlan: Sendable, Equatable {
    /// The test bundle (MPMLabPackageTests.xctest).
    public var bundle: String
    /// The checks XCTest runs, then the ones Swift Testing runs (one process each).
    public var xctestTests: [TestName] = []
    public var swiftTestingTests: [TestName] = []
    /// The tests, among those, that run the student's code (the code exercises' checks): they
    /// run last, in phases of their own, so that no process of the student's ever runs beside
    /// a check that does not expect it (Swift Testing runs suites in parallel).
    public var studentCodeTests: Set<TestName> = []
    /// `NAME=value` strings for the test bundle.
    public var environment: [String] = []
    /// How long each test phase may run before it is killed.
    public var phaseTimeoutMs = 600_000
    /// The student's exercise module to build before the checks, if the lab has code exercises.
    public var module: ModuleBuild?

    public init(bundle: String) { self.bundle = bundle }

    /// Compiling the exercises' shared object from the kit's sources with the student's files
    /// laid over them: `swiftc -emit-library`, a second or two, and no server code rebuilt.
    public struct ModuleBuild: Sendable, Equatable {
        /// The kit's Sources/LabExercises (starter versions, solutions stripped).
        public var kitSources: String
        /// Where the student's versions are (a file not there keeps the kit's).
        public var studentFiles: String
        /// Scratch folder for the sources actually compiled.
        public var workFolder: String
        /// The shared object to write.
        public var output: String
        /// Where to write the kit's own module (the starter's code), which every check that
        /// does not judge the student's code loads instead (see LabCheckKit's StudentCode).
        public var starterOutput: String
        public var swiftc: String
        public var timeoutMs = 180_000

        public init(kitSources: String, studentFiles: String, workFolder: String, output: String, starterOutput: String, swiftc: String) {
            self.kitSources = kitSources
            self.studentFiles = studentFiles
            self.workFolder = workFolder
            self.output = output
            self.starterOutput = starterOutput
            self.swiftc = swiftc
        }
    }

    /// The plan as lines of tab-separated fields (FieldCodec).
    public func encoded() -> String {
        var lines: [[String]] = [["bundle", bundle], ["phase-timeout-ms", "\(phaseTimeoutMs)"]]
        lines += xctestTests.map { ["xctest", $0.description] }
        lines += swiftTestingTests.map { ["swift-testing", $0.description] }
        lines += studentCodeTests.sorted { $0.description < $1.description }.map { ["student-code", $0.description] }
        lines += environment.map { ["env", $0] }
        if let m = module {
            lines.append(["module", m.kitSources, m.studentFiles, m.workFolder, m.output, m.starterOutput, m.swiftc, "\(m.timeoutMs)"])
        }
        return lines.map { FieldCodec.encode($0) + "\n" }.joined()
    }

    public struct DecodeError: Error, CustomStringConvertible {
        public let description: String
    }

    public init(decoding text: String) throws(DecodeError) {
        var plan = CheckPlan(bundle: "")
        for (index, line) in text.split(separator: "\n").enumerated() {
            let fields = FieldCodec.decode(line)
            func bad() -> DecodeError { DecodeError(description: "plan line \(index + 1): \(line)") }
            switch (fields.first, fields.count) {
            case ("bundle", 2): plan.bundle = fields[1]
            case ("phase-timeout-ms", 2):
                guard let ms = Int(fields[1]) else { throw bad() }
                plan.phaseTimeoutMs = ms
            case ("xctest", 2):
                guard let name = TestName(fields[1]) else { throw bad() }
                plan.xctestTests.append(name)
            case ("swift-testing", 2):
                guard let name = TestName(fields[1]) else { throw bad() }
                plan.swiftTestingTests.append(name)
            case ("student-code", 2):
                guard let name = TestName(fields[1]) else { throw bad() }
                plan.studentCodeTests.insert(name)
            case ("env", 2): plan.environment.append(fields[1])
            case ("module", 8):
                guard let ms = Int(fields[7]) else { throw bad() }
                var m = ModuleBuild(kitSources: fields[1], studentFiles: fields[2], workFolder: fields[3], output: fields[4],
                                    starterOutput: fields[5], swiftc: fields[6])
                m.timeoutMs = ms
                plan.module = m
            default: throw bad()
            }
        }
        guard !plan.bundle.isEmpty else { throw DecodeError(description: "the plan names no test bundle") }
        self = plan
    }

    /// The phases, in order: name, framework (true: XCTest), tests. Empty ones left out.
    public var phases: [(name: String, xctest: Bool, tests: [TestName])] {
        let all: [(String, Bool, [TestName])] = [
            ("xctest", true, xctestTests.filter { !studentCodeTests.contains($0) }),
            ("swift-testing", false, swiftTestingTests.filter { !studentCodeTests.contains($0) }),
            ("xctest-student-code", true, xctestTests.filter { studentCodeTests.contains($0) }),
            ("swift-testing-student-code", false, swiftTestingTests.filter { studentCodeTests.contains($0) }),
        ]
        return all.filter { !$0.2.isEmpty }.map { (name: $0.0, xctest: $0.1, tests: $0.2) }
    }

    /// The name of the phase that runs `test`.
    public func phase(of test: TestName) -> String? {
        phases.first { $0.tests.contains(test) }?.name
    }

    /// The tests `names` split by framework: those XCTest lists are XCTest's, the rest Swift
    /// Testing's. `xctestList` is the bundle's `--list-tests` output.
    public static func split(_ names: [TestName], xctestList: String) -> (xctest: [TestName], swiftTesting: [TestName]) {
        let listed = Set(xctestList.split(separator: "\n").compactMap { TestName(String($0)) })
        return (names.filter { listed.contains($0) }, names.filter { !listed.contains($0) })
    }
}
