// Where the site's directive reference gets its rows. The directive tables belong to the
// configuration module (`Directives.all`); this is the one place that maps them to LabKit's
// plain `DirectiveEntry`, so LabKit never depends on how configuration is modelled.
import LabKit

enum SiteDirectives {
    /// The directive reference's rows, or nil while no directive table is linked.
    static func entries() -> [DirectiveEntry]? {
        nil
    }
}
