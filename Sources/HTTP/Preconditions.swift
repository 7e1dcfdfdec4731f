// Conditional requests (RFC 9110 §13): the client says what version it already has, and the
// server answers "Not Modified" (304, no body) or "Precondition Failed" (412) instead of
// resending it. Versions are named by validators: an entity tag (ETag), exact and opaque,
// or the Last-Modified date, which is only precise to the second. The RFC fixes the order in
// which the four conditional fields are evaluated, and that order is the code below.

/// An entity tag, `"opaque"` or weak `W/"opaque"`.
public struct ETag: Sendable, Equatable, CustomStringConvertible {
    public var opaque: String
    public var isWeak: Bool

    public init(opaque: String, isWeak: Bool = false) {
        self.opaque = opaque
        self.isWeak = isWeak
    }

    /// Apache's default (`FileETag MTime Size`): size and mtime in hex, `"<size>-<mtime µs>"`.
    /// Apache makes it weak when the file changed less than a second before the request,
    /// since a second write within the same second would keep the same tag.
    public static func forFile(size: Int64, modifiedMicroseconds: Int64, weak: Bool = false) -> ETag {
        ETag(opaque: String(size, radix: 16) + "-" + String(modifiedMicroseconds, radix: 16), isWeak: weak)
    }

    public var description: String { (isWeak ? "W/" : "") + "\"" + opaque + "\"" }

    /// Strong comparison: both strong and identical (used by If-Match and If-Range).
    public func strongMatch(_ other: ETag) -> Bool { !isWeak && !other.isWeak && opaque == other.opaque }

    /// Weak comparison: identical opaque parts (used by If-None-Match).
    public func weakMatch(_ other: ETag) -> Bool { opaque == other.opaque }

    /// The tags of an `If-Match` / `If-None-Match` list, or nil for `*`.
    static func list(_ value: String) -> [ETag]? {
        if value.trimmingHTTPWhitespace() == "*" { return nil }
        var tags: [ETag] = []
        var bytes = Array(value.utf8)[...]
        while true {
            while let b = bytes.first, b == .space || b == .tab || b == UInt8(ascii: ",") { bytes = bytes.dropFirst() }
            guard !bytes.isEmpty else { return tags }
            var weak = false
            if bytes.starts(with: "W/".utf8) { weak = true; bytes = bytes.dropFirst(2) }
            guard bytes.first == UInt8(ascii: "\""),
                  let close = bytes.dropFirst().firstIndex(of: UInt8(ascii: "\"")) else { return tags }
            tags.append(ETag(opaque: String(decoding: bytes[(bytes.startIndex + 1)..<close], as: UTF8.self), isWeak: weak))
            bytes = bytes[(close + 1)...]
        }
    }
}

/// The outcome of evaluating a request's preconditions.
public enum PreconditionResult: Sendable, Equatable {
    case proceed
    case notModified
    case preconditionFailed
}

public enum Preconditions {
    /// RFC 9110 §13.2.2 for an existing resource with these validators.
    /// `lastModified` is in Unix seconds.
    public static func evaluate(method: String, headers: HTTPHeaders,
                                etag: ETag?, lastModified: Int64?) -> PreconditionResult {
        let isGetOrHead = method == "GET" || method == "HEAD"
        // 1. If-Match: the client's copy must be exactly the current one.
        if let ifMatch = headers["If-Match"] {
            if let tags = ETag.list(ifMatch) {
                guard let etag, tags.contains(where: { $0.strongMatch(etag) }) else { return .preconditionFailed }
            }
        } else if let since = headers["If-Unmodified-Since"].flatMap(HTTPDate.parse), let lastModified {
            // 2. If-Unmodified-Since, only when there is no If-Match.
            if lastModified > since { return .preconditionFailed }
        }
        // 3. If-None-Match: the client already has this version.
        if let ifNoneMatch = headers["If-None-Match"] {
            let matches: Bool
            if let tags = ETag.list(ifNoneMatch) {
                matches = etag.map { current in tags.contains { $0.weakMatch(current) } } ?? false
            } else {
                matches = true
            }
            if matches { return isGetOrHead ? .notModified : .preconditionFailed }
        } else if isGetOrHead, let since = headers["If-Modified-Since"].flatMap(HTTPDate.parse),
                  let lastModified {
            // 4. If-Modified-Since, only for GET/HEAD and only without If-None-Match.
            if lastModified <= since { return .notModified }
        }
        return .proceed
    }

    /// Whether a `Range` header may be honoured given `If-Range` (RFC 9110 §13.1.5): the
    /// validator must match strongly, else the client gets the whole, current representation.
    public static func rangeApplies(ifRange: String?, etag: ETag?, lastModified: Int64?) -> Bool {
        guard let ifRange = ifRange?.trimmingHTTPWhitespace() else { return true }
        if ifRange.hasPrefix("\"") || ifRange.hasPrefix("W/") {
            guard let etag, let tag = ETag.list(ifRange)?.first else { return false }
            return tag.strongMatch(etag)
        }
        guard let date = HTTPDate.parse(ifRange), let lastModified else { return false }
        return date == lastModified
    }
}
