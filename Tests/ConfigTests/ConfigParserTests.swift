// Sections, includes, variables and the errors that name a file and a line. Every error test
// checks the line number too: pointing at the right line is half of a good error message.
@testable import Config
import Posix
import Testing

@Suite("Config parser")
struct ConfigParserTests {
    @Test("directive names are case-insensitive")
    func caseInsensitiveNames() throws {
        let t = try TemporaryConfig()
        let config = try t.load("LOADMODULE mpm_worker_module\nkeepalivetimeout 7\nlisten 8081\n")
        #expect(config.mpm == .worker)
        #expect(config.keepAliveTimeoutMilliseconds == 7000)
        #expect(config.listens == [ListenAddress(host: nil, port: 8081)])
    }

    @Test("an unknown directive is Apache's Invalid command error, with file and line")
    func unknownDirective() throws {
        let t = try TemporaryConfig()
        let error = try #require(try t.error("Listen 80\n\n# c\nFoo bar\n"))
        #expect(error.description == "\(t.confPath):4: Invalid command 'Foo', perhaps misspelled or defined by a module not included in the server configuration")
        #expect(error.line == 4)
        #expect(error.directive == "Foo")
    }

    @Test("a section that is never closed names the line of its opening tag")
    func unclosedSection() throws {
        let t = try TemporaryConfig()
        let error = try #require(try t.error("Listen 80\n<Location /x>\n  SetHandler lab\n"))
        #expect(error.description == "\(t.confPath):2: <Location> was not closed.")
    }

    @Test("an unclosed section whose test is false is still an error")
    func unclosedSkippedSection() throws {
        let t = try TemporaryConfig()
        let error = try #require(try t.error("Listen 80\n<IfDefine NOPE>\nTimeout 3\n"))
        #expect(error.description == "\(t.confPath):2: <IfDefine> was not closed.")
    }

    @Test("closing tags must match their section", arguments: [
        ("<IfModule mpm_event_module>\n</Location>\n", 2, "Expected </IfModule> but saw </Location>"),
        ("</IfModule>\n", 1, "</IfModule> without matching <IfModule> section"),
        ("<IfDefine X\n</IfDefine>\n", 1, "<IfDefine> directive missing closing '>'"),
        ("<IfModule>\n</IfModule>\n", 1, "<IfModule> directive requires additional arguments"),
        ("<Location /a>\n<Location /b>\n</Location>\n</Location>\n", 2, "<Location not allowed here"),
        ("<Directory /srv>\n</Directory>\n", 1, "Invalid command '<Directory', perhaps misspelled or defined by a module not included in the server configuration"),
        ("<Location /a>\nTimeout 3\n</Location>\n", 2, "Timeout not allowed here"),
    ])
    func sectionErrors(text: String, line: Int, message: String) throws {
        let t = try TemporaryConfig()
        let error = try #require(try t.error(text))
        #expect(error.line == line)
        #expect(error.message == message)
    }

    @Test("IfModule and IfDefine, with negation", arguments: [
        ("<IfModule mpm_worker_module>\nTimeout 1\n</IfModule>", [], 1),
        ("<IfModule worker.c>\nTimeout 1\n</IfModule>", [], 1),
        ("<IfModule !mpm_worker_module>\nTimeout 1\n</IfModule>", [], 60),
        ("<IfModule mpm_prefork_module>\nTimeout 1\n</IfModule>", [], 60),
        ("<IfModule mod_status.c>\nTimeout 1\n</IfModule>", [], 1),
        ("<IfModule status_module>\nTimeout 1\n</IfModule>", [], 1),
        ("<IfModule mod_rewrite.c>\nTimeout 1\n</IfModule>", [], 60),
        ("<IfDefine SLOW>\nTimeout 1\n</IfDefine>", ["SLOW"], 1),
        ("<IfDefine SLOW>\nTimeout 1\n</IfDefine>", [], 60),
        ("<IfDefine !SLOW>\nTimeout 1\n</IfDefine>", [], 1),
        ("Define SLOW\n<IfDefine SLOW>\nTimeout 1\n</IfDefine>", [], 1),
        ("<IfDefine A>\n<IfModule mpm_worker_module>\nTimeout 1\n</IfModule>\n</IfDefine>", ["A"], 1),
        ("<IfDefine !A>\n<IfModule mpm_worker_module>\nTimeout 1\n</IfModule>\n</IfDefine>", ["A"], 60),
    ] as [(String, Set<String>, Int)])
    func conditionalSections(body: String, defines: Set<String>, timeout: Int) throws {
        let t = try TemporaryConfig()
        let config = try t.load("LoadModule mpm_worker_module\nListen 80\n" + body + "\n", defines: defines)
        #expect(config.timeoutSeconds == timeout)
    }

    @Test("-C lines come before the file and -c lines after it, so -c overrides")
    func commandLineOrder() throws {
        let t = try TemporaryConfig()
        let config = try t.load("Listen 80\nTimeout 30\nKeepAliveTimeout 9\n",
                                before: ["Timeout 10", "MaxKeepAliveRequests 7"], after: ["KeepAliveTimeout 250ms"])
        #expect(config.timeoutSeconds == 30)          // the file overrides -C
        #expect(config.maxKeepAliveRequests == 7)
        #expect(config.keepAliveTimeoutMilliseconds == 250)   // -c overrides the file
    }

    @Test("an error in a -c line names it, and the directive as Apache spells it")
    func commandLineErrors() throws {
        let t = try TemporaryConfig()
        let error = try #require(try t.error("Listen 80\n", after: ["Timeout 5", "keepalive"]))
        #expect(error.description == "-c:2: KeepAlive takes one argument, Whether persistent connections should be On or Off")
    }

    @Test("Define sets variables that ${NAME} expands; an unknown one is left with a warning")
    func defineAndExpand() throws {
        let t = try TemporaryConfig()
        let config = try t.load("Define PORT 8123\nListen 127.0.0.1:${PORT}\nServerName ${HOST}\n")
        #expect(config.listens == [ListenAddress(host: "127.0.0.1", port: 8123)])
        #expect(config.serverName == "${HOST}")
        #expect(config.warnings.map(\.description) == ["\(t.confPath):3: Config variable ${HOST} is not defined"])
    }

    @Test("a -C Define overrides the default the file gives itself")
    func defineFromCommandLine() throws {
        let t = try TemporaryConfig()
        let text = "<IfDefine !P>\nDefine P 8080\n</IfDefine>\nListen 127.0.0.1:${P}\n"
        #expect(try t.load(text).listens == [ListenAddress(host: "127.0.0.1", port: 8080)])
        #expect(try t.load(text, before: ["Define P 0"]).listens == [ListenAddress(host: "127.0.0.1", port: 0)])
    }

    @Test("Include reads files relative to ServerRoot, and errors name the included file and line")
    func includeErrors() throws {
        let t = try TemporaryConfig()
        let included = try t.write("conf/extra/limits.conf", "Timeout 5\n\nKeepAliveTimeout later\n")
        let error = try #require(try t.error("Listen 80\nInclude conf/extra/limits.conf\n"))
        #expect(error.description == "\(included):3: KeepAliveTimeout has wrong format")
    }

    @Test("Include with a wildcard reads the matches in order; IncludeOptional tolerates none")
    func includeWildcards() throws {
        let t = try TemporaryConfig()
        try t.write("conf/d/10-a.conf", "Timeout 10\n")
        try t.write("conf/d/20-b.conf", "Timeout 20\n")
        let config = try t.load("Listen 80\nInclude conf/d/*.conf\nIncludeOptional conf/none/*.conf\nIncludeOptional conf/missing.conf\n")
        #expect(config.timeoutSeconds == 20)
        let error = try #require(try t.error("Listen 80\nInclude conf/none/*.conf\n"))
        #expect(error.line == 2)
        #expect(error.message.hasPrefix("No matches for the wildcard '*.conf'"))
    }

    @Test("Include of a directory reads every file below it, in alphabetical order")
    func includeDirectory() throws {
        let t = try TemporaryConfig()
        try t.write("conf/d/a.conf", "Timeout 1\n")
        try t.write("conf/d/b/x.conf", "Timeout 2\nKeepAliveTimeout 7\n")
        try t.write("conf/d/c.conf", "Timeout 3\n")
        let config = try t.load("Include conf/d\n")
        #expect(config.timeoutSeconds == 3)
        #expect(config.keepAliveTimeoutMilliseconds == 7000)
    }

    @Test("Include of a missing file is an error at the Include line")
    func includeMissing() throws {
        let t = try TemporaryConfig()
        let error = try #require(try t.error("Listen 80\n\nInclude conf/nothere.conf\n"))
        #expect(error.line == 3)
        #expect(error.message.hasPrefix("Could not open configuration file \(t.root)/conf/nothere.conf:"))
    }

    @Test("a file that includes itself stops at the recursion limit")
    func includeRecursion() throws {
        let t = try TemporaryConfig()
        try t.write("conf/loop.conf", "Include conf/loop.conf\n")
        let error = try #require(try t.error("Include conf/loop.conf\n"))
        #expect(error.message.contains("maximum include nesting level of 128"))
    }

    @Test("a section opened in an included file must close there")
    func sectionsCloseInTheirFile() throws {
        let t = try TemporaryConfig()
        let part = try t.write("conf/part.conf", "<Location /x>\n")
        let error = try #require(try t.error("Include conf/part.conf\n</Location>\n"))
        #expect(error.description == "\(part):1: <Location> was not closed.")
    }

    @Test("like Apache, only the first letter of a timeout unit is checked: 'soon' reads as 0 seconds")
    func timeoutUnitQuirk() throws {
        let t = try TemporaryConfig()
        #expect(try t.load("KeepAliveTimeout soon\n").keepAliveTimeoutMilliseconds == 0)
    }

    @Test("ServerRoot defaults to the parent of conf/, else the file's directory")
    func serverRootDefault() throws {
        let t = try TemporaryConfig()
        #expect(try t.load("Listen 80\n").serverRoot == t.root)
        let other = try t.write("elsewhere/x.conf", "Listen 80\nDocumentRoot www\n")
        let config = try ConfigLoader.load(path: other)
        #expect(config.serverRoot == t.root + "/elsewhere")
        #expect(config.documentRoot == t.root + "/elsewhere/www")
    }

    @Test("relative paths resolve against ServerRoot")
    func relativePaths() throws {
        let t = try TemporaryConfig()
        try FileSystem.makeDirectories(t.root + "/srv/htdocs")
        let config = try t.load("ServerRoot \(t.root)/srv\nListen 80\nDocumentRoot htdocs/\nPidFile run/x.pid\nErrorLog logs/err\nCustomLog /dev/stderr \"%h %r\"\n")
        #expect(config.documentRoot == t.root + "/srv/htdocs")
        #expect(config.pidFile == t.root + "/srv/run/x.pid")
        #expect(config.errorLog == .file(t.root + "/srv/logs/err"))
        #expect(config.customLogs == [CustomLog(destination: .stderr, format: "%h %r")])
        #expect(config.warnings.isEmpty)
    }

    @Test("a ServerRoot that is not a directory is an error")
    func badServerRoot() throws {
        let t = try TemporaryConfig()
        let error = try #require(try t.error("ServerRoot /nonexistent/dir\n"))
        #expect(error.message == "ServerRoot must be a valid directory")
    }

    @Test("a missing configuration file is an error naming it")
    func missingFile() {
        #expect(throws: ConfigError.self) { try ConfigLoader.load(path: "/tmp/no-such-mpmd.conf") }
    }
}

@Suite("Loading from a string")
struct LoadTextTests {
    @Test("a configuration held in a string loads like a file, named in its errors")
    func loadText() throws {
        let c = try ConfigLoader.load(text: "LoadModule mpm_worker_module\nListen 127.0.0.1:0\n", serverRoot: "/tmp")
        #expect(c.mpm == .worker)
        #expect(c.listens == [ListenAddress(host: "127.0.0.1", port: 0)])
        #expect(c.documentRoot == "/tmp/htdocs")
        #expect(throws: ConfigError(file: "lab.conf", line: 2, directive: "Bogus",
                                    message: "Invalid command 'Bogus', perhaps misspelled or defined by a module not included in the server configuration")) {
            try ConfigLoader.load(text: "Listen 80\nBogus\n", name: "lab.conf", serverRoot: "/tmp")
        }
    }
}
