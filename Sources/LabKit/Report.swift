// A lab report: one student, one lab, the result of each check with the points it earned and
// the values it measured. The grader writes it, the site reads it. Reports are data, not prose:
// their messages are not translated — the bilingual feedback is looked up in the lab by check id.
import XML

public struct Report: Sendable, Equatable {
    public var lab: String
    /// ISO 8601 date and time, e.g. `2026-11-27T05:00:00Z` (sorts chronologically as text).
    public var date: String
    public var studentID: String
    public var studentName: String
    public var toolchain: String
    public var results: [CheckResult]
    /// How to reproduce this grading (kit commit, toolchain, kernel, command line...), as
    /// ordered name/value pairs; empty for a student's own `mpmlab check`.
    public var manifest: [ManifestEntry] = []
    /// What was taken from the student's folder, when a grader took it.
    public var submission: StagedSubmission?
    /// The compiler's message when the student's code did not compile (its checks failed;
    /// the lab's other checks were still judged, on the starter's code).
    public var buildFailure: String?
    /// Why nothing could be judged, when the grader itself could not grade the submission
    /// (no sandbox on this machine, a kit that would not build...): not the student's doing.
    public var gradingError: String?
    /// The file it was read from (empty for a report built in memory).
    public var file: String = ""

    public init(lab: String, date: String, studentID: String, studentName: String, toolchain: String, results: [CheckResult]) {
        self.lab = lab
        self.date = date
        self.studentID = studentID
        self.studentName = studentName
        self.toolchain = toolchain
        self.results = results
    }

    public var earned: Double { results.reduce(0) { $0 + $1.earned } }
    public var possible: Double { results.reduce(0) { $0 + $1.possible } }

    /// Reads a report from a document whose root is `<report>` (validated beforehand).
    public init(_ document: XMLDocument) {
        let root = document.root
        let student = root.element(named: "student")
        self.init(lab: root.attribute("lab") ?? "",
                  date: root.attribute("date") ?? "",
                  studentID: student?.attribute("id") ?? "",
                  studentName: student?.text.collapsingWhitespace() ?? "",
                  toolchain: root.element(named: "toolchain")?.text.collapsingWhitespace() ?? "",
                  results: root.elements(named: "result").map(CheckResult.init))
        manifest = root.element(named: "manifest")?.elements(named: "entry").map {
            ManifestEntry($0.attribute("name") ?? "", $0.text.trimmingWhitespace())
        } ?? []
        if let taken = root.element(named: "submission") {
            var staged = StagedSubmission()
            staged.files = taken.elements(named: "file").map {
                StagedSubmission.File(name: $0.attribute("name") ?? "", sha256: $0.attribute("sha256") ?? "",
                                      bytes: Int($0.attribute("bytes") ?? "") ?? 0)
            }
            staged.missing = taken.elements(named: "missing").map { $0.attribute("name") ?? "" }
            staged.problems = taken.elements(named: "problem").map { $0.text.trimmingWhitespace() }
            submission = staged
        }
        buildFailure = root.element(named: "build-failure")?.text
        gradingError = root.element(named: "grading-error")?.text
        file = document.file
    }

    /// The report as XML, valid against report.rng.
    public func xml() -> String {
        let doc = OutputDocument.xml(root: "report")
        let root = doc.root
        root.set("lab", lab)
        root.set("date", date)
        root.element("student", ["id": studentID], text: studentName)
        root.element("toolchain", text: toolchain)
        if !manifest.isEmpty {
            let m = root.element("manifest")
            for entry in manifest { m.element("entry", ["name": entry.name], text: entry.value) }
        }
        if let submission {
            let s = root.element("submission")
            for file in submission.files {
                s.element("file", ["name": file.name, "sha256": file.sha256, "bytes": "\(file.bytes)"])
            }
            for name in submission.missing { s.element("missing", ["name": name]) }
            for problem in submission.problems { s.element("problem", text: problem) }
        }
        if let gradingError { root.element("grading-error", text: gradingError) }
        if let buildFailure { root.element("build-failure", text: buildFailure) }
        for result in results {
            let r = root.element("result", ["check": result.check, "status": result.status.rawValue,
                                            "earned": Decimal.format(result.earned), "possible": Decimal.format(result.possible)])
            if let message = result.message { r.element("message", text: message) }
            for measure in result.measures {
                let m = r.element("measure", ["name": measure.name, "value": Decimal.format(measure.value)])
                if let unit = measure.unit { m.set("unit", unit) }
            }
        }
        return doc.serialize()
    }
}

/// One line of a report's rerun manifest: `kit-commit`, `toolchain`, `kernel`, `rerun`…
public struct ManifestEntry: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// What one check gave.
public struct CheckResult: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        /// The test passed.
        case pass
        /// The test ran and found the behaviour wrong: the student has something to fix.
        case fail
        /// The test could not run (server would not start, timeout): nothing was judged.
        case error
    }

    public var check: String
    public var status: Status
    public var earned: Double
    public var possible: Double
    public var message: String?
    public var measures: [Measure]

    public init(check: String, status: Status, earned: Double, possible: Double, message: String? = nil, measures: [Measure] = []) {
        self.check = check
        self.status = status
        self.earned = earned
        self.possible = possible
        self.message = message
        self.measures = measures
    }

    init(_ element: XMLNode) {
        self.init(check: element.attribute("check") ?? "",
                  status: Status(rawValue: element.attribute("status") ?? "") ?? .error,
                  earned: Double(element.attribute("earned") ?? "") ?? 0,
                  possible: Double(element.attribute("possible") ?? "") ?? 0,
                  message: element.element(named: "message")?.text.trimmingWhitespace(),
                  measures: element.elements(named: "measure").map {
                      Measure(name: $0.attribute("name") ?? "", value: Double($0.attribute("value") ?? "") ?? 0, unit: $0.attribute("unit"))
                  })
    }
}

/// A value a check measured, e.g. `distinct_pids = 4 processes`.
public struct Measure: Sendable, Equatable {
    public var name: String
    public var value: Double
    public var unit: String?

    public init(name: String, value: Double, unit: String? = nil) {
        self.name = name
        self.value = value
        self.unit = unit
    }
}

/// Numbers as `xsd:decimal` wants them: `2`, `0.25`, never `2.0e-05`.
enum Decimal {
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let text = "\(value)"
        if !text.contains("e") { return text }
        // Past 1e9, value × 1e9 no longer fits an Int64 (a measure can be anything a student's
        // code returns); every Double that large is a whole number, spelled out exactly by
        // moving the point of `4.611686018427388e+18` by its exponent.
        if abs(value) >= 1e9 { return wholeNumber(text) }
        // Fixed notation with 9 decimals, trailing zeros removed.
        let scaled = Int64((abs(value) * 1e9).rounded())
        var fraction = String(scaled % 1_000_000_000)
        fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let whole = "\(value < 0 ? "-" : "")\(scaled / 1_000_000_000)"
        return fraction.isEmpty ? whole : whole + "." + fraction
    }

    /// `-1.5e+20` → `-150000000000000000000` (a large number in exponent notation).
    static func wholeNumber(_ text: String) -> String {
        let parts = text.split(separator: "e")
        guard parts.count == 2, let exponent = Int(parts[1]) else { return "0" }
        let negative = parts[0].hasPrefix("-")
        let mantissa = parts[0].drop { $0 == "-" }
        let point = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
        let digits = mantissa.filter { $0 != "." }
        let wholeDigits = point + exponent
        guard wholeDigits >= digits.count else { return "0" }   // never: such values print without an exponent
        return (negative ? "-" : "") + digits + String(repeating: "0", count: wholeDigits - digits.count)
    }
}
