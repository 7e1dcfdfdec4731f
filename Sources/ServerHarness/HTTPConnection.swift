// A raw HTTP/1.1 client over one TCP connection: write exactly the bytes a test wants
// (malformed ones included), read responses with a deadline, and tell whether the server
// closed the connection. Every wait is bounded.
import HTTP
import Posix

public final class HTTPConnection {
    public let fd: FileDescriptor
    private var reader = ResponseReader()
    private var eof = false

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public init(_ address: SocketAddress) throws {
        fd = try Socket.connect(to: address)
    }

    deinit { fd.close() }

    public func send(_ text: String) throws { try fd.writeAll(Array(text.utf8)) }
    public func send(bytes: [UInt8]) throws { try fd.writeAll(bytes) }

    /// Sends a GET (or `method`) for `path` with HTTP/1.1 and a Host header.
    @discardableResult
    public func request(_ path: String, method: String = "GET", headers: [(String, String)] = [],
                        version: String = "HTTP/1.1", timeoutMs: Int = 10_000) throws -> HTTPClientResponse {
        var text = "\(method) \(path) \(version)\r\n"
        if !headers.contains(where: { $0.0.lowercased() == "host" }) { text += "Host: 127.0.0.1\r\n" }
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "\r\n"
        try send(text)
        if method == "HEAD" { reader.nextIsHead = true }
        return try readResponse(timeoutMs: timeoutMs)
    }

    /// Reads the next response, waiting at most `timeoutMs`.
    public func readResponse(timeoutMs: Int = 10_000) throws -> HTTPClientResponse {
        let deadline = MonotonicClock.nowMs() + Int64(timeoutMs)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            switch reader.next(atEndOfStream: eof) {
            case .response(let r): return r
            case .malformed(let why): throw Failure(description: "malformed response: \(why)")
            case .needMoreData:
                if eof { throw Failure(description: "connection closed before a complete response") }
            }
            let left = Int(deadline - MonotonicClock.nowMs())
            guard left > 0 else { throw Failure(description: "no complete response within \(timeoutMs) ms") }
            let events = try fd.poll(for: .readable, timeoutMs: left)
            if events.isEmpty { continue }
            switch try fd.read(into: buffer) {
            case .processed(0): eof = true
            case .processed(let n): reader.append(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            case .wouldBlock: continue
            }
        }
    }

    /// Waits up to `timeoutMs` for the server to close the connection; true if it did (EOF or
    /// reset), false if it stayed open (or sent data, which a test can read after).
    public func waitForClose(timeoutMs: Int) -> Bool {
        if eof { return true }
        guard let events = try? fd.poll(for: .readable, timeoutMs: timeoutMs), !events.isEmpty else { return false }
        var byte = [UInt8](repeating: 0, count: 1)
        let result = byte.withUnsafeMutableBytes { try? fd.read(into: $0) }
        switch result {
        case .processed(0)?, nil: eof = true; return true
        case .processed?:
            reader.append(byte)
            return false
        case .wouldBlock?: return false
        }
    }
}

extension TestServer {
    /// A new connection to this server.
    public func connect() throws -> HTTPConnection { try HTTPConnection(address) }

    /// One request on a new connection.
    public func get(_ path: String, headers: [(String, String)] = [], timeoutMs: Int = 10_000) throws -> HTTPClientResponse {
        let c = try connect()
        return try c.request(path, headers: headers + [("Connection", "close")], timeoutMs: timeoutMs)
    }

    /// `server-status?auto` as key -> value.
    public func status() throws -> [String: String] {
        var out: [String: String] = [:]
        for line in try get("/server-status?auto").text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            out[String(line[..<colon])] = String(line[line.index(after: colon)...]).trimmingCharacters()
        }
        return out
    }
}

/// A flat JSON object of numbers and strings (what the lab handler returns) as a dictionary.
public func parseFlatJSON(_ text: String) -> [String: String] {
    var out: [String: String] = [:]
    let body = text.trimmingCharacters().dropFirst().dropLast()
    for pair in body.split(separator: ",") {
        let parts = pair.split(separator: ":", maxSplits: 1)
        guard parts.count == 2 else { continue }
        let key = parts[0].trimmingCharacters().replacingQuotes()
        out[key] = parts[1].trimmingCharacters().replacingQuotes()
    }
    return out
}

extension StringProtocol {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }

    func replacingQuotes() -> String { String(filter { $0 != "\"" }) }
}
