// Loading a configuration end to end, in Apache's order: the `-C` directives, the file (and
// what it includes), the `-c` directives; then the MPM is settled and its clamps run, log
// formats and MIME types are resolved. With no `LoadModule mpm_*` at all, mpmd reads the
// whole configuration a second time with event preloaded — as if the file began with
// `LoadModule mpm_event_module` — so that `<IfModule mpm_event_module>` sections apply.
// Apache itself refuses such a file (AH00534: No MPM loaded); this is a deliberate difference.
import Posix

public enum ConfigLoader {
    /// Reads `path` with the `-D` names in `defines`, the `-C` lines in `before` and the `-c`
    /// lines in `after`. On a restart, pass the running configuration as `running`: ServerLimit
    /// and ThreadLimit then keep their values (the scoreboard was sized with them) and the
    /// warnings take Apache's error-log wording.
    ///
    /// ServerRoot, until a `ServerRoot` directive says otherwise, is the parent of the
    /// directory holding `path` when that directory is named `conf` (so `conf/mpmd.conf`
    /// gives the repository root), else that directory itself. Apache uses a root compiled
    /// into the binary instead; a course kit is run from wherever it was cloned.
    public static func load(path: String, defines: Set<String> = [], before: [String] = [],
                            after: [String] = [], running: ServerConfig? = nil) throws(ConfigError) -> ServerConfig {
        let absolute = FileSystem.resolve(path, relativeTo: FileSystem.currentDirectory())
        let directory = FileSystem.dirname(of: absolute)
        let root = FileSystem.basename(of: directory) == "conf" ? FileSystem.dirname(of: directory) : directory
        return try load(name: path, serverRoot: root, defines: defines, before: before, after: after, running: running) {
            (parser: inout ConfigParser) throws(ConfigError) in
            try parser.parseFile(absolute, display: path, includedFrom: nil)
        }
    }

    /// Reads a configuration held in a string, named `name` in errors, with relative paths
    /// under `serverRoot`: for tests and tools that build a configuration on the fly.
    public static func load(text: String, name: String = "<string>", serverRoot: String,
                            defines: Set<String> = [], before: [String] = [],
                            after: [String] = [], running: ServerConfig? = nil) throws(ConfigError) -> ServerConfig {
        try load(name: name, serverRoot: serverRoot, defines: defines, before: before, after: after, running: running) {
            (parser: inout ConfigParser) throws(ConfigError) in
            try parser.parse(ConfigLexer.lines(of: text, file: name))
        }
    }

    private static func load(name: String, serverRoot root: String, defines: Set<String>,
                             before: [String], after: [String], running: ServerConfig?,
                             main: (inout ConfigParser) throws(ConfigError) -> Void) throws(ConfigError) -> ServerConfig {
        func read(preloading mpm: MPMKind?) throws(ConfigError) -> ConfigState {
            var state = ConfigState(configFile: name, serverRoot: root, defines: defines)
            state.loadedMPM = mpm
            var parser = ConfigParser(state: state)
            for (i, line) in before.enumerated() {
                try parser.parse(ConfigLexer.lines(of: line, file: "-C").map { relabel($0, line: i + 1) })
            }
            try main(&parser)
            for (i, line) in after.enumerated() {
                try parser.parse(ConfigLexer.lines(of: line, file: "-c").map { relabel($0, line: i + 1) })
            }
            return parser.state
        }

        var state = try read(preloading: nil)
        if state.loadedMPM == nil {
            state = try read(preloading: .event)
            // Apache refuses here (AH00534: No MPM loaded); mpmd takes event so that a small test
            // file needs no LoadModule line, and says so — the course names the difference.
            state.config.notes.insert("No MPM loaded (no LoadModule mpm_*_module): using event, where Apache would refuse to start (AH00534).", at: 0)
        } else if let early = state.directiveBeforeMPM {
            throw early
        }
        return try finish(state, running: running)
    }

    /// `-C`/`-c` directives are numbered by their position on the command line.
    private static func relabel(_ line: ConfigLine, line number: Int) -> ConfigLine {
        ConfigLine(text: line.text, location: SourceLocation(file: line.location.file, line: number))
    }

    /// What Apache does after reading: the MPM's check_config, log formats, MIME types.
    private static func finish(_ state: ConfigState, running: ServerConfig?) throws(ConfigError) -> ServerConfig {
        var config = state.config
        let mpm = state.loadedMPM ?? .event
        config.mpm = mpm

        var raw = MPMSettings.defaults(for: mpm)
        for (name, value) in state.mpmValues {
            switch name {
            case "StartServers": raw.startServers = value
            case "MinSpareServers": raw.minSpareServers = value
            case "MaxSpareServers": raw.maxSpareServers = value
            case "MinSpareThreads": raw.minSpareThreads = value
            case "MaxSpareThreads": raw.maxSpareThreads = value
            case "ServerLimit": raw.serverLimit = value
            case "ThreadLimit": raw.threadLimit = value
            case "ThreadsPerChild": raw.threadsPerChild = value
            case "MaxRequestWorkers": raw.maxRequestWorkers = value
            case "MaxConnectionsPerChild": raw.maxConnectionsPerChild = value
            case "GracefulShutdownTimeout": raw.gracefulShutdownTimeout = value
            default: preconditionFailure("MPM directive \(name) has no field in MPMSettings")
            }
        }
        if let factor = state.workerFactor { raw.asyncRequestWorkerFactor = factor }
        let retained = running.map {
            RetainedLimits(serverLimit: $0.mpmSettings.serverLimit, threadLimit: $0.mpmSettings.threadLimit)
        }
        let (settings, warnings) = MPMClamps.apply(raw, mpm: mpm, origins: state.mpmOrigins, retained: retained)
        config.mpmSettings = settings
        config.warnings += warnings

        // CustomLog may name a LogFormat nickname defined after it: resolve at the end.
        config.customLogs = state.customLogs.map {
            CustomLog(destination: $0.destination, format: config.logFormats[$0.format] ?? $0.format)
        }

        var types = MIMETypes.builtIn
        if let file = config.typesConfig {
            guard let text = try? FileSystem.readText(file) else {
                let at = state.typesConfigLocation ?? SourceLocation(file: config.configFile, line: 0)
                throw ConfigError(at, directive: "TypesConfig", "could not open mime types config file \(file).")
            }
            types = MIMETypes()
            types.load(mimeTypesFile: text)
        } else if let text = try? FileSystem.readText(state.resolve("conf/mime.types")) {
            config.typesConfig = state.resolve("conf/mime.types")
            types = MIMETypes()
            types.load(mimeTypesFile: text)
        } else {
            config.notes.append("No conf/mime.types under ServerRoot: using mpmd's built-in MIME types.")
        }
        for entry in state.addTypes { types.add(type: entry.type, extensions: entry.extensions) }
        config.mimeTypes = types

        if config.listens.isEmpty {
            config.notes.append("No Listen directive: the server will refuse to start (no listening sockets available).")
        }
        return config
    }
}
