// The ways the HTTP behaviour suites start mpmd: the single-process debug mode (-X) and the
// prefork MPM. Every rule of HTTP/1.1 persistence and framing must hold in each.
import ServerHarness

enum Harness: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case singleProcess = "-X"
    case prefork
    case worker
    case event

    /// What server-status and /lab/whoami call the MPM.
    var mpmName: String { self == .singleProcess ? "prefork" : rawValue }

    var testDescription: String { rawValue }

    /// Starts mpmd with `config` under this harness.
    func start(_ config: String = "", files: [String: String] = [:]) throws -> TestServer {
        switch self {
        case .singleProcess:
            return try TestServer.start(config: "LoadModule mpm_prefork_module\n" + Self.common + config,
                                        singleProcess: true, files: files)
        case .prefork:
            return try TestServer.start(config: "LoadModule mpm_prefork_module\nStartServers 2\nMinSpareServers 1\nMaxSpareServers 4\n"
                                        + Self.common + config, files: files)
        case .worker, .event:
            return try TestServer.start(config: "LoadModule mpm_\(rawValue)_module\n" + Self.threaded + Self.common + config, files: files)
        }
    }

    static let threaded = """
        StartServers 2
        ServerLimit 4
        ThreadsPerChild 4
        MinSpareThreads 1
        MaxSpareThreads 16
        MaxRequestWorkers 16

        """

    static let common = """
        <Location /server-status>
            SetHandler server-status
            Require local
        </Location>
        <Location /lab>
            SetHandler lab
        </Location>

        """
}

import Testing
