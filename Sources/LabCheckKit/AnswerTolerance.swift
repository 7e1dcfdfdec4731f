// Answers that are measurements of the student's own run: memory sizes, waiting times, the
// most children seen during a burst. No two runs give the same number, so such an answer is
// compared with what the check measured in the same experiment within an allowed distance —
// stated in the lab, so the student knows how close is close enough.

extension AnswersFile {
    /// Why the answer to `key` is not within `allowed` of `measured` (nil when it is). The
    /// measured value stays out of the message: it is the answer.
    public func mismatch(_ key: String, near measured: Int, within allowed: Int) -> String? {
        guard let given = self[key] else { return "answers.txt has no valid answer for \"\(key)\"" }
        guard case .integer(let n) = given, abs(n - measured) <= allowed else {
            return "answers.txt line \(lines[key] ?? 0): \(key) = \(given) is further than allowed from what the running server shows"
        }
        return nil
    }

    /// The same with the allowed distance a fraction of the measured value (0.5: within 50 %),
    /// and at least `floor`.
    public func mismatch(_ key: String, near measured: Int, fraction: Double, floor: Int = 0) -> String? {
        mismatch(key, near: measured, within: max(floor, Int((Double(abs(measured)) * fraction).rounded())))
    }
}
