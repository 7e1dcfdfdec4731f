// The request line, `METHOD SP request-target SP HTTP/x.y`, read the way Apache 2.4 does
// under its default `HttpProtocolOptions Strict`: single spaces only, no control characters,
// a method made of token characters, and a protocol of exactly `HTTP/` digit `.` digit with a
// major version from 1 to 9 (`HTTP/1.11` and `http/1.1` are 400; `HTTP/1.2` is read as 1.x).
// Everything wrong in the shape of the line is a 400; only an unknown method gets 501, and
// that is decided later, once the headers are in (Host is checked first).

enum RequestLine {
    static func parse(_ line: ArraySlice<UInt8>) throws(HTTPError) -> HTTPRequest {
        if line.contains(where: isControl) { throw .badRequestLine }
        let parts = line.split(separator: .space, omittingEmptySubsequences: false)
        // Two parts would be an HTTP/0.9 "simple request"; this server does not speak 0.9.
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else { throw .badRequestLine }
        let method = parts[0], target = parts[1], protocolName = parts[2]
        guard method.allSatisfy(isTokenChar) else { throw .badRequestLine }
        let version = try parseVersion(protocolName)
        let methodString = String(decoding: method, as: UTF8.self)
        let targetString = String(decoding: target, as: UTF8.self)
        guard RequestTarget.check(targetString, method: methodString) else { throw .badRequestLine }
        return HTTPRequest(method: methodString, target: targetString, version: version)
    }

    private static func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPError) -> HTTPVersion {
        let p = Array(bytes)
        guard p.count == 8, p[0..<5].elementsEqual("HTTP/".utf8), isDigit(p[5]), p[6] == UInt8(ascii: "."),
              isDigit(p[7]), p[5] != UInt8(ascii: "0")
        else { throw HTTPError(400, "HTTP Request Line; Unrecognized protocol") }
        return HTTPVersion(major: Int(p[5] - 0x30), minor: Int(p[7] - 0x30))
    }
}
