// `mpmlab autograder N --platform gradescope|prairielearn|github-classroom --out DIR`: what
// an instructor uploads so that a platform grades lab N exactly as `mpmlab grade` does (see
// AutograderPackage): Gradescope's autograder.zip, PrairieLearn's grader image folder and
// question, or GitHub Classroom's workflow. `--programs DIR` puts programs already built here
// into the kit, so that the platform does not build them again (they must run there).
import ArgumentParser
import LabKit
import Posix

struct AutograderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autograder",
        abstract: "Write what a grading platform needs to grade a lab as mpmlab grade does: Gradescope, PrairieLearn, GitHub Classroom."
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: "The lab's number.")
    var number: Int

    @Option(help: ArgumentHelp("gradescope, prairielearn or github-classroom.", valueName: "PLATFORM"))
    var platform: String

    @Option(help: ArgumentHelp("The folder to write into.", valueName: "DIR"))
    var out: String

    @Option(help: "The time one submission may take, in seconds (default: 1200; 540 on PrairieLearn, whose jobs stop at 600).")
    var timeLimit: Int?

    @Option(help: ArgumentHelp("Put the programs built in DIR (mpmd, labrun, mpmlab, the test bundle) into the kit.", valueName: "DIR"))
    var programs: String?

    @Option(help: ArgumentHelp("The Swift release the platform installs (default: this machine's).", valueName: "VERSION"))
    var swiftVersion: String?

    func validate() throws {
        guard let platform = AutograderPackage.Platform(rawValue: platform) else {
            throw ValidationError("--platform \(platform): expected " + AutograderPackage.Platform.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if let timeLimit {
            guard timeLimit >= 60 else { throw ValidationError("--time-limit must be at least 60 seconds") }
            if platform == .prairielearn, timeLimit > 540 {
                throw ValidationError("--time-limit \(timeLimit): PrairieLearn stops a grading job after 600 s; 540 at most leaves time to start")
            }
        }
    }

    func run() throws {
        let root = try options.repositoryRoot()
        let lab = try LabLoading.lab(number, root: root)
        let platform = AutograderPackage.Platform(rawValue: platform)!
        let here = FileSystem.currentDirectory()
        guard let version = try swiftVersion ?? Self.thisSwiftRelease() else {
            throw ValidationError("this machine's Swift is not a release: say which one the platform installs with --swift-version")
        }
        var package = AutograderPackage(root: root, lab: lab, swiftVersion: version)
        package.language = try options.language()
        package.timeLimit = timeLimit ?? (platform == .prairielearn ? 540 : 1200)
        package.programs = programs.map { FileSystem.resolve($0, relativeTo: here) }
        let destination = FileSystem.resolve(out, relativeTo: here)
        let written = try package.write(platform, to: destination)
        for path in written { print("  wrote  \(destination)/\(path)") }
        switch platform {
        case .gradescope:
            print("Upload autograder.zip as the assignment's autograder (Ubuntu 24.04 base image); set its timeout above \(package.timeLimit) s.")
        case .prairielearn:
            print("Build and push image/ (docker build -t YOUR-ACCOUNT/mpmlab-grader-lab\(lab.number) image/), name it in question/info.json, copy question/ into your course's questions/.")
        case .githubClassroom:
            print("Add .github/workflows/classroom.yml to the starter kit's repository (the assignment's template).")
        }
    }

    /// `6.3.1` when this machine's swiftc is a release.
    static func thisSwiftRelease() throws -> String? {
        guard let swiftc = Executables.onPath("swiftc") else { throw ValidationError("no swiftc on PATH: pass --swift-version") }
        let scratch = try FileSystem.makeTemporaryDirectory(prefix: "mpmlab-swiftc")
        defer { try? FileSystem.remove(scratch) }
        let pid = try Process.spawn(swiftc, ["--version"], outputPath: scratch + "/version")
        _ = Process.wait(for: pid, timeoutMs: 60_000)
        return AutograderPackage.releaseVersion(fromCompilerBanner: (try? FileSystem.readText(scratch + "/version")) ?? "")
    }
}
