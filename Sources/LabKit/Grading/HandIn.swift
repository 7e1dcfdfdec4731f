// What a student hands in for a lab, and how the grader takes it. The files are the ones the
// starter kit gives them to edit: the lab's `starter/` files (student.conf, answers.txt) and,
// for a code exercise, the Sources/LabExercises file its prompt names. A submission folder
// holds them flat (DIR/STUDENT/answers.txt) or laid out like the kit
// (DIR/STUDENT/labs/02-threads/answers.txt): a student's whole kit repository works too.
//
// Taking a submission means copying those files, once, into a folder the grader owns —
// regular files only, each under a size limit — and recording the SHA-256 of each. The checks
// then only ever see that copy: nothing a student's folder does afterwards changes the grade.
import Posix

public struct HandInFile: Sendable, Equatable {
    /// The name in a flat submission folder: `SharedCounter.swift`.
    public let name: String
    /// Where it lives in the repository and the kit: `Sources/LabExercises/SharedCounter.swift`.
    public let kitPath: String
    /// True for Swift code compiled into the exercises' module.
    public let isCode: Bool
}

public enum HandIn {
    /// The largest file taken from a submission.
    public static let maxFileBytes = 256 * 1024

    /// The files lab `lab` takes from a student, in the repository (or kit) at `root`.
    public static func files(of lab: Lab, root: String) throws(SystemError) -> [HandInFile] {
        var files: [HandInFile] = []
        let starter = root + "/labs/" + lab.id + "/starter"
        if FileSystem.isDirectory(starter) {
            for name in try FileSystem.list(starter).sorted() where !FileSystem.isDirectory(starter + "/" + name) {
                files.append(HandInFile(name: name, kitPath: "labs/\(lab.id)/\(name)", isCode: false))
            }
        }
        let prompts = lab.exercises.filter { $0.kind == .code }
            .flatMap(\.prompt).map { TerminalText.plain($0.en) + " " + TerminalText.plain($0.fr) }.joined(separator: " ")
        for name in try FileSystem.list(root + "/" + exerciseSources).sorted() where name.hasSuffix(".swift") {
            let path = exerciseSources + "/" + name
            if prompts.contains(path) { files.append(HandInFile(name: name, kitPath: path, isCode: true)) }
        }
        return files
    }

    /// The exercises' sources, relative to the repository.
    public static let exerciseSources = "Sources/LabExercises"
}

/// A submission once taken: what was copied, what was refused and why.
public struct StagedSubmission: Sendable, Equatable {
    public struct File: Sendable, Equatable {
        public let name: String
        public let sha256: String
        public let bytes: Int
    }

    /// The files copied, in the lab's order.
    public var files: [File] = []
    /// Files of the lab the submission did not have (the starter's version stands in).
    public var missing: [String] = []
    /// Files refused, each with the reason (too large, not a regular file...).
    public var problems: [String] = []

    /// Copies the files of `handIn` found in `source` into `destination` (created, flat).
    /// Nothing under `source` is followed if it is a link — neither the file nor a folder on
    /// the way to it (`labs/02-threads -> ../../classmate` would hand in a classmate's work) —
    /// and each file is checked and read through one descriptor, so swapping it for a link or
    /// a FIFO while it is taken changes nothing.
    public static func stage(_ handIn: [HandInFile], from source: String, to destination: String) throws(SystemError) -> StagedSubmission {
        var staged = StagedSubmission()
        try FileSystem.makeDirectories(destination)
        files: for file in handIn {
            for relative in [file.name, file.kitPath] {
                switch try FileSystem.readBeneath(source, relative, limit: HandIn.maxFileBytes) {
                case .missing:
                    continue
                case .link(let path):
                    staged.problems.append("\(file.name): not a regular file: \(path) is a link (a link or a folder is not taken)")
                case .notRegular:
                    staged.problems.append("\(file.name): not a regular file (a link or a folder is not taken)")
                case .tooLarge(let size):
                    staged.problems.append("\(file.name): \(size) bytes, more than the \(HandIn.maxFileBytes / 1024) KiB a file may have")
                case .bytes(let bytes):
                    try FileSystem.write(bytes, to: destination + "/" + file.name)
                    staged.files.append(File(name: file.name, sha256: SHA256.hex(bytes), bytes: bytes.count))
                }
                continue files
            }
            staged.missing.append(file.name)
        }
        return staged
    }
}
