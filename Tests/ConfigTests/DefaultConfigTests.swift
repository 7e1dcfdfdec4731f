// The shipped conf/mpmd.conf and conf/mime.types, and the directive table the course site
// renders its reference from.
@testable import Config
import Posix
import Testing

/// The repository root, found from this file's path (Tests/ConfigTests/…).
private let repositoryRoot = FileSystem.dirname(of: FileSystem.dirname(of: FileSystem.dirname(of: #filePath)))

@Suite("Shipped configuration")
struct DefaultConfigTests {
    @Test("conf/mpmd.conf loads cleanly for each MPM", arguments: MPMKind.allCases)
    func shippedConfigLoads(mpm: MPMKind) throws {
        let path = repositoryRoot + "/conf/mpmd.conf"
        // Swap the MPM the way a student would: comment one LoadModule, uncomment another.
        let text = try FileSystem.readText(path)
            .replacing("LoadModule mpm_prefork_module", with: "#LoadModule mpm_prefork_module")
            .replacing("#LoadModule \(mpm.moduleName)", with: "LoadModule \(mpm.moduleName)")
        let t = try TemporaryConfig()
        try t.write("conf/mime.types", try FileSystem.readText(repositoryRoot + "/conf/mime.types"))
        try FileSystem.makeDirectories(t.root + "/site/public")
        let c = try t.load(text)
        #expect(c.mpm == mpm)
        #expect(c.warnings.isEmpty)
        #expect(c.mpmSettings == MPMSettings.defaults(for: mpm))
        #expect(c.listens == [ListenAddress(host: "127.0.0.1", port: 8080)])
        #expect(c.documentRoot == t.root + "/site/public")
        #expect(c.location(for: "/server-status").handler == .serverStatus)
        #expect(c.location(for: "/lab/whoami").handler == .lab)
        #expect(c.location(for: "/lab/whoami").requirements == [.local])
        #expect(c.location(for: "/index.html").requirements.isEmpty)
        #expect(c.mimeType(forExtension: "css") == "text/css")
        #expect(c.errorLog == .stderr)
    }

    @Test("conf/mpmd.conf loads in place, with only the site's absence to warn about")
    func shippedConfigInPlace() throws {
        let c = try ConfigLoader.load(path: repositoryRoot + "/conf/mpmd.conf")
        #expect(c.serverRoot == repositoryRoot)
        #expect(c.mpm == .prefork)
        #expect(c.typesConfig == repositoryRoot + "/conf/mime.types")
        #expect(c.warnings.allSatisfy { $0.message.hasPrefix("DocumentRoot") })
    }

    @Test("make run's -C Define changes the port without a second Listen")
    func portFromCommandLine() throws {
        let c = try ConfigLoader.load(path: repositoryRoot + "/conf/mpmd.conf",
                                      before: ["Define MPMD_LISTEN 127.0.0.1:9090"])
        #expect(c.listens == [ListenAddress(host: "127.0.0.1", port: 9090)])
    }
}

@Suite("MIME types")
struct MIMETypesTests {
    @Test("mime.types format, then AddType overrides, extensions case-insensitive")
    func typesAndOverrides() throws {
        let t = try TemporaryConfig()
        try t.write("conf/types", "# comment\ntext/html html htm\napplication/x-empty\ntext/plain txt log\n")
        let c = try t.load("TypesConfig conf/types\nAddType text/x-log .LOG\n")
        #expect(c.mimeType(forExtension: "HTM") == "text/html")
        #expect(c.mimeType(forExtension: ".log") == "text/x-log")
        #expect(c.mimeType(forExtension: "css") == nil)     // the file replaces the built-in table
        #expect(c.mimeTypes.mimeType(forPath: "/a/b.tar.txt") == "text/plain")
        #expect(c.mimeTypes.mimeType(forPath: "/a/.hidden") == nil)
    }

    @Test("without a mime.types file the built-in table is used, with a note")
    func builtInFallback() throws {
        let t = try TemporaryConfig()
        let c = try t.load("Listen 80\n")
        #expect(c.typesConfig == nil)
        #expect(c.mimeType(forExtension: "html") == "text/html")
        #expect(c.notes.contains { $0.contains("built-in MIME types") })
    }
}

@Suite("Directive table")
struct DirectiveTableTests {
    @Test("every directive of the design is in the table")
    func complete() {
        let names = Set(Directives.all.map(\.name))
        let required = """
            ServerRoot Listen ServerName DocumentRoot DirectoryIndex PidFile ErrorLog LogLevel CustomLog \
            LogFormat Timeout KeepAlive KeepAliveTimeout MaxKeepAliveRequests LimitRequestLine \
            LimitRequestFieldSize LimitRequestFields LimitRequestBody ExtendedStatus TypesConfig AddType \
            SetHandler Require LoadModule StartServers MinSpareServers MaxSpareServers MinSpareThreads \
            MaxSpareThreads ServerLimit ThreadLimit ThreadsPerChild MaxRequestWorkers MaxClients \
            MaxConnectionsPerChild MaxRequestsPerChild AsyncRequestWorkerFactor GracefulShutdownTimeout \
            ListenBacklog Include IncludeOptional Define <IfModule> <IfDefine> <Location>
            """.split(separator: " ").map(String.init)
        #expect(Set(required).subtracting(names).isEmpty)
    }

    @Test("the table is sorted by name and has no duplicates")
    func sorted() {
        let keys = Directives.all.map { $0.name.lowercased().filter { $0 != "<" && $0 != ">" } }
        #expect(keys == keys.sorted())
        #expect(Set(keys).count == keys.count)
    }

    @Test("every entry is documented in English and French, with a syntax starting with its name")
    func documented() {
        for spec in Directives.all {
            #expect(spec.helpEN.count > 40, "\(spec.name)")
            #expect(spec.helpFR.count > 30, "\(spec.name)")
            #expect(spec.helpEN != spec.helpFR, "\(spec.name)")
            #expect(spec.syntax.hasPrefix(spec.name.filter { $0 != ">" }), "\(spec.name)")
            #expect(!spec.summary.isEmpty, "\(spec.name)")
            #expect(!spec.contexts.isEmpty, "\(spec.name)")
        }
    }

    @Test("lookup is case-insensitive", arguments: ["keepalive", "KEEPALIVETIMEOUT", "<ifmodule", "<Location>"])
    func lookup(name: String) {
        #expect(Directives.spec(named: name) != nil)
    }

    @Test("MPM-specific directives name their MPMs", arguments: [
        ("MinSpareServers", [MPMKind.prefork]), ("ThreadsPerChild", [.worker, .event]),
        ("AsyncRequestWorkerFactor", [.event]), ("KeepAlive", []),
    ])
    func mpmMembership(name: String, mpms: [MPMKind]) {
        #expect(Directives.spec(named: name)?.mpms == mpms)
    }
}
