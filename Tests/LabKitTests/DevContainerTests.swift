// The Dev Container (.devcontainer/) cannot be started here (no container runtime), so its
// files are checked instead: the JSON reads, names a Dockerfile that exists, puts the binaries
// on the PATH the way the course says, builds what `mpmlab check` needs, forwards the labs'
// port, allows strace; and every command the labs and the course type is provided by a
// package the Dockerfile installs (or by the base image): a lab that starts using a new tool
// fails here until the container has it.
import Foundation
import LabKit
import Posix
import Testing

@Suite("The Dev Container's files")
struct DevContainerTests {
    static let folder = TestSupport.repositoryRoot + "/.devcontainer"

    static func configuration() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/devcontainer.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("devcontainer.json builds the Dockerfile beside it, with the course's PATH and set-up command")
    func configurationMatchesTheCourse() throws {
        let config = try Self.configuration()
        let build = try #require(config["build"] as? [String: Any])
        let dockerfile = try #require(build["dockerfile"] as? String)
        #expect(FileSystem.exists(Self.folder + "/" + dockerfile))
        let path = try #require((config["remoteEnv"] as? [String: String])?["PATH"])
        #expect(path.hasPrefix("${containerWorkspaceFolder}/.build/debug:"), "mpmd and mpmlab by name, as the course types them")
        #expect(config["postCreateCommand"] as? String == "swift build --build-tests")
        #expect((config["forwardPorts"] as? [Int])?.contains(8080) == true)
        #expect((config["capAdd"] as? [String])?.contains("SYS_PTRACE") == true)
        // The set-up page describes the same container.
        let setup = try FileSystem.readText(TestSupport.repositoryRoot + "/labs/course/00-setup.xml")
        for phrase in ["swift build --build-tests", "export PATH=\"$PWD/.build/debug:$PATH\"", ".devcontainer/", "SYS_PTRACE"] {
            #expect(setup.contains(phrase), "the set-up page should say \(phrase)")
        }
    }

    /// Debian packages the Dockerfile installs.
    static func installedPackages() throws -> Set<String> {
        let text = try FileSystem.readText(folder + "/Dockerfile")
        let install = try #require(text.split(separator: "apt-get install").dropFirst().first)
        let words = install.split(separator: "&&").first ?? install
        return Set(words.split(whereSeparator: { " \\\n".contains($0) }).map(String.init).filter { !$0.hasPrefix("-") })
    }

    @Test("the Dockerfile starts from a Swift 6 image on Debian")
    func baseImage() throws {
        let from = try FileSystem.readText(Self.folder + "/Dockerfile").split(separator: "\n").first { $0.hasPrefix("FROM ") }
        #expect(from?.hasPrefix("FROM swift:6.") == true && from?.hasSuffix("-bookworm") == true, "\(from ?? "no FROM")")
    }

    /// Where each command the course types comes from: nil for the base image and the shell.
    static let provider: [String: String?] = [
        "curl": "curl", "ps": "procps", "pgrep": "procps", "watch": "procps", "kill": "procps",
        "ss": "iproute2", "strace": "strace", "make": "make", "git": "git",
        "swift": nil, "swiftc": nil, "mpmd": nil, "mpmlab": nil,
        "cat": nil, "ls": nil, "head": nil, "tail": nil, "tr": nil, "wc": nil, "seq": nil, "sort": nil, "uniq": nil,
        "cut": nil, "sleep": nil, "grep": nil, "sed": nil, "awk": nil, "xargs": nil, "echo": nil, "printf": nil,
        "exec": nil, "export": nil, "wait": nil, "time": nil, "for": nil, "sudo": nil,
    ]
    /// Commands the course shows on a real Apache, for comparison only: no lab types them.
    static let apacheOnly: Set<String> = ["apache2", "apache2ctl", "apachectl", "a2enmod"]

    /// The first word of each command in a shell line: after `|`, `;`, `&&`, `&`, `(`, `$(`,
    /// `do` and `time`, skipping `NAME=value` assignments.
    static func commands(in line: String) -> [String] {
        // A comment ends the line; redirections to descriptors (`>&3`, `<&3`) are no `&`.
        var spaced = line.hasPrefix("#") ? "" : String(line.split(separator: " #", maxSplits: 1).first ?? "")
        for redirection in [">&", "<&", "&>"] { spaced = spaced.replacing(redirection, with: ">") }
        spaced = spaced.replacing("$(", with: " ( ")
        for op in ["&&", "||", "|", ";", "&", "(", ")"] { spaced = spaced.replacing(op, with: " \(op) ") }
        var out: [String] = [], start = true
        var quote: Character? = nil
        for word in spaced.split(separator: " ") {
            if let q = quote { if word.contains(q) { quote = nil }; continue }
            if let first = word.first, first == "'" || first == "\"", word.filter({ $0 == first }).count == 1 { quote = first; start = false; continue }
            if ["|", ";", "&&", "||", "&", "(", "do", "time", "then"].contains(word) { start = true; continue }
            guard start else { continue }
            if word.contains("=") && !word.hasPrefix("-") {
                // NAME=value; a quoted value may go on over the next words.
                for q in ["'", "\""] as [Character] where word.filter({ $0 == q }).count == 1 { quote = q }
                continue
            }
            if ["for", "done", "in", "if", "fi", ")", "{", "}"].contains(word) { start = word == "{"; continue }
            if !word.hasPrefix("./") { out.append(String(word)) }   // a program just built
            start = false
        }
        return out
    }

    @Test("every command the labs and the course type is installed in the container")
    func commandsAreInstalled() throws {
        let (course, _, _) = try Course.load(root: TestSupport.repositoryRoot, reports: nil, validator: TestSupport.validator)
        var lines: [String] = []
        for lab in course.labs { for section in lab.sections { for step in section.steps { for case .command(let c) in step.items { lines.append(c) } } } }
        for chapter in course.chapters {
            for section in chapter.sections {
                for case .pre(let text) in section.blocks {
                    lines += text.split(separator: "\n").filter { $0.hasPrefix("$ ") }.map { String($0.dropFirst(2)) }
                }
            }
        }
        #expect(lines.count > 50, "the course's commands were not found")
        let installed = try Self.installedPackages()
        var unknown: Set<String> = []
        for line in lines {
            for command in Self.commands(in: line) where !Self.apacheOnly.contains(command) {
                guard let package = Self.provider[command] else { unknown.insert(command); continue }
                if let package { #expect(installed.contains(package), "\(command) needs the \(package) package: \(line)") }
            }
        }
        #expect(unknown.isEmpty, "commands with no known package: \(unknown.sorted()) — add them to the Dockerfile and to this table")
    }
}
