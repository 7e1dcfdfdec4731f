// Core directives and LoadModule: defaults, accepted values, and Apache's error texts. The
// MPM choice rules (one MPM, event by default, directives of other MPMs refused) are here too.
@testable import Config
import Testing

@Suite("Core directives")
struct DirectiveTests {
    @Test("core defaults are Apache's (mpmd's choices noted in the table)")
    func coreDefaults() throws {
        let t = try TemporaryConfig()
        let c = try t.load("Listen 80\n")
        #expect(c.timeoutSeconds == 60)
        #expect(c.keepAlive)
        #expect(c.keepAliveTimeoutMilliseconds == 5000)
        #expect(c.maxKeepAliveRequests == 100)
        #expect(c.limitRequestLine == 8190)
        #expect(c.limitRequestFieldSize == 8190)
        #expect(c.limitRequestFields == 100)
        #expect(c.limitRequestBody == 1_073_741_824)
        #expect(c.extendedStatus)
        #expect(c.logLevel == .warn)
        #expect(c.errorLog == .stderr)
        #expect(c.directoryIndex == ["index.html"])
        #expect(c.documentRoot == t.root + "/htdocs")
        #expect(c.pidFile == t.root + "/logs/mpmd.pid")
        #expect(c.listenBacklog == 511)
        #expect(c.defaultLogFormat == #"%h %l %u %t "%r" %>s %b"#)
    }

    @Test("with no Listen the list is empty, as Apache has no default, and a note says so")
    func noListen() throws {
        let t = try TemporaryConfig()
        let c = try t.load("Timeout 5\n")
        #expect(c.listens.isEmpty)
        #expect(c.notes.contains { $0.hasPrefix("No Listen directive") })
    }

    @Test("values are set as written", arguments: [
        ("KeepAlive Off", { @Sendable (c: ServerConfig) in c.keepAlive == false }),
        ("KeepAlive 0", { @Sendable (c: ServerConfig) in c.keepAlive == false }),
        ("KeepAlive yes", { @Sendable (c: ServerConfig) in c.keepAlive }),
        ("KeepAliveTimeout 150ms", { @Sendable (c: ServerConfig) in c.keepAliveTimeoutMilliseconds == 150 }),
        ("MaxKeepAliveRequests 0", { @Sendable (c: ServerConfig) in c.maxKeepAliveRequests == 0 }),
        ("Timeout 12abc", { @Sendable (c: ServerConfig) in c.timeoutSeconds == 12 }),
        ("LimitRequestBody 0", { @Sendable (c: ServerConfig) in c.limitRequestBody == 0 }),
        ("ExtendedStatus off", { @Sendable (c: ServerConfig) in c.extendedStatus == false }),
        ("LogLevel info core:debug", { @Sendable (c: ServerConfig) in c.logLevel == .info && c.moduleLogLevels == ["core": .debug] }),
        ("LogLevel TRACE8", { @Sendable (c: ServerConfig) in c.logLevel == .trace8 }),
        ("DirectoryIndex a.html b.html\nDirectoryIndex c.html", { @Sendable (c: ServerConfig) in c.directoryIndex == ["a.html", "b.html", "c.html"] }),
        ("DirectoryIndex disabled", { @Sendable (c: ServerConfig) in c.directoryIndex.isEmpty }),
        ("ServerName www.example.org:80", { @Sendable (c: ServerConfig) in c.serverName == "www.example.org:80" }),
        ("ListenBacklog 64", { @Sendable (c: ServerConfig) in c.listenBacklog == 64 }),
        ("Listen [::1]:9000", { @Sendable (c: ServerConfig) in c.listens.last == ListenAddress(host: "::1", port: 9000) }),
        ("Listen 127.0.0.1:0\nListen 127.0.0.1:0", { @Sendable (c: ServerConfig) in c.listens.count == 3 }),
        ("CustomLog /dev/stderr short\nLogFormat \"%h %s\" short", { @Sendable (c: ServerConfig) in c.customLogs == [CustomLog(destination: .stderr, format: "%h %s")] }),
        ("LogFormat \"%h\"", { @Sendable (c: ServerConfig) in c.defaultLogFormat == "%h" }),
        ("LoadModule status_module modules/mod_status.so", { @Sendable (c: ServerConfig) in c.notes.contains { $0.contains("status_module is built into mpmd") } }),
    ] as [(String, @Sendable (ServerConfig) -> Bool)])
    func valuesAreSet(line: String, check: @Sendable (ServerConfig) -> Bool) throws {
        let t = try TemporaryConfig()
        #expect(check(try t.load("Listen 80\n" + line + "\n")))
    }

    @Test("bad values give Apache's messages", arguments: [
        ("KeepAlive", "KeepAlive takes one argument, Whether persistent connections should be On or Off"),
        ("KeepAlive On Off", "KeepAlive takes one argument, Whether persistent connections should be On or Off"),
        ("KeepAliveTimeout 5x", "KeepAliveTimeout has wrong format"),
        ("ExtendedStatus maybe", "ExtendedStatus must be On or Off"),
        ("LimitRequestLine -1", "LimitRequestLine \"-1\" must be a non-negative integer"),
        ("LimitRequestFields -2", "LimitRequestFields \"-2\" must be a non-negative integer (0 = no limit)"),
        ("LimitRequestBody lots", "LimitRequestBody argument is not parsable."),
        ("LimitRequestBody -5", "LimitRequestBody requires a non-negative integer."),
        ("Listen 80", "Cannot define multiple Listeners on the same IP:port"),
        ("Listen nowhere:port", "Invalid address or port"),
        ("ListenBacklog 0", "ListenBacklog must be > 0"),
        ("LogLevel loud", "LogLevel requires level keyword: one of emerg/alert/crit/error/warn/notice/info/debug/trace1/trace2/trace3/trace4/trace5/trace6/trace7/trace8"),
        ("AddType text/plain", "AddType requires at least two arguments, a mime type followed by one or more file extensions"),
        ("ErrorLog \"|/usr/bin/rotatelogs\"", "ErrorLog: piped logs are not supported by mpmd; use a file or /dev/stderr"),
        ("TypesConfig conf/none.types", "could not open mime types config file"),
        ("Timeout", "Timeout takes one argument, Timeout duration (sec)"),
        ("CustomLog only-a-file", "CustomLog takes two arguments, a file name and a custom log format string or format name"),
    ])
    func badValues(line: String, message: String) throws {
        let t = try TemporaryConfig()
        let error = try #require(try t.error("Listen 80\n" + line + "\n"))
        #expect(error.line == 2)
        #expect(error.message.hasPrefix(message))
    }

    @Test("a DocumentRoot that does not exist is a warning, not an error")
    func missingDocumentRoot() throws {
        let t = try TemporaryConfig()
        let c = try t.load("Listen 80\nDocumentRoot nowhere\n")
        #expect(c.warnings.map(\.description) == ["\(t.confPath):2: DocumentRoot '\(t.root)/nowhere' is not a directory, or is not readable"])
    }
}

@Suite("LoadModule and the MPM choice")
struct LoadModuleTests {
    @Test("each MPM module selects its MPM", arguments: MPMKind.allCases)
    func selectsMPM(mpm: MPMKind) throws {
        let t = try TemporaryConfig()
        let c = try t.load("LoadModule \(mpm.moduleName) modules/mod_\(mpm.rawValue).so\nListen 80\n")
        #expect(c.mpm == mpm)
        #expect(c.mpmSettings == MPMSettings.defaults(for: mpm))
        #expect(c.warnings.isEmpty)
    }

    @Test("with no MPM loaded, event is used, its IfModule sections apply, and a note says so")
    func defaultIsEvent() throws {
        let t = try TemporaryConfig()
        let c = try t.load("Listen 80\n<IfModule mpm_event_module>\nThreadsPerChild 50\nMaxRequestWorkers 800\n</IfModule>\nAsyncRequestWorkerFactor 3\n")
        #expect(c.mpm == .event)
        #expect(c.mpmSettings.threadsPerChild == 50)
        #expect(c.mpmSettings.asyncRequestWorkerFactor == 3)
        #expect(c.notes.first == "No MPM loaded (no LoadModule mpm_*_module): using event, where Apache would refuse to start (AH00534).")
    }

    @Test("a second MPM is an error at its line; the same one twice is a warning")
    func secondMPM() throws {
        let t = try TemporaryConfig()
        let error = try #require(try t.error("LoadModule mpm_prefork_module\nListen 80\nLoadModule mpm_event_module\n"))
        #expect(error.description == "\(t.confPath):3: More than one MPM loaded.")
        let c = try t.load("LoadModule mpm_prefork_module\nLoadModule mpm_prefork_module\n")
        #expect(c.warnings.map(\.message) == ["module mpm_prefork_module is already loaded, skipping"])
    }

    @Test("a -C LoadModule and a different one in the file are two MPMs")
    func commandLineMPM() throws {
        let t = try TemporaryConfig()
        let error = try #require(try t.error("LoadModule mpm_prefork_module\n", before: ["LoadModule mpm_worker_module"]))
        #expect(error.message == "More than one MPM loaded.")
    }

    @Test("an unknown module cannot be loaded")
    func unknownModule() throws {
        let t = try TemporaryConfig()
        let error = try #require(try t.error("LoadModule rewrite_module modules/mod_rewrite.so\n"))
        #expect(error.message.hasPrefix("Cannot load modules/mod_rewrite.so into server"))
    }

    @Test("an MPM directive under another MPM is Apache's Invalid command error", arguments: [
        (MPMKind.prefork, "ThreadsPerChild 10"),
        (.prefork, "MinSpareThreads 10"),
        (.prefork, "AsyncRequestWorkerFactor 2"),
        (.worker, "MinSpareServers 3"),
        (.worker, "AsyncRequestWorkerFactor 2"),
        (.event, "MaxSpareServers 3"),
    ])
    func wrongMPM(mpm: MPMKind, line: String) throws {
        let t = try TemporaryConfig()
        let error = try #require(try t.error("LoadModule \(mpm.moduleName)\nListen 80\n" + line + "\n"))
        let name = String(line.split(separator: " ")[0])
        #expect(error.description == "\(t.confPath):3: Invalid command '\(name)', perhaps misspelled or defined by a module not included in the server configuration")
    }

    @Test("the same directive inside a matching IfModule of another MPM is skipped")
    func wrongMPMInsideIfModule() throws {
        let t = try TemporaryConfig()
        let c = try t.load("LoadModule mpm_prefork_module\n<IfModule mpm_worker_module>\nThreadsPerChild 10\n</IfModule>\n")
        #expect(c.mpm == .prefork)
        #expect(c.mpmSettings.threadsPerChild == 1)
    }

    @Test("an MPM-specific directive before the LoadModule line is an error, as in Apache")
    func directiveBeforeLoadModule() throws {
        let t = try TemporaryConfig()
        let error = try #require(try t.error("ThreadsPerChild 10\nLoadModule mpm_worker_module\n"))
        #expect(error.line == 1)
        #expect(error.message.hasPrefix("Invalid command 'ThreadsPerChild'"))
    }

    @Test("directives every MPM defines may come before LoadModule")
    func commonDirectivesBeforeLoadModule() throws {
        let t = try TemporaryConfig()
        let c = try t.load("Listen 80\nStartServers 2\nLoadModule mpm_prefork_module\n")
        #expect(c.mpmSettings.startServers == 2)
    }

    @Test("MPM directives cannot occur within a Location")
    func mpmDirectiveInLocation() throws {
        let t = try TemporaryConfig()
        let error = try #require(try t.error("<Location /x>\nStartServers 2\n</Location>\n"))
        #expect(error.message == "StartServers not allowed here")
    }

    @Test("deprecated aliases set the new directive and leave a note", arguments: [
        ("MaxClients 128", "MaxClients is deprecated, use MaxRequestWorkers instead."),
        ("MaxRequestsPerChild 1000", "MaxRequestsPerChild is deprecated, use MaxConnectionsPerChild instead."),
    ])
    func aliases(line: String, note: String) throws {
        let t = try TemporaryConfig()
        let c = try t.load("LoadModule mpm_prefork_module\n" + line + "\n")
        #expect(c.mpmSettings.maxRequestWorkers == (line.hasPrefix("MaxClients") ? 128 : 256))
        #expect(c.mpmSettings.maxConnectionsPerChild == (line.hasPrefix("MaxClients") ? 0 : 1000))
        #expect(c.notes.contains("\(t.confPath):2: \(note)"))
    }

    @Test("AsyncRequestWorkerFactor is parsed with strtod", arguments: [
        ("1.5", nil, 1.5), ("0.5", nil, 1.0), ("abc", "error parsing value", 0),
        ("-1", "AsyncRequestWorkerFactor argument must be a positive number", 0),
        ("0", "AsyncRequestWorkerFactor argument must be a positive number", 0),
    ] as [(String, String?, Double)])
    func workerFactor(value: String, error: String?, factor: Double) throws {
        let t = try TemporaryConfig()
        let text = "LoadModule mpm_event_module\nAsyncRequestWorkerFactor \(value)\n"
        if let error {
            #expect(try t.error(text)?.message == error)
        } else {
            #expect(try t.load(text).mpmSettings.asyncRequestWorkerFactor == factor)
        }
    }

    @Test("the event worker factor is used as an integer")
    func effectiveWorkerFactor() throws {
        var s = MPMSettings.defaults(for: .event)
        s.asyncRequestWorkerFactor = 1.5
        #expect(s.effectiveWorkerFactor == 1)
    }
}
