// Can this machine build the box at all? Grading platforms run their graders in containers,
// and a container often forbids what bubblewrap needs — new user, PID and network namespaces
// (Docker's default seccomp profile and capabilities refuse them; so does a kernel with
// unprivileged user namespaces switched off, or Ubuntu's AppArmor restriction on them). The
// grader asks once, with a box that runs `true`, before it grades anything: when the answer is
// no, every submission is reported as not graded, with bubblewrap's own words — student code
// is never run outside a box.
import Posix

extension Sandbox {
    /// nil when a box can be created here; otherwise why not, for the reports.
    public func probe(scratch: String) -> String? {
        let command: (path: String, arguments: [String])
        do {
            command = try self.command("/usr/bin/true", [], environment: [], cgroup: nil)
        } catch {
            return Self.unavailable(error.description)
        }
        let log = scratch + "/.sandbox-probe-\(Process.id)"
        defer { try? FileSystem.remove(log) }
        guard let pid = try? Process.spawn(command.path, command.arguments, SpawnOptions(outputPath: log)) else {
            return Self.unavailable("\(command.path) could not be started")
        }
        let status = Process.wait(for: pid, timeoutMs: 30_000)
        if status == nil {
            Process.kill(pid, Signal.kill)
            _ = Process.wait(for: pid, timeoutMs: 5000)
        }
        guard status != .exited(0) else { return nil }
        let said = ((try? FileSystem.readText(log)) ?? "").trimmingWhitespace()
        return Self.unavailable("bubblewrap " + (said.isEmpty ? "failed (\(status.map { "\($0)" } ?? "no answer in 30 s"))" : "says: " + said))
    }

    static func unavailable(_ detail: String) -> String {
        "not graded: the grading sandbox cannot be created on this machine (\(detail)). Student code never runs outside "
            + "a sandbox, so nothing was judged — this is a problem of the grading machine, not of the submission. The machine "
            + "must let bubblewrap create user, PID and network namespaces (in a container: unprivileged user namespaces "
            + "allowed by the kernel and by the container's seccomp profile and AppArmor policy)."
    }
}
