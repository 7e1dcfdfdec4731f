// The reader proper: it walks the logical lines of a file, keeps a stack of the sections
// opened in *that* file (a section must be closed in the file that opened it, as in Apache),
// skips the body of an <IfModule>/<IfDefine> whose test is false, follows Include, and hands
// every other line to its directive's handler. Errors carry the file and line they come from,
// including lines of an included file.
import Posix

struct ConfigParser {
    var state: ConfigState
    /// Include depth, to stop a file that includes itself (Apache's limit is 128 too).
    private var depth = 0
    static let maxIncludeDepth = 128

    init(state: ConfigState) {
        self.state = state
    }

    private struct OpenSection {
        let tag: String          // "IfModule", "IfDefine", "Location" (as the file spells it)
        let location: SourceLocation
    }

    // MARK: files

    /// Reads a configuration file; `display` is how errors name it.
    mutating func parseFile(_ path: String, display: String, includedFrom: SourceLocation?) throws(ConfigError) {
        let text: String
        do {
            text = try FileSystem.readText(path)
        } catch {
            let message = "Could not open configuration file \(path): \(error)"
            if let includedFrom { throw ConfigError(includedFrom, directive: "Include", message) }
            throw ConfigError(file: display, line: 0, directive: nil, message: message)
        }
        try parse(ConfigLexer.lines(of: text, file: display))
    }

    /// `Include` and `IncludeOptional`: a file, a directory (every file in it) or a wildcard.
    private mutating func include(_ call: DirectiveCall, optional: Bool) throws(ConfigError) {
        let pattern = state.resolve(call.arguments[0])
        var files: [String]
        if pattern.contains(where: { "*?[".contains($0) }) {
            files = ((try? FileSystem.glob(pattern)) ?? []).filter { !FileSystem.isDirectory($0) }
            if files.isEmpty && !optional {
                throw ConfigError(call.location, directive: call.name,
                                  "No matches for the wildcard '\(FileSystem.basename(of: pattern))' in '\(FileSystem.dirname(of: pattern))', failing")
            }
        } else if FileSystem.isDirectory(pattern) {
            guard let below = ConfigParser.filesBelow(pattern) else {
                throw ConfigError(call.location, directive: call.name,
                                  "Directory \(pattern) exceeds the maximum include directory nesting level of \(ConfigParser.maxIncludeDepth). You have probably a recursion somewhere.")
            }
            files = below
        } else if !FileSystem.exists(pattern) && optional {
            files = []
        } else {
            files = [pattern]
        }
        guard depth < ConfigParser.maxIncludeDepth else {
            throw ConfigError(call.location, directive: call.name,
                              "Exceeded the maximum include nesting level of \(ConfigParser.maxIncludeDepth) while including \(pattern). You have probably a recursion somewhere.")
        }
        depth += 1
        defer { depth -= 1 }
        for file in files {
            try parseFile(file, display: file, includedFrom: call.location)
        }
    }

    /// Every file under a directory, subdirectories included, in alphabetical order: what
    /// `Include conf.d` reads. Nil past 128 levels, as Apache (a symbolic link to a parent
    /// directory would otherwise recurse for ever).
    private static func filesBelow(_ directory: String, depth: Int = 0) -> [String]? {
        guard depth < maxIncludeDepth else { return nil }
        var files: [String] = []
        for name in (try? FileSystem.list(directory)) ?? [] {
            let path = directory + "/" + name
            if FileSystem.isDirectory(path) {
                guard let below = filesBelow(path, depth: depth + 1) else { return nil }
                files += below
            } else {
                files.append(path)
            }
        }
        return files
    }

    // MARK: lines

    /// Reads the lines of one file (or of the `-C`/`-c` directives).
    mutating func parse(_ lines: [ConfigLine]) throws(ConfigError) {
        var open: [OpenSection] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            // A NUL would cut every path and name at the operating system's edge (C strings):
            // `Include conf/\0x` would open `conf/`. Apache's line reader stops at it too.
            if line.text.utf8.contains(0) {
                throw ConfigError(line.location, directive: nil, "Syntax error: the line holds a NUL character")
            }
            let text = state.expandVariables(line.text, at: line.location)
            let words = ConfigLexer.words(text)
            guard let first = words.first else { continue }

            if first.hasPrefix("</") {
                let tag = String(first.dropFirst(2).filter { $0 != ">" })
                guard let top = open.last else {
                    throw ConfigError(line.location, directive: first, "</\(tag)> without matching <\(tag)> section")
                }
                guard top.tag.lowercased() == tag.lowercased() else {
                    throw ConfigError(line.location, directive: first, "Expected </\(top.tag)> but saw </\(tag)>")
                }
                open.removeLast()
                if tag.lowercased() == "location" { state.currentLocation = nil }
                continue
            }

            if first.hasPrefix("<") {
                let (tag, argument) = try sectionTag(text, at: line.location)
                let opened = OpenSection(tag: tag, location: line.location)
                switch tag.lowercased() {
                case "ifmodule", "ifdefine":
                    if try condition(tag: tag, argument, at: line.location) {
                        open.append(opened)
                    } else {
                        index = try skipSection(opened, lines: lines, from: index)
                    }
                case "location":
                    try openLocation(argument, at: line.location)
                    open.append(opened)
                default:
                    throw ConfigError(line.location, directive: "<" + tag, invalidCommand("<" + tag))
                }
                continue
            }

            try directive(DirectiveCall(name: first, arguments: Array(words.dropFirst()), location: line.location))
        }
        if let unclosed = open.last {
            throw ConfigError(unclosed.location, directive: "<" + unclosed.tag, "<\(unclosed.tag)> was not closed.")
        }
    }

    /// Splits `<Tag argument>` into the tag and its argument, which must end with `>`.
    private func sectionTag(_ text: String, at location: SourceLocation) throws(ConfigError) -> (String, String) {
        let afterBracket = text.dropFirst()
        let tagEnd = afterBracket.firstIndex(where: { ConfigLexer.isBlank($0.unicodeScalars.first!) || $0 == ">" }) ?? afterBracket.endIndex
        let tag = String(afterBracket[..<tagEnd])
        let rest = afterBracket[tagEnd...]
        guard let close = rest.lastIndex(of: ">") else {
            throw ConfigError(location, directive: "<" + tag, "<\(tag)> directive missing closing '>'")
        }
        let argument = ConfigLexer.trimmed(rest[..<close])
        if argument.isEmpty && ["ifmodule", "ifdefine", "location"].contains(tag.lowercased()) {
            throw ConfigError(location, directive: "<" + tag, "<\(tag)> directive requires additional arguments")
        }
        return (tag, argument)
    }

    /// The test of `<IfModule [!]name>` or `<IfDefine [!]NAME>`.
    private func condition(tag: String, _ argument: String, at location: SourceLocation) throws(ConfigError) -> Bool {
        let words = ConfigLexer.words(argument)
        guard words.count == 1 else {
            throw ConfigError(location, directive: "<" + tag, "<\(tag)> takes one argument, \(Directives.spec(named: "<" + tag)!.summary)")
        }
        var name = words[0]
        let negated = name.hasPrefix("!")
        if negated { name.removeFirst() }
        let present = tag.lowercased() == "ifmodule" ? state.isModuleLoaded(name) : state.defines.keys.contains(name)
        return present != negated
    }

    /// Moves past the body of a section whose test is false, checking its nesting.
    private func skipSection(_ section: OpenSection, lines: [ConfigLine], from start: Int) throws(ConfigError) -> Int {
        var nested: [String] = [section.tag]
        var index = start
        while index < lines.count {
            let words = ConfigLexer.words(lines[index].text)
            index += 1
            guard let first = words.first else { continue }
            if first.hasPrefix("</") {
                let tag = String(first.dropFirst(2).filter { $0 != ">" })
                guard tag.lowercased() == nested.last!.lowercased() else {
                    throw ConfigError(lines[index - 1].location, directive: first, "Expected </\(nested.last!)> but saw </\(tag)>")
                }
                nested.removeLast()
                if nested.isEmpty { return index }
            } else if first.hasPrefix("<") {
                nested.append(String(first.dropFirst().filter { $0 != ">" }))
            }
        }
        throw ConfigError(section.location, directive: "<" + section.tag, "<\(section.tag)> was not closed.")
    }

    private mutating func openLocation(_ argument: String, at location: SourceLocation) throws(ConfigError) {
        // <Location> is a server-config directive, and inside a <Location> only per-directory
        // directives are allowed: Apache's generic "not allowed here" (invoke_cmd).
        if state.currentLocation != nil {
            throw ConfigError(location, directive: "<Location", "<Location not allowed here")
        }
        let words = ConfigLexer.words(argument)
        guard words.count == 1 else {
            throw ConfigError(location, directive: "<Location", words.first == "~"
                ? "<Location ~ regex> is not supported by mpmd"
                : "<Location> takes one argument, \(Directives.spec(named: "<Location>")!.summary)")
        }
        state.config.locations.append(LocationConfig(path: words[0], location: location))
        state.currentLocation = state.config.locations.count - 1
    }

    // MARK: directives

    private func invalidCommand(_ name: String) -> String {
        "Invalid command '\(name)', perhaps misspelled or defined by a module not included in the server configuration"
    }

    private mutating func directive(_ call: DirectiveCall) throws(ConfigError) {
        func fail(_ message: String) -> ConfigError { ConfigError(call.location, directive: call.name, message) }
        guard let spec = Directives.spec(named: call.name), !spec.isSection else {
            throw fail(invalidCommand(call.name))
        }
        // Which MPM defines it? Apache only knows an MPM's directives once it is loaded.
        if !spec.mpms.isEmpty {
            if let mpm = state.loadedMPM {
                if !spec.mpms.contains(mpm) { throw fail(invalidCommand(call.name)) }
            } else if spec.mpms.count < MPMKind.allCases.count {
                // No MPM yet: fine if none is ever loaded (event is then preloaded and this
                // line read again), an error if a LoadModule comes later.
                if state.directiveBeforeMPM == nil { state.directiveBeforeMPM = fail(invalidCommand(call.name)) }
                return
            }
        }
        // Messages name the directive as the table spells it, as Apache's do (cmd->name).
        if state.currentLocation != nil && !spec.contexts.contains(.location) {
            throw fail("\(spec.name) not allowed here")
        }
        guard spec.arity.accepts(call.arguments.count) else {
            throw fail(spec.arity.message(for: spec.name, summary: spec.summary))
        }
        if spec.arity == .flag && ArgumentParsing.flag(call.arguments[0]) == nil {
            throw fail("\(spec.name) must be On or Off")
        }
        switch spec.name {
        case "Include": try include(call, optional: false)
        case "IncludeOptional": try include(call, optional: true)
        default:
            do throws(DirectiveError) {
                try spec.apply(&state, call)
            } catch {
                throw fail(error.message)
            }
        }
    }
}
