// Fuzz harness for the configuration reader: lexer, parser, directive tables, `<IfModule>`,
// `<IfDefine>`, `<Location>` and `Include`. An input is up to four files separated by a line
// `#=` — `main.conf`, then `a.conf`, `b.conf`, `c.conf` — so that includes (of one file, of a
// glob, of itself) are fuzzed as well. The oracle: loading ends with a configuration or with
// an error that names a place (`FILE:LINE: message`), never a crash or a hang.
import Config
import Posix

public enum ConfigHarness {
    /// A private folder per process (the fuzzer runs one input at a time in it).
    static let folder: String = {
        let path = "/tmp/mpmd-fuzz-config-\(Process.id)"
        try? FileSystem.makeDirectories(path + "/conf")
        return path
    }()

    public static func check(_ input: [UInt8]) -> String? {
        let files = split(input)
        let names = ["main.conf", "a.conf", "b.conf", "c.conf"]
        for (index, name) in names.enumerated() {
            let path = folder + "/conf/" + name
            if index < files.count {
                try? FileSystem.write(files[index], to: path)
            } else {
                try? FileSystem.remove(path)
            }
        }
        do {
            let config = try ConfigLoader.load(path: folder + "/conf/main.conf", defines: ["FUZZ"])
            _ = config.location(for: "/lab/whoami")
            _ = config.mpmSettings
        } catch {
            let text = "\(error)"
            guard !text.isEmpty else { return "an error without a message" }
        }
        return nil
    }

    /// The files of one input: the lines between lines that are exactly `#=`.
    static func split(_ input: [UInt8]) -> [[UInt8]] {
        var files: [[UInt8]] = [[]]
        for line in input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if line.elementsEqual("#=".utf8) && files.count < 4 {
                files.append([])
            } else {
                files[files.count - 1] += line + [UInt8(ascii: "\n")]
            }
        }
        return files
    }
}
