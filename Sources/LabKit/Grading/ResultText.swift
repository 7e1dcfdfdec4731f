// What a student reads about a graded submission, whatever the platform shows it on, in the
// course's language: for each check, what it verifies and — when it did not pass — the lab's
// feedback (which explains the concept, not the test) then what the test saw; for the whole
// submission, the score, why nothing was judged or why the code did not compile, and how many
// hidden checks count without showing their results. Every format (Gradescope, PrairieLearn,
// GitHub Classroom, JUnit) takes its text from here, so they never disagree.

public enum ResultText {
    /// The manifest entry naming the hidden checks a grading left out because the copy it ran
    /// from (a student's repository) does not have their tests: `id (points), …`.
    public static let notGradedHere = "hidden-not-graded-here"

    /// The text of one check's result.
    static func check(_ result: CheckResult, _ check: Check?, _ language: Language) -> String {
        var text = check.map { TerminalText.plain($0.description[language]) } ?? ""
        if result.status != .pass, let check {
            text += "\n\n" + TerminalText.plain(check.feedback[language])
        }
        if let message = result.message { text += "\n\n" + message }
        return text.trimmingWhitespace()
    }

    /// The first line: the lab and the score.
    static func headline(_ report: Report, lab: Lab, language: Language) -> String {
        let separator = language == .fr ? " : " : ": "
        return "\(lab.title[language])\(separator)\(Decimal.format(report.earned))/\(Decimal.format(report.possible))"
    }

    /// The headline, then what the student must know about the whole submission.
    static func summary(_ report: Report, lab: Lab, language: Language) -> String {
        let fr = language == .fr
        var lines = [headline(report, lab: lab, language: language)]
        if let error = report.gradingError {
            lines.append((fr ? "Rien n'a été jugé : " : "Nothing was judged: ") + error)
        }
        if let failure = report.buildFailure {
            lines.append(fr ? "Votre code ne compile pas : les vérifications de l'exercice de code échouent ; les autres ont été jugées avec le code de départ."
                            : "Your code does not compile: the code exercise's checks fail; the others were judged with the starter's code.")
            lines.append(failure)
        }
        if let leftOut = report.manifest.first(where: { $0.name == notGradedHere })?.value {
            lines.append(fr ? "Vérifications cachées non notées ici (leurs tests ne sont pas dans ce dépôt) : \(leftOut) ; elles le sont quand le travail est rendu."
                            : "Hidden checks not graded here (their tests are not in this repository): \(leftOut); they are graded when the work is handed in.")
        }
        let hidden = hiddenResults(report, lab: lab)
        if !hidden.isEmpty {
            let points = Decimal.format(hidden.reduce(0) { $0 + $1.possible })
            let n = hidden.count
            lines.append(fr ? "\(n) vérification\(n > 1 ? "s" : "") cachée\(n > 1 ? "s" : "") (\(points) point\(points == "1" ? "" : "s")) \(n > 1 ? "comptent" : "compte") dans cette note ; \(n > 1 ? "leurs résultats ne sont pas montrés" : "son résultat n'est pas montré") ici."
                            : "\(n) hidden check\(n > 1 ? "s" : "") (\(points) point\(points == "1" ? "" : "s")) count\(n > 1 ? "" : "s") in this score; \(n > 1 ? "their results are" : "its result is") not shown here.")
        }
        return lines.joined(separator: "\n\n")
    }

    /// The results of the report's checks that students do not see (hidden or after the due date).
    static func hiddenResults(_ report: Report, lab: Lab) -> [CheckResult] {
        let hidden = Set(lab.checks.filter(\.isHidden).map(\.id))
        return report.results.filter { hidden.contains($0.check) }
    }

    /// The lab's checks by id.
    static func checks(of lab: Lab) -> [String: Check] {
        Dictionary(lab.checks.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// `duration-seconds` from the manifest, when the grader recorded it.
    static func duration(_ report: Report) -> Double? {
        report.manifest.first { $0.name == "duration-seconds" }.flatMap { Double($0.value) }
    }
}
