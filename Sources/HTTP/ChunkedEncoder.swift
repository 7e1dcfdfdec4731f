// Writing a body whose length is unknown when the head goes out (a directory listing being
// generated, a status page): the chunked transfer coding frames each piece with its size, and
// a zero-size chunk marks the end, so the connection can carry another response afterwards.
// Only HTTP/1.1 clients understand it; an HTTP/1.0 client gets the body until the server closes.

/// The chunked transfer coding (RFC 9112 §7.1), for bodies whose length is not known when
/// the head is sent: each piece is prefixed with its size in hex, and a zero-size chunk ends
/// the body, so the connection can carry another response afterwards.
public enum ChunkedEncoder {
    /// One chunk: `SIZE-IN-HEX CRLF data CRLF`. Empty data gives no bytes, because an empty
    /// chunk would read as the end of the body.
    public static func chunk<Bytes: Collection>(_ data: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        guard !data.isEmpty else { return [] }
        var out = Array(String(data.count, radix: 16).utf8)
        out.append(contentsOf: [.cr, .lf])
        out.append(contentsOf: data)
        out.append(contentsOf: [.cr, .lf])
        return out
    }

    /// The last chunk with no trailers: `0 CRLF CRLF`.
    public static let end: [UInt8] = Array("0\r\n\r\n".utf8)
}
