// From the path of a request-target to the path a handler may map onto the file system.
// This is where directory traversal is stopped, so it follows Apache 2.4.51+ step by step:
// first normalise (decode only unreserved escapes such as %2e, merge `//`, resolve `.` and
// `..`, refuse to climb above `/`: 400), then decode the remaining escapes, refusing an
// encoded slash or NUL (404, as `AllowEncodedSlashes Off`) and any malformed escape (400).
// Decoding %2e *before* resolving `..` is the fix for CVE-2021-41773: doing it after let
// `/.%2e/.%2e/etc/passwd` walk out of the document root.

public enum URIPath {
    /// The decoded, normalised path, always starting with `/`.
    public static func decode(_ rawPath: String) throws(HTTPError) -> String {
        if isAlreadyNormal(rawPath) { return rawPath }
        let normalised = try normalise(Array(rawPath.utf8))
        return String(decoding: try percentDecode(normalised), as: UTF8.self)
    }

    /// Most paths have nothing to decode or resolve: no `%`, no `//`, no `/.` segment. Those
    /// are their own normal form, and are returned without building anything.
    static func isAlreadyNormal(_ path: String) -> Bool {
        var previous: UInt8 = 0
        var first = true
        for byte in path.utf8 {
            if first {
                guard byte == UInt8(ascii: "/") else { return false }
                first = false
            }
            if byte == UInt8(ascii: "%") { return false }
            if previous == UInt8(ascii: "/") && (byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".")) { return false }
            previous = byte
        }
        return !first
    }

    /// `ap_normalize_path(path, NOT_ABOVE_ROOT | DECODE_UNRESERVED | MERGE_SLASHES)`.
    static func normalise(_ path: [UInt8]) throws(HTTPError) -> [UInt8] {
        guard path.first == UInt8(ascii: "/") else { throw HTTPError(400, "Invalid URI path") }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(path.count)
        var i = 0
        while i < path.count {
            let byte = path[i]
            if byte == UInt8(ascii: "%") {
                guard i + 2 < path.count, isHexDigit(path[i + 1]), isHexDigit(path[i + 2]) else {
                    throw HTTPError(400, "Invalid URI path: bad percent-encoding")
                }
                let value = UInt8(hexValue(path[i + 1]) << 4 | hexValue(path[i + 2]))
                if isUnreserved(value) {
                    decoded.append(value)
                } else {
                    decoded.append(contentsOf: path[i...(i + 2)])
                }
                i += 3
            } else {
                decoded.append(byte)
                i += 1
            }
        }
        let segments = decoded.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        var kept: [ArraySlice<UInt8>] = []
        var trailingSlash = false
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            if segment.isEmpty || segment.elementsEqual(".".utf8) {
                trailingSlash = isLast
            } else if segment.elementsEqual("..".utf8) {
                guard !kept.isEmpty else { throw HTTPError(400, "Invalid URI path: above the root") }
                kept.removeLast()
                trailingSlash = isLast
            } else {
                kept.append(segment)
                trailingSlash = false
            }
        }
        var result: [UInt8] = [UInt8(ascii: "/")]
        for (index, segment) in kept.enumerated() {
            if index > 0 { result.append(UInt8(ascii: "/")) }
            result.append(contentsOf: segment)
        }
        if trailingSlash && !kept.isEmpty { result.append(UInt8(ascii: "/")) }
        return result
    }

    /// `ap_unescape_url`: a bad escape is 400; `%2F` and `%00` are 404.
    static func percentDecode(_ path: [UInt8]) throws(HTTPError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(path.count)
        var forbidden = false
        var i = 0
        while i < path.count {
            if path[i] == UInt8(ascii: "%") {
                guard i + 2 < path.count, isHexDigit(path[i + 1]), isHexDigit(path[i + 2]) else {
                    throw HTTPError(400, "Invalid URI path: bad percent-encoding")
                }
                let value = UInt8(hexValue(path[i + 1]) << 4 | hexValue(path[i + 2]))
                if value == 0 || value == UInt8(ascii: "/") { forbidden = true }
                out.append(value)
                i += 3
            } else {
                out.append(path[i])
                i += 1
            }
        }
        if forbidden { throw HTTPError(404, "found %2f (encoded '/') or %00 in URI path") }
        return out
    }

    /// RFC 3986 unreserved characters: decoding them never changes a URI's meaning.
    private static func isUnreserved(_ b: UInt8) -> Bool {
        isAlphaNumeric(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
            || b == UInt8(ascii: "_") || b == UInt8(ascii: "~")
    }
}
