// Lab 3's files and servers: the shared LabFolder (LabCheckKit) pointed at labs/03-keepalive,
// and the few helpers only this lab's checks use.
import HTTP
import LabCheckKit
import Posix
import ServerHarness

let labFiles = LabFolder("labs/03-keepalive")

extension TestServer {
    /// mpmd with the lab's own configuration (event, one child of four threads), the MPM
    /// swapped for `mpm` when given (the file's IfModule sections follow it), the settings in
    /// `extra` appended after the file so that they win, listening on a free port.
    static func lab(_ extra: String, mpm: String? = nil, studentCode: Bool = false) throws -> TestServer {
        try labFiles.startServer(extra, studentCode: studentCode) { text in mpm.map { text.replacing("mpm_event_module", with: "mpm_\($0)_module") } ?? text }
    }

    /// `count` clients that each sent one request and now keep their connection open, idle.
    func idleKeepAliveClients(_ count: Int) throws -> [HTTPConnection] {
        try (0..<count).map { _ in
            let c = try connect()
            let response = try c.request("/")
            guard response.status == 200 else { throw SetupError("an idle client's first request got \(response.status)") }
            return c
        }
    }

    /// A number from server-status?auto, or nil.
    func statusNumber(_ key: String) -> Int? { (try? status()).flatMap { Int($0[key] ?? "") } }
}

/// The `max` of a `Keep-Alive: timeout=5, max=3` header, or nil.
func keepAliveMax(_ response: HTTPClientResponse) -> Int? {
    guard let header = response.headers["Keep-Alive"], let range = header.firstRange(of: "max=") else { return nil }
    return Int(header[range.upperBound...].prefix { $0.isNumber })
}
