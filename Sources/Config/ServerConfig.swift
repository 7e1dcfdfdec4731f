// The result of reading a configuration: one plain value, `ServerConfig`, that the master
// process builds once and every child inherits. It holds no files and no sockets — only what
// the directives said, already checked, resolved against ServerRoot and clamped — so it can
// be compared in tests, printed by `mpmd -t`, and passed across threads (it is Sendable).

/// The three Multi-Processing Modules.
public enum MPMKind: String, CaseIterable, Sendable {
    case prefork, worker, event

    /// The name `LoadModule` and `<IfModule>` use, e.g. `mpm_event_module`.
    public var moduleName: String { "mpm_\(rawValue)_module" }
}

/// One `Listen` directive. `host` nil means every local address (`Listen 8080`, `Listen *:8080`).
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public let host: String?
    /// 0 asks the kernel for a free port (mpmd accepts it; Apache does not).
    public let port: Int

    public init(host: String?, port: Int) {
        self.host = host
        self.port = port
    }

    public var description: String {
        guard let host else { return "*:\(port)" }
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

/// Apache's log levels, most severe first; `LogLevel warn` keeps `emerg` … `warn`.
public enum LogLevel: String, CaseIterable, Sendable, Comparable {
    case emerg, alert, crit, error, warn, notice, info, debug
    case trace1, trace2, trace3, trace4, trace5, trace6, trace7, trace8

    public static func < (a: LogLevel, b: LogLevel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Where a log goes. Piped logs and syslog are Apache features mpmd does not have.
public enum LogDestination: Sendable, Equatable {
    case stderr
    case file(String)   // absolute path
}

/// One `CustomLog`: where, and the format string (a `LogFormat` nickname already replaced).
public struct CustomLog: Sendable, Equatable {
    public let destination: LogDestination
    public let format: String
}

/// What answers a request: `SetHandler`. `.none` is the default — the static-file handler.
public enum Handler: String, Sendable, CaseIterable {
    case serverStatus = "server-status"
    case lab
    case none
}

/// One `Require` line. Several lines in one section mean "any of them" (Apache's implicit
/// `<RequireAny>`).
public enum Requirement: Sendable, Equatable {
    case allGranted
    case allDenied
    /// `Require local`: loopback addresses, or a client connecting to its own address.
    case local
    case ip([IPNetwork])

    static let loopback = [IPNetwork("127.0.0.0/8")!, IPNetwork("::1/128")!]

    public func allows(client: IPAddress, server: IPAddress?) -> Bool {
        switch self {
        case .allGranted: return true
        case .allDenied: return false
        case .local:
            let c = client.unmapped
            if let server, server.unmapped == c { return true }
            return Requirement.loopback.contains { $0.contains(c) }
        case .ip(let networks):
            return networks.contains { $0.contains(client) }
        }
    }
}

/// A `<Location>` section, as written: nil fields were not set there.
public struct LocationConfig: Sendable, Equatable {
    public let path: String
    public var handler: Handler?
    /// Empty: this section says nothing about access.
    public var requirements: [Requirement] = []
    public var limitRequestBody: Int?
    public let location: SourceLocation?
    /// `path` with its slashes merged, computed once: `location(for:)` runs on every request.
    let matchKey: [UInt8]

    public init(path: String, handler: Handler? = nil, requirements: [Requirement] = [],
                limitRequestBody: Int? = nil, location: SourceLocation? = nil) {
        self.path = path
        self.handler = handler
        self.requirements = requirements
        self.limitRequestBody = limitRequestBody
        self.location = location
        self.matchKey = LocationConfig.mergingSlashes(path)
    }

    /// Apache's `<Location>` test: a prefix of the path that ends on a segment boundary, so
    /// `<Location /lab>` matches `/lab`, `/lab/` and `/lab/whoami` but not `/laboratory`.
    /// Repeated slashes count as one on both sides (MergeSlashes, on by default).
    public func matches(_ requestPath: String) -> Bool {
        LocationConfig.matches(prefix: LocationConfig.mergingSlashes(path), LocationConfig.mergingSlashes(requestPath))
    }

    /// Both paths already have their slashes merged; compared as bytes, as Apache does.
    static func matches(prefix: [UInt8], _ candidate: [UInt8]) -> Bool {
        guard candidate.starts(with: prefix) else { return false }
        if prefix.last == UInt8(ascii: "/") || candidate.count == prefix.count { return true }
        return candidate[prefix.count] == UInt8(ascii: "/")
    }

    static func mergingSlashes(_ path: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count)
        for byte in path.utf8 where !(byte == UInt8(ascii: "/") && out.last == UInt8(ascii: "/")) {
            out.append(byte)
        }
        return out
    }
}

/// The settings that apply to one request path, after merging (see `ServerConfig.location`).
public struct ResolvedLocation: Sendable, Equatable {
    public let handler: Handler
    /// Empty: no `Require` anywhere on the way, so access is granted (Apache 2.4's default).
    public let requirements: [Requirement]
    public let limitRequestBody: Int
    /// The `<Location>` paths that matched, in the order they were merged.
    public let sections: [String]

    public func allows(client: IPAddress, server: IPAddress?) -> Bool {
        requirements.isEmpty || requirements.contains { $0.allows(client: client, server: server) }
    }
}

/// Fields are `var` so tests and `mpmd -X` can adjust a loaded configuration; the loader is
/// what guarantees the values are checked and clamped.
public struct ServerConfig: Sendable {
    /// Apache's defaults, event MPM, nothing to listen on: use `ConfigLoader` to read a file.
    public init() {}

    /// The main configuration file, as given to the loader.
    public var configFile: String = ""
    /// Absolute; every relative path below has been resolved against it.
    public var serverRoot: String = "/"
    /// Empty when the configuration has no `Listen`: Apache then refuses to start
    /// ("no listening sockets available"), and so should the server.
    public var listens: [ListenAddress] = []
    public var listenBacklog: Int = 511
    public var serverName: String?
    public var documentRoot: String = ""
    public var directoryIndex: [String] = ["index.html"]
    public var pidFile: String = ""
    public var errorLog: LogDestination = .stderr
    public var logLevel: LogLevel = .warn
    /// `LogLevel core:debug`-style per-module levels, keyed by module name.
    public var moduleLogLevels: [String: LogLevel] = [:]
    public var customLogs: [CustomLog] = []
    /// The format `LogFormat` set without a nickname (Apache's Common Log Format by default).
    public var defaultLogFormat: String = #"%h %l %u %t "%r" %>s %b"#
    public var logFormats: [String: String] = [:]
    public var timeoutSeconds: Int = 60
    public var keepAlive: Bool = true
    public var keepAliveTimeoutMilliseconds: Int = 5000
    /// 0 = unlimited.
    public var maxKeepAliveRequests: Int = 100
    public var limitRequestLine: Int = 8190
    public var limitRequestFieldSize: Int = 8190
    /// 0 = unlimited.
    public var limitRequestFields: Int = 100
    /// Bytes; 0 = unlimited. Can be changed per `<Location>`.
    public var limitRequestBody: Int = 1 << 30
    /// On by default: Apache's own default is Off, but loading mod_status turns it On, and
    /// mpmd always has the status handler — so a student sees the full page without asking.
    public var extendedStatus: Bool = true
    /// The `mime.types` file read, nil when the built-in table was used instead.
    public var typesConfig: String?
    public var mimeTypes = MIMETypes.builtIn
    /// `SetHandler`/`Require` written outside any `<Location>`: they apply to every path.
    public var serverLocation = LocationConfig(path: "")
    /// In file order, which is also the order in which they are merged.
    public var locations: [LocationConfig] = []
    public var mpm: MPMKind = .event
    public var mpmSettings = MPMSettings.defaults(for: .event)
    /// Code exercises switched on with `LabExercise` (MPMLab's own directive).
    public internal(set) var labExercises: Set<String> = []
    /// The shared object holding the exercises' code (`LoadModule lab_exercises_module FILE`);
    /// nil means libLabExercises.so beside the mpmd binary, where `swift build` puts it.
    public internal(set) var labExerciseModule: String?
    /// Values Apache would have corrected, with its warning text.
    public var warnings: [ConfigWarning] = []
    /// Facts worth a line in the error log at startup (the MPM chosen by default...).
    public var notes: [String] = []

    /// The settings for a request path: the server-wide ones, then every matching `<Location>`
    /// in file order, each later one overriding what it sets — Apache's merge order for
    /// `<Location>` sections (not the longest match: the last one wins).
    public func location(for path: String) -> ResolvedLocation {
        var handler = serverLocation.handler ?? .none
        var requirements = serverLocation.requirements
        var body = serverLocation.limitRequestBody ?? limitRequestBody
        var sections: [String] = []
        let candidate = LocationConfig.mergingSlashes(path)
        for section in locations where LocationConfig.matches(prefix: section.matchKey, candidate) {
            sections.append(section.path)
            if let h = section.handler { handler = h }
            if !section.requirements.isEmpty { requirements = section.requirements }
            if let b = section.limitRequestBody { body = b }
        }
        return ResolvedLocation(handler: handler, requirements: requirements,
                                limitRequestBody: body, sections: sections)
    }

    public func mimeType(forExtension ext: String) -> String? {
        mimeTypes.mimeType(forExtension: ext)
    }
}
