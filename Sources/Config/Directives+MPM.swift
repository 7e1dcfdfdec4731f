// The MPM directives: how many processes, how many threads, how many spare. Each is defined
// only by the MPMs that use it — MinSpareServers means something to prefork alone — so using
// one under another MPM is Apache's "Invalid command" error, unless it sits inside a matching
// <IfModule>. Values are read with atoi and only corrected once the whole file is read and the
// MPM is known (MPMClamps.swift).

extension Directives {
    private static let threaded: [MPMKind] = [.worker, .event]

    static let mpm: [DirectiveSpec] = [
        number("StartServers", mpms: MPMKind.allCases, default: "5 (prefork), 3 (worker, event)",
               summary: "Number of child processes launched at server startup",
               clamp: "Below 1 → 1, with a warning; silently lowered to the most children MaxRequestWorkers allows.",
               en: "How many child processes the master forks at startup. Afterwards the spare-server (prefork) or spare-thread (worker, event) rules decide, so this value matters only in the first seconds.",
               fr: "Le nombre de processus enfants que le maître crée au démarrage. Ensuite, les règles de serveurs (prefork) ou de threads (worker, event) inactifs décident : cette valeur ne compte que les premières secondes."),
        number("MinSpareServers", mpms: [.prefork], default: "5",
               summary: "Minimum number of idle children, to handle request spikes",
               clamp: "Below 1 → 1, with a warning.",
               en: "prefork keeps at least this many idle children ready to accept. Below it, the master forks 1, then 2, 4… up to 32 children a second until the pool is back.",
               fr: "prefork garde au moins ce nombre d'enfants inactifs prêts à accepter. En dessous, le maître crée 1, puis 2, 4… jusqu'à 32 enfants par seconde jusqu'à reconstituer la réserve."),
        number("MaxSpareServers", mpms: [.prefork], default: "10",
               summary: "Maximum number of idle children",
               clamp: "Silently raised to MinSpareServers + 1.",
               en: "Above this many idle children, prefork tells one child per second to exit. Keeping a gap with MinSpareServers avoids killing and re-forking in a loop.",
               fr: "Au-delà de ce nombre d'enfants inactifs, prefork demande à un enfant par seconde de se terminer. Un écart avec MinSpareServers évite de tuer et recréer en boucle."),
        number("MinSpareThreads", mpms: threaded, default: "75",
               summary: "Minimum number of idle threads, to handle request spikes",
               clamp: "Below 1 → 1, with a warning.",
               en: "worker and event count idle threads across all children; below this many, the master forks new children (each bringing ThreadsPerChild threads).",
               fr: "worker et event comptent les threads inactifs de tous les enfants ; en dessous de ce nombre, le maître crée de nouveaux enfants (chacun apporte ThreadsPerChild threads)."),
        number("MaxSpareThreads", mpms: threaded, default: "250",
               summary: "Maximum number of idle threads",
               clamp: "Silently raised to MinSpareThreads + ThreadsPerChild + 1.",
               en: "Above this many idle threads, the master stops one child gracefully. It must leave room for a whole child above MinSpareThreads, or the server would oscillate.",
               fr: "Au-delà de ce nombre de threads inactifs, le maître arrête proprement un enfant. Il faut laisser la place d'un enfant entier au-dessus de MinSpareThreads, sinon le serveur oscillerait."),
        number("ServerLimit", mpms: MPMKind.allCases, default: "256 (prefork), 16 (worker, event)",
               summary: "Maximum number of child processes for this run of Apache",
               clamp: "Clamped to [1, 200000] (prefork) or [1, 20000] (worker, event), with a warning; cannot change on a restart.",
               en: "The number of process slots in the shared-memory scoreboard, fixed when it is created. MaxRequestWorkers can never need more children than this.",
               fr: "Le nombre d'emplacements de processus du scoreboard en mémoire partagée, fixé à sa création. MaxRequestWorkers ne peut jamais exiger plus d'enfants que cela."),
        number("ThreadLimit", mpms: threaded, default: "64",
               summary: "Maximum number of worker threads per child process for this run of Apache - Upper limit for ThreadsPerChild",
               clamp: "Clamped to [1, 20000] (worker) or [1, 100000] (event), with a warning; cannot change on a restart.",
               en: "The number of thread slots per process in the scoreboard, fixed when it is created: the ceiling for ThreadsPerChild, even across graceful restarts.",
               fr: "Le nombre d'emplacements de threads par processus dans le scoreboard, fixé à sa création : le plafond de ThreadsPerChild, même lors des redémarrages en douceur."),
        number("ThreadsPerChild", mpms: threaded, default: "25",
               summary: "Number of threads each child creates",
               clamp: "Above ThreadLimit → ThreadLimit, below 1 → 1, with a warning.",
               en: "How many worker threads each child runs. They share the child's memory: a crash in one thread takes down all the connections of its process.",
               fr: "Le nombre de threads de travail de chaque enfant. Ils partagent la mémoire de l'enfant : un plantage dans un thread emporte toutes les connexions de son processus."),
        number("MaxRequestWorkers", mpms: MPMKind.allCases, default: "256 (prefork), 400 (worker, event)",
               summary: "Maximum number of threads alive at the same time",
               clamp: "prefork: clamped to [1, ServerLimit]. worker/event: raised to ThreadsPerChild, rounded down to a multiple of it, then capped at ServerLimit × ThreadsPerChild — each with a warning.",
               en: "How many requests can be served at the same time: children for prefork, threads for worker and event. Further connections wait in the listen backlog.",
               fr: "Le nombre de requêtes servies en même temps : des enfants pour prefork, des threads pour worker et event. Les connexions suivantes attendent dans la file d'écoute."),
        number("MaxClients", mpms: MPMKind.allCases, canonical: "MaxRequestWorkers", default: "",
               summary: "Deprecated name of MaxRequestWorkers",
               en: "The Apache 2.2 name of MaxRequestWorkers, still accepted.",
               fr: "Le nom Apache 2.2 de MaxRequestWorkers, toujours accepté."),
        number("MaxConnectionsPerChild", mpms: MPMKind.allCases, default: "0",
               summary: "Maximum number of connections a particular child serves before dying.",
               en: "After this many connections a child exits and the master forks a fresh one, which bounds slow memory leaks. 0 keeps children forever; a kept-alive connection counts once.",
               fr: "Après ce nombre de connexions, un enfant se termine et le maître en crée un neuf, ce qui borne les fuites de mémoire lentes. 0 garde les enfants indéfiniment ; une connexion persistante compte une fois."),
        number("MaxRequestsPerChild", mpms: MPMKind.allCases, canonical: "MaxConnectionsPerChild", default: "",
               summary: "Maximum number of connections a particular child serves before dying. (Deprecated, use MaxConnectionsPerChild)",
               en: "The Apache 2.2 name of MaxConnectionsPerChild, still accepted.",
               fr: "Le nom Apache 2.2 de MaxConnectionsPerChild, toujours accepté."),
        number("GracefulShutdownTimeout", mpms: MPMKind.allCases, default: "0",
               summary: "Maximum time in seconds to wait for child processes to complete transactions during shutdown",
               en: "How many seconds `graceful-stop` lets busy children finish before killing them. 0 waits as long as it takes.",
               fr: "Combien de secondes `graceful-stop` laisse aux enfants occupés pour terminer avant de les tuer. 0 attend aussi longtemps que nécessaire."),
        DirectiveSpec(
            "ListenBacklog", syntax: "ListenBacklog backlog", default: "511", mpms: MPMKind.allCases,
            arity: .one, summary: "Maximum length of the queue of pending connections, as used by listen(2)",
            clamp: "Must be at least 1.",
            en: "The length of the kernel queue of connections accepted by TCP but not yet by the server. When every worker is busy, new clients wait there.",
            fr: "La longueur de la file du noyau pour les connexions acceptées par TCP mais pas encore par le serveur. Quand tous les workers sont occupés, les nouveaux clients y attendent."
        ) { state, call throws(DirectiveError) in
            let value = ArgumentParsing.atoi(call.arguments[0])
            guard value >= 1 else { throw DirectiveError("ListenBacklog must be > 0") }
            state.config.listenBacklog = value
        },
        DirectiveSpec(
            "AsyncRequestWorkerFactor", syntax: "AsyncRequestWorkerFactor factor", default: "2", mpms: [.event],
            arity: .one, summary: "How many additional connects will be accepted per idle worker thread",
            clamp: "Must be a positive number; below 1 → 1. Only its integer part counts.",
            en: "event accepts new connections while it has fewer than ThreadsPerChild + factor × idle workers; beyond that a child stops accepting. This is what lets event hold more connections than threads.",
            fr: "event accepte de nouvelles connexions tant qu'il en a moins que ThreadsPerChild + facteur × workers inactifs ; au-delà, l'enfant cesse d'accepter. C'est ce qui permet à event de tenir plus de connexions que de threads."
        ) { state, call throws(DirectiveError) in
            let text = ConfigLexer.trimmed(call.arguments[0])
            guard let value = Double(text) else { throw DirectiveError("error parsing value") }
            guard value > 0 else { throw DirectiveError("AsyncRequestWorkerFactor argument must be a positive number") }
            state.workerFactor = max(value, 1)
            state.mpmOrigins["AsyncRequestWorkerFactor"] = call.location
        },
    ]

    /// An integer MPM directive, read with atoi and kept until the MPM's clamps run.
    private static func number(_ name: String, mpms: [MPMKind], canonical: String? = nil, default defaultText: String,
                               summary: String, clamp: String = "", en: String, fr: String) -> DirectiveSpec {
        let target = canonical ?? name
        return DirectiveSpec(name, syntax: "\(name) number", default: defaultText, mpms: mpms, arity: .one,
                             summary: summary, clamp: clamp, aliasOf: canonical, en: en, fr: fr) { state, call throws(DirectiveError) in
            state.mpmValues[target] = ArgumentParsing.atoi(call.arguments[0])
            state.mpmOrigins[target] = call.location
            if canonical != nil {
                state.config.notes.append("\(call.location): \(name) is deprecated, use \(target) instead.")
            }
        }
    }
}
