// File extension → media type, the job of Apache's mod_mime. The table starts from a small
// built-in list (so a server with no `mime.types` still labels its HTML and CSS), then the
// `TypesConfig` file (Apache's format: a type, then its extensions, `#` comments), then the
// `AddType` directives, each later source overriding the earlier ones for the same extension.

public struct MIMETypes: Sendable, Equatable {
    /// Lower-case extension without the dot → media type.
    public private(set) var types: [String: String]

    public init(types: [String: String] = [:]) {
        self.types = types
    }

    public func mimeType(forExtension ext: String) -> String? {
        types[ArgumentParsing.normalizedExtension(ext)]
    }

    /// The type for a file name, from its last extension (`report.tar.gz` → `gz`).
    public func mimeType(forPath path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return mimeType(forExtension: String(name[name.index(after: dot)...]))
    }

    mutating func add(type: String, extensions: [String]) {
        for ext in extensions { types[ArgumentParsing.normalizedExtension(ext)] = type.lowercased() }
    }

    /// Reads a file in `mime.types` format into this table.
    mutating func load(mimeTypesFile text: String) {
        for line in ConfigLexer.lines(of: text, file: "") {
            let words = ConfigLexer.words(line.text)
            guard words.count > 1 else { continue }
            add(type: words[0], extensions: Array(words.dropFirst()))
        }
    }

    /// Enough for the course site and the labs when no `mime.types` file is found.
    public static let builtIn = MIMETypes(types: [
        "html": "text/html", "htm": "text/html", "css": "text/css", "js": "text/javascript",
        "mjs": "text/javascript", "json": "application/json", "xml": "application/xml",
        "txt": "text/plain", "csv": "text/csv", "md": "text/markdown",
        "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "gif": "image/gif", "webp": "image/webp", "ico": "image/vnd.microsoft.icon",
        "woff": "font/woff", "woff2": "font/woff2", "pdf": "application/pdf",
        "wasm": "application/wasm", "zip": "application/zip", "gz": "application/gzip",
    ])
}
