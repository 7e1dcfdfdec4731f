// A micro benchmark of the HTTP request parser, outside `make test` (timings belong in
// benchmarks): `make bench-parser` builds it with the HTTP module as a separate, optimised
// module — as ServerCore sees it — and prints requests parsed per second for a few request
// shapes, then the heap allocations per request that valgrind counts.
//
// Each request is fed the way a connection feeds it (bytes appended, `next()` until it asks
// for more) and then read the way the server reads it: keep-alive tokens, Range, the
// conditional fields, the decoded path.
import HTTP

let shapes: [(String, String)] = [
    ("wrk GET", "GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n"),
    ("browser GET", """
        GET /static/css/course.css?v=3 HTTP/1.1\r
        Host: mpmlab.example.org\r
        User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r
        Accept: text/css,*/*;q=0.1\r
        Accept-Language: fr-FR,fr;q=0.8,en-US;q=0.5,en;q=0.3\r
        Accept-Encoding: gzip, deflate, br\r
        Connection: keep-alive\r
        Referer: https://mpmlab.example.org/course/04-keepalive.html\r
        If-Modified-Since: Fri, 04 Dec 2026 10:00:00 GMT\r
        If-None-Match: "1a2b-5f0e3c2d1b000"\r
        Cache-Control: max-age=0\r
        \r

        """),
    ("POST 64-byte body", "POST /form HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 64\r\n\r\n"
        + String(repeating: "a=1&", count: 16)),
    ("chunked PUT", "PUT /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"),
]

/// Parses `copies` back-to-back copies of `raw` fed in 16 KiB reads; returns requests seen.
@inline(never)
func run(_ raw: [UInt8], copies: Int) -> Int {
    var stream: [UInt8] = []
    for _ in 0..<copies { stream += raw }
    var parser = RequestParser()
    var seen = 0
    var offset = 0
    var checksum = 0
    while offset < stream.count {
        let end = min(stream.count, offset + 16 * 1024)
        stream[offset..<end].withUnsafeBytes { parser.append($0) }
        offset = end
        loop: while true {
            switch parser.next() {
            case .request(let request):
                seen += 1
                // What the server asks of every request.
                if request.keepAliveToken { checksum &+= 1 }
                if request.closeToken { checksum &+= 2 }
                if request.isHead { checksum &+= 3 }
                if request.headers["Range"] != nil { checksum &+= 4 }
                if request.headers["If-Range"] != nil { checksum &+= 5 }
                let preconditions = Preconditions.evaluate(method: request.method, headers: request.headers,
                                                           etag: ETag(opaque: "1a2b-5f0e3c2d1b000"), lastModified: 1_700_000_000)
                if preconditions == .notModified { checksum &+= 6 }
                checksum &+= (try? request.decodedPath())?.utf8.count ?? 0
                checksum &+= request.body.count
            case .needMoreData: break loop
            case .sendContinue: continue
            case .error(let error): fatalError("\(error)")
            }
        }
    }
    precondition(checksum != 42)
    return seen
}

/// Seconds as a Double (ContinuousClock is in the standard library: no Foundation here).
func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

let arguments = CommandLine.arguments
if arguments.count > 2 && arguments[1] == "--count" {
    // For valgrind: parse N requests of one shape and exit; the heap summary does the rest.
    let n = Int(arguments[2]) ?? 0
    let shape = arguments.count > 3 ? Int(arguments[3]) ?? 0 : 0
    _ = run(Array(shapes[shape].1.utf8), copies: n)
} else {
    let duration = arguments.count > 1 ? Double(arguments[1]) ?? 1 : 1
    print("shape                 requests/s")
    for (name, text) in shapes {
        let raw = Array(text.utf8)
        _ = run(raw, copies: 1000)                       // warm up
        var parsed = 0
        let clock = ContinuousClock()
        let start = clock.now
        var elapsed = 0.0
        while elapsed < duration {
            parsed += run(raw, copies: 10_000)
            elapsed = seconds(clock.now - start)
        }
        print(name + String(repeating: " ", count: max(1, 22 - name.count)) + String(Int(Double(parsed) / elapsed)))
    }
}
