// Controlling a running server the way an administrator does: `mpmd -k` through the PID
// file, a broken configuration at restart, graceful stop, spare-thread maintenance.
import Posix
import ServerHarness
import Synchronization
import XCTest

final class ControlTests: XCTestCase {
    /// Runs `mpmd ARGS` to completion (bounded), returning its exit status and output.
    func mpmd(_ arguments: [String], in root: String) throws -> (ExitStatus?, String) {
        let out = root + "/logs/cli.out"
        try? FileSystem.remove(out)
        let pid = try Process.spawn(TestServer.mpmdPath, arguments, outputPath: out)
        let status = Process.wait(for: pid, timeoutMs: 20_000)
        if status == nil { Process.kill(pid, Signal.kill); _ = Process.wait(for: pid, timeoutMs: 2000) }
        return (status, (try? FileSystem.readText(out)) ?? "")
    }

    func testDashKStartDaemonizesRefusesASecondStartAndDashKStopStopsIt() throws {
        let root = try FileSystem.makeTemporaryDirectory(prefix: "mpmd-k")
        defer { try? FileSystem.remove(root) }
        try FileSystem.makeDirectories(root + "/conf")
        try FileSystem.makeDirectories(root + "/htdocs")
        try FileSystem.makeDirectories(root + "/logs")
        try FileSystem.write("LoadModule mpm_prefork_module\nListen 127.0.0.1:0\nDocumentRoot htdocs\nErrorLog logs/error_log\nStartServers 2\n",
                             to: root + "/conf/mpmd.conf")
        let conf = root + "/conf/mpmd.conf"
        let pidFile = root + "/logs/mpmd.pid"
        let (started, startOutput) = try mpmd(["-f", conf, "-k", "start"], in: root)
        XCTAssertEqual(started, .exited(0), startOutput)
        let master = try XCTUnwrap(Int32(((try? FileSystem.readText(pidFile)) ?? "").filter(\.isNumber)), "-k start returns once the PID file is written")
        defer { if Process.exists(master) { Process.kill(master, Signal.kill) } }
        XCTAssertTrue(Process.exists(master))
        XCTAssertEqual(Process.parentID(of: master), 1, "the daemon is detached from the shell that started it")
        XCTAssertTrue(waitUntil(timeoutMs: 5000) { Process.children(of: master).count == 2 })

        let (again, againOutput) = try mpmd(["-f", conf, "-k", "start"], in: root)
        XCTAssertEqual(again, .exited(0))
        XCTAssertTrue(againOutput.contains("httpd (pid \(master)) already running"), againOutput)

        let children = Process.children(of: master)
        let (stopped, _) = try mpmd(["-f", conf, "-k", "stop"], in: root)
        XCTAssertEqual(stopped, .exited(0))
        XCTAssertTrue(waitUntil(timeoutMs: 12_000) { !Process.exists(master) || Process.isGoneOrZombie(master) })
        XCTAssertTrue(children.allSatisfy { Process.isGoneOrZombie($0) })
        XCTAssertFalse(FileSystem.exists(pidFile))
        let (notRunning, output) = try mpmd(["-f", conf, "-k", "stop"], in: root)
        XCTAssertEqual(notRunning, .exited(0))
        XCTAssertTrue(output.contains("not running"), output)
    }

    func testABrokenConfigurationAtRestartIsLoggedAndTheRunningOneKept() throws {
        let server = try TestServer.start(config: preforkBase + "StartServers 2")
        defer { server.stop() }
        let conf = server.root + "/conf/mpmd.conf"
        let good = try FileSystem.readText(conf)
        try FileSystem.write(good + "KeepAliveTimeout 5x\n", to: conf)
        server.signal(Signal.hangup)
        XCTAssertTrue(waitUntil(timeoutMs: 5000) { server.log.contains("MPM00003") }, server.log)
        XCTAssertTrue(server.log.contains("KeepAliveTimeout has wrong format"), server.log)
        XCTAssertEqual(try server.get("/").status, 200, "still serving with the old configuration")
        XCTAssertEqual(try server.status()["ParentServerMPMGeneration"], "0")
    }

    func testGracefulStopLetsTheRequestInFlightFinishThenExits() throws {
        let server = try TestServer.start(config: preforkBase + "StartServers 2")
        let results = try concurrently(2) { i -> String in
            if i == 1 {
                XCTAssertTrue(busyWorkers(server, atLeast: 2), "the slow request is being served")
                server.signal(Signal.windowChange)
                return ""
            }
            return try server.get("/lab/sleep?ms=1500").headers["Connection"] ?? ""
        }
        XCTAssertEqual(results[0], "close", "the request finished, and its connection was not kept")
        XCTAssertEqual(server.waitForExit(timeoutMs: 12_000), .exited(0))
    }

    func testSpareThreadMaintenanceGrowsAndShrinksTheNumberOfWorkerChildren() throws {
        let server = try TestServer.start(config: ThreadedMPM.worker.config(threads: 2, startServers: 1,
                                                                              extra: "MinSpareThreads 2\nMaxSpareThreads 4"))
        defer { server.stop() }
        XCTAssertTrue(waitUntil(timeoutMs: 5000) { server.children().count == 1 })
        // Hold both threads of the only child: idle threads fall below MinSpareThreads.
        let results = try concurrently(3) { i -> Int in
            if i == 2 {
                var most = 0
                for _ in 0..<30 { most = max(most, server.children().count); sleepMs(100) }
                return most
            }
            return try server.get("/lab/sleep?ms=2500").status
        }
        XCTAssertEqual(Array(results[0..<2]), [200, 200])
        XCTAssertGreaterThanOrEqual(results[2], 2, "below MinSpareThreads idle threads the master forks children")
        XCTAssertTrue(waitUntil(timeoutMs: 10_000) { server.children().count <= 2 },
                      "above MaxSpareThreads idle threads a child is retired: \(server.children().count)")
    }

    func testAGracefulRestartUnderEventLosesNoRequest() throws {
        let server = try TestServer.start(config: ThreadedMPM.event.config(threads: 4, startServers: 2))
        defer { server.stop() }
        let served = Atomic<Int>(0)
        let results = try concurrently(3) { i -> [String] in
            if i == 2 {
                // Restart once the old generation has answered a few requests.
                XCTAssertTrue(waitUntil(timeoutMs: 10_000) { served.load(ordering: .relaxed) >= 6 })
                server.signal(Signal.user1)
                return []
            }
            var generations: [String] = []
            let end = MonotonicClock.nowMs() + 2500
            while MonotonicClock.nowMs() < end {
                let r = try server.get("/lab/sleep?ms=30")
                XCTAssertEqual(r.status, 200)
                generations.append(parseFlatJSON(r.text)["generation"] ?? "?")
                served.wrappingAdd(1, ordering: .relaxed)
            }
            return generations
        }
        let all = results[0] + results[1]
        XCTAssertEqual(all.first, "0")
        XCTAssertEqual(all.last, "1")
    }
}
