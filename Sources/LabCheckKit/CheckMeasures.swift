// Values a check measured (the most children seen, the idle count after a burst...), handed to
// the grader for the report's <measure> elements: the instructor sees what the server did, not
// only pass or fail. They go to the results folder the grader names in MPMLAB_RESULTS (see
// GradingProtocol), one MeasureLine each, appended with a single write so that checks running
// in parallel never interleave their lines. Without MPMLAB_RESULTS (a plain `swift test`),
// recording does nothing. Answer checks record nothing: their measured values are the answers.
import GradingProtocol
import Posix

public enum CheckMeasures {
    /// Records `value` for `check` (its lab.xml id).
    public static func record(_ check: String, _ name: String, _ value: Double, unit: String? = nil) {
        ResultsFolder.append(MeasureLine(check: check, name: name, value: value, unit: unit).line, to: ResultFiles.measures)
    }

    public static func record(_ check: String, _ name: String, _ value: Int, unit: String? = nil) {
        record(check, name, Double(value), unit: unit)
    }
}

/// The results folder of a grading or checking run, when there is one.
enum ResultsFolder {
    static var path: String? { Process.environment(ResultFiles.environmentKey) }

    static func append(_ line: String, to name: String) {
        guard let folder = path, let fd = try? FileDescriptor.openForAppend(folder + "/" + name) else { return }
        defer { fd.close() }
        try? fd.writeAll(Array(line.utf8))
    }
}
