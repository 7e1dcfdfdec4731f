// Each MPM's defaults and Apache's corrections, in Apache's order and words, at first start
// and on a restart (where ServerLimit and ThreadLimit are kept).
@testable import Config
import Testing

@Suite("MPM defaults and clamps")
struct MPMClampTests {
    private func load(_ mpm: MPMKind, _ lines: String) throws -> (ServerConfig, TemporaryConfig) {
        let t = try TemporaryConfig()
        return (try t.load("LoadModule \(mpm.moduleName)\nListen 80\n" + lines), t)
    }

    @Test("defaults per MPM match Apache's mpm_default.h", arguments: [
        (MPMKind.prefork, [5, 5, 10, 256, 1, 1, 256]),
        (.worker, [3, 75, 250, 16, 64, 25, 400]),
        (.event, [3, 75, 250, 16, 64, 25, 400]),
    ])
    func defaults(mpm: MPMKind, expected: [Int]) throws {
        let (c, _) = try load(mpm, "")
        let s = c.mpmSettings
        let minSpare = mpm == .prefork ? s.minSpareServers : s.minSpareThreads
        let maxSpare = mpm == .prefork ? s.maxSpareServers : s.maxSpareThreads
        #expect([s.startServers, minSpare, maxSpare, s.serverLimit, s.threadLimit, s.threadsPerChild, s.maxRequestWorkers] == expected)
        #expect(s.maxConnectionsPerChild == 0)
        #expect(s.gracefulShutdownTimeout == 0)
        #expect(s.asyncRequestWorkerFactor == (mpm == .event ? 2 : 0))
        #expect(s.maxChildren == (mpm == .prefork ? 256 : 16))
        #expect(c.warnings.isEmpty)
    }

    @Test("prefork corrections, with Apache's warnings", arguments: [
        ("ServerLimit 300000", "ServerLimit of 300000 exceeds compile-time limit of 200000 servers, decreasing to 200000."),
        ("ServerLimit 0", "ServerLimit of 0 not allowed, increasing to 1."),
        ("MaxRequestWorkers 300", "MaxRequestWorkers of 300 exceeds ServerLimit value of 256 servers, decreasing MaxRequestWorkers to 256. To increase, please see the ServerLimit directive."),
        ("MaxRequestWorkers 0", "MaxRequestWorkers of 0 not allowed, increasing to 1."),
        ("StartServers -2", "StartServers of -2 not allowed, increasing to 1."),
        ("MinSpareServers abc", "MinSpareServers of 0 not allowed, increasing to 1 to avoid almost certain server failure. Please read the documentation."),
    ])
    func preforkWarnings(line: String, warning: String) throws {
        let (c, t) = try load(.prefork, line + "\n")
        // The first warning is the one under test; a corrected value may cause another.
        #expect(c.warnings.first?.description == "\(t.confPath):3: \(warning)")
    }

    @Test("prefork's silent corrections")
    func preforkSilent() throws {
        let (c, _) = try load(.prefork, "MinSpareServers 20\nMaxSpareServers 4\nStartServers 50\nMaxRequestWorkers 10\n")
        #expect(c.mpmSettings.maxSpareServers == 21)
        #expect(c.mpmSettings.startServers == 10)
        #expect(c.warnings.isEmpty)
    }

    /// Lines, and the warnings they cause; `MAX` stands for the MPM's ThreadLimit ceiling.
    static let threadedCases: [(String, [String])] = [
        ("ServerLimit 20001", ["ServerLimit of 20001 exceeds compile-time limit of 20000 servers, decreasing to 20000."]),
        ("ThreadLimit 200000", ["ThreadLimit of 200000 exceeds compile-time limit of MAX threads, decreasing to MAX."]),
        ("ThreadLimit 0\nThreadsPerChild 1\nMaxRequestWorkers 16", ["ThreadLimit of 0 not allowed, increasing to 1."]),
        ("ThreadsPerChild 100", ["ThreadsPerChild of 100 exceeds ThreadLimit of 64 threads, decreasing to 64. To increase, please see the ThreadLimit directive.",
                                 "MaxRequestWorkers of 400 is not an integer multiple of ThreadsPerChild of 64, decreasing to nearest multiple 384, for a maximum of 6 servers."]),
        ("ThreadsPerChild 0\nMaxRequestWorkers 16", ["ThreadsPerChild of 0 not allowed, increasing to 1."]),
        ("MaxRequestWorkers 10", ["MaxRequestWorkers of 10 is less than ThreadsPerChild of 25, increasing to 25. MaxRequestWorkers must be at least as large as the number of threads in a single server."]),
        ("MaxRequestWorkers 130", ["MaxRequestWorkers of 130 is not an integer multiple of ThreadsPerChild of 25, decreasing to nearest multiple 125, for a maximum of 5 servers."]),
        ("MaxRequestWorkers 1000", ["MaxRequestWorkers of 1000 would require 40 servers and would exceed ServerLimit of 16, decreasing to 400. To increase, please see the ServerLimit directive."]),
        ("StartServers 0", ["StartServers of 0 not allowed, increasing to 1."]),
        ("MinSpareThreads 0", ["MinSpareThreads of 0 not allowed, increasing to 1 to avoid almost certain server failure. Please read the documentation."]),
    ]

    @Test("worker and event corrections, with Apache's warnings", arguments: [MPMKind.worker, .event], threadedCases)
    func threadedWarnings(mpm: MPMKind, testCase: (lines: String, warnings: [String])) throws {
        let max = String(MPMSettings.maxThreadLimit(for: mpm))
        let (c, _) = try load(mpm, testCase.lines + "\n")
        #expect(c.warnings.map(\.message) == testCase.warnings.map { $0.replacing("MAX", with: max) })
    }

    @Test("MaxRequestWorkers is rounded, then capped at ServerLimit, in Apache's order")
    func roundingThenCap() throws {
        let (c, t) = try load(.worker, "ThreadsPerChild 30\nMaxRequestWorkers 1000\n")
        #expect(c.warnings.map(\.description) == [
            "\(t.confPath):4: MaxRequestWorkers of 1000 is not an integer multiple of ThreadsPerChild of 30, decreasing to nearest multiple 990, for a maximum of 33 servers.",
            "\(t.confPath):4: MaxRequestWorkers of 990 would require 33 servers and would exceed ServerLimit of 16, decreasing to 480. To increase, please see the ServerLimit directive.",
        ])
        #expect(c.mpmSettings.maxRequestWorkers == 480)
        #expect(c.mpmSettings.maxChildren == 16)
    }

    @Test("threaded silent corrections: MaxSpareThreads and StartServers", arguments: [MPMKind.worker, .event])
    func threadedSilent(mpm: MPMKind) throws {
        let (c, _) = try load(mpm, "MinSpareThreads 100\nMaxSpareThreads 110\nStartServers 40\n")
        #expect(c.mpmSettings.maxSpareThreads == 126)
        #expect(c.mpmSettings.startServers == 16)
        #expect(c.warnings.isEmpty)
    }

    @Test("values for the other MPMs' sections do not leak into the loaded one")
    func sectionsStayApart() throws {
        let (c, _) = try load(.worker, "<IfModule mpm_event_module>\nThreadsPerChild 10\n</IfModule>\n")
        #expect(c.mpmSettings.threadsPerChild == 25)
    }

    @Test("per-MPM common directives are kept", arguments: MPMKind.allCases)
    func commonDirectives(mpm: MPMKind) throws {
        let (c, _) = try load(mpm, "MaxConnectionsPerChild 1000\nGracefulShutdownTimeout 30\n")
        #expect(c.mpmSettings.maxConnectionsPerChild == 1000)
        #expect(c.mpmSettings.gracefulShutdownTimeout == 30)
    }
}

@Suite("MPM limits across a restart")
struct RestartTests {
    @Test("ServerLimit and ThreadLimit keep their running values, and MaxRequestWorkers follows")
    func limitsAreKept() throws {
        let t = try TemporaryConfig()
        let running = try t.load("LoadModule mpm_worker_module\nListen 80\n")
        let reread = try t.load("LoadModule mpm_worker_module\nListen 80\nServerLimit 32\nThreadLimit 128\nThreadsPerChild 100\nMaxRequestWorkers 800\n",
                                running: running)
        #expect(reread.mpmSettings.serverLimit == 16)
        #expect(reread.mpmSettings.threadLimit == 64)
        #expect(reread.mpmSettings.threadsPerChild == 64)
        #expect(reread.warnings.map(\.message) == [
            "changing ServerLimit to 32 from original value of 16 not allowed during restart",
            "changing ThreadLimit to 128 from original value of 64 not allowed during restart",
            "ThreadsPerChild of 100 exceeds ThreadLimit of 64, decreasing to match",
            "MaxRequestWorkers of 800 is not an integer multiple of ThreadsPerChild of 64, decreasing to nearest multiple 768",
        ])
        #expect(reread.mpmSettings.maxRequestWorkers == 768)
    }

    @Test("prefork uses the error-log wording on a restart")
    func preforkRestartWording() throws {
        let t = try TemporaryConfig()
        let running = try t.load("LoadModule mpm_prefork_module\n")
        let reread = try t.load("LoadModule mpm_prefork_module\nMaxRequestWorkers 300\nMinSpareServers 0\n", running: running)
        #expect(reread.warnings.map(\.message) == [
            "MaxRequestWorkers of 300 exceeds ServerLimit value of 256, decreasing to match",
            "MinSpareServers of 0 not allowed, increasing to 1",
        ])
    }
}
