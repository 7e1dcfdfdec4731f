// Options shared by every subcommand. The repository root is found the way git finds its own:
// walk up from the current directory until a folder holds `labs/schema/`. The language of the
// labs' text is `--lang`, else the one `LANG` names (French for `fr_*`, English otherwise).
import ArgumentParser
import LabKit
import Posix

struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The repository root (default: the nearest folder above holding labs/schema/).", valueName: "DIR"))
    var root: String?

    @Option(name: .long, help: ArgumentHelp("The language of the labs' text: fr or en (default: from LANG).", valueName: "fr|en"))
    var lang: String?

    /// `--lang`, else the language `LANG` asks for.
    func language() throws -> Language {
        if let lang {
            guard let language = Language(rawValue: lang) else { throw ValidationError("--lang \(lang): expected fr or en") }
            return language
        }
        return Language.fromLocale(Process.environment("LANG"))
    }

    /// The repository root, absolute.
    func repositoryRoot() throws -> String {
        if let root {
            guard FileSystem.isDirectory(root + "/labs/schema") else {
                throw ValidationError("\(root) is not an MPMLab repository (no labs/schema/ folder)")
            }
            return FileSystem.realPath(root) ?? root
        }
        var directory = FileSystem.currentDirectory()
        while true {
            if FileSystem.isDirectory(directory + "/labs/schema") { return directory }
            let parent = FileSystem.dirname(of: directory)
            if parent == directory { break }
            directory = parent
        }
        throw ValidationError("no labs/schema/ folder here or above: run inside the repository or pass --root DIR")
    }
}
