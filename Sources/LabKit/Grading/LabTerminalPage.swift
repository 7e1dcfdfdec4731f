// `mpmlab show N`: a lab as a student reads it in a terminal, in one language — objectives,
// the steps with the commands to type (`$ …`) and what to look for (`→ …`), then the graded
// exercises with their points and what each check verifies.

public enum LabTerminalPage {
    public static func render(_ lab: Lab, language: Language) -> String {
        let l = language
        let t = Labels(l)
        var out: [String] = []
        let heading = "Lab \(lab.number) — \(lab.title[l])"
        out.append(heading)
        out.append(String(repeating: "=", count: heading.count))
        out.append(TerminalText.wrap(TerminalText.plain(lab.summary[l])))
        out.append("")
        out.append(t.objectives)
        for objective in lab.objectives {
            out.append(TerminalText.wrap(TerminalText.plain(objective[l]), first: "  • ", rest: "    "))
        }
        for (index, section) in lab.sections.enumerated() {
            out.append("")
            let title = "\(index + 1). \(section.title[l])"
            out.append(title)
            out.append(String(repeating: "-", count: title.count))
            for step in section.steps {
                for item in step.items {
                    switch item {
                    case .text(let text): out.append(TerminalText.wrap(TerminalText.plain(text[l])))
                    case .command(let command): out.append("    $ " + command)
                    case .observe(let text): out.append(TerminalText.wrap(TerminalText.plain(text[l]), first: "  → ", rest: "    "))
                    case .pre(let text): out.append(text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n"))
                    }
                }
                out.append("")
            }
            if out.last == "" { out.removeLast() }
        }
        out.append("")
        let graded = "\(t.graded) (\(lab.points) \(t.points))"
        out.append(graded)
        out.append(String(repeating: "=", count: graded.count))
        for exercise in lab.exercises {
            out.append("")
            out.append("[\(exercise.id)] \(exercise.title[l]) — \(exercise.points) \(t.points)")
            for p in exercise.prompt { out.append(TerminalText.wrap(TerminalText.plain(p[l]))) }
            for check in exercise.checks {
                let hidden = check.isHidden ? (l == .fr ? ", cachée : notée au rendu" : ", hidden: graded when handed in") : ""
                out.append(TerminalText.wrap("\(check.id) (\(check.points)\(hidden)): " + TerminalText.plain(check.description[l]),
                                             first: "  ○ ", rest: "    "))
            }
        }
        out.append("")
        out.append(t.checkHint(lab.number))
        return out.joined(separator: "\n") + "\n"
    }

    /// The few words of the terminal pages, in both languages.
    struct Labels {
        let language: Language
        init(_ language: Language) { self.language = language }
        var objectives: String { language == .fr ? "Objectifs" : "Objectives" }
        var graded: String { language == .fr ? "Exercices notés" : "Graded exercises" }
        var points: String { "points" }
        func checkHint(_ n: Int) -> String {
            language == .fr ? "Vérifiez votre travail avec : mpmlab check \(n)" : "Check your work with: mpmlab check \(n)"
        }
    }
}
