// Per-location directives: which handler answers (SetHandler) and who may ask (Require). The
// server-status page and the lab handler are mapped to URLs this way, exactly as mod_status is
// in Apache, and `Require local` keeps them to the machine itself.

extension Directives {
    static let access: [DirectiveSpec] = [
        DirectiveSpec(
            "SetHandler", syntax: "SetHandler server-status|lab|none", contexts: [.server, .location],
            arity: .one, summary: "a handler name that overrides any other configured handler",
            en: "Chooses what answers requests in this <Location>: `server-status` (the scoreboard page), `lab` (the experiment endpoints) or `none` (back to serving files).",
            fr: "Choisit ce qui répond aux requêtes de cette <Location> : `server-status` (la page du scoreboard), `lab` (les points d'accès d'expérience) ou `none` (retour au service de fichiers)."
        ) { state, call throws(DirectiveError) in
            guard let handler = Handler(rawValue: call.arguments[0].lowercased()) else {
                throw DirectiveError("SetHandler: mpmd has no handler '\(call.arguments[0])' (it knows server-status, lab and none)")
            }
            state.modifyLocation { $0.handler = handler }
        },
        DirectiveSpec(
            "Require", syntax: "Require all granted|all denied|local|ip address...", contexts: [.server, .location],
            arity: .oneOrMore, summary: "specifies authorization providers and their arguments",
            en: "Who may reach this <Location>: everyone (`all granted`), no one (`all denied`), the machine itself (`local`) or some networks (`ip 10.0.0.0/8 192.168.1.5`). Several Require lines mean any one of them is enough.",
            fr: "Qui peut atteindre cette <Location> : tout le monde (`all granted`), personne (`all denied`), la machine elle-même (`local`) ou certains réseaux (`ip 10.0.0.0/8 192.168.1.5`). Plusieurs lignes Require signifient qu'une seule suffit."
        ) { state, call throws(DirectiveError) in
            let requirement = try parseRequirement(call.arguments)
            state.modifyLocation { $0.requirements.append(requirement) }
        },
    ]

    /// mod_authz_core's providers `all` and mod_authz_host's `local` and `ip`.
    static func parseRequirement(_ words: [String]) throws(DirectiveError) -> Requirement {
        let provider = words[0].lowercased()
        let args = Array(words.dropFirst())
        switch provider {
        case "all":
            switch args.map({ $0.lowercased() }) {
            case ["granted"]: return .allGranted
            case ["denied"]: return .allDenied
            default: throw DirectiveError("'Require all' requires the argument 'granted' or 'denied'")
            }
        case "local":
            guard args.isEmpty else { throw DirectiveError("'Require local' does not take an argument") }
            return .local
        case "ip":
            guard !args.isEmpty else { throw DirectiveError("'Require ip' requires an argument") }
            var networks: [IPNetwork] = []
            for arg in args {
                guard let network = IPNetwork(arg) else {
                    throw DirectiveError("ip address '\(arg)' appears to be invalid")
                }
                networks.append(network)
            }
            return .ip(networks)
        case "not":
            throw DirectiveError("Require not is not supported by mpmd")
        default:
            throw DirectiveError("Unknown Authz provider: \(words[0])")
        }
    }
}

extension ConfigState {
    /// Changes the `<Location>` being read, or the server-wide settings outside any.
    mutating func modifyLocation(_ change: (inout LocationConfig) -> Void) {
        if let index = currentLocation {
            change(&config.locations[index])
        } else {
            change(&config.serverLocation)
        }
    }
}
