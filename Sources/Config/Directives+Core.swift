// The core directives: where the server lives (ServerRoot, DocumentRoot), where it listens,
// and the HTTP limits and timeouts that decide how long a connection may hold a worker —
// the knobs the labs turn to make prefork, worker and event behave differently.
import Posix

extension Directives {
    static let core: [DirectiveSpec] = [
        DirectiveSpec(
            "ServerRoot", syntax: "ServerRoot directory-path",
            default: "the directory holding conf/ (or the config file's directory)",
            arity: .one, summary: "Common directory of server-related files (logs, confs, etc.)",
            en: "The directory every relative path in the configuration is resolved against (DocumentRoot, logs, Include, TypesConfig). mpmd's default is the parent of the `conf/` directory holding the main file, so `mpmd -f conf/mpmd.conf` works from a checkout.",
            fr: "Le répertoire par rapport auquel se résolvent tous les chemins relatifs de la configuration (DocumentRoot, journaux, Include, TypesConfig). Par défaut, mpmd prend le parent du répertoire `conf/` qui contient le fichier principal : `mpmd -f conf/mpmd.conf` fonctionne depuis le dépôt."
        ) { state, call throws(DirectiveError) in
            var root = FileSystem.resolve(call.arguments[0], relativeTo: FileSystem.currentDirectory())
            while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
            guard FileSystem.isDirectory(root) else { throw DirectiveError("ServerRoot must be a valid directory") }
            state.config.serverRoot = root
            state.setPathDefaults()
        },
        DirectiveSpec(
            "Listen", syntax: "Listen [IP-address:]portnumber [protocol]", mpms: MPMKind.allCases,
            arity: .oneOrTwo, summary: "A port number or a numeric IP address and a port number, and an optional protocol",
            en: "Opens a listening socket on a port, optionally on one address only (`127.0.0.1:8080`, `[::1]:8080`). The master opens it before forking, and every child inherits the same socket: this is how many processes can accept on one port.",
            fr: "Ouvre une socket d'écoute sur un port, éventuellement sur une seule adresse (`127.0.0.1:8080`, `[::1]:8080`). Le processus maître l'ouvre avant de créer ses enfants, qui héritent tous de la même socket : c'est ainsi que plusieurs processus acceptent sur un seul port."
        ) { state, call throws(DirectiveError) in
            guard let address = ArgumentParsing.listenAddress(call.arguments[0]) else {
                throw DirectiveError("Invalid address or port")
            }
            if call.arguments.count == 2 && call.arguments[1].lowercased() != "http" {
                throw DirectiveError("Listen: mpmd only speaks http, not '\(call.arguments[1])'")
            }
            if address.port != 0 && state.config.listens.contains(address) {
                throw DirectiveError("Cannot define multiple Listeners on the same IP:port")
            }
            state.config.listens.append(address)
        },
        DirectiveSpec(
            "ServerName", syntax: "ServerName [scheme://]domain-name|ip-address[:port]",
            arity: .one, summary: "The hostname and port of the server",
            en: "The name the server uses for itself, for example in the title of the server-status page. It does not change where the server listens: that is Listen's job.",
            fr: "Le nom que le serveur se donne, par exemple dans le titre de la page server-status. Il ne change pas l'adresse d'écoute : c'est le rôle de Listen."
        ) { state, call throws(DirectiveError) in
            state.config.serverName = call.arguments[0]
        },
        DirectiveSpec(
            "DocumentRoot", syntax: "DocumentRoot directory-path", default: "htdocs (under ServerRoot)",
            arity: .one, summary: "Root directory of the document tree",
            en: "The directory whose files the static handler serves: the URL `/a/b.html` maps to `DocumentRoot/a/b.html`. A relative path is taken under ServerRoot.",
            fr: "Le répertoire dont le gestionnaire statique sert les fichiers : l'URL `/a/b.html` correspond à `DocumentRoot/a/b.html`. Un chemin relatif est pris sous ServerRoot."
        ) { state, call throws(DirectiveError) in
            var path = state.resolve(call.arguments[0])
            while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
            state.config.documentRoot = path
            state.explicitPaths.insert("DocumentRoot")
            if !FileSystem.isDirectory(path) {
                // Apache refuses to start here; mpmd only warns, because its DocumentRoot
                // (the rendered course site) is built after the server is.
                state.config.warnings.append(ConfigWarning(
                    "DocumentRoot '\(path)' is not a directory, or is not readable", at: call.location))
            }
        },
        DirectiveSpec(
            "DirectoryIndex", syntax: "DirectoryIndex disabled | local-url [local-url] ...", default: "index.html",
            arity: .oneOrMore, summary: "a list of file names",
            en: "The files tried, in order, when a URL names a directory. `DirectoryIndex disabled` turns the lookup off.",
            fr: "Les fichiers essayés, dans l'ordre, quand une URL désigne un répertoire. `DirectoryIndex disabled` désactive cette recherche."
        ) { state, call throws(DirectiveError) in
            if !state.directoryIndexSet { state.config.directoryIndex = [] }
            state.directoryIndexSet = true
            for name in call.arguments {
                if name.lowercased() == "disabled" { state.config.directoryIndex = [] } else { state.config.directoryIndex.append(name) }
            }
        },
        DirectiveSpec(
            "PidFile", syntax: "PidFile filename", default: "logs/mpmd.pid",
            arity: .one, summary: "A file for logging the server process ID",
            en: "The file where the master process writes its process id when it starts as a daemon. `mpmd -k stop` reads it to know which process to signal.",
            fr: "Le fichier où le processus maître écrit son identifiant quand il démarre en démon. `mpmd -k stop` le lit pour savoir à quel processus envoyer le signal."
        ) { state, call throws(DirectiveError) in
            state.config.pidFile = state.resolve(call.arguments[0])
            state.explicitPaths.insert("PidFile")
        },
        DirectiveSpec(
            "Timeout", syntax: "Timeout seconds", default: "60",
            arity: .one, summary: "Timeout duration (sec)",
            en: "How long the server waits for the first request line, for the rest of a request and for each write. A slow client holds a worker that long, whatever the MPM.",
            fr: "Le temps d'attente du serveur pour la première ligne de requête, pour la suite de la requête et pour chaque écriture. Un client lent monopolise un worker pendant ce temps, quel que soit le MPM."
        ) { state, call throws(DirectiveError) in
            state.config.timeoutSeconds = ArgumentParsing.atoi(call.arguments[0])
        },
        DirectiveSpec(
            "KeepAlive", syntax: "KeepAlive On|Off", default: "On",
            arity: .one, summary: "Whether persistent connections should be On or Off",
            en: "Whether a connection may carry several requests. With prefork and worker an idle kept-alive connection still holds a whole process or thread; event parks it in its listener thread instead.",
            fr: "Indique si une connexion peut transporter plusieurs requêtes. Avec prefork et worker, une connexion persistante inactive occupe toujours un processus ou un thread ; event la confie à son thread d'écoute."
        ) { state, call throws(DirectiveError) in
            // Apache used to take a number here: anything but "Off" or "0" still means On.
            let arg = call.arguments[0]
            state.config.keepAlive = !(arg.lowercased() == "off" || arg == "0")
        },
        DirectiveSpec(
            "KeepAliveTimeout", syntax: "KeepAliveTimeout num[ms]", default: "5",
            arity: .one, summary: "Keep-Alive timeout duration (sec)",
            clamp: "A number of seconds, or of milliseconds with the `ms` suffix; 0 disables keep-alive.",
            en: "How long a kept-alive connection may stay idle waiting for its next request before the server closes it. Seconds, or milliseconds with `ms` (`KeepAliveTimeout 500ms`).",
            fr: "Combien de temps une connexion persistante peut rester inactive en attendant sa requête suivante avant que le serveur la ferme. En secondes, ou en millisecondes avec `ms` (`KeepAliveTimeout 500ms`)."
        ) { state, call throws(DirectiveError) in
            guard let ms = ArgumentParsing.timeoutMilliseconds(call.arguments[0]) else {
                throw DirectiveError("KeepAliveTimeout has wrong format")
            }
            state.config.keepAliveTimeoutMilliseconds = ms
        },
        DirectiveSpec(
            "MaxKeepAliveRequests", syntax: "MaxKeepAliveRequests number", default: "100",
            arity: .one, summary: "Maximum number of Keep-Alive requests per connection, or 0 for infinite",
            en: "How many responses may keep a connection open: with N, a connection carries N + 1 requests and the response to request N + 1 closes it (max= counts down from N). 0 means no limit.",
            fr: "Le nombre de réponses qui peuvent garder une connexion ouverte : avec N, une connexion porte N + 1 requêtes, et la réponse à la requête N + 1 la ferme (max= décompte à partir de N). 0 signifie sans limite."
        ) { state, call throws(DirectiveError) in
            state.config.maxKeepAliveRequests = ArgumentParsing.atoi(call.arguments[0])
        },
        limit("LimitRequestLine", default: "8190", summary: "Limit on maximum size of an HTTP request line",
              en: "The longest request line (method, URL and version) accepted, in bytes; a longer one is answered 414.",
              fr: "La plus longue ligne de requête (méthode, URL et version) acceptée, en octets ; au-delà, la réponse est 414.") {
            $0.config.limitRequestLine = $1
        },
        limit("LimitRequestFieldSize", default: "8190", summary: "Limit on maximum size of an HTTP request header field",
              en: "The longest request header line accepted, in bytes; a longer one is answered 400.",
              fr: "La plus longue ligne d'en-tête de requête acceptée, en octets ; au-delà, la réponse est 400.") {
            $0.config.limitRequestFieldSize = $1
        },
        limit("LimitRequestFields", default: "100", summary: "Limit (0 = unlimited) on max number of header fields in a request message",
              extra: " (0 = no limit)",
              en: "How many header lines a request may have; one more is answered 400. 0 means no limit.",
              fr: "Le nombre de lignes d'en-tête qu'une requête peut avoir ; une de plus donne une réponse 400. 0 signifie sans limite.") {
            $0.config.limitRequestFields = $1
        },
        DirectiveSpec(
            "LimitRequestBody", syntax: "LimitRequestBody bytes", default: "1073741824",
            contexts: [.server, .location],
            arity: .one, summary: "Limit (in bytes) on maximum size of request message body",
            en: "The largest request body accepted, in bytes; a larger one is answered 413. 0 means no limit. It can differ per <Location>.",
            fr: "Le plus grand corps de requête accepté, en octets ; au-delà, la réponse est 413. 0 signifie sans limite. La valeur peut changer selon la <Location>."
        ) { state, call throws(DirectiveError) in
            // apr_strtoff: the whole argument must be a number (not atoi's "leading digits").
            let digits = String(call.arguments[0].drop { $0 == " " || $0 == "\t" })
            guard let value = Int(digits) else { throw DirectiveError("LimitRequestBody argument is not parsable.") }
            guard value >= 0 else { throw DirectiveError("LimitRequestBody requires a non-negative integer.") }
            if let index = state.currentLocation {
                state.config.locations[index].limitRequestBody = value
            } else {
                state.config.limitRequestBody = value
            }
        },
        DirectiveSpec(
            "ExtendedStatus", syntax: "ExtendedStatus On|Off", default: "On",
            arity: .flag, summary: "\"On\" to track extended status information, \"Off\" to disable",
            clamp: "Apache's default is Off, but loading mod_status turns it On; mpmd always has the status handler, so its default is On.",
            en: "Whether each worker records the request it serves and its counters, so that server-status can show them. It costs a little work on every request.",
            fr: "Indique si chaque worker enregistre la requête qu'il sert et ses compteurs, pour que server-status puisse les afficher. Cela coûte un peu de travail à chaque requête."
        ) { state, call throws(DirectiveError) in
            state.config.extendedStatus = ArgumentParsing.flag(call.arguments[0])!
        },
        DirectiveSpec(
            "TypesConfig", syntax: "TypesConfig file-path", default: "conf/mime.types",
            arity: .one, summary: "the MIME types config file",
            en: "The file mapping file extensions to media types, in Apache's `mime.types` format. Without it mpmd uses a small built-in table.",
            fr: "Le fichier qui associe les extensions de fichiers aux types de médias, au format `mime.types` d'Apache. Sans lui, mpmd utilise une petite table intégrée."
        ) { state, call throws(DirectiveError) in
            state.config.typesConfig = state.resolve(call.arguments[0])
            state.typesConfigLocation = call.location
        },
        DirectiveSpec(
            "AddType", syntax: "AddType media-type extension [extension] ...",
            arity: .twoOrMore, summary: "a mime type followed by one or more file extensions",
            en: "Maps one or more file extensions to a media type, overriding the TypesConfig file. `AddType text/plain .log`.",
            fr: "Associe une ou plusieurs extensions de fichiers à un type de média, en remplaçant le fichier TypesConfig. `AddType text/plain .log`."
        ) { state, call throws(DirectiveError) in
            state.addTypes.append((call.arguments[0], Array(call.arguments.dropFirst())))
        },
    ]

    /// The three request-size limits share their parsing and their error text.
    private static func limit(_ name: String, default defaultText: String, summary: String, extra: String = "",
                              en: String, fr: String,
                              set: @escaping @Sendable (inout ConfigState, Int) -> Void) -> DirectiveSpec {
        DirectiveSpec(name, syntax: "\(name) bytes", default: defaultText, arity: .one, summary: summary,
                      clamp: "A negative value is an error.", en: en, fr: fr) { state, call throws(DirectiveError) in
            let value = ArgumentParsing.atoi(call.arguments[0])
            guard value >= 0 else {
                throw DirectiveError("\(name) \"\(call.arguments[0])\" must be a non-negative integer\(extra)")
            }
            set(&state, value)
        }
    }
}
