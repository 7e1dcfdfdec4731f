// The access log (CustomLog + LogFormat): one line per request, in a format string of `%`
// directives. mpmd understands the directives of Apache's common and combined formats and a
// few that matter for this course: `%P` (the pid that served the request) and `%{tid}P` (the
// thread), `%k` (keep-alive requests on this connection), `%D`/`%T` (time taken), `%X`
// (connection state after the response: `+` kept alive, `-` closed).
import Config
import HTTP
import Posix

public final class AccessLog: Sendable {
    let fd: FileDescriptor
    let ownsDescriptor: Bool
    let items: [Item]

    enum Item: Sendable, Equatable {
        case literal(String)
        case remoteHost, remoteLogname, remoteUser, time, requestLine, finalStatus, originalStatus
        case bytesCLF, bytes, requestHeader(String), responseHeader(String)
        case microseconds, seconds, pid, tid, keepAlives, connectionStatus
        case method, urlPath, query, proto, localPort, serverName, localIP
    }

    public init(destination: LogDestination, format: String) throws(SystemError) {
        switch destination {
        case .stderr:
            fd = .standardError
            ownsDescriptor = false
        case .file(let path):
            try FileSystem.makeDirectories(FileSystem.dirname(of: path))
            fd = try FileDescriptor.openForAppend(path)
            ownsDescriptor = true
        }
        items = Self.parse(format)
    }

    deinit { if ownsDescriptor { fd.close() } }

    /// What one log line needs to know.
    public struct Entry {
        public let request: HTTPRequest?
        public let requestLine: String
        public let status: Int
        public let bodyBytes: Int64
        public let responseHeaders: HTTPHeaders
        public let peer: SocketAddress
        public let local: SocketAddress
        public let startUs: Int64
        public let durationUs: Int64
        public let keepAlives: Int
        public let keptAlive: Bool
        public let serverName: String
    }

    public func write(_ e: Entry) {
        var line = ""
        for item in items { line += render(item, e) }
        line += "\n"
        try? fd.writeAll(Array(line.utf8))
    }

    func render(_ item: Item, _ e: Entry) -> String {
        switch item {
        case .literal(let s): s
        case .remoteHost: e.peer.host
        case .remoteLogname, .remoteUser: "-"
        case .time: "[" + WallClock.formatLocal(e.startUs / 1_000_000, "%d/%b/%Y:%H:%M:%S %z") + "]"
        case .requestLine: Self.escape(e.requestLine)
        case .finalStatus, .originalStatus: "\(e.status)"
        case .bytesCLF: e.bodyBytes == 0 ? "-" : "\(e.bodyBytes)"
        case .bytes: "\(e.bodyBytes)"
        case .requestHeader(let name): e.request?.headers[name].map(Self.escape) ?? "-"
        case .responseHeader(let name): e.responseHeaders[name].map(Self.escape) ?? "-"
        case .microseconds: "\(e.durationUs)"
        case .seconds: "\(e.durationUs / 1_000_000)"
        case .pid: "\(Process.id)"
        case .tid: "\(Process.threadID)"
        case .keepAlives: "\(e.keepAlives)"
        case .connectionStatus: e.keptAlive ? "+" : "-"
        case .method: e.request?.method ?? "-"
        case .urlPath: e.request?.rawPath ?? "-"
        case .query: e.request?.query.map { "?" + $0 } ?? ""
        case .proto: e.request.map { "\($0.version)" } ?? "-"
        case .localPort: "\(e.local.port)"
        case .serverName: e.serverName
        case .localIP: e.local.host
        }
    }

    /// Apache escapes quotes, backslashes and control characters in logged strings.
    static func escape(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out += "\\\""
            case UInt8(ascii: "\\"): out += "\\\\"
            case 0..<0x20, 0x7f: out += "\\x" + String(b, radix: 16).leftPadded(2)
            default: out.unicodeScalars.append(Unicode.Scalar(b))
            }
        }
        return out
    }

    static func parse(_ format: String) -> [Item] {
        var items: [Item] = []
        var literal = ""
        let chars = Array(format)
        var i = 0
        func flush() { if !literal.isEmpty { items.append(.literal(literal)); literal = "" } }
        while i < chars.count {
            let c = chars[i]
            guard c == "%", i + 1 < chars.count else {
                if c == "\\", i + 1 < chars.count, chars[i + 1] == "n" { literal += "\n"; i += 2; continue }
                if c == "\\", i + 1 < chars.count, chars[i + 1] == "t" { literal += "\t"; i += 2; continue }
                literal.append(c); i += 1; continue
            }
            i += 1
            var argument: String?
            if chars[i] == "{", let close = chars[i...].firstIndex(of: "}") {
                argument = String(chars[(i + 1)..<close])
                i = close + 1
            }
            while i < chars.count, chars[i] == ">" || chars[i] == "<" { i += 1 }   // %>s
            guard i < chars.count else { break }
            let d = chars[i]
            i += 1
            let item: Item? = switch d {
            case "h", "a": .remoteHost
            case "l": .remoteLogname
            case "u": .remoteUser
            case "t": .time
            case "r": .requestLine
            case "s": .finalStatus
            case "b": .bytesCLF
            case "B": .bytes
            case "i": argument.map { .requestHeader($0) }
            case "o": argument.map { .responseHeader($0) }
            case "D": .microseconds
            case "T": .seconds
            case "P": argument == "tid" ? .tid : .pid
            case "k": .keepAlives
            case "X": .connectionStatus
            case "m": .method
            case "U": .urlPath
            case "q": .query
            case "H": .proto
            case "p": .localPort
            case "v", "V": .serverName
            case "A": .localIP
            case "%": .literal("%")
            default: .literal("-")
            }
            flush()
            if let item { items.append(item) }
        }
        flush()
        return items
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
