// Writing a response. The head and an in-memory body leave in one writev; a file body follows
// with sendfile, straight from the page cache to the socket. When the socket's send buffer is
// full, what is left stays in the connection (`PendingOutput`) and `process` returns
// `.writeBlocked`: prefork and worker then wait in the serving thread (at most Timeout) for
// the client to read; event hands the connection to its listener thread until the socket is
// writable again, and a worker finishes the response then — write completion, which frees the
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
    /// Writes the head of `reply` and sends head and body: an in-memory body leaves with the
    /// head in one writev; a file body follows with sendfile. What the socket cannot take now
    /// stays in `c.pending` (.blocked). An HTTP/0.9 client (`bodyOnly`) gets the body alone:
    /// that protocol has no status line and no header fields.
    func send(_ reply: Reply, decision: PersistenceDecision, headOnly: Bool, bodyOnly: Bool = false,
              on c: Connection) -> FlushResult {
        let noBody = reply.status == 304 || reply.status == 204 || (100..<200).contains(reply.status)
        head.write(status: reply.status, headers: reply.headers, contentLength: noBody ? nil : reply.bodyLength,
                   persistence: decision.headers)
        if bodyOnly { head.clear() }
        var body: [UInt8] = []
        if headOnly || noBody {
            reply.releaseBody()
        } else {
            switch reply.body {
            case .empty: break
            case .bytes(let bytes): body = bytes
            case .file(let fd, let offset, let length):
                c.pending = PendingOutput(bytes: head.bytes, file: fd, fileOffset: offset, fileEnd: offset + length,
                                          keepAlive: decision.keepAlive)
                return flush(c)
            }
        }
        var sentHead = 0, sentBody = 0
        while sentHead < head.bytes.count || sentBody < body.count {
            let result = head.bytes.withUnsafeBytes { h in
                body.withUnsafeBytes { b in
                    Result { () throws(SystemError) in
                        try c.fd.write(UnsafeRawBufferPointer(rebasing: h[sentHead...]), UnsafeRawBufferPointer(rebasing: b[sentBody...]))
                    }
                }
            }
            switch result {
            case .success(.processed(let n)):
                let fromHead = min(n, head.bytes.count - sentHead)
                sentHead += fromHead
                sentBody += n - fromHead
            case .success(.wouldBlock):
                c.pending = PendingOutput(bytes: Array(head.bytes[sentHead...]) + body[sentBody...], keepAlive: decision.keepAlive)
                return .blocked
            case .failure:
                return .failed
            }
        }
        return .done
    }

    /// Sends what `c.pending` holds, up to the first "would block", which leaves the rest in
    /// `c.pending` (.blocked). `c.pending` is nil once everything is sent or the send failed.
    func flush(_ c: Connection) -> FlushResult {
        guard var p = c.pending else { return .done }
        c.pending = nil
        while p.offset < p.bytes.count {
            let result = p.bytes.withUnsafeBytes { buf in
                Result { () throws(SystemError) in try c.fd.write(UnsafeRawBufferPointer(rebasing: buf[p.offset...])) }
            }
            switch result {
            case .success(.processed(let n)): p.offset += n
            case .success(.wouldBlock):
                c.pending = p
                return .blocked
            case .failure: return fail(&p)
            }
        }
        if let file = p.file {
            while p.fileOffset < p.fileEnd {
                let chunk = Int(min(p.fileEnd - p.fileOffset, Int64(Limits.sendfileChunkBytes)))
                switch try? c.fd.sendfile(from: file, offset: &p.fileOffset, count: chunk) {
                case .processed(0)?: return fail(&p)   // the file shrank under us
                case .processed?: continue
                case .wouldBlock?:
                    c.pending = p
                    return .blocked
                case nil: return fail(&p)
                }
            }
            file.close()
        }
        return .done
    }

    private func fail(_ p: inout PendingOutput) -> FlushResult {
        p.release()
        return .failed
    }

    /// Writes bytes that are not a response (the interim 100 Continue), waiting if needed.
    func send(_ bytes: [UInt8], on c: Connection) -> Bool {
        c.pending = PendingOutput(bytes: bytes, keepAlive: true)
        while true {
            switch flush(c) {
            case .done: return true
            case .failed: return false
            case .blocked: guard waitWritable(c) else { c.pending?.release(); c.pending = nil; return false }
            }
        }
    }
}
