// Logging directives (core's ErrorLog and LogLevel, mod_log_config's CustomLog and LogFormat).
// In the foreground mpmd writes its error log to stderr unless ErrorLog names a file: a
// student running `mpmd -f conf/mpmd.conf` sees the master's messages in the terminal.

extension Directives {
    static let logging: [DirectiveSpec] = [
        DirectiveSpec(
            "ErrorLog", syntax: "ErrorLog file-path", default: "stderr (Apache: logs/error_log)",
            arity: .one, summary: "The filename of the error log",
            en: "Where the master and the children write their messages: startup notes, warnings, crashed children. A relative path is under ServerRoot; `/dev/stderr` keeps them in the terminal.",
            fr: "L'endroit où le maître et les enfants écrivent leurs messages : notes de démarrage, avertissements, enfants morts. Un chemin relatif est pris sous ServerRoot ; `/dev/stderr` les garde dans le terminal."
        ) { state, call throws(DirectiveError) in
            state.config.errorLog = try state.logDestination(call.arguments[0], directive: "ErrorLog")
        },
        DirectiveSpec(
            "LogLevel", syntax: "LogLevel [module:]level [module:level] ...", default: "warn",
            arity: .oneOrMore, summary: "Level of verbosity in error logging",
            en: "The least severe messages written to the error log, from `emerg` to `trace8`. `info` shows the MPM's spawn decisions; `debug` shows much more.",
            fr: "Les messages les moins graves écrits dans le journal d'erreurs, de `emerg` à `trace8`. `info` montre les décisions de création de processus du MPM ; `debug` en montre bien plus."
        ) { state, call throws(DirectiveError) in
            for argument in call.arguments {
                let parts = argument.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                guard let level = LogLevel(rawValue: String(parts.last!).lowercased()) else {
                    throw DirectiveError("LogLevel requires level keyword: one of "
                        + LogLevel.allCases.map(\.rawValue).joined(separator: "/"))
                }
                if parts.count == 2 {
                    state.config.moduleLogLevels[String(parts[0])] = level
                } else {
                    state.config.logLevel = level
                }
            }
        },
        DirectiveSpec(
            "LogFormat", syntax: "LogFormat format|nickname [nickname]", default: "\"%h %l %u %t \\\"%r\\\" %>s %b\"",
            arity: .oneOrTwo, summary: "a log format string (see docs) and an optional format name",
            en: "Defines an access-log format, and with a second argument gives it a nickname CustomLog can use (`common`, `combined`). `%P` (process id) and `%{tid}P` (thread id) show which worker served each request.",
            fr: "Définit un format de journal d'accès et, avec un second argument, lui donne un surnom utilisable par CustomLog (`common`, `combined`). `%P` (identifiant de processus) et `%{tid}P` (identifiant de thread) montrent quel worker a servi chaque requête."
        ) { state, call throws(DirectiveError) in
            if call.arguments.count == 2 {
                state.config.logFormats[call.arguments[1]] = call.arguments[0]
            } else {
                state.config.defaultLogFormat = call.arguments[0]
            }
        },
        DirectiveSpec(
            "CustomLog", syntax: "CustomLog file-path format|nickname",
            arity: .two, summary: "a file name and a custom log format string or format name",
            en: "Writes an access log: one line per request, in the given format or LogFormat nickname. A relative path is under ServerRoot.",
            fr: "Écrit un journal d'accès : une ligne par requête, dans le format donné ou selon un surnom défini par LogFormat. Un chemin relatif est pris sous ServerRoot."
        ) { state, call throws(DirectiveError) in
            let destination = try state.logDestination(call.arguments[0], directive: "CustomLog")
            state.customLogs.append((destination, call.arguments[1], call.location))
        },
    ]
}
