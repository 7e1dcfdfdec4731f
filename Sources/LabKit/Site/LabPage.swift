// A lab page: objectives, the steps (commands to type, what to observe), then the graded
// exercises with their checks. Each check is anchored (`#check-ID`) so course claims and
// reports can link straight to it.
import XML

extension SiteRenderer {
    func labPage(_ lab: Lab, _ language: Language) -> SitePage {
        let file = SitePaths.lab(lab.id)
        let heading = "\(Label.lab(lab.number).text(language)) — \(lab.title[language])"
        let (doc, main) = frame(language, file, heading)
        let prose = ProseWriter(language: language, course: course)
        let article = main.element("article", ["class": "lab"])
        article.element("p", ["class": "kicker"], text: "\(Label.lab(lab.number).text(language)) · \(lab.points) \(Label.points.text(language))")
        article.element("h1", text: lab.title[language])
        prose.inline(lab.summary[language], into: article.element("p", ["class": "lead"]))

        let objectives = article.element("section", ["id": "objectives", "class": "objectives"])
        objectives.element("h2", text: Label.objectives.text(language))
        let ul = objectives.element("ul")
        for objective in lab.objectives { prose.inline(objective[language], into: ul.element("li")) }

        for section in lab.sections {
            let s = article.element("section", ["id": section.id])
            s.element("h2", text: section.title[language])
            let steps = s.element("ol", ["class": "steps"])
            for step in section.steps {
                let li = steps.element("li")
                for item in step.items {
                    switch item {
                    case .text(let pair): prose.paragraph(pair, into: li)
                    case .command(let command): li.element("pre", ["class": "cmd"]).element("code", text: command)
                    case .pre(let text): li.element("pre", text: text.trimmingBlankLines())
                    case .observe(let pair):
                        let p = li.element("p", ["class": "observe"])
                        p.element("strong", text: Label.observe.text(language) + colon(language))
                        prose.inline(pair[language], into: p)
                    }
                }
            }
        }

        let exercises = article.element("section", ["id": "exercises"])
        exercises.element("h2", text: Label.exercises.text(language))
        for exercise in lab.exercises {
            let e = exercises.element("section", ["id": "exercise-\(exercise.id)", "class": "exercise"])
            let h3 = e.element("h3", text: exercise.title[language] + " ")
            h3.element("span", ["class": "badge \(exercise.kind.rawValue)"], text: Label.kind(exercise.kind).text(language))
            h3.element("span", ["class": "points"], text: "\(exercise.points) \(Label.points.text(language))")
            for p in exercise.prompt { prose.paragraph(p, into: e) }
            guard !exercise.checks.isEmpty else { continue }
            let checks = e.element("ul", ["class": "checks", "aria-label": Label.checks.text(language)])
            for check in exercise.checks {
                let li = checks.element("li", ["id": SitePaths.checkAnchor(check.id), "class": "check"])
                let head = li.element("p", ["class": "check-head"])
                head.element("code", ["class": "check-id"], text: check.id)
                head.element("span", ["class": "points"], text: "\(check.points) \(Label.points.text(language))")
                if check.isHidden { head.element("span", ["class": "badge hidden-check"], text: Label.hiddenCheck.text(language)) }
                prose.inline(check.description[language], into: li.element("p"))
                let test = li.element("p", ["class": "test"])
                test.text(Label.test.text(language) + " ")
                test.element("code", text: check.test)
                let details = li.element("details")
                details.element("summary", text: Label.ifItFails.text(language))
                prose.inline(check.feedback[language], into: details.element("p"))
            }
        }
        return page(language, file, doc)
    }
}

/// French puts a narrow no-break space before a colon; English does not.
func colon(_ language: Language) -> String { language == .fr ? "\u{202F}: " : ": " }
