// The grading platforms, end to end and from one grading run: the real `mpmlab grade` on a
// wrong submission (the constant counter of lab 2: 7/11), every file it writes for the
// platforms agreeing on that score, then Gradescope's autograder.zip extracted into a scratch
// AUTOGRADER_ROOT, its setup.sh and run_autograder run on the same files — with the programs
// already built here, so nothing is installed or rebuilt — and giving the same score. A
// machine where bubblewrap cannot create namespaces (a `bwrap` that refuses, as in a container
// without user namespaces) is reported as such by every platform, never as a crash.
import Foundation
import LabKit
import Posix
import Testing
import XML

extension RealSandboxes {
    @Suite("Grading platforms, from one grading run", .serialized)
    struct AutograderTests {
        static let root = GradingSupport.repositoryRoot

        /// A folder whose `bwrap` refuses as bubblewrap does where user namespaces are not allowed.
        static func refusingBubblewrap(in scratch: String) throws -> String {
            let folder = scratch + "/no-userns"
            try FileSystem.makeDirectories(folder)
            try FileSystem.write(Array("#!/bin/sh\necho 'bwrap: setting up uid map: Permission denied' >&2\nexit 1\n".utf8),
                                 to: folder + "/bwrap", mode: 0o755)
            return folder
        }

        static var path: String { Process.environment("PATH") ?? "/usr/bin:/bin" }

        /// Lab 2's reference files with the constant counter: loses the counter's 4 points.
        static func wrongSubmission(at folder: String) throws {
            try FileSystem.makeDirectories(folder)
            for (name, source) in [("student.conf", "labs/02-threads/student.conf"), ("answers.txt", "labs/02-threads/answers.txt"),
                                   ("SharedCounter.swift", "labs/02-threads/mutants/constant-counter/SharedCounter.swift")] {
                try FileSystem.write(try FileSystem.readBytes(root + "/" + source), to: folder + "/" + name)
            }
        }

        /// A JSON number as grades.csv writes it (`2`, `0.5`).
        static func csvNumber(_ value: Any?) -> String {
            guard let number = value as? Double else { return "" }
            return number == number.rounded() ? String(Int(number)) : "\(number)"
        }

        static func object(_ path: String) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(FileSystem.readBytes(path))) as? [String: Any])
        }

        /// `student,lab,date,earned,…` rows by student.
        static func rows(_ csv: String) -> [String: [String]] {
            Dictionary(csv.split(separator: "\n").dropFirst().map { line in
                let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                return (fields[0], fields)
            }, uniquingKeysWith: { a, _ in a })
        }

        @Test("Gradescope's zip grades a wrong submission as mpmlab grade does; --only updates the gradebook; no sandbox is said, not crashed")
        func gradescope() throws {
            let scratch = try GradingSupport.scratchDirectory("gradescope")
            defer { try? FileSystem.remove(scratch) }
            let refusing = try Self.refusingBubblewrap(in: scratch)
            let (classFolder, grades) = (scratch + "/class", scratch + "/grades")
            try Self.wrongSubmission(at: classFolder + "/twin")
            try FileSystem.makeDirectories(classFolder + "/zoe")
            let grade = ["grade", "2", "--root", Self.root, "--submissions", classFolder, "--out", grades, "--skip-build", "--time-limit", "300"]

            // 1. A machine without namespaces: nothing is judged, every student is told why.
            let (refused, refusedLog) = try GradingSupport.mpmlab(grade + ["--jobs", "2"], environment: ["PATH=\(refusing):\(Self.path)"],
                                                                  timeoutMs: 300_000)
            #expect(refused == .exited(0), "\(refusedLog)")
            let before = Self.rows(try FileSystem.readText(grades + "/grades.csv"))
            #expect(before["zoe"]?[3] == "0" && before["twin"]?[3] == "0")
            let zoe = try Self.object(grades + "/zoe.prairielearn.json")
            #expect(zoe["gradable"] as? Bool == false)
            #expect((zoe["format_errors"] as? [String])?.first?.contains("the grading sandbox cannot be created on this machine (bubblewrap says: bwrap: setting up uid map: Permission denied)") == true)

            // 2. The machine fixed, one student regraded: the gradebook is updated in place.
            let (regraded, log) = try GradingSupport.mpmlab(grade + ["--only", "twin"], timeoutMs: 600_000)
            #expect(regraded == .exited(0), "\(log)")
            let csv = try FileSystem.readText(grades + "/grades.csv")
            let after = Self.rows(csv)
            #expect(after["zoe"] == before["zoe"], "zoe's row is untouched")
            let twin = try #require(after["twin"])
            #expect(twin[3] == "7" && twin[4] == "11", "\(csv)")
            let junit = try XMLDocument.parse(file: grades + "/junit.xml") { try FileSystem.readBytes($0) }
            #expect(try junit.root.select("/testsuites/testsuite/@name").map(\.text) == ["twin", "zoe"])
            let junitPoints = try junit.root.select("//testsuite[@name='twin']//testcase/properties/property[@name='points']/@value")
            #expect(junitPoints.compactMap { Double($0.text) }.reduce(0, +) == 7)

            // Every platform's file of that one run: the same score, each in its platform's shape.
            let gs = try Self.object(grades + "/twin.gradescope.json")
            #expect(gs["score"] as? Double == 7)
            #expect(try JSONSchemaCheck.problems(FileSystem.readText(grades + "/twin.gradescope.json"), schema: "gradescope-results.schema.json") == [])
            let pl = try Self.object(grades + "/twin.prairielearn.json")
            #expect(abs((pl["score"] as? Double ?? 0) * 11 - 7) < 1e-9 && pl["gradable"] as? Bool == true)
            #expect(try JSONSchemaCheck.problems(FileSystem.readText(grades + "/twin.prairielearn.json"), schema: "prairielearn-results.schema.json") == [])
            let classroom = try FileSystem.readText(grades + "/twin.classroom.json")
            #expect(try JSONSchemaCheck.problems(classroom, schema: "classroom-runner.schema.json") == [])
            #expect(try PlatformFormatTests.reporterPoints([classroom]) == "Points 7/11")
            LibXML.initialize()
            let report = Report(try XMLDocument.parse(file: grades + "/twin.xml") { try FileSystem.readBytes($0) })
            let manifest = Dictionary(report.manifest.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
            #expect(manifest["mpm"] == "worker" && manifest["config-sha256"]?.count == 64 && manifest["kit-commit"]?.count == 40)
            #expect(manifest["rerun"]?.contains(" grade 2 --root \(Self.root) --submissions \(classFolder) --only twin --out \(grades) --time-limit 300") == true,
                    "\(manifest["rerun"] ?? "no rerun")")

            // 3. The same files through Gradescope's autograder, extracted and set up here.
            let (packed, packLog) = try GradingSupport.mpmlab(["autograder", "2", "--root", Self.root, "--platform", "gradescope",
                                                               "--out", scratch + "/upload", "--programs", GradingSupport.products, "--lang", "en"], timeoutMs: 300_000)
            #expect(packed == .exited(0), "\(packLog)")
            let autograder = scratch + "/autograder"
            try FileSystem.makeDirectories(autograder + "/source")
            let (unzipped, unzipLog) = try GradingSupport.run("/usr/bin/unzip", ["-q", scratch + "/upload/autograder.zip", "-d", autograder + "/source"])
            #expect(unzipped == .exited(0), "\(unzipLog)")
            let (setUp, setupLog) = try GradingSupport.run("/bin/bash", [autograder + "/source/setup.sh"], timeoutMs: 120_000)
            #expect(setUp == .exited(0) && setupLog.contains("the programs built beforehand run here: kept"), "\(setupLog)")
            try Self.wrongSubmission(at: autograder + "/submission")
            let (ran, runLog) = try GradingSupport.run("/bin/sh", [autograder + "/source/run_autograder"],
                                                        environment: ["AUTOGRADER_ROOT=" + autograder], timeoutMs: 600_000)
            #expect(ran == .exited(0), "\(runLog)")
            let results = try Self.object(autograder + "/results/results.json")
            #expect(results["score"] as? Double == Double(twin[3]), "the autograder and mpmlab grade agree: \(runLog)")
            let tests = try #require(results["tests"] as? [[String: Any]])
            let columns = csv.split(separator: "\n")[0].split(separator: ",").dropFirst(5).map(String.init)
            #expect(tests.map { $0["name"] as? String ?? "" } == columns)
            #expect(tests.map { Self.csvNumber($0["score"]) } == Array(twin.dropFirst(5)), "each check scores as in grades.csv")
            #expect(try JSONSchemaCheck.problems(FileSystem.readText(autograder + "/results/results.json"), schema: "gradescope-results.schema.json") == [])
            #expect(((results["extra_data"] as? [String: Any])?["manifest"] as? [String: Any])?["rerun"] != nil)

            // 4. The same autograder where bubblewrap cannot create namespaces.
            let environment = try FileSystem.readText(autograder + "/source/environment")
            try FileSystem.write(environment.replacingOccurrences(of: "PATH='", with: "PATH='\(refusing):"), to: autograder + "/source/environment")
            let (noBox, noBoxLog) = try GradingSupport.run("/bin/sh", [autograder + "/source/run_autograder"],
                                                            environment: ["AUTOGRADER_ROOT=" + autograder], timeoutMs: 300_000)
            #expect(noBox == .exited(0), "\(noBoxLog)")
            let unjudged = try Self.object(autograder + "/results/results.json")
            #expect(unjudged["score"] as? Double == 0)
            #expect((unjudged["output"] as? String)?.contains("Nothing was judged: not graded: the grading sandbox cannot be created") == true)
            #expect((unjudged["tests"] as? [[String: Any]])?.allSatisfy { ($0["output"] as? String)?.contains("Permission denied") == true } == true)
        }

        @Test("PrairieLearn: an image folder and a question whose info.json PrairieLearn accepts; the grader writes /grade/results even without a sandbox")
        func prairielearn() throws {
            let scratch = try GradingSupport.scratchDirectory("prairielearn")
            defer { try? FileSystem.remove(scratch) }
            let out = scratch + "/pl"
            let (status, log) = try GradingSupport.mpmlab(["autograder", "2", "--root", Self.root, "--platform", "prairielearn", "--out", out,
                                                           "--programs", GradingSupport.products, "--lang", "fr"], timeoutMs: 300_000)
            #expect(status == .exited(0), "\(log)")
            let info = try FileSystem.readText(out + "/question/info.json")
            #expect(try JSONSchemaCheck.problems(info, schema: "prairielearn-info.schema.json") == [])
            let options = try #require(try JSONSerialization.jsonObject(with: Data(info.utf8)) as? [String: Any])["externalGradingOptions"] as? [String: Any]
            #expect(options?["entrypoint"] as? String == "/mpmlab/run_grader" && options?["timeout"] as? Int == 600)
            #expect(try FileSystem.readText(out + "/question/question.html").contains("file-names=\"answers.txt, student.conf, SharedCounter.swift\""))
            #expect(try FileSystem.readText(out + "/image/grader.conf").contains("LAB=2\nCOURSE_LANG=fr\nTIME_LIMIT=540\n"))
            #expect(try FileSystem.readText(out + "/image/Dockerfile").contains("COPY kit /mpmlab/kit"))
            #expect(try FileSystem.readText(out + "/image/kit/Tests/Lab03Checks/DecisionExerciseChecks.swift").contains("// BEGIN HIDDEN TESTS"),
                    "the platform's kit keeps the hidden tests")
            #expect(!FileSystem.exists(out + "/image/kit/labs/02-threads/mutants") && !FileSystem.exists(out + "/image/kit/.git"))
            #expect(try !FileSystem.readText(out + "/image/kit/Sources/LabExercises/SharedCounter.swift").contains("BEGIN SOLUTION"))

            // The grader, run as PrairieLearn runs it, on a machine without namespaces: not gradable, and why.
            let grade = scratch + "/grade"
            try AutograderTests.wrongSubmission(at: grade + "/student")
            let refusing = try Self.refusingBubblewrap(in: scratch)
            let (ran, runLog) = try GradingSupport.run("/bin/sh", [out + "/image/run_grader"],
                                                        environment: ["GRADE_ROOT=" + grade, "MPMLAB_GRADER=" + out + "/image",
                                                                      "PATH=\(refusing):\(Self.path)"], timeoutMs: 300_000)
            #expect(ran == .exited(0), "\(runLog)")
            let results = try FileSystem.readText(grade + "/results/results.json")
            #expect(try JSONSchemaCheck.problems(results, schema: "prairielearn-results.schema.json") == [])
            #expect(results.contains("\"gradable\": false") && results.contains("the grading sandbox cannot be created"), "\(results)")

            // And where mpmlab itself cannot run: the script still answers, as not gradable.
            try FileSystem.remove(out + "/image/kit/.build")
            let (broken, brokenLog) = try GradingSupport.run("/bin/sh", [out + "/image/run_grader"],
                                                              environment: ["GRADE_ROOT=" + grade, "MPMLAB_GRADER=" + out + "/image"])
            #expect(broken == .exited(0), "\(brokenLog)")
            let fallback = try FileSystem.readText(grade + "/results/results.json")
            #expect(try JSONSchemaCheck.problems(fallback, schema: "prairielearn-results.schema.json") == [], "\(fallback)")
            #expect(try Self.object(grade + "/results/results.json")["gradable"] as? Bool == false)
        }

        @Test("GitHub Classroom: the workflow's grading step gives the reporter a result it reads, with Points X/Y")
        func githubClassroom() throws {
            let scratch = try GradingSupport.scratchDirectory("classroom")
            defer { try? FileSystem.remove(scratch) }
            let (status, log) = try GradingSupport.mpmlab(["autograder", "2", "--root", Self.root, "--platform", "github-classroom",
                                                           "--out", scratch + "/repo"])
            #expect(status == .exited(0), "\(log)")
            let workflow = try FileSystem.readText(scratch + "/repo/.github/workflows/classroom.yml")
            #expect(workflow.firstRange(of: /@[A-Z_]+@/) == nil, "every template marker is filled")
            for line in ["name: Autograding Tests", "      - name: Lab 2 checks\n        id: lab2\n", "uses: classroom-resources/autograding-grading-reporter@v1",
                         "          LAB2_RESULTS: \"${{ steps.lab2.outputs.result }}\"\n", "          runners: lab2\n", "permissions:\n  checks: write\n"] {
                #expect(workflow.contains(line), "the workflow has \(line)")
            }

            // The grading step's script, run as the runner would in a student's repository (this
            // one), on a machine without namespaces: its output is a runner result the reporter reads.
            let start = try #require(workflow.firstRange(of: "id: lab2\n        run: |\n"))
            let end = try #require(workflow[start.upperBound...].firstRange(of: "      - name: Autograding Reporter"))
            let script = workflow[start.upperBound..<end.lowerBound].split(separator: "\n").map { $0.dropFirst(10) }.joined(separator: "\n")
            try FileSystem.write(script + "\n", to: scratch + "/step.sh")
            try FileSystem.makeDirectories(scratch + "/runner")
            let refusing = try Self.refusingBubblewrap(in: scratch)
            let (ran, runLog) = try GradingSupport.run("/bin/bash", ["-e", scratch + "/step.sh"],
                                                        environment: ["RUNNER_TEMP=" + scratch + "/runner", "GITHUB_WORKSPACE=" + Self.root,
                                                                      "GITHUB_OUTPUT=" + scratch + "/output", "PATH=\(refusing):\(Self.path)"],
                                                        in: Self.root, timeoutMs: 300_000)
            #expect(ran == .exited(0), "\(runLog)")
            let output = try FileSystem.readText(scratch + "/output")
            let encoded = try #require(output.split(separator: "\n").first { $0.hasPrefix("result=") }?.dropFirst("result=".count))
            let result = String(decoding: try #require(Data(base64Encoded: String(encoded))), as: UTF8.self)
            #expect(try JSONSchemaCheck.problems(result, schema: "classroom-runner.schema.json") == [])
            #expect(try PlatformFormatTests.reporterPoints([result]) == "Points 0/11")
            #expect(result.contains("\"status\": \"error\"") && result.contains("the grading sandbox cannot be created"))

            // A student's repository has no hidden tests: grading lab 3 there leaves the hidden
            // check out, and says so to the student.
            let kit = scratch + "/student-repository"
            _ = try StarterKit.write(from: Self.root, to: kit)
            try FileSystem.symlink(Self.root + "/.build", at: kit + "/.build")
            try FileSystem.makeDirectories(scratch + "/class3")
            try FileSystem.symlink(kit, at: scratch + "/class3/student")
            let (graded, gradeLog) = try GradingSupport.mpmlab(["grade", "3", "--root", kit, "--submissions", scratch + "/class3",
                                                                "--out", scratch + "/grades3", "--skip-build", "--lang", "en"],
                                                               environment: ["PATH=\(refusing):\(Self.path)"], timeoutMs: 300_000)
            #expect(graded == .exited(0), "\(gradeLog)")
            #expect(gradeLog.contains("Not graded here, their tests are not in this copy: hidden checks worth 1 point, keepalive.decision-rules"), "\(gradeLog)")
            let lab3 = try FileSystem.readText(scratch + "/grades3/student.classroom.json")
            #expect(try JSONSchemaCheck.problems(lab3, schema: "classroom-runner.schema.json") == [])
            #expect(try PlatformFormatTests.reporterPoints([lab3]) == "Points 0/12")
            #expect(!lab3.contains("\"name\": \"keepalive.decision-rules\""))
            #expect(lab3.contains("Hidden checks not graded here (their tests are not in this repository): keepalive.decision-rules (1)"))
        }
    }
}
