// Where a check finds the student's compiled exercise code, and how it runs it. The checks
// never load that code into their own process: it runs only inside mpmd (loaded with
// `LoadModule lab_exercises_module`) or inside `labrun`, and the check judges what those
// processes do from outside. The module is $MPMLAB_EXERCISE_MODULE (the grader's build of the
// student's files), else the libLabExercises.so that `swift build` wrote beside the tests.
//
// Only the checks of the code exercises run the student's code. Every other check whose server
// needs an exercise switched on (a lab.conf saying `LabExercise counter`) loads the starter's
// module ($MPMLAB_STARTER_MODULE, built by the grader from the kit): a student's module could
// otherwise bend what those servers show — code that runs as the module loads, before mpmd
// forks, can change anything in the process.
import Posix
import ServerHarness

public enum StudentCode {
    public static var modulePath: String {
        Process.environment("MPMLAB_EXERCISE_MODULE") ?? besideTests("libLabExercises.so")
    }

    /// The kit's own module (solutions stripped); on a student's machine, their own.
    public static var starterModulePath: String {
        Process.environment("MPMLAB_STARTER_MODULE") ?? modulePath
    }

    public static var labrunPath: String {
        Process.environment("MPMLAB_LABRUN") ?? besideTests("labrun")
    }

    /// The `-C` arguments that make mpmd load the student's module (`student`) or the starter's.
    public static func serverArguments(student: Bool) -> [String] {
        ["-C", "LoadModule lab_exercises_module \(student ? modulePath : starterModulePath)"]
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
            let tail = text.split(separator: "\n").suffix(5).map { $0.prefix(200) }.joined(separator: "\n")
            throw RunFailure(description: "your code ended with \(status)" + (tail.isEmpty ? "" : ":\n" + tail))
        }
        return Output(lines: text.split(separator: "\n").map(String.init))
    }
}
