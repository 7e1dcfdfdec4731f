// Writing a response head into one buffer that each serving thread reuses: no header
// dictionary is built and no array is allocated per response. The status line of each status
// and the `Date` and `Server` lines are kept ready (the date changes once a second). Field
// order is Apache's: Date, Server, the handler's fields, Content-Length, the persistence
// fields (Keep-Alive, Connection), Content-Type.
import HTTP
import Posix

struct ResponseHeadWriter {
    private(set) var bytes: [UInt8] = []
    private var statusLines: [Int: [UInt8]] = [:]
    private var dateSecond: Int64 = -1
    private var dateAndServer: [UInt8] = []

    /// Replaces the buffer's content with the head of a response.
    mutating func write(status: Int, headers: HTTPHeaders, contentLength: Int64?, persistence: [HTTPField]) {
        bytes.removeAll(keepingCapacity: true)
        if let line = statusLines[status] {
            bytes.append(contentsOf: line)
        } else {
            let line = Array("HTTP/1.1 \(status) \(HTTPStatus.reason(status))\r\n".utf8)
            statusLines[status] = line
            bytes.append(contentsOf: line)
        }
        let now = WallClock.now()
        if now != dateSecond {
            dateSecond = now
            dateAndServer = Array("Date: \(HTTPDate.format(unixSeconds: now))\r\nServer: \(Version.serverHeader)\r\n".utf8)
        }
        bytes.append(contentsOf: dateAndServer)
        var contentType: String?
        for field in headers {
            if Self.same(field.name, "Content-Type") { contentType = field.value; continue }
            if Self.same(field.name, "Content-Length") { continue }
            append(field.name, field.value)
        }
        if let contentLength {
            bytes.append(contentsOf: "Content-Length: ".utf8)
            appendDecimal(contentLength)
            bytes.append(contentsOf: "\r\n".utf8)
        }
        for field in persistence { append(field.name, field.value) }
        if let contentType { append("Content-Type", contentType) }
        bytes.append(contentsOf: "\r\n".utf8)
    }

    /// Empties the buffer (an HTTP/0.9 response has no head).
    mutating func clear() {
        bytes.removeAll(keepingCapacity: true)
    }

    private mutating func append(_ name: String, _ value: String) {
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: ": ".utf8)
        bytes.append(contentsOf: value.utf8)
        bytes.append(contentsOf: "\r\n".utf8)
    }

    private mutating func appendDecimal(_ value: Int64) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = UInt64(max(0, value))
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[count] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
                count += 1
            } while n > 0
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(d[i]) }
        }
    }

    /// ASCII case-insensitive comparison of a field name with a known one.
    static func same(_ name: String, _ known: StaticString) -> Bool {
        let a = name.utf8
        guard a.count == known.utf8CodeUnitCount else { return false }
        var p = known.utf8Start
        for byte in a {
            if byte | 0x20 != p.pointee | 0x20 { return false }
            p += 1
        }
        return true
    }
}
