// The students' copy of the repository. Two things make it differ from the instructors' one:
//  - each lab's `starter/` folder holds the starting version of the files students edit
//    (`labs/01-processes/starter/student.conf` replaces `labs/01-processes/student.conf`);
//  - Swift sources under Sources/ and labs/ lose their solution regions (SolutionStripper);
//  - the check targets under Tests/ lose the tests of hidden checks (`// BEGIN HIDDEN TESTS`),
//    unless the kit is the one a grading platform runs (`hiddenTests: .keep`); the rest of
//    the tests is copied whole.
// Build products, reports, logs and version-control data are not copied, nor the labs' seeded
// wrong solutions (labs/NN-slug/mutants/: most of them are a right solution with one mistake).
import Posix

public struct StarterKit: Sendable {
    /// Repository-relative paths of the files a lab's `starter/` replaced.
    public var replaced: [String] = []
    /// Repository-relative paths of the Swift files that lost solution regions.
    public var stripped: [String] = []
    /// Repository-relative paths of the test files that lost hidden tests.
    public var hiddenTestsRemoved: [String] = []

    /// What becomes of the hidden checks' tests: students never get them; the kit a grading
    /// platform builds its checks from keeps them.
    public enum HiddenTests: Sendable {
        case strip, keep
    }

    public enum KitError: Error, CustomStringConvertible {
        case system(SystemError)
        case markers(file: String, SolutionStripper.MarkerError)
        case exists(String)

        public var description: String {
            switch self {
            case .system(let e): "\(e)"
            case .markers(let file, let e): "\(file):\(e.line): \(e.message)"
            case .exists(let path): "\(path) already exists: choose a new folder"
            }
        }
    }

    /// Folders (by name, anywhere) and paths never copied into a kit.
    static let skippedNames: Set<String> = [".build", ".git", ".swiftpm", "logs", "node_modules"]
    static let skippedPaths: Set<String> = ["reports", "site/public", "Package.resolved"]

    /// `labs/NN-slug/mutants`.
    static func isMutants(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        return parts.count == 3 && parts[0] == "labs" && parts[2] == "mutants"
    }

    /// Writes the starter kit of the repository at `root` into `out`, which must not exist.
    /// `only` (repository-relative paths) keeps just those parts of the repository.
    public static func write(from root: String, to out: String, only: [String]? = nil,
                             hiddenTests: HiddenTests = .strip) throws(KitError) -> StarterKit {
        guard !FileSystem.exists(out) else { throw .exists(out) }
        var kit = StarterKit()
        do {
            try copy(root, to: out, relative: "", only: only, hiddenTests: hiddenTests, kit: &kit)
            for folder in try FileSystem.glob(root + "/labs/*/starter") where FileSystem.isDirectory(folder) {
                let lab = FileSystem.dirname(of: folder)
                let labPath = String(lab.dropFirst(root.count + 1))
                for name in try FileSystem.list(folder).sorted() where !FileSystem.isDirectory(folder + "/" + name) {
                    let bytes = try FileSystem.readBytes(folder + "/" + name)
                    try FileSystem.write(bytes, to: out + "/" + labPath + "/" + name)
                    kit.replaced.append(labPath + "/" + name)
                }
            }
        } catch let error as SystemError {
            throw .system(error)
        } catch let error as KitError {
            throw error
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
        return kit
    }

    private static func copy(_ source: String, to destination: String, relative: String, only: [String]?,
                             hiddenTests: HiddenTests, kit: inout StarterKit) throws {
        try FileSystem.makeDirectories(destination)
        for name in try FileSystem.list(source).sorted() {
            let path = relative.isEmpty ? name : relative + "/" + name
            if skippedNames.contains(name) || skippedNames.contains(where: { name.hasPrefix($0 + "_") || name.hasPrefix($0 + "-") })
                || skippedPaths.contains(path) || Self.isMutants(path) { continue }
            if let only, !only.contains(where: { path == $0 || path.hasPrefix($0 + "/") || $0.hasPrefix(path + "/") }) { continue }
            let from = source + "/" + name, to = destination + "/" + name
            guard let status = try FileSystem.linkStatus(from) else { continue }
            switch status.kind {
            case .directory:
                try copy(from, to: to, relative: path, only: only, hiddenTests: hiddenTests, kit: &kit)
            case .regular:
                var bytes = try FileSystem.readBytes(from)
                if name.hasSuffix(".swift") {
                    let markers: SolutionStripper.Markers? = path.hasPrefix("Sources/") || path.hasPrefix("labs/") ? .solution
                        : path.hasPrefix("Tests/") && hiddenTests == .strip ? .hiddenTests : nil
                    let text = String(decoding: bytes, as: UTF8.self)
                    if let markers, SolutionStripper.hasMarkers(text, markers) {
                        do {
                            bytes = Array(try SolutionStripper.strip(text, markers).text.utf8)
                        } catch {
                            throw KitError.markers(file: path, error)
                        }
                        if markers == .solution { kit.stripped.append(path) } else { kit.hiddenTestsRemoved.append(path) }
                    }
                }
                try FileSystem.write(bytes, to: to, mode: status.mode & 0o777)
            case .symlink, .other:
                continue
            }
        }
    }

    /// The exercises of `lab` whose work the kit took away: their prompt names a file the kit
    /// replaced or stripped. Every check of those exercises must fail on the kit.
    public func gradedExercises(of lab: Lab) -> [Exercise] {
        let files = replaced + stripped
        return lab.exercises.filter { exercise in
            let prompt = exercise.prompt.map { TerminalText.plain($0.en) + " " + TerminalText.plain($0.fr) }.joined(separator: " ")
            return files.contains { prompt.contains($0) }
        }
    }
}
