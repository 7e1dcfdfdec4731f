// `mpmlab show N [--lang fr|en]`: lab N in the terminal — objectives, steps, commands to type,
// what to observe, and the graded exercises.
import ArgumentParser
import LabKit

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a lab in the terminal, in French or English."
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: "The lab's number.")
    var number: Int

    func run() throws {
        let lab = try LabLoading.lab(number, root: try options.repositoryRoot())
        print(LabTerminalPage.render(lab, language: try options.language()), terminator: "")
    }
}
