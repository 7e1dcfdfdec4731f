// `mpmlab`: the course's command line. The command tree is declared by types, one file per
// subcommand; options every subcommand shares live in `CommonOptions`.
import ArgumentParser

struct MPMLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mpmlab",
        abstract: "Read, check and publish the MPMLab course: labs, course notes, reports and the static site.",
        version: "mpmlab 0.1.0",
        subcommands: [ListCommand.self, ShowCommand.self, StartCommand.self, CheckCommand.self, GradeCommand.self, AutograderCommand.self, StarterCommand.self,
                      ValidateCommand.self, ValidateChecksCommand.self, SiteCommand.self, SuperviseCommand.self]
    )
}
