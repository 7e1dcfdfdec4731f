// A directive is data: its name, how many arguments it takes, where it may appear, which MPMs
// define it, its default, how its value is corrected, two sentences of help in each course
// language, and the handler that applies it. Apache declares its directives the same way (a
// `command_rec` table per module); the course site renders its directive reference from
// `Directives.all`, so the documentation cannot drift from what the parser does.

/// Where a directive may be written.
public enum DirectiveContext: String, Sendable {
    case server = "server config"
    case location = "<Location>"
}

/// How many arguments a directive takes, with Apache's wording when the count is wrong.
public enum DirectiveArity: Sendable, Equatable {
    case none, flag, one, two, oneOrTwo, twoOrThree, oneOrMore, twoOrMore
    /// A section tag: the arguments are parsed by the section itself.
    case section

    func accepts(_ count: Int) -> Bool {
        switch self {
        case .none: count == 0
        case .flag, .one: count == 1
        case .two: count == 2
        case .oneOrTwo: count == 1 || count == 2
        case .twoOrThree: count == 2 || count == 3
        case .oneOrMore: count >= 1
        case .twoOrMore: count >= 2
        case .section: true
        }
    }

    /// The message of Apache's `invoke_cmd` for a wrong argument count, ending with the
    /// directive's short description.
    func message(for name: String, summary: String) -> String {
        switch self {
        case .none: "\(name) takes no arguments"
        case .flag: "\(name) must be On or Off"
        case .one: "\(name) takes one argument, \(summary)"
        case .two: "\(name) takes two arguments, \(summary)"
        case .oneOrTwo: "\(name) takes 1-2 arguments, \(summary)"
        case .twoOrThree: "\(name) takes two or three arguments, \(summary)"
        case .oneOrMore: "\(name) requires at least one argument, \(summary)"
        case .twoOrMore: "\(name) requires at least two arguments, \(summary)"
        case .section: summary
        }
    }
}

public struct DirectiveSpec: Sendable {
    /// As Apache's documentation spells it: `KeepAliveTimeout`, `<IfModule>`.
    public let name: String
    /// `KeepAliveTimeout num[ms]`.
    public let syntax: String
    /// As Apache's documentation shows it; "" when there is none.
    public let defaultText: String
    public let contexts: [DirectiveContext]
    /// The MPMs that define the directive; empty for a core directive.
    public let mpms: [MPMKind]
    public let helpEN: String
    public let helpFR: String
    /// Apache's one-line description, quoted in argument-count errors.
    public let summary: String
    public let arity: DirectiveArity
    /// How an out-of-range value is corrected (English); "" when it is taken as is.
    public let clampText: String
    /// For a deprecated alias (`MaxClients`), the directive it stands for.
    public let aliasOf: String?
    /// Applies one occurrence to the configuration being read.
    let apply: @Sendable (inout ConfigState, DirectiveCall) throws(DirectiveError) -> Void

    init(_ name: String, syntax: String, default defaultText: String = "",
         contexts: [DirectiveContext] = [.server], mpms: [MPMKind] = [],
         arity: DirectiveArity, summary: String, clamp clampText: String = "", aliasOf: String? = nil,
         en helpEN: String, fr helpFR: String,
         apply: @escaping @Sendable (inout ConfigState, DirectiveCall) throws(DirectiveError) -> Void) {
        self.name = name
        self.syntax = syntax
        self.defaultText = defaultText
        self.contexts = contexts
        self.mpms = mpms
        self.arity = arity
        self.summary = summary
        self.clampText = clampText
        self.aliasOf = aliasOf
        self.helpEN = helpEN
        self.helpFR = helpFR
        self.apply = apply
    }

    /// Directives with a `<` are section tags, handled by the parser itself.
    public var isSection: Bool { name.hasPrefix("<") }
}

public enum Directives {
    /// Every directive mpmd understands, sorted by name (ignoring `<` and case).
    public static let all: [DirectiveSpec] = (core + logging + access + mpm + structure + lab)
        .sorted { sortKey($0.name) < sortKey($1.name) }

    /// Case-insensitive lookup, as Apache's directive names are; section tags are looked up
    /// with their `<` (`<ifmodule` or `<IfModule>`).
    public static func spec(named name: String) -> DirectiveSpec? {
        byName[name.lowercased().filter { $0 != ">" }]
    }

    private static let byName: [String: DirectiveSpec] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.name.lowercased().replacing(">", with: ""), $0) })

    private static func sortKey(_ name: String) -> String {
        name.lowercased().filter { $0 != "<" && $0 != ">" }
    }
}
