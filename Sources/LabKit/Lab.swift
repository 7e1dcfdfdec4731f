// A lab (`labs/NN-slug/lab.xml`): what to learn, the steps to follow — commands to run and what
// to observe — and graded exercises whose checks name the test that verifies them. The model
// mirrors lab.rng; see FORMATS.md, "Labs".
import XML

public struct Lab: Sendable, Equatable {
    public let id: String
    public let number: Int
    public let title: Bilingual<String>
    public let summary: Bilingual<[Inline]>
    public let objectives: [Bilingual<[Inline]>]
    public let sections: [Section]
    public let exercises: [Exercise]
    public let file: String

    public struct Section: Sendable, Equatable {
        public let id: String
        public let title: Bilingual<String>
        public let steps: [Step]
    }

    /// One step: instructions, commands, what to look for, in the order written.
    public struct Step: Sendable, Equatable {
        public enum Item: Sendable, Equatable {
            case text(Bilingual<[Inline]>)
            case command(String)
            case observe(Bilingual<[Inline]>)
            case pre(String)
        }
        public let items: [Item]
    }

    /// The lab's checks, in document order.
    public var checks: [Check] { exercises.flatMap(\.checks) }

    /// Points available in the whole lab.
    public var points: Int { exercises.reduce(0) { $0 + $1.points } }

    public init(_ document: XMLDocument) {
        let root = document.root
        let labID = root.attribute("id") ?? ""
        id = labID
        number = Int(root.attribute("number") ?? "") ?? 0
        title = PairReader.text(root, "title")
        summary = PairReader.inline(root, "summary")
        objectives = root.element(named: "objectives").map { PairReader.pairs($0, "objective", Inline.read) } ?? []
        sections = root.elements(named: "section").map { section in
            Section(id: section.attribute("id") ?? "",
                    title: PairReader.text(section, "title"),
                    steps: section.elements(named: "step").map(Lab.readStep))
        }
        exercises = root.elements(named: "exercise").map { Exercise($0, lab: labID) }
        file = document.file
    }

    private static func readStep(_ step: XMLNode) -> Step {
        var items: [Step.Item] = []
        let elements = step.elements
        var i = 0
        while i < elements.count {
            let element = elements[i]
            i += 1
            switch element.name {
            case "cmd": items.append(.command(element.text.trimmingWhitespace()))
            case "pre": items.append(.pre(element.text))
            case "p", "observe":
                var english = element
                if element.language == "fr", i < elements.count, elements[i].name == element.name, elements[i].language == "en" {
                    english = elements[i]
                    i += 1
                }
                let pair = Bilingual(fr: Inline.read(element), en: Inline.read(english))
                items.append(element.name == "p" ? .text(pair) : .observe(pair))
            default: continue
            }
        }
        return Step(items: items)
    }
}

/// A graded exercise.
public struct Exercise: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case config, code, measure, question
    }

    public let id: String
    public let kind: Kind
    public let points: Int
    public let title: Bilingual<String>
    public let prompt: [Bilingual<[Inline]>]
    public let checks: [Check]

    init(_ element: XMLNode, lab: String) {
        let exerciseID = element.attribute("id") ?? ""
        id = exerciseID
        kind = Kind(rawValue: element.attribute("kind") ?? "") ?? .question
        points = Int(element.attribute("points") ?? "") ?? 0
        title = PairReader.text(element, "title")
        prompt = PairReader.pairs(element, "p", Inline.read)
        checks = element.elements(named: "check").map { Check($0, lab: lab, exercise: exerciseID) }
    }
}

/// A check: one test of the suite, worth some points, with feedback for when it fails.
public struct Check: Sendable, Equatable {
    /// Who sees a check's test and result (nbgrader's hidden tests, Gradescope's visibility).
    /// A check that is not `visible` has its test cut from the students' kit (between
    /// `// BEGIN HIDDEN TESTS` and `// END HIDDEN TESTS`): it runs only where the instructors'
    /// tests are, and students learn that it exists and what it is worth, not what it tests.
    public enum Visibility: String, Sendable, CaseIterable {
        /// Students run it with `mpmlab check` and see its result.
        case visible
        /// Graded when the work is handed in; its result is never shown to students.
        case hidden
        /// Graded when the work is handed in; its result is shown once the due date has passed.
        case afterDueDate = "after_due_date"
    }

    /// Globally unique, `mpm.what` (e.g. `prefork.distinct-pids`); claims and reports cite it.
    public let id: String
    /// The test that decides it: `TestTarget.Suite/testName`.
    public let test: String
    public let points: Int
    public let description: Bilingual<[Inline]>
    /// Shown to the student when the check fails.
    public let feedback: Bilingual<[Inline]>
    public let lab: String
    public let exercise: String
    public let visibility: Visibility
    /// Where it is defined (for duplicate-id errors).
    public let line: Int

    /// True when students cannot run it from their kit.
    public var isHidden: Bool { visibility != .visible }

    init(_ element: XMLNode, lab: String, exercise: String) {
        id = element.attribute("id") ?? ""
        test = element.attribute("test") ?? ""
        points = Int(element.attribute("points") ?? "") ?? 0
        visibility = Visibility(rawValue: element.attribute("visibility") ?? "") ?? .visible
        description = PairReader.inline(element, "description")
        feedback = PairReader.inline(element, "feedback")
        self.lab = lab
        self.exercise = exercise
        line = element.line
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
