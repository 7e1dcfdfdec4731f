// What fuzzing the configuration reader found, kept as tests: each input once hung or
// crashed the reader and must now end in an error that names the file and the line.
@testable import Config
import Glibc
import Posix
import Testing

@Suite("Configuration inputs found by fuzzing")
struct FuzzFindingTests {
    @Test("A NUL character in a line is an error at that line, not a path cut short")
    func nulCharacter() throws {
        let t = try TemporaryConfig()
        // `conf/\0…` reached the file system as `conf/`: a directory, included into itself.
        let error = try #require(try t.error("Listen 80\nDocumentRoot htdocs\nInclude conf/\u{0}\u{0}a.conf\n"))
        #expect(error.description == "\(t.confPath):3: Syntax error: the line holds a NUL character")
        #expect(try t.error("Listen 80\nServerName a\u{0}b\n")?.description.contains(":2: ") == true)
    }

    @Test("Including a directory that loops back on itself ends in an error at the Include line")
    func directoryLoop() throws {
        let t = try TemporaryConfig()
        try t.write("conf/d/one.conf", "Timeout 5\n")
        #expect(symlink(t.root + "/conf/d", t.root + "/conf/d/again") == 0)
        let error = try #require(try t.error("Listen 80\nInclude conf/d\n"))
        // The kernel's limit on symbolic links (40) or Apache's nesting limit (128) ends it.
        #expect(error.description.hasPrefix("\(t.confPath):2: "))
    }

    @Test("A directory include still reads every file below it, in order")
    func directoryInclude() throws {
        let t = try TemporaryConfig()
        try t.write("conf/d/a.conf", "Timeout 5\n")
        try t.write("conf/d/sub/b.conf", "Timeout 7\n")
        #expect(try t.load("Listen 80\nInclude conf/d\n").timeoutSeconds == 7)
    }
}
