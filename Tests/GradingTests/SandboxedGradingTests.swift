// Grading a class that contains hostile submissions, with the real `mpmlab grade` and its real
// sandboxes (Fixtures/hostile/README.md lists the attacks). Each hostile student must score no
// more than the plain wrong twin its attack wraps (the constant counter), the honest students
// must score exactly what they deserve whatever their classmates do, and nothing outside the
// sandboxes may change or stay running: not a classmate's files, not the repository, not the
// gradebook once written.
import LabKit
import Posix
import Testing
import XML

/// The suites that grade in real sandboxes run one after the other: each keeps both cores busy,
/// and a check phase of the other, slowed down, could then pass its deadline.
@Suite("Grading in real sandboxes", .serialized)
enum RealSandboxes {}

extension RealSandboxes {
    @Suite("Grading hostile submissions in sandboxes", .serialized)
    struct SandboxedGradingTests {
        static let root = GradingSupport.repositoryRoot
        static let fixtures = root + "/Tests/GradingTests/Fixtures/hostile"
        static let attacks = ["does-not-compile", "endless-loop", "fake-console", "fill-disk", "forge-verdicts", "fork-bomb",
                              "hog-memory", "outlive-grading", "oversized-file", "read-solution", "write-classmate"]

        @Test("A class with hostile submissions: each scores at most its wrong twin, the others are untouched")
        func hostileClass() throws {
            let scratch = try GradingSupport.scratchDirectory("hostile")
            defer { try? FileSystem.remove(scratch) }
            let (classFolder, output) = (scratch + "/class", scratch + "/grades")
            let reference = [("student.conf", Self.root + "/labs/02-threads/student.conf"),
                             ("answers.txt", Self.root + "/labs/02-threads/answers.txt")]
            let constant = Self.root + "/labs/02-threads/mutants/constant-counter/SharedCounter.swift"
            func student(_ name: String, _ files: [(String, String)]) throws {
                try FileSystem.makeDirectories(classFolder + "/" + name)
                for (file, source) in files { try FileSystem.write(try FileSystem.readBytes(source), to: classFolder + "/\(name)/\(file)") }
            }
            try student("alice", reference + [("SharedCounter.swift", Self.root + "/Sources/LabExercises/SharedCounter.swift")])
            try student("twin", reference + [("SharedCounter.swift", constant)])
            // zoe is graded after write-classmate, who tries to fix her wrong answers.
            try student("zoe", [reference[0], ("answers.txt", Self.root + "/labs/02-threads/mutants/wrong-answers/answers.txt"),
                                ("SharedCounter.swift", constant)])
            for attack in Self.attacks {
                try student(attack, reference)
                let code = Self.fixtures + "/" + attack + "/SharedCounter.swift"
                let text = FileSystem.exists(code) ? try FileSystem.readText(code) : try FileSystem.readText(constant)
                try FileSystem.write(text.replacing("@REPOSITORY@", with: Self.root).replacing("@CLASS@", with: classFolder),
                                     to: classFolder + "/\(attack)/SharedCounter.swift")
            }
            // oversized-file: a 1 GiB answers.txt (sparse) and a student.conf that is a link.
            let oversized = classFolder + "/oversized-file"
            try FileSystem.write("", to: oversized + "/answers.txt")
            try FileSystem.truncate(oversized + "/answers.txt", to: 1 << 30)
            try FileSystem.remove(oversized + "/student.conf")
            try FileSystem.symlink("/etc/passwd", at: oversized + "/student.conf")

            let watched = try Self.hashes(under: classFolder) .merging(try Self.hashes(under: Self.root + "/Sources/LabExercises")) { a, _ in a }
            let (status, console) = try GradingSupport.mpmlab(["grade", "2", "--root", Self.root, "--submissions", classFolder,
                                                               "--out", output, "--skip-build", "--jobs", "2", "--time-limit", "300"],
                                                              timeoutMs: 900_000)
            #expect(status == .exited(0), "\(console)")
            let gradebook = try FileSystem.readText(output + "/grades.csv")
            let scores = Self.scores(gradebook)

            // What the honest students and the twin deserve.
            #expect(scores["alice"] == 11, "the reference solution scores 11/11 whatever its classmates do: \(gradebook)")
            #expect(scores["twin"] == 7, "the constant counter loses exactly the counter's 4 points: \(gradebook)")
            #expect(scores["zoe"] == 4, "zoe's own wrong answers and counter, not a classmate's fix: \(gradebook)")
            for attack in Self.attacks {
                #expect((scores[attack] ?? 99) <= 7, "\(attack) scores \(scores[attack].map { "\($0)" } ?? "nothing") > its twin's 7")
            }

            // Nothing outside the sandboxes changed or survived.
            #expect(try Self.hashes(under: classFolder) .merging(try Self.hashes(under: Self.root + "/Sources/LabExercises")) { a, _ in a } == watched,
                    "the class's files and the repository's exercise sources are byte for byte what they were")
            sleepMs(2500)
            #expect(try FileSystem.readText(output + "/grades.csv") == gradebook, "the gradebook is unchanged after grading")
            #expect(Self.processes(named: "mpmlab-escapee").isEmpty, "no process of a submission outlives grading")
            #expect(try FileSystem.glob("/tmp/mpmlab-escaped-*").isEmpty, "no submission wrote outside its own /tmp")

            // Bad input gets a clear error in its own report.
            LibXML.initialize()
            func report(_ id: String) throws -> Report {
                let document = try XMLDocument.parse(file: output + "/\(id).xml") { try FileSystem.readBytes($0) }
                #expect(GradingSupport.schemas[.report].validate(document).isEmpty, "\(id).xml is a valid report")
                return Report(document)
            }
            // An attack that does not compile is graded on the starter's module: it never ran, and
            // scoring no more than its twin would prove nothing.
            for attack in Self.attacks where attack != "does-not-compile" {
                let messages = try report(attack).results.compactMap(\.message)
                #expect(!messages.contains { $0.contains("does not compile") }, "the \(attack) attack does not compile: it never ran")
            }
            let broken = try report("does-not-compile")
            #expect(broken.results.first { $0.check == "worker.counter-unit" }?.message?.contains("does not compile") == true)
            #expect(broken.results.first { $0.check == "worker.counter-unit" }?.message?.contains("SharedCounter.swift") == true)
            #expect(broken.results.first { $0.check == "worker.config-one-child" }?.status == .pass,
                    "a counter that does not compile costs the counter's checks only")
            let endless = try report("endless-loop")
            #expect(endless.results.first { $0.check == "worker.counter-unit" }?.message?.contains("did not finish within") == true)
            let big = try report("oversized-file")
            #expect(big.submission?.problems.contains { $0.hasPrefix("answers.txt: 1073741824 bytes") } == true, "\(big.submission?.problems ?? [])")
            #expect(big.submission?.problems.contains { $0.hasPrefix("student.conf: not a regular file") } == true)
            #expect(big.results.first { $0.check == "worker.answer-tasks" }?.message?.contains("not graded: answers.txt") == true)
            let alice = try report("alice")
            #expect(alice.submission?.files.map(\.name) == ["answers.txt", "student.conf", "SharedCounter.swift"])
            #expect(alice.submission?.files.allSatisfy { $0.sha256.count == 64 } == true)
            #expect(alice.manifest.contains { $0.name == "kit-commit" })
        }

        /// SHA-256 of every regular file under `folder`, by path.
        static func hashes(under folder: String) throws -> [String: String] {
            var out: [String: String] = [:]
            for name in try FileSystem.list(folder) {
                let path = folder + "/" + name
                guard let status = try FileSystem.linkStatus(path) else { continue }
                if status.kind == .directory { out.merge(try hashes(under: path)) { a, _ in a } }
                // The 1 GiB sparse file is compared by size only.
                if status.kind == .regular { out[path] = status.size > 1 << 20 ? "\(status.size) bytes" : SHA256.hex(try FileSystem.readBytes(path)) }
                if status.kind == .symlink { out[path] = "-> " + (FileSystem.linkTarget(path) ?? "?") }
            }
            return out
        }

        /// `student,lab,date,earned,…` → earned by student.
        static func scores(_ csv: String) -> [String: Double] {
            var out: [String: Double] = [:]
            for line in csv.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                if fields.count > 3, let earned = Double(fields[3]) { out[String(fields[0])] = earned }
            }
            return out
        }

        static func processes(named name: String) -> [Int32] {
            ((try? FileSystem.list("/proc")) ?? []).compactMap { Int32($0) }.filter {
                ((try? FileSystem.readText("/proc/\($0)/comm")) ?? "").hasPrefix(name)
            }
        }
    }
}
