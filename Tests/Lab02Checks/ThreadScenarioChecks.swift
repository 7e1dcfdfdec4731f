// A longer worker scenario, written with XCTest: a crash in one thread takes its whole process
// down, sibling threads and their requests included, and the master replaces the process.
// The test decides one check of lab.xml.
import LabCheckKit
import Posix
import ServerHarness
import XCTest

final class ThreadScenarioChecks: LabCheckCase {
    /// worker.crash-takes-process
    func testACrashingThreadTakesItsSiblingThreadsAndTheirRequests() throws {
        let server = try TestServer.oneChild(threads: 4)
        defer { server.stop() }
        let victim = try XCTUnwrap(server.children().first)
        let results = try concurrently(3) { i -> String in
            if i == 2 {
                sleepMs(500)
                let c = try server.connect()
                try c.send("GET /lab/crash HTTP/1.1\r\nHost: x\r\n\r\n")
                return (try? c.readResponse(timeoutMs: 5000)) == nil ? "no response" : "answered"
            }
            // Sibling requests in the same process, still running when the crash happens.
            do { return "\(try server.get("/lab/sleep?ms=3000", timeoutMs: 8000).status)" } catch { return "lost" }
        }
        CheckMeasures.record("worker.crash-takes-process", "sibling_requests_lost", results[0..<2].filter { $0 == "lost" }.count, unit: "requests")
        XCTAssertEqual(results[2], "no response", "the crashing thread cannot answer")
        XCTAssertEqual(Array(results[0..<2]), ["lost", "lost"], "the sibling threads' requests died with their process")
        XCTAssertTrue(waitUntil(timeoutMs: 5000) { server.log.contains("child pid \(victim) exit signal Segmentation fault") },
                      "the master logs the child's death (AH00052)")
        XCTAssertTrue(waitUntil(timeoutMs: 8000) { !server.children().isEmpty && !server.children().contains(victim) },
                      "the master forks a replacement")
        XCTAssertEqual(try server.get("/lab/whoami").status, 200)
    }
}
