// Values a check measured (the most children seen, the idle count after a burst...), handed to
// the grader for the report's <measure> elements: the instructor sees what the server did, not
// only pass or fail. The grader names a file in MPMLAB_MEASURES; each measure is one line
// `check-id TAB name TAB value TAB unit`, appended with a single write so that checks running
// in parallel never interleave their lines. Without MPMLAB_MEASURES (a plain `swift test`),
// recording does nothing. Answer checks record nothing: their measured values are the answers.
import Posix

public enum CheckMeasures {
    /// Records `value` for `check` (its lab.xml id).
    public static func record(_ check: String, _ name: String, _ value: Double, unit: String? = nil) {
        guard let path = Process.environment("MPMLAB_MEASURES"),
              let fd = try? FileDescriptor.openForAppend(path) else { return }
        defer { fd.close() }
        let line = [check, name, format(value), unit ?? ""].joined(separator: "\t") + "\n"
        try? fd.writeAll(Array(line.utf8))
    }

    public static func record(_ check: String, _ name: String, _ value: Int, unit: String? = nil) {
        record(check, name, Double(value), unit: unit)
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
