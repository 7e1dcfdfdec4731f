// Writing a response. The head and an in-memory body leave in one writev; a file body follows
// with sendfile, straight from the page cache to the socket. Each write waits at most Timeout
// for the socket to accept more (a client that stops reading cannot hold a worker forever).
import HTTP
import Posix

extension ConnectionProcessor {
    /// Sends the reply; returns the body bytes sent, or nil when the connection failed.
    func write(_ reply: Reply, decision: PersistenceDecision, headOnly: Bool, on c: Connection) -> Int64? {
        var headers = HTTPHeaders()
        headers.set("Date", HTTPDate.format(unixSeconds: WallClock.now()))
        headers.set("Server", Version.serverHeader)
        for field in reply.headers where field.name.lowercased() != "content-type" && field.name.lowercased() != "content-length" {
            headers.add(field.name, field.value)
        }
        let noBody = reply.status == 304 || reply.status == 204 || (100..<200).contains(reply.status)
        if !noBody { headers.set("Content-Length", "\(reply.bodyLength)") }
        for field in decision.headers { headers.add(field.name, field.value) }
        if let type = reply.headers["Content-Type"] { headers.set("Content-Type", type) }
        let head = HTTPResponseHead(status: reply.status, headers: headers).serialized()
        defer { reply.releaseBody() }

        if headOnly || noBody {
            return send(head, on: c) ? 0 : nil
        }
        switch reply.body {
        case .empty:
            return send(head, on: c) ? 0 : nil
        case .bytes(let body):
            return send(head + body, on: c) ? Int64(body.count) : nil
        case .file(let file, let offset, let length):
            guard send(head, on: c) else { return nil }
            return sendFile(file, offset: offset, length: length, on: c) ? length : nil
        }
    }

    /// Writes all of `bytes`, waiting for the socket when it is full.
    func send(_ bytes: [UInt8], on c: Connection) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let result = bytes.withUnsafeBytes { buf in
                Result { () throws(SystemError) in
                    try c.fd.write(UnsafeRawBufferPointer(rebasing: buf[offset...]))
                }
            }
            switch result {
            case .success(.processed(let n)): offset += n
            case .success(.wouldBlock): guard waitWritable(c) else { return false }
            case .failure: return false
            }
        }
        return true
    }

    func sendFile(_ file: FileDescriptor, offset: Int64, length: Int64, on c: Connection) -> Bool {
        var position = offset
        let end = offset + length
        while position < end {
            let chunk = Int(min(end - position, 1 << 20))
            switch try? c.fd.sendfile(from: file, offset: &position, count: chunk) {
            case .processed(0)?: return false   // the file shrank under us
            case .processed?: continue
            case .wouldBlock?: guard waitWritable(c) else { return false }
            case nil: return false
            }
        }
        return true
    }

    func waitWritable(_ c: Connection) -> Bool {
        guard let events = try? c.fd.poll(for: .writable, timeoutMs: timeoutMs) else { return false }
        return !events.isEmpty && !ChildSignals.stopNow.load(ordering: .relaxed)
    }
}
