// Options shared by every subcommand. The repository root is found the way git finds its own:
// walk up from the current directory until a folder holds `labs/schema/`.
import ArgumentParser
import Posix

struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The repository root (default: the nearest folder above holding labs/schema/).", valueName: "DIR"))
    var root: String?

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
