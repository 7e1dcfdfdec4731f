// Where the site's directive reference gets its rows. The directive tables belong to the
// configuration module (`Directives.all`); this is the one place that maps them to LabKit's
// plain `DirectiveEntry`, so LabKit never depends on how configuration is modelled.
import Config
import LabKit

enum SiteDirectives {
    /// The directive reference's rows, from the same tables mpmd parses its configuration with.
    static func entries() -> [DirectiveEntry] {
        Directives.all.filter { !$0.isSection }.map {
            DirectiveEntry(name: $0.name, syntax: $0.syntax, defaultText: $0.defaultText,
                           contexts: $0.contexts.map(\.rawValue), mpms: $0.mpms.map(\.rawValue),
                           helpEN: $0.helpEN, helpFR: $0.helpFR)
        }
    }
}
