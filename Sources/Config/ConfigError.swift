// What can go wrong while reading a configuration, and what is only worth a remark.
// Apache stops at the first error and names the file and line (`httpd -t`); it also prints
// warnings when it has to correct a value (MaxRequestWorkers rounded to a multiple of
// ThreadsPerChild...) and carries on. mpmd does the same, but both are values here: the Config
// module never prints, the server decides where the words go (console, error log).

/// Where a directive was written: a file and a line, or a `-C`/`-c` command-line directive.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    /// 1-based; the first physical line of a directive continued with `\`.
    public let line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}

/// A configuration that cannot be used. Prints as `FILE:LINE: message`, like `mpmd -t`.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    /// The directive being read, as written in the file (`KeepAliveTimeout`), when there is one.
    public let directive: String?
    public let message: String

    public init(file: String, line: Int, directive: String?, message: String) {
        self.file = file
        self.line = line
        self.directive = directive
        self.message = message
    }

    init(_ location: SourceLocation, directive: String?, _ message: String) {
        self.init(file: location.file, line: location.line, directive: directive, message: message)
    }

    public var description: String {
        line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
    }
}

/// A value Apache would have corrected with a startup warning. The message is Apache's text
/// (without its `WARNING:` prefix); the location is the line that set the corrected value, when
/// a line did.
public struct ConfigWarning: Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let location: SourceLocation?

    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }

    public var description: String {
        if let location { return "\(location): \(message)" }
        return message
    }
}

/// The error a directive's handler reports: only the message. The parser adds the file, line
/// and directive name, as Apache's `cmd_parms` does for the strings its handlers return.
struct DirectiveError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
