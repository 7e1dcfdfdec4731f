// Values read the way Apache reads them, quirks included: atoi's leading digits, timeout
// units judged by their first letters, and Listen's address forms (port 0 is mpmd's addition).
@testable import Config
import Testing

@Suite("Argument parsing")
struct ArgumentParsingTests {
    @Test("numbers are read with atoi: junk gives 0, trailing junk is ignored", arguments: [
        ("150", 150), ("  42", 42), ("-3", -3), ("+7", 7), ("15O", 15), ("many", 0), ("", 0),
        ("99999999999", Int(Int32.max)),
    ])
    func atoi(text: String, value: Int) {
        #expect(ArgumentParsing.atoi(text) == value)
    }

    @Test("KeepAliveTimeout takes seconds or a unit", arguments: [
        ("5", 5000), ("500ms", 500), ("0", 0), ("2s", 2000), ("1mi", 60_000), ("1h", 3_600_000),
        ("3sec", 3000),
    ])
    func timeouts(text: String, milliseconds: Int) {
        #expect(ArgumentParsing.timeoutMilliseconds(text) == milliseconds)
    }

    @Test("a timeout with an unknown unit has the wrong format", arguments: ["5x", "abc", "5 s", "2m"])
    func badTimeouts(text: String) {
        #expect(ArgumentParsing.timeoutMilliseconds(text) == nil)
    }

    @Test("Listen addresses in Apache's three forms, port 0 included", arguments: [
        ("8080", ListenAddress(host: nil, port: 8080)),
        ("127.0.0.1:8080", ListenAddress(host: "127.0.0.1", port: 8080)),
        ("[::1]:8080", ListenAddress(host: "::1", port: 8080)),
        ("*:80", ListenAddress(host: nil, port: 80)),
        ("localhost:0", ListenAddress(host: "localhost", port: 0)),
    ])
    func listenForms(text: String, address: ListenAddress) {
        #expect(ArgumentParsing.listenAddress(text) == address)
    }

    @Test("invalid Listen addresses are refused", arguments: ["", "http", "::1:80", "[::1]", "1.2.3.4:70000", "[zz]:80", "80a"])
    func badListen(text: String) {
        #expect(ArgumentParsing.listenAddress(text) == nil)
    }
}
