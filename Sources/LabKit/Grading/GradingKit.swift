// What every sandbox of a grading run sees at /kit, prepared once per run from the repository:
//  - source/: the students' starter kit (StarterKit: each lab's starter files, solution
//    regions stripped) — the lab documents and configurations the checks read, and the
//    exercise sources a student's files are compiled with;
//  - bin/: the trusted programs, built once from the repository: mpmd, labrun, the test
//    bundle that holds the checks, and mpmlab (the supervisor). None contains exercise code:
//    mpmd and labrun load a student's module at run time.
import Posix

public struct GradingKit: Sendable {
    /// The kit on the grader's side.
    public let folder: String
    /// The Swift toolchain's root and its swiftc.
    public let toolchain: String
    public let swiftc: String
    /// The bundle's XCTest tests (`--list-tests`), to split a lab's checks by framework.
    public let xctestList: String
    /// What the kit was built from, for the rerun manifest.
    public let commit: String
    public let toolchainVersion: String

    public static let bundleName = "MPMLabPackageTests.xctest"
    /// What of the repository the sandbox sees: the labs (documents, configurations, starter
    /// files) and the exercises' sources. Nothing else — not a class folder someone keeps in
    /// the repository, not reports.
    public static let sourceParts = ["labs", HandIn.exerciseSources]
    public static let programs = ["mpmd", "labrun", "mpmlab", bundleName]

    public struct KitError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Writes the kit of `repository` into `folder` (replaced if present), taking the programs
    /// from `products` (the repository's .build/debug after `swift build --build-tests`).
    public static func prepare(repository: String, products: String, folder: String) throws -> GradingKit {
        try? FileSystem.remove(folder)
        try FileSystem.makeDirectories(folder + "/bin")
        _ = try StarterKit.write(from: repository, to: folder + "/source", only: sourceParts)
        for name in programs {
            let path = products + "/" + name
            guard FileSystem.exists(path) else {
                throw KitError(description: "\(path) is missing: build first (swift build --build-tests)")
            }
            try FileSystem.write(try FileSystem.readBytes(path), to: folder + "/bin/" + name, mode: 0o755)
        }
        guard let found = Executables.find("swiftc"), let resolved = FileSystem.realPath(found) else {
            throw KitError(description: "no swiftc on PATH: the students' exercise code is compiled with it")
        }
        // …/usr/bin/swift-driver (what swiftc links to) → the toolchain root, bound into the
        // sandbox whole; swiftc is called by its own name, which tells the driver what to be.
        let toolchain = FileSystem.dirname(of: FileSystem.dirname(of: FileSystem.dirname(of: resolved)))
        let swiftc = toolchain + "/usr/bin/swiftc"
        let list = try Self.capture(folder + "/bin/" + bundleName, ["--list-tests"], in: folder)
        let commit = Self.commit(of: repository, scratch: folder)
        let version = (try? Self.capture(swiftc, ["--version"], in: folder))?
            .split(separator: "\n").first.map(String.init) ?? "unknown"
        return GradingKit(folder: folder, toolchain: toolchain, swiftc: swiftc, xctestList: list,
                          commit: commit.isEmpty ? "unknown" : commit, toolchainVersion: version)
    }

    /// The file a packaged kit (a grading platform's copy, without .git) names its commit in.
    public static let commitFile = ".mpmlab-kit-commit"

    /// The commit the repository at `repository` was taken from: the packaged kit's record,
    /// else git's HEAD.
    public static func commit(of repository: String, scratch: String) -> String {
        if let recorded = try? FileSystem.readText(repository + "/" + commitFile) {
            return recorded.trimmingWhitespace()
        }
        return (try? capture(Executables.find("git") ?? "/usr/bin/git", ["-C", repository, "rev-parse", "HEAD"], in: scratch))?
            .trimmingWhitespace() ?? "unknown"
    }

    /// Paths inside the sandbox.
    public var bundleInside: String { Sandbox.kitMount + "/bin/" + Self.bundleName }
    public var sourceInside: String { Sandbox.kitMount + "/source" }

    /// The standard output (and error) of a short trusted command.
    static func capture(_ program: String, _ arguments: [String], in scratch: String) throws -> String {
        let output = scratch + "/.capture-\(Process.id)"
        defer { try? FileSystem.remove(output) }
        let pid = try Process.spawn(program, arguments, SpawnOptions(outputPath: output))
        guard let status = Process.wait(for: pid, timeoutMs: 60_000) else {
            Process.kill(pid, Signal.kill)
            _ = Process.wait(for: pid, timeoutMs: 5000)
            throw KitError(description: "\(program) \(arguments.joined(separator: " ")) did not finish")
        }
        let text = (try? FileSystem.readText(output)) ?? ""
        guard status == .exited(0) else { throw KitError(description: "\(program) \(arguments.joined(separator: " ")): \(status)\n\(text)") }
        return text
    }
}
