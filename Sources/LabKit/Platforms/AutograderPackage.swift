// What an instructor uploads to a grading platform so that it grades a lab exactly as
// `mpmlab grade` does: the platform's scripts (templates in the repository's platforms/
// folder, filled with the lab, the language, the time limit and the Swift version) around the
// kit — this repository without its solutions, but with the hidden checks' tests, the commit
// it was taken from, and optionally programs already built here. On the platform, the scripts
// only ever call `mpmlab grade` on one submission and pick that platform's file from its
// output: one grading, every format (Gradebook).
//  - Gradescope: autograder.zip with setup.sh and run_autograder at its root, the kit in kit/;
//  - PrairieLearn: image/ (Dockerfile, run_grader, the kit) and question/ (info.json with
//    externalGradingOptions, question.html);
//  - GitHub Classroom: .github/workflows/classroom.yml for the starter kit's repository.
import Posix

public struct AutograderPackage {
    public enum Platform: String, CaseIterable, Sendable {
        case gradescope
        case prairielearn
        case githubClassroom = "github-classroom"
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public let root: String
    public let lab: Lab
    public var language: Language = .en
    /// What one submission may take (`mpmlab grade --time-limit`).
    public var timeLimit = 1200
    /// The Swift release the platform installs (`6.3.1`).
    public var swiftVersion: String
    /// A folder with mpmd, labrun, mpmlab and the test bundle built here, put in the kit so
    /// that the platform need not build them (they must run there: same system family).
    public var programs: String?

    public init(root: String, lab: Lab, swiftVersion: String) {
        self.root = root
        self.lab = lab
        self.swiftVersion = swiftVersion
    }

    /// `6.3.1` from `Swift version 6.3.1 (swift-6.3.1-RELEASE)`; nil for a development snapshot.
    public static func releaseVersion(fromCompilerBanner banner: String) -> String? {
        guard let start = banner.firstRange(of: "(swift-"), let end = banner[start.upperBound...].firstRange(of: "-RELEASE)") else { return nil }
        let version = String(banner[start.upperBound..<end.lowerBound])
        return version.allSatisfy { $0.isNumber || $0 == "." } && !version.isEmpty ? version : nil
    }

    /// Writes the platform's files into `out` (created) and returns their paths, relative to it.
    public func write(_ platform: Platform, to out: String) throws -> [String] {
        try FileSystem.makeDirectories(out)
        switch platform {
        case .gradescope:
            let scratch = try FileSystem.makeTemporaryDirectory(prefix: "mpmlab-autograder")
            defer { try? FileSystem.remove(scratch) }
            try writeKit(to: scratch + "/kit")
            var zip = ZipArchive()
            zip.addFile("setup.sh", bytes: Array(try template("gradescope/setup.sh").utf8), mode: 0o755)
            zip.addFile("run_autograder", bytes: Array(try template("gradescope/run_autograder").utf8), mode: 0o755)
            zip.addFile("autograder.conf", bytes: Array(try template("gradescope/autograder.conf").utf8))
            try zip.addTree(scratch + "/kit", under: "kit")
            try FileSystem.write(try zip.bytes(), to: out + "/autograder.zip")
            return ["autograder.zip"]
        case .prairielearn:
            try? FileSystem.remove(out + "/image")
            try writeKit(to: out + "/image/kit")
            var written: [String] = []
            for file in ["Dockerfile", "run_grader", "grader.conf"] {
                let bytes = Array(try template("prairielearn/" + file).utf8)
                try FileSystem.write(bytes, to: out + "/image/" + file, mode: file == "run_grader" ? 0o755 : 0o644)
                written.append("image/" + file)
            }
            try FileSystem.makeDirectories(out + "/question")
            for file in ["info.json", "question.html"] {
                try FileSystem.write(try template("prairielearn/" + file), to: out + "/question/" + file)
                written.append("question/" + file)
            }
            return written + ["image/kit/"]
        case .githubClassroom:
            try FileSystem.makeDirectories(out + "/.github/workflows")
            try FileSystem.write(try template("github-classroom/classroom.yml"), to: out + "/.github/workflows/classroom.yml")
            return [".github/workflows/classroom.yml"]
        }
    }

    /// The kit a platform grades with: the starter kit with the hidden checks' tests kept, the
    /// resolved package versions, the commit, and the programs given.
    func writeKit(to folder: String) throws {
        try? FileSystem.remove(folder)
        _ = try StarterKit.write(from: root, to: folder, hiddenTests: .keep)
        if FileSystem.exists(root + "/Package.resolved") {
            try FileSystem.write(try FileSystem.readBytes(root + "/Package.resolved"), to: folder + "/Package.resolved")
        }
        let scratch = try FileSystem.makeTemporaryDirectory(prefix: "mpmlab-commit")
        defer { try? FileSystem.remove(scratch) }
        try FileSystem.write(GradingKit.commit(of: root, scratch: scratch) + "\n", to: folder + "/" + GradingKit.commitFile)
        guard let programs else { return }
        try FileSystem.makeDirectories(folder + "/.build/debug")
        for name in GradingKit.programs + ["libLabExercises.so"] {
            let path = programs + "/" + name
            guard FileSystem.exists(path) else { throw Failure(description: "\(path) is missing: build first (swift build --build-tests)") }
            try FileSystem.write(try FileSystem.readBytes(path), to: folder + "/.build/debug/" + name, mode: 0o755)
        }
    }

    /// The template `platforms/NAME` with this lab's values in place of its `@NAME@` markers.
    func template(_ name: String) throws -> String {
        let path = root + "/platforms/" + name
        guard let text = try? FileSystem.readText(path) else { throw Failure(description: "\(path): missing (the platforms' templates)") }
        let handIn = try HandIn.files(of: lab, root: root).map(\.name).joined(separator: ", ")
        let values: [(String, String)] = [
            ("@LAB@", "\(lab.number)"), ("@LAB_ID@", lab.id), ("@TITLE@", lab.title[language]), ("@LANG@", language.rawValue),
            ("@TIME_LIMIT@", "\(timeLimit)"), ("@PL_TIMEOUT@", "\(min(600, timeLimit + 60))"), ("@SWIFT_VERSION@", swiftVersion),
            ("@HAND_IN@", handIn), ("@UUID@", Self.uuid(for: lab.id)),
        ]
        var out = text
        for (marker, value) in values { out = out.replacing(marker, with: value) }
        return out
    }

    /// A UUID (version 4 layout) that is always the same for a lab, so that writing the
    /// question again does not make PrairieLearn see a new question.
    static func uuid(for labID: String) -> String {
        var bytes = Array(SHA256.hex(Array("mpmlab prairielearn question \(labID)".utf8)).prefix(32))
        bytes[12] = "4"
        bytes[16] = Array("89ab")[Int(bytes[16].hexDigitValue ?? 0) & 3]
        let text = String(bytes)
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(text[text.index(text.startIndex, offsetBy: range.lowerBound)..<text.index(text.startIndex, offsetBy: range.upperBound)])
        }
        return parts.joined(separator: "-")
    }
}
