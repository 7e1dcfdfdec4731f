// Lines and words, as Apache cuts them: quotes only at the start of a word, backslashes only
// before a quote or a backslash, `#` a comment only at the start of a line.
@testable import Config
import Testing

@Suite("Config lexer")
struct ConfigLexerTests {
    @Test("words split like ap_getword_conf", arguments: [
        (#"Listen 8080"#, ["Listen", "8080"]),
        (#"DocumentRoot "/srv/my site""#, ["DocumentRoot", "/srv/my site"]),
        (#"LogFormat 'single "quoted"' nick"#, ["LogFormat", #"single "quoted""#, "nick"]),
        (#"LogFormat "a \"b\" c" x"#, ["LogFormat", #"a "b" c"#, "x"]),
        (#"X "back\\slash" plain\\twice"#, ["X", #"back\slash"#, #"plain\twice"#]),
        (#"X "unterminated to the end"#, ["X", "unterminated to the end"]),
        (#"X mid"quote" word"#, ["X", #"mid"quote""#, "word"]),
        ("X\ttabs   and  spaces", ["X", "tabs", "and", "spaces"]),
        (#"X a\nb"#, ["X", #"a\nb"#]),
    ])
    func wordsSplitLikeApache(line: String, expected: [String]) {
        #expect(ConfigLexer.words(line) == expected)
    }

    @Test("a backslash at the end of a line continues it, and the line keeps its first number")
    func continuation() {
        let lines = ConfigLexer.lines(of: "# comment\n\nKeepAlive \\\n   On\nTimeout 5\n", file: "f")
        #expect(lines.map(\.text) == ["KeepAlive    On", "Timeout 5"])
        #expect(lines.map(\.location.line) == [3, 5])
    }

    @Test("an escaped backslash at the end of a line does not continue it")
    func escapedBackslashEndsTheLine() {
        let lines = ConfigLexer.lines(of: "A b\\\\\nB c\n", file: "f")
        #expect(lines.map(\.text) == ["A b\\\\", "B c"])
    }

    @Test("a file saved with Windows line endings reads line by line")
    func windowsLineEndings() {
        let lines = ConfigLexer.lines(of: "# comment\r\nLoadModule mpm_worker_module\r\nKeepAlive \\\r\n  On\r\n", file: "f")
        #expect(lines.map(\.text) == ["LoadModule mpm_worker_module", "KeepAlive   On"])
        #expect(lines.map(\.location.line) == [2, 3])
    }

    @Test("# starts a comment only at the beginning of a line")
    func commentsOnlyAtLineStart() {
        let lines = ConfigLexer.lines(of: "   # indented comment\nServerName a#b # not a comment\r\n", file: "f")
        #expect(lines.map(\.text) == ["ServerName a#b # not a comment"])
        #expect(ConfigLexer.words(lines[0].text) == ["ServerName", "a#b", "#", "not", "a", "comment"])
    }
}
