// `mpmlab list [--lang fr|en]`: the labs with their titles, points and status — the score of
// the latest `mpmlab check` (kept in reports/NN-slug.xml), or that it was never checked.
import ArgumentParser
import LabKit
import Posix
import XML

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the labs, with their points and the result of the latest check."
    )

    @OptionGroup var options: CommonOptions

    func run() throws {
        let root = try options.repositoryRoot()
        let language = try options.language()
        for lab in try LabLoading.all(root: root) {
            let status = Self.status(of: lab, root: root, language: language)
            print("\(lab.number)  \(lab.id)  \(lab.title[language])  (\(lab.points) points)  — \(status)")
        }
    }

    /// "12/21 on 2026-11-27T05:00:00Z", or "not checked yet".
    static func status(of lab: Lab, root: String, language: Language) -> String {
        let path = LabDirectory.latestReportPath(root: root, lab: lab.id)
        guard FileSystem.exists(path),
              let document = try? XMLDocument.parse(file: path, read: { try FileSystem.readBytes($0) }),
              document.root.name == "report" else {
            return language == .fr ? "pas encore vérifié" : "not checked yet"
        }
        let report = Report(document)
        let score = "\(format(report.earned))/\(format(report.possible))"
        return language == .fr ? "\(score) le \(report.date)" : "\(score) on \(report.date)"
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
