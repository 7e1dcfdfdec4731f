// Writing a response. The head and an in-memory body leave in one write; a file body follows
// with sendfile, straight from the page cache to the socket. When the socket's send buffer is
// full, a blocking MPM waits (at most Timeout) for the client to read; the event MPM instead
// keeps what is left in the connection (`PendingOutput`) and hands the connection to its
// listener thread until the socket is writable again — write completion, which frees the
// worker while a slow client drains a large response.
import HTTP
import Posix

/// What is left to send of a response.
public struct PendingOutput {
    var bytes: [UInt8]
    var offset = 0
    var file: FileDescriptor?
    var fileOffset: Int64 = 0
    var fileEnd: Int64 = 0
    /// Whether the connection stays open once everything is sent.
    var keepAlive: Bool

    /// Releases the file, if any.
    func release() { file?.close() }
}

enum FlushResult { case done, failed, blocked }

extension ConnectionProcessor {
    /// Builds the head and queues the reply in `c.pending`. An HTTP/0.9 client (`bodyOnly`)
    /// gets the body alone: that protocol has no status line and no header fields.
    func prepare(_ reply: Reply, decision: PersistenceDecision, headOnly: Bool, bodyOnly: Bool = false, on c: Connection) {
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
        var pending = PendingOutput(bytes: bodyOnly ? [] : HTTPResponseHead(status: reply.status, headers: headers).serialized(),
                                    keepAlive: decision.keepAlive)
        if headOnly || noBody {
            reply.releaseBody()
        } else {
            switch reply.body {
            case .empty: break
            case .bytes(let body): pending.bytes += body
            case .file(let fd, let offset, let length):
                pending.file = fd
                pending.fileOffset = offset
                pending.fileEnd = offset + length
            }
        }
        c.pending = pending
    }

    /// Sends what `c.pending` holds. With `mayPark`, stops at the first "would block" and
    /// leaves the rest in `c.pending` (.blocked); otherwise waits for the socket.
    func flush(_ c: Connection, mayPark: Bool) -> FlushResult {
        guard var p = c.pending else { return .done }
        defer { c.pending = p }
        while p.offset < p.bytes.count {
            let result = p.bytes.withUnsafeBytes { buf in
                Result { () throws(SystemError) in try c.fd.write(UnsafeRawBufferPointer(rebasing: buf[p.offset...])) }
            }
            switch result {
            case .success(.processed(let n)): p.offset += n
            case .success(.wouldBlock):
                if mayPark { return .blocked }
                guard waitWritable(c) else { return fail(&p) }
            case .failure: return fail(&p)
            }
        }
        if let file = p.file {
            while p.fileOffset < p.fileEnd {
                let chunk = Int(min(p.fileEnd - p.fileOffset, 1 << 20))
                switch try? c.fd.sendfile(from: file, offset: &p.fileOffset, count: chunk) {
                case .processed(0)?: return fail(&p)   // the file shrank under us
                case .processed?: continue
                case .wouldBlock?:
                    if mayPark { return .blocked }
                    guard waitWritable(c) else { return fail(&p) }
                case nil: return fail(&p)
                }
            }
            file.close()
            p.file = nil
        }
        p.bytes = []
        p.offset = 0
        return .done
    }

    private func fail(_ p: inout PendingOutput) -> FlushResult {
        p.release()
        p.file = nil
        return .failed
    }

    /// Writes bytes that are not a response (the interim 100 Continue), waiting if needed.
    func send(_ bytes: [UInt8], on c: Connection) -> Bool {
        c.pending = PendingOutput(bytes: bytes, keepAlive: true)
        let result = flush(c, mayPark: false)
        c.pending = nil
        return result == .done
    }

    /// Waits at most Timeout for room in the socket's send buffer, as Apache gives up on a
    /// client that stops reading; a TERM to the child ends the wait at once.
    func waitWritable(_ c: Connection) -> Bool {
        let deadline = MonotonicClock.nowMs() + Int64(timeoutMs)
        while !ChildSignals.stopNow.load(ordering: .relaxed) {
            let left = Int(deadline - MonotonicClock.nowMs())
            guard left > 0 else { return false }
            guard let events = try? c.fd.pollInterruptibly(for: .writable, timeoutMs: left) else { continue }
            return !events.isEmpty
        }
        return false
    }
}
