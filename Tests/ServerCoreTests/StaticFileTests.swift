// Static files from DocumentRoot: validators, ranges, HEAD, directories, and every way a path
// could try to leave the document root.
import Posix
import ServerHarness
import Testing

@Suite("Static files on a live server", .serialized)
struct StaticFileTests {
    static let files = ["htdocs/hello.txt": "Hello, world! 0123456789\n", "htdocs/docs/index.html": "<p>docs</p>\n",
                        "secret.txt": "outside the document root\n"]

    func start(_ harness: Harness) throws -> TestServer {
        let server = try harness.start(files: Self.files)
        _ = try? FileSystem.remove(server.root + "/htdocs/escape")
        _ = Glibc_symlink(server.root + "/secret.txt", server.root + "/htdocs/escape")
        return server
    }

    @Test("A file is served with its length, type and validators", arguments: Harness.allCases)
    func servesFile(harness: Harness) throws {
        let server = try start(harness)
        defer { server.stop() }
        let r = try server.get("/hello.txt")
        #expect(r.status == 200)
        #expect(r.text == "Hello, world! 0123456789\n")
        #expect(r.headers["Content-Length"] == "25")
        #expect(r.headers["Content-Type"]?.hasPrefix("text/plain") == true)
        #expect(r.headers["ETag"] != nil)
        #expect(r.headers["Last-Modified"] != nil)
        #expect(r.headers["Date"] != nil)
    }

    @Test("A matching If-None-Match or If-Modified-Since gives 304 without a body", arguments: Harness.allCases)
    func conditional(harness: Harness) throws {
        let server = try start(harness)
        defer { server.stop() }
        let first = try server.get("/hello.txt")
        let etag = try #require(first.headers["ETag"])
        let lastModified = try #require(first.headers["Last-Modified"])
        #expect(try server.get("/hello.txt", headers: [("If-None-Match", etag)]).status == 304)
        #expect(try server.get("/hello.txt", headers: [("If-Modified-Since", lastModified)]).status == 304)
        #expect(try server.get("/hello.txt", headers: [("If-None-Match", "\"other\"")]).status == 200)
    }

    @Test("One byte range gives 206; a range past the end gives 416", arguments: Harness.allCases)
    func ranges(harness: Harness) throws {
        let server = try start(harness)
        defer { server.stop() }
        let partial = try server.get("/hello.txt", headers: [("Range", "bytes=0-4")])
        #expect(partial.status == 206)
        #expect(partial.text == "Hello")
        #expect(partial.headers["Content-Range"] == "bytes 0-4/25")
        let suffix = try server.get("/hello.txt", headers: [("Range", "bytes=-3")])
        #expect(suffix.text == "89\n")
        let none = try server.get("/hello.txt", headers: [("Range", "bytes=100-")])
        #expect(none.status == 416)
        #expect(none.headers["Content-Range"] == nil, "Apache sends its 416 without Content-Range")
    }

    @Test("HEAD gives the headers of GET and no body", arguments: Harness.allCases)
    func head(harness: Harness) throws {
        let server = try start(harness)
        defer { server.stop() }
        let c = try server.connect()
        let r = try c.request("/hello.txt", method: "HEAD")
        #expect(r.status == 200)
        #expect(r.headers["Content-Length"] == "25")
        #expect(r.body.isEmpty)
        #expect(try c.request("/hello.txt").text.count == 25, "the connection is still in sync after HEAD")
    }

    @Test("Directories: a trailing slash is added with 301, then DirectoryIndex is served", arguments: Harness.allCases)
    func directories(harness: Harness) throws {
        let server = try start(harness)
        defer { server.stop() }
        let redirect = try server.get("/docs")
        #expect(redirect.status == 301)
        #expect(redirect.headers["Location"] == "/docs/")
        #expect(try server.get("/docs/").text == "<p>docs</p>\n")
    }

    @Test("Nothing outside DocumentRoot can be reached", arguments: Harness.allCases)
    func traversal(harness: Harness) throws {
        let server = try start(harness)
        defer { server.stop() }
        #expect(try server.get("/escape").status == 403, "a symlink pointing outside is refused")
        #expect(try server.get("/missing.txt").status == 404)
        #expect(try server.get("/a/../../secret.txt").status == 400)
        #expect(try server.get("/%2e%2e/secret.txt").status == 400)
        #expect(try server.get("/..%2Fsecret.txt").status == 404)
        #expect(try server.get("/hello.txt%00.html").status == 404)
    }

    @Test("A file kept in memory is served fresh once it changes, and never through a new link out",
          arguments: [Harness.singleProcess, .event])
    func cachedFilesFollowTheDisk(harness: Harness) throws {
        let server = try start(harness)
        defer { server.stop() }
        let c = try server.connect()   // one connection: the same process (and cache) each time
        #expect(try c.request("/hello.txt").text == "Hello, world! 0123456789\n")
        try FileSystem.write("Hello, again 9876543210\n", to: server.root + "/htdocs/hello.txt")   // the same size
        #expect(try c.request("/hello.txt").text == "Hello, again 9876543210\n", "the changed file, not the cached one")
        try FileSystem.remove(server.root + "/htdocs/hello.txt")
        _ = Glibc_symlink(server.root + "/secret.txt", server.root + "/htdocs/hello.txt")
        #expect(try c.request("/hello.txt").status == 403, "the path now leads outside: refused, not served from memory")
    }
}

import Glibc
func Glibc_symlink(_ target: String, _ path: String) -> Int32 { symlink(target, path) }
