// How a request says where its body ends: Content-Length, or Transfer-Encoding: chunked.
// Two framings in one message are the root of request smuggling, so the rules are strict:
// a length is digits only (no sign, no list, no blanks), and a transfer coding list must end
// in `chunked`, because only chunked lets the server find the end of the body by itself.

enum FramingRules {
    /// Apache's `ap_parse_strict_length`: one or more digits that fit a signed 64-bit integer.
    /// So `""`, `-1`, `+5`, `123abc`, `5, 5` (a duplicated field, merged) and 34 digits all fail.
    static func contentLength<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Int64? {
        guard !bytes.isEmpty else { return nil }
        var result: Int64 = 0
        for digit in bytes {
            guard isDigit(digit) else { return nil }
            let (times10, overflow1) = result.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int64(digit - 0x30))
            if overflow1 || overflow2 { return nil }
            result = sum
        }
        return result
    }

    /// Apache's `ap_is_chunked` over every Transfer-Encoding field: the last coding is
    /// `chunked` and it appears nowhere else (an empty coding, as in `gzip,,chunked`, fails).
    static func isChunked(_ headers: HTTPHeaders) -> Bool {
        var lastIsChunked = false, earlierFault = false
        headers.forEachListItem(of: "Transfer-Encoding") { coding in
            if lastIsChunked { earlierFault = true }          // `chunked` before another coding
            lastIsChunked = HTTPBytes.equalsIgnoringCase(coding, "chunked")
            if coding.isEmpty { earlierFault = true }
        }
        return lastIsChunked && !earlierFault
    }

    /// The size line of one chunk (CRLF removed), parsed as Apache's `parse_chunk_size` does:
    /// hex digits first (a leading blank or an empty line is an error), then at most 10 blanks
    /// (a leniency from RFC 2616's implied LWS), then optionally `;` and ignored extensions.
    /// More than 15 significant hex digits would overflow a 64-bit offset: 413.
    static func chunkSize(_ line: ArraySlice<UInt8>) throws(HTTPError) -> Int64 {
        guard let first = line.first, isHexDigit(first) else { throw .badChunk }
        enum State { case digits, blanks, extensions }
        var state = State.digits
        var value: Int64 = 0
        var bitsLeft = 60
        var blanks = 0
        for byte in line {
            if state == .extensions {
                if isControl(byte) && byte != .tab { throw .badChunk }
                continue
            }
            if byte == .semicolon {
                state = .extensions
            } else if byte == .space || byte == .tab {
                state = .blanks
                blanks += 1
                if blanks > 10 { throw .badChunk }
            } else if state == .blanks {
                throw .badChunk
            } else if value == 0 && byte == UInt8(ascii: "0") {
                continue                      // leading zeros do not count towards overflow
            } else {
                bitsLeft -= 4
                if bitsLeft < 0 { throw .chunkTooLarge }
                guard isHexDigit(byte) else { throw .badChunk }
                value = value << 4 | Int64(hexValue(byte))
            }
        }
        return value
    }
}
