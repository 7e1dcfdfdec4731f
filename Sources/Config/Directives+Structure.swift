// The directives that shape the configuration itself rather than the server: sections,
// includes, variables and module loading. Sections and includes change what the parser reads
// next, so ConfigParser handles them; their table entries are here for the reference pages
// (and for the argument checks). `LoadModule` is how a configuration chooses its MPM.

extension Directives {
    static let structure: [DirectiveSpec] = [
        DirectiveSpec(
            "<IfModule>", syntax: "<IfModule [!]module-file|module-identifier> ... </IfModule>",
            contexts: [.server, .location], arity: .section,
            summary: "Container for directives based on existence of specified modules",
            en: "Reads the enclosed directives only if the module is loaded (or, with `!`, only if it is not). `<IfModule mpm_prefork_module>` holds the settings that only make sense for prefork.",
            fr: "Lit les directives incluses seulement si le module est chargé (ou, avec `!`, seulement s'il ne l'est pas). `<IfModule mpm_prefork_module>` regroupe les réglages qui n'ont de sens que pour prefork.",
            apply: handledByParser),
        DirectiveSpec(
            "<IfDefine>", syntax: "<IfDefine [!]parameter-name> ... </IfDefine>",
            contexts: [.server, .location], arity: .section,
            summary: "Container for directives based on existence of command line defines",
            en: "Reads the enclosed directives only if the name was given with `mpmd -D NAME` or set by Define (or, with `!`, only if it was not).",
            fr: "Lit les directives incluses seulement si le nom a été donné par `mpmd -D NOM` ou défini par Define (ou, avec `!`, seulement s'il ne l'a pas été).",
            apply: handledByParser),
        DirectiveSpec(
            "<Location>", syntax: "<Location URL-path> ... </Location>",
            arity: .section, summary: "Container for directives affecting resources accessed through the specified URL paths",
            en: "Applies the enclosed directives to URLs under a path: `/lab` covers `/lab` and `/lab/whoami`, not `/laboratory`. When several sections match, they apply in file order and the last one wins.",
            fr: "Applique les directives incluses aux URL sous un chemin : `/lab` couvre `/lab` et `/lab/whoami`, pas `/laboratory`. Quand plusieurs sections correspondent, elles s'appliquent dans l'ordre du fichier et la dernière l'emporte.",
            apply: handledByParser),
        DirectiveSpec(
            "Include", syntax: "Include file-path|directory-path|wildcard", contexts: [.server, .location],
            arity: .one, summary: "Name(s) of the config file(s) to be included; fails if the wildcard does not match at least one file",
            en: "Reads another configuration file (or every file a wildcard matches, in alphabetical order) at this point. A relative path is under ServerRoot; a missing file is an error.",
            fr: "Lit un autre fichier de configuration (ou tous ceux qu'un motif désigne, par ordre alphabétique) à cet endroit. Un chemin relatif est pris sous ServerRoot ; un fichier absent est une erreur.",
            apply: handledByParser),
        DirectiveSpec(
            "IncludeOptional", syntax: "IncludeOptional file-path|directory-path|wildcard", contexts: [.server, .location],
            arity: .one, summary: "Name or pattern of the config file(s) to be included; ignored if the file does not exist or the pattern does not match any files",
            en: "Like Include, but a file or wildcard that matches nothing is silently skipped: handy for an optional `conf.d/*.conf`.",
            fr: "Comme Include, mais un fichier ou un motif qui ne désigne rien est ignoré sans erreur : pratique pour un `conf.d/*.conf` facultatif.",
            apply: handledByParser),
        DirectiveSpec(
            "Define", syntax: "Define parameter-name [parameter-value]", contexts: [.server, .location],
            arity: .oneOrTwo, summary: "Define a variable, optionally to a value.  Same as passing -D to the command line.",
            en: "Defines a name for <IfDefine>, like `mpmd -D NAME`, and with a value makes `${NAME}` expand to it on the lines that follow.",
            fr: "Définit un nom pour <IfDefine>, comme `mpmd -D NOM`, et avec une valeur fait que `${NOM}` la remplace dans les lignes suivantes."
        ) { state, call throws(DirectiveError) in
            let name = call.arguments[0]
            if name.contains(":") { throw DirectiveError("Variable name must not contain ':'") }
            state.defines[name] = .some(call.arguments.count == 2 ? call.arguments[1] : nil)
        },
        DirectiveSpec(
            "UnDefine", syntax: "UnDefine parameter-name", contexts: [.server, .location],
            arity: .one, summary: "Undefine the existence of a variable. Undo a Define.",
            en: "Forgets a name set by Define or `-D`: later <IfDefine> tests see it as undefined and `${NAME}` is no longer replaced.",
            fr: "Oublie un nom défini par Define ou `-D` : les tests <IfDefine> suivants le voient comme non défini et `${NOM}` n'est plus remplacé."
        ) { state, call throws(DirectiveError) in
            state.defines[call.arguments[0]] = nil
        },
        DirectiveSpec(
            "LoadModule", syntax: "LoadModule module-name [filename]",
            arity: .oneOrTwo, summary: "a module name and the name of a shared object file to load it from",
            clamp: "At most one MPM module; for the MPMs and the built-in modules the file name is accepted and ignored. `lab_exercises_module` is the one module mpmd really loads from its file.",
            en: "Chooses the MPM: `LoadModule mpm_prefork_module`, `mpm_worker_module` or `mpm_event_module`. Only one may be loaded. With none, Apache refuses to start (AH00534: No MPM loaded; Debian's configuration loads event); mpmd differs and uses event, noting it in the log.",
            fr: "Choisit le MPM : `LoadModule mpm_prefork_module`, `mpm_worker_module` ou `mpm_event_module`. Un seul peut être chargé. Sans aucun, Apache refuse de démarrer (AH00534 : No MPM loaded ; la configuration de Debian charge event) ; mpmd diffère et utilise event, en le notant dans son journal."
        ) { state, call throws(DirectiveError) in
            let name = call.arguments[0]
            if let mpm = MPMKind.allCases.first(where: { $0.moduleName == name }) {
                if let loaded = state.loadedMPM {
                    if loaded == mpm {
                        state.config.warnings.append(ConfigWarning("module \(name) is already loaded, skipping", at: call.location))
                        return
                    }
                    throw DirectiveError("More than one MPM loaded.")
                }
                state.loadedMPM = mpm
                state.loadedMPMLocation = call.location
            } else if name == Directives.labExercisesModule {
                // MPMLab's one real loadable module: the labs' code exercises (see Directives+Lab).
                guard call.arguments.count == 2 else {
                    throw DirectiveError("LoadModule \(name) needs the file to load (libLabExercises.so)")
                }
                state.config.labExerciseModule = state.resolve(call.arguments[1])
            } else if ConfigState.builtInModules.contains(name) {
                state.config.notes.append("\(call.location): \(name) is built into mpmd; LoadModule has nothing to load.")
            } else {
                throw DirectiveError("Cannot load \(call.arguments.count == 2 ? call.arguments[1] : name) into server: mpmd has no module \(name) (it offers mpm_prefork_module, mpm_worker_module, mpm_event_module and status_module)")
            }
        },
    ]

    private static let handledByParser: @Sendable (inout ConfigState, DirectiveCall) throws(DirectiveError) -> Void = { _, _ in
        // Sections and includes change what is read next: ConfigParser handles them itself.
    }
}
