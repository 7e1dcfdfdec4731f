// What the students' kit leaves out, marked in the sources with nbgrader's conventions (in
// Swift comments): reference solutions between `// BEGIN SOLUTION` and `// END SOLUTION` in
// the exercise files, and the tests of hidden checks between `// BEGIN HIDDEN TESTS` and
// `// END HIDDEN TESTS` in the check targets. The kit keeps everything else and leaves, in
// place of each region, one placeholder line at the region's indentation; the code around a
// region must still compile without it, which the starter's verification builds to prove.
// Unbalanced markers are an error with a line number, never a guess.

public enum SolutionStripper {
    /// One kind of region: its two marker lines and the line left in its place.
    public struct Markers: Sendable, Equatable {
        /// What follows BEGIN and END: `SOLUTION`, `HIDDEN TESTS`.
        public let name: String
        public let placeholder: String
        public var begin: String { "// BEGIN " + name }
        public var end: String { "// END " + name }

        public static let solution = Markers(name: "SOLUTION", placeholder: "// YOUR CODE HERE")
        /// nbgrader's ClearHiddenTests removes these regions from the student version.
        public static let hiddenTests = Markers(name: "HIDDEN TESTS",
                                                placeholder: "// HIDDEN TESTS: graded when the work is handed in, not part of this kit")
    }

    public static let begin = Markers.solution.begin
    public static let end = Markers.solution.end
    public static let placeholder = Markers.solution.placeholder

    public struct MarkerError: Error, Equatable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "\(line): \(message)" }
    }

    /// Whether some line of `source` is a marker (a comment line starting with one).
    public static func hasMarkers(_ source: String, _ markers: Markers = .solution) -> Bool {
        source.split(separator: "\n").contains { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            return trimmed.hasPrefix(markers.begin) || trimmed.hasPrefix(markers.end)
        }
    }

    /// Whether `source` holds the placeholder of a region taken out (a kit's file).
    public static func hasPlaceholder(_ source: String, _ markers: Markers) -> Bool {
        source.split(separator: "\n").contains { $0.drop { $0 == " " || $0 == "\t" }.hasPrefix(markers.placeholder) }
    }

    /// `source` without its regions, and how many there were.
    public static func strip(_ source: String, _ markers: Markers = .solution) throws(MarkerError) -> (text: String, regions: Int) {
        var out: [Substring] = []
        var openedAt: Int?
        var regions = 0
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix(markers.begin) {
                if let openedAt { throw MarkerError(line: index + 1, message: "BEGIN \(markers.name) inside the region opened on line \(openedAt)") }
                openedAt = index + 1
                out.append(line.prefix { $0 == " " || $0 == "\t" } + markers.placeholder)
            } else if trimmed.hasPrefix(markers.end) {
                guard openedAt != nil else { throw MarkerError(line: index + 1, message: "END \(markers.name) without a BEGIN \(markers.name)") }
                openedAt = nil
                regions += 1
            } else if openedAt == nil {
                out.append(line)
            }
        }
        if let openedAt { throw MarkerError(line: openedAt, message: "BEGIN \(markers.name) is never closed") }
        return (out.joined(separator: "\n"), regions)
    }
}
