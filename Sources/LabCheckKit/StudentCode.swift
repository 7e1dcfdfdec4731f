// Where a check finds the student's compiled exercise code, and how it runs it. The checks
// never load that code into their own process: it runs only inside mpmd (loaded with
// `LoadModule lab_exercises_module`) or inside `labrun`, and the check judges what those
// processes do from outside. The module is $MPMLAB_EXERCISE_MODULE (the grader's build of the
// student's files), else the libLabExercises.so that `swift build` wrote beside the tests.
import Posix
import ServerHarness

public enum StudentCode {
    public static var modulePath: String {
        Process.environment("MPMLAB_EXERCISE_MODULE") ?? besideTests("libLabExercises.so")
    }

    public static var labrunPath: String {
        Process.environment("MPMLAB_LABRUN") ?? besideTests("labrun")
    }

    /// The `-C` arguments that make mpmd load the student's module.
    public static var serverArguments: [String] {
        ["-C", "LoadModule lab_exercises_module \(modulePath)"]
    }

    static func besideTests(_ name: String) -> String {
        FileSystem.dirname(of: Process.executablePath()) + "/" + name
    }

    /// What `labrun` printed, line by line.
    public struct Output: Sendable {
        public let lines: [String]
    }

    /// A run of the student's code that went wrong: it did not finish in time, crashed, or
    /// printed something else than the expected numbers. A failure of the exercise.
    public struct RunFailure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `labrun ARGUMENTS --module MODULE` with `input` on its standard input, for at most
    /// `timeoutMs`; a run that does not end by then is killed.
    public static func run(_ arguments: [String], input: String? = nil, timeoutMs: Int) throws -> Output {
        Confinement.makeUndumpable()
        let scratch = try FileSystem.makeTemporaryDirectory(prefix: "labrun")
        defer { try? FileSystem.remove(scratch) }
        var options = SpawnOptions(outputPath: scratch + "/output", environment: TestServer.environmentForStudentCode())
        if let input {
            try FileSystem.write(input, to: scratch + "/input")
            options.inputPath = scratch + "/input"
        }
        let pid = try Process.spawn(labrunPath, arguments + ["--module", modulePath], options)
        guard let status = Process.wait(for: pid, timeoutMs: timeoutMs) else {
            Process.kill(pid, Signal.kill)
            _ = Process.wait(for: pid, timeoutMs: 5000)
            throw RunFailure(description: "your code did not finish within \(timeoutMs / 1000) s (an endless loop, or a lock never released?)")
        }
        let text = (try? FileSystem.readText(scratch + "/output")) ?? ""
        guard status == .exited(0) else {
            let tail = text.split(separator: "\n").suffix(5).joined(separator: "\n")
            throw RunFailure(description: "your code ended with \(status)" + (tail.isEmpty ? "" : ":\n" + tail))
        }
        return Output(lines: text.split(separator: "\n").map(String.init))
    }
}
