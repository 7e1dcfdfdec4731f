// Reference solutions live in the exercise files between `// BEGIN SOLUTION` and
// `// END SOLUTION` (nbgrader's convention, in Swift comments). The starter kit keeps
// everything else and leaves, in place of each region, one `// YOUR CODE HERE` line at the
// region's indentation; the code around a region must still compile without it, which the
// starter's verification builds to prove. Unbalanced markers are an error with a line number,
// never a guess.

public enum SolutionStripper {
    public static let begin = "// BEGIN SOLUTION"
    public static let end = "// END SOLUTION"
    public static let placeholder = "// YOUR CODE HERE"

    public struct MarkerError: Error, Equatable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "\(line): \(message)" }
    }

    /// Whether some line of `source` is a marker (a comment line starting with one).
    public static func hasMarkers(_ source: String) -> Bool {
        source.split(separator: "\n").contains { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            return trimmed.hasPrefix(begin) || trimmed.hasPrefix(end)
        }
    }

    /// `source` without its solution regions, and how many there were.
    public static func strip(_ source: String) throws(MarkerError) -> (text: String, regions: Int) {
        var out: [Substring] = []
        var openedAt: Int?
        var regions = 0
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix(begin) {
                if let openedAt { throw MarkerError(line: index + 1, message: "BEGIN SOLUTION inside the region opened on line \(openedAt)") }
                openedAt = index + 1
                out.append(line.prefix { $0 == " " || $0 == "\t" } + placeholder)
            } else if trimmed.hasPrefix(end) {
                guard openedAt != nil else { throw MarkerError(line: index + 1, message: "END SOLUTION without a BEGIN SOLUTION") }
                openedAt = nil
                regions += 1
            } else if openedAt == nil {
                out.append(line)
            }
        }
        if let openedAt { throw MarkerError(line: openedAt, message: "BEGIN SOLUTION is never closed") }
        return (out.joined(separator: "\n"), regions)
    }
}
