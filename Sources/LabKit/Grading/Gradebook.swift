// The folder a class grading writes, every file made from the same reports:
//  - per student: ID.xml (the report, valid against report.rng), and the same result as each
//    platform reads it — ID.gradescope.json, ID.prairielearn.json, ID.classroom.json;
//  - for the class: grades.csv (one row per student) and junit.xml (one suite per student).
// Regrading one student rewrites that student's files, then the class files from the reports
// already there (read back from their ID.xml), so the gradebook is updated in place.
import Posix
import XML

public struct Gradebook {
    public let folder: String
    public let lab: Lab
    public let language: Language
    /// The ids of the checks graded, in order: the CSV's columns.
    public let checks: [String]

    public init(folder: String, lab: Lab, language: Language, checks: [String]) {
        self.folder = folder
        self.lab = lab
        self.language = language
        self.checks = checks
    }

    /// Each platform's file for one student: the suffix after the student's id, and the format.
    public static let platformFiles: [(suffix: String, format: @Sendable (Report, Lab, Language) -> String)] = [
        (".gradescope.json", { GradescopeResults.json($0, lab: $1, language: $2) }),
        (".prairielearn.json", { PrairieLearnResults.json($0, lab: $1, language: $2) }),
        (".classroom.json", { ClassroomResults.json($0, lab: $1, language: $2) }),
    ]
    public static let csvFile = "grades.csv"
    public static let junitFile = "junit.xml"

    /// Writes one student's report and its platform files.
    public func write(_ report: Report) throws(SystemError) {
        try FileSystem.write(report.xml(), to: folder + "/" + report.studentID + ".xml")
        for (suffix, format) in Self.platformFiles {
            try FileSystem.write(format(report, lab, language), to: folder + "/" + report.studentID + suffix)
        }
    }

    /// Writes the class files of `reports`.
    public func writeClass(_ reports: [Report]) throws(SystemError) {
        try FileSystem.write(GradebookExport.csv(reports, checks: checks), to: folder + "/" + Self.csvFile)
        try FileSystem.write(JUnitReport.xml(reports, lab: lab, language: language), to: folder + "/" + Self.junitFile)
    }

    /// The students grades.csv lists, in its order (empty when there is none yet).
    public func studentsInGradebook() -> [String] {
        guard let text = try? FileSystem.readText(folder + "/" + Self.csvFile) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            line.split(separator: ",", omittingEmptySubsequences: false).first.map(String.init)
        }.filter { !$0.isEmpty }
    }

    /// Rewrites `report`'s files, then the class files with it in place of its older version:
    /// the other students' results are read back from their reports, untouched.
    /// Returns the students whose report could not be read back (left out of the class files).
    public func update(with report: Report) throws(SystemError) -> [String] {
        try write(report)
        LibXML.initialize()
        var students = studentsInGradebook()
        if !students.contains(report.studentID) { students.append(report.studentID) }
        var reports: [Report] = []
        var unreadable: [String] = []
        for student in students.sorted() {
            if student == report.studentID { reports.append(report); continue }
            let path = folder + "/" + student + ".xml"
            guard let document = try? XMLDocument.parse(file: path, read: { try FileSystem.readBytes($0) }),
                  document.root.name == "report" else {
                unreadable.append(student)
                continue
            }
            reports.append(Report(document))
        }
        try writeClass(reports)
        return unreadable
    }
}
