// The test server adds a free-port Listen and a DocumentRoot unless the configuration has its
// own. Only directive lines count: a student's comment that says "listen" must not leave the
// server with no Listen at all (it would not start, and every config check would fail).
@testable import ServerHarness
import Testing

@Suite("Test server configuration")
struct TestServerConfigTests {
    @Test("a directive counts, whatever its case and indentation; a comment or a word inside a line does not",
          arguments: [("Listen 127.0.0.1:8080", true), ("  listen\t8080", true), ("Listen ${MPMD_LISTEN}", true),
                      ("# the child must listen to six clients", false), ("# Listen 80", false),
                      ("ServerName listen example", false), ("# The checks add Listen, DocumentRoot", false)])
    func listenDirective(_ c: (String, Bool)) {
        #expect(TestServer.hasDirective("Listen", in: "LoadModule mpm_worker_module\r\n" + c.0 + "\r\nKeepAlive On\n") == c.1)
    }

    @Test("a student's comment does not stop the server from starting on a free port")
    func commentSayingListen() throws {
        let server = try TestServer.start(config: "# each child will listen to six clients at once\nKeepAlive On\n")
        defer { server.stop() }
        #expect(server.port > 0)
    }
}
