// What the parser carries while it reads: the `ServerConfig` being filled in, plus the facts
// that only matter during reading — which modules are loaded so far, the `Define`d variables,
// the `<Location>` we are inside, the MPM values as written (clamped only at the end, once the
// MPM is known). Directive handlers receive it `inout`, like Apache's handlers receive their
// `cmd_parms` and the module's config structure.
import Posix

/// One directive as written: its name (in the file's spelling), its arguments, its place.
struct DirectiveCall {
    let name: String
    let arguments: [String]
    let location: SourceLocation
}

struct ConfigState {
    var config = ServerConfig()
    /// The MPM loaded by `LoadModule` so far, and where.
    var loadedMPM: MPMKind?
    var loadedMPMLocation: SourceLocation?
    /// `Define`d variables and `-D` names; a nil value is defined without a value.
    var defines: [String: String?] = [:]
    /// Index in `config.locations` of the `<Location>` being read.
    var currentLocation: Int?
    /// MPM directives as written (after `atoi`), by canonical name; clamped at the end.
    var mpmValues: [String: Int] = [:]
    var workerFactor: Double?
    var mpmOrigins: [String: SourceLocation] = [:]
    var directoryIndexSet = false
    /// Path directives set explicitly, which a later ServerRoot must not reset.
    var explicitPaths: Set<String> = []
    /// `CustomLog` lines, kept until the end because a `LogFormat` nickname may come later.
    var customLogs: [(destination: LogDestination, format: String, location: SourceLocation)] = []
    var typesConfigLocation: SourceLocation?
    var addTypes: [(type: String, extensions: [String])] = []
    /// An MPM-specific directive met before any `LoadModule mpm_*`: an error if a
    /// `LoadModule` follows (Apache would not know the directive yet), fine if none does.
    var directiveBeforeMPM: ConfigError?

    init(configFile: String, serverRoot: String, defines: Set<String>) {
        config.configFile = configFile
        config.serverRoot = serverRoot
        for name in defines { self.defines[name] = .some(nil) }
        setPathDefaults()
    }

    /// The path defaults depend on ServerRoot, so they are set again when ServerRoot changes.
    mutating func setPathDefaults() {
        if !explicitPaths.contains("DocumentRoot") { config.documentRoot = resolve("htdocs") }
        if !explicitPaths.contains("PidFile") { config.pidFile = resolve("logs/mpmd.pid") }
    }

    /// A relative path names a file under ServerRoot (Apache's `ap_server_root_relative`).
    func resolve(_ path: String) -> String {
        FileSystem.resolve(path, relativeTo: config.serverRoot)
    }

    /// `ErrorLog` and `CustomLog` targets: a file under ServerRoot, or the standard error.
    func logDestination(_ target: String, directive: String) throws(DirectiveError) -> LogDestination {
        if target.hasPrefix("|") {
            throw DirectiveError("\(directive): piped logs are not supported by mpmd; use a file or /dev/stderr")
        }
        if target.lowercased().hasPrefix("syslog") {
            throw DirectiveError("\(directive): syslog is not supported by mpmd; use a file or /dev/stderr")
        }
        if target == "/dev/stderr" { return .stderr }
        return .file(resolve(target))
    }

    /// The module names `<IfModule>` recognizes as present, by symbol and by source file name.
    func isModuleLoaded(_ name: String) -> Bool {
        if let mpm = loadedMPM, name == mpm.moduleName || name == "\(mpm.rawValue).c" { return true }
        if name == Directives.labExercisesModule { return config.labExerciseModule != nil }
        return ConfigState.builtInModules.contains(name)
    }

    /// Modules always compiled into mpmd, under Apache's names: the core, and the modules
    /// whose directives mpmd implements (mod_status is always there: see ExtendedStatus).
    static let builtInModules: Set<String> = [
        "core_module", "core.c", "http_module", "http_core.c", "so_module", "mod_so.c",
        "unixd_module", "mod_unixd.c", "mime_module", "mod_mime.c",
        "log_config_module", "mod_log_config.c", "dir_module", "mod_dir.c",
        "authz_core_module", "mod_authz_core.c", "authz_host_module", "mod_authz_host.c",
        "status_module", "mod_status.c",
    ]

    /// Replaces `${NAME}` with the value of `Define NAME value`, as Apache does on every line
    /// it reads; an undefined name is left as written, with a warning.
    mutating func expandVariables(_ text: String, at location: SourceLocation) -> String {
        guard text.contains("${") else { return text }
        var out = ""
        var rest = Substring(text)
        while let start = rest.firstRange(of: "${") {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                rest = rest[start.lowerBound...]
                break
            }
            let name = String(rest[start.upperBound..<end])
            if let value = defines[name], let value {
                out += value
            } else {
                out += rest[start.lowerBound...end]
                config.warnings.append(ConfigWarning("Config variable ${\(name)} is not defined", at: location))
            }
            rest = rest[rest.index(after: end)...]
        }
        return out + rest
    }
}
