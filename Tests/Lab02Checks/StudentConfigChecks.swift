// The "one child" exercise: the student's labs/02-threads/student.conf must give a worker
// server whose single child serves six clients at once on six threads, never forking a second
// child, with the counter exercise switched on. Each goal is measured on mpmd started with
// that file, never read off the directives.
import LabCheckKit
import Posix
import ServerHarness
import Testing

@Suite("Lab 2: the one-child exercise (student.conf)", .serialized)
struct StudentConfigChecks {
    /// mpmd with the student's file, the observation windows added.
    static func studentServer() throws -> TestServer { try labFiles.startStudentServer() }

    /// worker.config-one-child
    @Test("Six clients at once are served by six threads of one single child, and no second child ever starts")
    func sixThreadsInOneChild() throws {
        let server = try Self.studentServer()
        defer { server.stop() }
        sleepMs(1500)   // a second of spare-thread maintenance: the master would fork now if it meant to
        let results = try concurrently(7) { i -> [String: String] in
            if i == 6 {
                var most = 0
                for _ in 0..<25 { most = max(most, server.children().count); sleepMs(100) }
                return ["most": "\(most)"]
            }
            return parseFlatJSON(try server.get("/lab/sleep?ms=1500", timeoutMs: 20_000).text)
        }
        let answers = Array(results[0..<6])
        let most = Int(results[6]["most"] ?? "") ?? -1
        let pids = Set(answers.compactMap { $0["pid"] }), tids = Set(answers.compactMap { $0["tid"] })
        CheckMeasures.record("worker.config-one-child", "most_children", most, unit: "processes")
        CheckMeasures.record("worker.config-one-child", "distinct_tids", tids.count, unit: "threads")
        #expect(answers.allSatisfy { $0["mpm"] == "worker" }, "the server must run the worker MPM: \(answers.first ?? [:])")
        #expect(most == 1, "the server ran \(most) children")
        #expect(pids.count == 1, "six clients were served by \(pids.count) processes")
        #expect(tids.count == 6, "six clients at once were served by \(tids.count) threads")
    }

    /// worker.config-exercise-on
    @Test("The student's server serves the counter exercise at /lab/exercise/counter")
    func counterExerciseSwitchedOn() throws {
        let server = try Self.studentServer()
        defer { server.stop() }
        let response = try server.get("/lab/exercise/counter")
        #expect(response.status == 200, "/lab/exercise/counter answered \(response.status)")
    }
}
