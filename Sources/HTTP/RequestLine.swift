// The request line, `METHOD SP request-target SP HTTP/x.y`, read the way Apache 2.4 does
// under its default `HttpProtocolOptions Strict`: single spaces only, no control characters,
// a method made of token characters, and a protocol of exactly `HTTP/` digit `.` digit with a
// major version from 1 to 9 (`HTTP/1.11` and `http/1.1` are 400; `HTTP/1.2` is read as 1.x).
// Everything wrong in the shape of the line is a 400; only an unknown method gets 501, and
// that is decided later, once the headers are in (Host is checked first).
//
// A line with no version at all (`GET /`) is an HTTP/0.9 "simple request", which Apache still
// answers by default (`Allow0.9`) — strictly: GET only, and the answer is the bare body.
// The line is read in place, as bytes: only the method and the target become Strings.

enum RequestLine {
    static func parse(_ line: UnsafeBufferPointer<UInt8>) throws(HTTPError) -> HTTPRequest {
        guard let firstSpace = line.firstIndex(of: .space), firstSpace > 0 else { throw .badRequestLine }
        let targetStart = firstSpace + 1
        var targetEnd = targetStart
        while targetEnd < line.count, line[targetEnd] != .space { targetEnd += 1 }
        guard targetEnd > targetStart else { throw .badRequestLine }
        let method = UnsafeBufferPointer(rebasing: line[..<firstSpace])
        let target = UnsafeBufferPointer(rebasing: line[targetStart..<targetEnd])
        let protocolName = targetEnd < line.count ? UnsafeBufferPointer(rebasing: line[(targetEnd + 1)...]) : nil
        for byte in line where isControl(byte) { throw .badRequestLine }
        for byte in method where !isTokenChar(byte) { throw .badRequestLine }

        let version: HTTPVersion
        if let protocolName, !protocolName.isEmpty {
            // A third space (`GET / HTTP/1.1 x`) leaves a space in the protocol: refused there.
            version = try parseVersion(protocolName)
        } else {
            // `GET /` or `GET / `: HTTP/0.9. Apache (strict) accepts it for GET only; `get`,
            // HEAD and POST are 400, answered with an ordinary HTTP/1.1 error.
            guard method.elementsEqual("GET".utf8) else {
                throw HTTPError(400, "HTTP Request Line; Invalid HTTP/0.9 method")
            }
            version = .http0_9
        }
        let isOptions = method.elementsEqual("OPTIONS".utf8)
        guard RequestTarget.check(target, isOptions: isOptions) else { throw .badRequestLine }
        return HTTPRequest(method: HTTPMethod.name(method), target: String(decoding: target, as: UTF8.self),
                           parts: RequestTarget.split(target), version: version)
    }

    private static func parseVersion(_ p: UnsafeBufferPointer<UInt8>) throws(HTTPError) -> HTTPVersion {
        guard p.count == 8, p[0] == UInt8(ascii: "H"), p[1] == UInt8(ascii: "T"), p[2] == UInt8(ascii: "T"),
              p[3] == UInt8(ascii: "P"), p[4] == UInt8(ascii: "/"), isDigit(p[5]), p[6] == UInt8(ascii: "."),
              isDigit(p[7]), p[5] != UInt8(ascii: "0")
        else { throw HTTPError(400, "HTTP Request Line; Unrecognized protocol") }
        return HTTPVersion(major: Int(p[5] - 0x30), minor: Int(p[7] - 0x30))
    }
}
