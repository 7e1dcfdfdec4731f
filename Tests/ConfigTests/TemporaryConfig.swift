// A scratch directory under /tmp holding configuration files for one test, removed when the
// test is done. Files are written with Posix's FileSystem, as the rest of MPMLab does.
@testable import Config
import Posix

final class TemporaryConfig {
    let root: String

    init() throws {
        root = "/tmp/mpmd-config-test-\(UInt64.random(in: 0...UInt64.max))"
        try FileSystem.makeDirectories(root + "/conf")
    }

    deinit { try? FileSystem.remove(root) }

    /// Writes `text` to `path` (relative to the scratch root) and returns its absolute path.
    @discardableResult
    func write(_ path: String, _ text: String) throws -> String {
        let full = root + "/" + path
        try FileSystem.makeDirectories(FileSystem.dirname(of: full))
        try FileSystem.write(text, to: full)
        return full
    }

    /// Writes `conf/test.conf` and loads it.
    func load(_ text: String, defines: Set<String> = [], before: [String] = [],
              after: [String] = [], running: ServerConfig? = nil) throws -> ServerConfig {
        let path = try write("conf/test.conf", text)
        return try ConfigLoader.load(path: path, defines: defines, before: before, after: after, running: running)
    }

    /// Loads `text` and returns the error it must raise.
    func error(_ text: String, defines: Set<String> = [], before: [String] = [],
               after: [String] = []) throws -> ConfigError? {
        let path = try write("conf/test.conf", text)
        do {
            _ = try ConfigLoader.load(path: path, defines: defines, before: before, after: after)
            return nil
        } catch {
            return error
        }
    }

    var confPath: String { root + "/conf/test.conf" }
}
