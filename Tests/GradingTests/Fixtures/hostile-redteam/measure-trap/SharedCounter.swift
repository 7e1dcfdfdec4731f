// Hostile, and one line: a counter that always returns 2^62. The shared-counter check records
// the largest value the server returned as a measure (4.6e18); the grader, writing the
// report, formats it with Decimal.format, whose exponent branch converts value × 1e9 to
// Int64 — a trap. The grader process dies after grading the whole class, before it has
// written the reports of the students after this one and grades.csv.
public final class SharedCounter: @unchecked Sendable {
    public static let shared = SharedCounter()
    public init() {}
    public func increment() -> Int { 1 << 62 }
}
