// Range requests: `Range: bytes=0-99` asks for part of a representation, which is how a
// download resumes or a video player seeks. Three forms exist for one range: first-last,
// first- (to the end) and -suffix (the last N bytes). A range that starts beyond the end is
// unsatisfiable (416, with `Content-Range: bytes */LENGTH` so the client learns the length);
// a header that does not parse is ignored, as RFC 9110 §14.2 asks.
//
// Choice: a request for several ranges is answered with the whole body (200), which RFC 9110
// allows; Apache would build a multipart/byteranges body, which adds little to this course.

/// What to send for a `Range` header.
public enum RangeDecision: Sendable, Equatable {
    /// Send the whole representation with 200.
    case full
    /// Send bytes `first...last` (inclusive) with 206 and `Content-Range`.
    case partial(first: Int64, last: Int64)
    /// Send 416 with `Content-Range: bytes */LENGTH`.
    case unsatisfiable
}

public enum ByteRange {
    /// Evaluates a `Range` header against a representation of `length` bytes.
    /// The caller applies it to GET only, after checking `If-Range` with `Preconditions`.
    public static func evaluate(_ header: String?, length: Int64) -> RangeDecision {
        guard let header else { return .full }
        let text = header.trimmingHTTPWhitespace()
        guard text.utf8.count > 6, String(text.prefix(6)).asciiLowercased() == "bytes=" else { return .full }
        let specs = text.dropFirst(6).split(separator: ",", omittingEmptySubsequences: false)
            .map { String($0).trimmingHTTPWhitespace() }
        guard specs.count == 1, let spec = specs.first,
              let dash = spec.firstIndex(of: "-") else { return .full }
        let firstText = String(spec[..<dash]), lastText = String(spec[spec.index(after: dash)...])

        if firstText.isEmpty {
            // -N: the last N bytes. `-0` asks for nothing, which cannot be satisfied.
            guard let suffix = FramingRules.contentLength(lastText) else { return .full }
            guard suffix > 0, length > 0 else { return .unsatisfiable }
            return .partial(first: max(0, length - suffix), last: length - 1)
        }
        guard let first = FramingRules.contentLength(firstText) else { return .full }
        var last = length - 1
        if !lastText.isEmpty {
            guard let parsed = FramingRules.contentLength(lastText), parsed >= first else { return .full }
            last = min(parsed, length - 1)
        }
        guard first < length else { return .unsatisfiable }
        return .partial(first: first, last: last)
    }

    /// `Content-Range` for a 206: `bytes 0-99/1000`.
    public static func contentRange(first: Int64, last: Int64, length: Int64) -> String {
        "bytes \(first)-\(last)/\(length)"
    }

    /// `Content-Range` for a 416: `bytes */1000`.
    public static func unsatisfiedContentRange(length: Int64) -> String {
        "bytes */\(length)"
    }
}
