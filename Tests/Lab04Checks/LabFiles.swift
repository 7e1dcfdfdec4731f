// Lab 4's files and servers: the shared LabFolder (LabCheckKit) pointed at labs/04-sizing,
// and the few helpers only this lab's checks use.
import LabCheckKit
import Posix
import ServerHarness

let labFiles = LabFolder("labs/04-sizing")

extension TestServer {
    /// mpmd with the lab's own configuration under `mpm` (the file loads prefork and holds
    /// each MPM's section; the LoadModule line is swapped), the settings in `extra` appended
    /// after the file so that they win, listening on a free port.
    static func lab(_ mpm: String, _ extra: String) throws -> TestServer {
        try labFiles.startServer(extra) { $0.replacing("LoadModule mpm_prefork_module", with: "LoadModule mpm_\(mpm)_module") }
    }

    /// Holds `count` workers busy for `ms` at once, so that each has served a request.
    func load(_ count: Int, ms: Int) throws -> [[String: String]] {
        let server = self
        return try concurrently(count) { _ in parseFlatJSON(try server.get("/lab/sleep?ms=\(ms)", timeoutMs: ms + 20_000).text) }
    }

    /// The master and its children, now.
    func processes() -> [Int32] { [pid] + children() }
}
