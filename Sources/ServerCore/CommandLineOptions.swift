// mpmd's command line, which follows httpd's: `-f FILE`, `-k start|stop|restart|graceful|
// graceful-stop`, `-t`, `-C`/`-c` directives, `-D NAME`, `-X`, `-V`, `-v`, `-h`.
// Parsed by hand rather than with an argument parser so that the flags keep httpd's exact
// single-dash spelling and order rules (`-C` lines apply before the file, `-c` after).

public struct CommandLineOptions: Sendable, Equatable {
    public enum Signal: String, Sendable, CaseIterable {
        case start, stop, restart, graceful
        case gracefulStop = "graceful-stop"
    }

    public var configFile: String = "conf/mpmd.conf"
    public var signal: Signal?
    public var testConfig = false
    public var before: [String] = []
    public var after: [String] = []
    public var defines: Set<String> = []
    public var singleProcess = false
    public var showVersion = false
    public var showSettings = false
    public var showHelp = false

    public init() {}

    public static let usage = """
        Usage: mpmd [-D name] [-f file] [-C "directive"] [-c "directive"]
                    [-k start|restart|graceful|graceful-stop|stop] [-v] [-V] [-h] [-t] [-X]
        Options:
          -D name            : define a name for use in <IfDefine name> directives
          -f file            : specify an alternate ServerConfigFile (default conf/mpmd.conf)
          -C "directive"     : process directive before reading config files
          -c "directive"     : process directive after reading config files
          -k signal          : start (daemonize), stop, restart, graceful, graceful-stop
          -t                 : run syntax check for config files
          -X                 : debug mode (one process serves connections itself)
          -v                 : show version number
          -V                 : show compile settings and the MPM in use
          -h                 : list available command line options (this page)
        """

    public struct UsageError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public static func parse(_ arguments: [String]) throws(UsageError) -> CommandLineOptions {
        var options = CommandLineOptions()
        var i = 0
        func value(_ flag: String) throws(UsageError) -> String {
            i += 1
            guard i < arguments.count else { throw UsageError(description: "mpmd: option requires an argument -- '\(flag.dropFirst())'") }
            return arguments[i]
        }
        while i < arguments.count {
            let arg = arguments[i]
            switch arg {
            case "-f": options.configFile = try value(arg)
            case "-k":
                let name = try value(arg)
                guard let s = Signal(rawValue: name) else {
                    throw UsageError(description: "mpmd: unknown -k argument '\(name)' (start, stop, restart, graceful, graceful-stop)")
                }
                options.signal = s
            case "-t": options.testConfig = true
            case "-C": options.before.append(try value(arg))
            case "-c": options.after.append(try value(arg))
            case "-D": options.defines.insert(try value(arg))
            case "-X": options.singleProcess = true; options.defines.insert("ONE_PROCESS")
            case "-v": options.showVersion = true
            case "-V": options.showSettings = true
            case "-h", "-?", "--help": options.showHelp = true
            default:
                throw UsageError(description: "mpmd: illegal option -- \(arg)\n\(usage)")
            }
            i += 1
        }
        return options
    }
}
