// `mpmlab start N [--mpm prefork|worker|event] [--port P]`: runs mpmd in the foreground with lab
// N's configuration (`labs/NN-slug/lab.conf`, ServerRoot that folder), after printing what to
// try. mpmlab *becomes* mpmd (exec keeps the process id), so the PID printed is the master's and
// Ctrl-C stops the master and its children. `--mpm` swaps the file's LoadModule line for another
// MPM in a copy written to the lab's logs/ folder.
import ArgumentParser
import LabKit
import Posix

struct StartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Run mpmd in the foreground with a lab's configuration."
    )

    enum MPMName: String, ExpressibleByArgument, CaseIterable {
        case prefork, worker, event
    }

    @OptionGroup var options: CommonOptions

    @Argument(help: "The lab's number.")
    var number: Int

    @Option(help: "The MPM to load instead of the lab's own.")
    var mpm: MPMName?

    @Option(help: "The loopback port to listen on.")
    var port: Int = 8080

    @Flag(help: "Print the mpmd command line instead of running it.")
    var dryRun = false

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port \(port): expected 1 to 65535") }
    }

    func run() throws {
        let root = try options.repositoryRoot()
        let language = try options.language()
        let lab = try LabLoading.lab(number, root: root)
        let folder = root + "/labs/" + lab.id
        var config = folder + "/lab.conf"
        guard FileSystem.exists(config) else { throw ValidationError("lab \(number) has no lab.conf") }
        try FileSystem.makeDirectories(folder + "/logs")
        if let mpm {
            config = try Self.withMPM(mpm.rawValue, from: config, into: folder + "/logs/lab-\(mpm.rawValue).conf")
        }
        let mpmd = MPMDBinary.mpmd
        let arguments = ["-C", "ServerRoot \"\(folder)\"", "-C", "Define MPMD_LISTEN 127.0.0.1:\(port)", "-f", config]
        let commandLine = ([mpmd] + arguments).map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
        if dryRun {
            print(commandLine)
            return
        }
        var text = Self.banner(lab, language: language, port: port, pid: Process.id, commandLine: commandLine)
        text += "\n"
        // exec discards what print() buffered: write straight to the descriptor.
        try FileDescriptor.standardOutput.writeAll(Array(text.utf8))
        Process.execute(mpmd, arguments)
    }

    /// What to try, from the lab's own commands (those of `mpmlab start` itself left out).
    static func banner(_ lab: Lab, language: Language, port: Int, pid: Int32, commandLine: String) -> String {
        let fr = language == .fr
        var lines = [
            fr ? "Lab \(lab.number) — \(lab.title[language])" : "Lab \(lab.number) — \(lab.title[language])",
            fr ? "mpmd démarre au premier plan : PID du maître \(pid), http://127.0.0.1:\(port)/ (Ctrl-C arrête tout)."
               : "mpmd starts in the foreground: master PID \(pid), http://127.0.0.1:\(port)/ (Ctrl-C stops everything).",
            "  " + commandLine,
            fr ? "À essayer dans un autre terminal :" : "Things to try in another terminal:",
        ]
        for section in lab.sections {
            for step in section.steps {
                for case .command(let command) in step.items where !command.hasPrefix("mpmlab start") {
                    lines.append("  $ " + command.replacingPort(with: port))
                }
            }
        }
        lines.append(fr ? "Le lab complet : mpmlab show \(lab.number)" : "The whole lab: mpmlab show \(lab.number)")
        return lines.joined(separator: "\n")
    }

    /// A copy of `path` loading `mpm` instead of the MPM it names.
    static func withMPM(_ mpm: String, from path: String, into copy: String) throws -> String {
        let lines = try FileSystem.readText(path).split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let words = line.split(separator: " ")
            if words.count >= 2, words[0].lowercased() == "loadmodule", words[1].hasPrefix("mpm_") {
                return "LoadModule mpm_\(mpm)_module"
            }
            return String(line)
        }
        try FileSystem.write(lines.joined(separator: "\n"), to: copy)
        return copy
    }
}

/// Where mpmd is: $MPMD, else beside this mpmlab (both are built into the same folder).
enum MPMDBinary {
    static var mpmd: String {
        Process.environment("MPMD") ?? FileSystem.dirname(of: Process.executablePath()) + "/mpmd"
    }
}

extension String {
    /// The lab's commands name port 8080; `--port` moves them.
    func replacingPort(with port: Int) -> String {
        port == 8080 ? self : split(separator: "127.0.0.1:8080", omittingEmptySubsequences: false)
            .joined(separator: "127.0.0.1:\(port)")
    }
}
