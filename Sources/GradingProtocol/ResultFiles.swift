// The contract between the trusted processes of a grading run: the checks (the test bundle),
// the supervisor that runs them inside the sandbox, and the grader that reads what they wrote.
// Everything goes into one results folder, which only trusted processes can reach: inside the
// sandbox it is open on descriptor 3 of the supervisor and of the test bundle (never mounted,
// never inherited by a student's process), so its path there is /proc/self/fd/3.
// Console output is kept for people to read; it never decides a verdict.

public enum ResultFiles {
    /// Environment variable naming the results folder, for the checks.
    public static let environmentKey = "MPMLAB_RESULTS"
    /// The descriptor the results folder is open on inside a sandbox.
    public static let descriptor: Int32 = 3
    public static let sandboxPath = "/proc/self/fd/3"

    /// XCTest's verdicts, one line per finished test (see VerdictLine), written by an
    /// observer inside the test bundle.
    public static let xctestVerdicts = "xctest.verdicts"
    /// Swift Testing's xUnit file, written by the testing library inside the test bundle: one
    /// per phase, `swift-testing….xml` (see isSwiftTestingXUnit).
    public static let swiftTestingXUnit = "swift-testing.xml"

    /// Whether a file of the results folder is one of Swift Testing's xUnit files.
    public static func isSwiftTestingXUnit(_ name: String) -> Bool {
        name.hasPrefix("swift-testing") && name.hasSuffix(".xml")
    }
    /// What the checks measured (see MeasureLine).
    public static let measures = "measures.tsv"
    /// The student's exercise module build (compiler output).
    public static let buildLog = "build.log"
    // The consoles of the test phases, for people, are PHASE.log.
    /// The supervisor's account of each phase (see PhaseLine).
    public static let phases = "phases.tsv"
}

/// Tab-separated fields with tabs, newlines and backslashes escaped, so that any message fits
/// on one line.
public enum FieldCodec {
    public static func encode(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: "\t")
    }

    public static func decode(_ line: Substring) -> [String] {
        line.split(separator: "\t", omittingEmptySubsequences: false).map(unescape)
    }

    static func escape(_ field: String) -> String {
        var out = ""
        for c in field {
            switch c {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.append(c)
            }
        }
        return out
    }

    static func unescape(_ field: Substring) -> String {
        var out = ""
        var escaping = false
        for c in field {
            if escaping {
                switch c {
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "r": out.append("\r")
                default: out.append(c)
                }
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}

/// One finished XCTest test: `verdict TAB Suite.testName TAB message TAB message…`.
public struct VerdictLine: Sendable, Equatable {
    public enum Verdict: String, Sendable { case passed, failed, skipped }
    public var verdict: Verdict
    /// `Suite.testName`, as XCTest names it (without the target).
    public var test: String
    public var messages: [String]

    public init(verdict: Verdict, test: String, messages: [String]) {
        self.verdict = verdict
        self.test = test
        self.messages = messages
    }

    public var line: String { FieldCodec.encode([verdict.rawValue, test] + messages) + "\n" }

    public init?(_ line: Substring) {
        let fields = FieldCodec.decode(line)
        guard fields.count >= 2, let verdict = Verdict(rawValue: fields[0]), !fields[1].isEmpty else { return nil }
        self.init(verdict: verdict, test: fields[1], messages: Array(fields.dropFirst(2)))
    }
}

/// One measured value: `check TAB name TAB value TAB unit`.
public struct MeasureLine: Sendable, Equatable {
    public var check: String
    public var name: String
    public var value: Double
    public var unit: String?

    public init(check: String, name: String, value: Double, unit: String?) {
        self.check = check
        self.name = name
        self.value = value
        self.unit = unit
    }

    public var line: String {
        let number = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        return FieldCodec.encode([check, name, number, unit ?? ""]) + "\n"
    }

    public init?(_ line: Substring) {
        let fields = FieldCodec.decode(line)
        guard fields.count >= 3, let value = Double(fields[2]), value.isFinite else { return nil }
        self.init(check: fields[0], name: fields[1], value: value, unit: fields.count > 3 && !fields[3].isEmpty ? fields[3] : nil)
    }
}

/// One phase of a sandboxed run, as the supervisor saw it end:
/// `phase TAB outcome TAB detail` — outcome `exited N`, `signal N` or `timeout`.
public struct PhaseLine: Sendable, Equatable {
    public var phase: String
    public var outcome: String
    public var detail: String

    public init(phase: String, outcome: String, detail: String = "") {
        self.phase = phase
        self.outcome = outcome
        self.detail = detail
    }

    public var line: String { FieldCodec.encode([phase, outcome, detail]) + "\n" }

    public init?(_ line: Substring) {
        let fields = FieldCodec.decode(line)
        guard fields.count >= 2 else { return nil }
        self.init(phase: fields[0], outcome: fields[1], detail: fields.count > 2 ? fields[2] : "")
    }
}
