// Range requests: `Range: bytes=0-99` asks for part of a representation, which is how a
// download resumes or a video player seeks. Three forms exist for one range: first-last,
// first- (to the end) and -suffix (the last N bytes); a header may list several. A header
// that does not parse is ignored (RFC 9110 §14.2): the whole representation is sent.
//
// The rules are Apache's (`ap_set_byterange` in byterange_filter.c), measured against it in
// bench/CONFORMANCE.md: numbers are plain digits (no blank, no sign: `0-1, 3-4` is ignored
// whole), empty items between commas are skipped, a range is merged with the one before it
// when they overlap or touch (`0-5,3-9` is `0-9`; `0-` alone swallows every other range),
// ranges past the end are dropped (416 when none is left), and the header is ignored when
// the ranges add up to more than the representation, or when there are more than 200 of
// them, or more than 20 merges or backward steps — the limits that closed CVE-2011-3192,
// where overlapping ranges made Apache build gigabytes of response from a small file.
// Several ranges are answered with a `multipart/byteranges` body (see `MultipartByteRanges`).

/// What to send for a `Range` header.
public enum RangeDecision: Sendable, Equatable {
    /// Send the whole representation with 200.
    case full
    /// Send bytes `first...last` (inclusive) with 206 and `Content-Range`.
    case partial(first: Int64, last: Int64)
    /// Send these ranges, in this order, as a 206 `multipart/byteranges` body.
    case multipart([ClosedRange<Int64>])
    /// Send 416 (Apache sends no `Content-Range` with it).
    case unsatisfiable
}

public enum ByteRange {
    /// Apache's MaxRanges, MaxRangeOverlaps and MaxRangeReversals defaults.
    static let maxRanges = 200, maxOverlaps = 20, maxReversals = 20

    /// Evaluates a `Range` header against a representation of `length` bytes.
    /// The caller checks `If-Range` first, with `Preconditions.rangeApplies`.
    public static func evaluate(_ header: String?, length: Int64) -> RangeDecision {
        guard let header, length > 0 else { return .full }
        let bytes = Array(header.utf8)
        guard bytes.count >= 6, HTTPBytes.equalsIgnoringCase(bytes[0..<6], "bytes=") else { return .full }
        var ranges: [ClosedRange<Int64>] = []
        var current: ClosedRange<Int64>?          // the range being merged into
        var unsatisfiable = false, overlaps = 0, reversals = 0, total: Int64 = 0
        var items = bytes[6...].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)[...]
        // Apache's ap_getword skips runs of commas after an item, but an empty first item
        // (`bytes=,0-1`) ends the list at once.
        if items.first?.isEmpty == true { items = [] }
        for item in items where !item.isEmpty {
            guard let dash = item.firstIndex(of: UInt8(ascii: "-")) else { return .full }
            var start: Int64, end: Int64
            if dash == item.startIndex {
                // -N: the last N bytes; `-0` (or `-`) asks for nothing and voids the header.
                guard let suffix = number(item[(dash + 1)...]), suffix >= 1 else { return .full }
                start = max(0, length - suffix)
                end = length - 1
            } else {
                guard let first = number(item[..<dash]) else { return .full }
                start = first
                if dash + 1 < item.endIndex {
                    guard let last = number(item[(dash + 1)...]), last >= first else { return .full }
                    end = min(last, length - 1)
                } else if first == 0 {
                    // `0-` is the whole representation: every other range is dropped.
                    return .partial(first: 0, last: length - 1)
                } else {
                    end = length - 1
                }
            }
            if start >= length {
                unsatisfiable = true
                continue
            }
            guard let open = current else {
                current = start...end
                continue
            }
            var lower = open.lowerBound, upper = open.upperBound, merged = false
            if start >= lower && end <= upper { merged = true }
            if start < lower && end >= lower - 1 {
                lower = start
                reversals += 1
                merged = true
            }
            if end >= upper && start <= upper + 1 {
                upper = end
                merged = true
            }
            if merged {
                overlaps += 1
                current = lower...upper
            } else {
                ranges.append(open)
                total += open.upperBound - open.lowerBound + 1
                current = start...end
            }
        }
        if let open = current {
            ranges.append(open)
            total += open.upperBound - open.lowerBound + 1
        } else if unsatisfiable {
            return .unsatisfiable
        }
        guard !ranges.isEmpty, total <= length, ranges.count <= maxRanges,
              overlaps <= maxOverlaps, reversals <= maxReversals else { return .full }
        if ranges.count == 1 { return .partial(first: ranges[0].lowerBound, last: ranges[0].upperBound) }
        return .multipart(ranges)
    }

    /// A number of digits only, fitting 64 bits.
    private static func number(_ digits: ArraySlice<UInt8>) -> Int64? {
        FramingRules.contentLength(digits)
    }

    /// `Content-Range` for a 206: `bytes 0-99/1000`.
    public static func contentRange(first: Int64, last: Int64, length: Int64) -> String {
        "bytes \(first)-\(last)/\(length)"
    }
}
