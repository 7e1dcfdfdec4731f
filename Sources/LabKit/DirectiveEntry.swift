// One row of the directive reference. The site takes these as plain values so LabKit does not
// depend on how the configuration module stores its directive tables: the caller maps each
// directive spec to an entry (one source of truth, no second list to keep in sync).

public struct DirectiveEntry: Sendable, Equatable {
    public let name: String
    /// e.g. `MaxRequestWorkers number`.
    public let syntax: String
    public let defaultText: String
    /// Where it may appear: `server config`, `virtual host`, `directory`...
    public let contexts: [String]
    /// Which MPMs honour it (`prefork`, `worker`, `event`); empty means all (a core directive).
    public let mpms: [String]
    public let helpEN: String
    public let helpFR: String

    public init(name: String, syntax: String, defaultText: String, contexts: [String], mpms: [String], helpEN: String, helpFR: String) {
        self.name = name
        self.syntax = syntax
        self.defaultText = defaultText
        self.contexts = contexts
        self.mpms = mpms
        self.helpEN = helpEN
        self.helpFR = helpFR
    }

    func help(_ language: Language) -> String { language == .fr ? helpFR : helpEN }
}
