// Taking a submission: only regular files that are really in the student's folder. A link is
// refused wherever it is on the way — the file itself, or a folder of the kit layout linked to
// a classmate's submission or to the instructor's repository (which holds the solutions).
@testable import LabKit
import Posix
import Testing

@Suite("Taking a submission")
struct HandInTests {
    static let files = [HandInFile(name: "answers.txt", kitPath: "labs/02-threads/answers.txt", isCode: false),
                        HandInFile(name: "SharedCounter.swift", kitPath: "Sources/LabExercises/SharedCounter.swift", isCode: true)]

    /// A class folder with alice's flat submission, and `setUp` making mallory's.
    static func stage(_ setUp: (String) throws -> Void) throws -> StagedSubmission {
        let scratch = try GradingSupport.scratchDirectory("hand-in")
        defer { try? FileSystem.remove(scratch) }
        try FileSystem.makeDirectories(scratch + "/class/alice")
        try FileSystem.write("tasks_per_child = 10\n", to: scratch + "/class/alice/answers.txt")
        try FileSystem.write("// alice's counter\n", to: scratch + "/class/alice/SharedCounter.swift")
        try FileSystem.makeDirectories(scratch + "/class/mallory")
        try setUp(scratch + "/class/mallory")
        let staged = try StagedSubmission.stage(files, from: scratch + "/class/mallory", to: scratch + "/taken")
        for file in staged.files {
            let text = try FileSystem.readText(scratch + "/taken/" + file.name)
            #expect(text.contains("mallory"), "\(file.name) is mallory's own")
        }
        return staged
    }

    @Test("flat files and the kit layout are both taken")
    func takesOwnFiles() throws {
        let staged = try Self.stage { mallory in
            try FileSystem.write("# mallory\n", to: mallory + "/answers.txt")
            try FileSystem.makeDirectories(mallory + "/Sources/LabExercises")
            try FileSystem.write("// mallory\n", to: mallory + "/Sources/LabExercises/SharedCounter.swift")
        }
        #expect(staged.files.map(\.name) == ["answers.txt", "SharedCounter.swift"])
        #expect(staged.problems.isEmpty && staged.missing.isEmpty)
    }

    @Test("a folder of the kit layout linked elsewhere is refused, not followed")
    func refusesLinkedFolders() throws {
        let staged = try Self.stage { mallory in
            try FileSystem.makeDirectories(mallory + "/labs")
            try FileSystem.makeDirectories(mallory + "/Sources")
            try FileSystem.symlink("../../alice", at: mallory + "/labs/02-threads")
            try FileSystem.symlink("../../alice", at: mallory + "/Sources/LabExercises")
        }
        #expect(staged.files.isEmpty, "\(staged.files)")
        #expect(staged.problems == ["answers.txt: not a regular file: labs/02-threads is a link (a link or a folder is not taken)",
                                    "SharedCounter.swift: not a regular file: Sources/LabExercises is a link (a link or a folder is not taken)"])
    }

    @Test("a linked file is refused, and a file over the limit is not read")
    func refusesLinksAndLargeFiles() throws {
        let staged = try Self.stage { mallory in
            try FileSystem.symlink("../alice/answers.txt", at: mallory + "/answers.txt")
            try FileSystem.write("", to: mallory + "/SharedCounter.swift")
            try FileSystem.truncate(mallory + "/SharedCounter.swift", to: HandIn.maxFileBytes + 1)
        }
        #expect(staged.files.isEmpty)
        #expect(staged.problems.first?.hasPrefix("answers.txt: not a regular file") == true, "\(staged.problems)")
        #expect(staged.problems.last == "SharedCounter.swift: \(HandIn.maxFileBytes + 1) bytes, more than the 256 KiB a file may have")
    }
}
