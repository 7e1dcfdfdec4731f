// `mpmlab show N [--lang fr|en]`: lab N in the terminal — objectives, steps, commands to type,
// what to observe, and the graded exercises. `mpmlab show setup`: the getting-started page
// (labs/course/00-setup.xml: set-up, checking, handing in).
import ArgumentParser
import LabKit

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a lab in the terminal, in French or English."
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: "The lab's number, or `setup` for the getting-started page.")
    var what: String

    func validate() throws {
        guard what == "setup" || Int(what) != nil else { throw ValidationError("\(what): expected a lab number or setup") }
    }

    func run() throws {
        let root = try options.repositoryRoot()
        guard let number = Int(what) else {
            print(ChapterTerminalPage.render(try LabLoading.chapter(root + "/labs/course/00-setup.xml", root: root),
                                             language: try options.language()), terminator: "")
            return
        }
        let lab = try LabLoading.lab(number, root: root)
        print(LabTerminalPage.render(lab, language: try options.language()), terminator: "")
    }
}
