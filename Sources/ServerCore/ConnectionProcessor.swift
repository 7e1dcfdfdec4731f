// The one function every MPM calls to serve a connection: take a request, find its handler,
// write the response, decide whether the connection stays open, and go round again — until
// the connection has to wait for its client. Then `process` returns and says what it waits
// for (`ConnectionOutcome`): the next request, room in the socket's send buffer, or the
// client's FIN after ours.
//
// What the MPM does with that wait is what tells the MPMs apart, and it is not here: prefork
// and worker wait in the serving thread (ConnectionProcessor+InThread.swift: `K` in the
// scoreboard); event hands the connection back to its listener thread, which watches it with
// epoll while the thread serves someone else. A request body is the exception: every MPM reads
// it in the serving thread, under Timeout, as Apache does.
//
// Timeouts follow Apache: the first request line is awaited for Timeout, later ones for
// KeepAliveTimeout; either expiring closes the connection silently. Once a request has begun,
// Timeout applies to its headers and body, and expiring there answers 408.
import Config
import HTTP
import Posix

public final class ConnectionProcessor {
    public let server: Server
    public let child: ChildIdentity
    let policy: KeepAlivePolicy
    let timeoutMs: Int
    let keepAliveTimeoutMs: Int
    /// The head of the response being sent (reused).
    var head = ResponseHeadWriter()
    /// The read buffer, allocated at the first read: most threads of an idle child never read,
    /// and an allocated buffer already costs a touched page.
    private var readBuffer: UnsafeMutableRawBufferPointer?
    var buffer: UnsafeMutableRawBufferPointer {
        if let readBuffer { return readBuffer }
        let allocated = UnsafeMutableRawBufferPointer.allocate(byteCount: Limits.readBufferBytes, alignment: 16)
        readBuffer = allocated
        return allocated
    }

    /// One processor per serving thread: it owns a read buffer.
    public init(server: Server, child: ChildIdentity) {
        self.server = server
        self.child = child
        let config = server.config
        policy = KeepAlivePolicy(enabled: config.keepAlive,
                                 timeoutMilliseconds: Int64(config.keepAliveTimeoutMilliseconds),
                                 maxRequests: config.maxKeepAliveRequests)
        timeoutMs = config.timeoutSeconds * 1000
        keepAliveTimeoutMs = config.keepAliveTimeoutMilliseconds
    }

    deinit { readBuffer?.deallocate() }

    /// Serves `c` until it must wait for its client; `slot` is the serving thread's
    /// scoreboard slot.
    public func process(_ c: Connection, slot: WorkerSlot) -> ConnectionOutcome {
        if let pending = c.pending {
            // The rest of a response the socket had no room for.
            mark(slot, .busyWrite)
            switch flush(c) {
            case .blocked: return .writeBlocked
            case .failed: return abort(c)
            case .done: if !pending.keepAlive { return closeAfterResponse(c) }
            }
        }
        while true {
            switch c.nextEvent() {
            case .request(let request):
                switch serve(request, on: c, slot: slot) {
                case .keepOpen: continue
                case .close: return closeAfterResponse(c)
                case .failed: return abort(c)
                case .blocked: return .writeBlocked
                }
            case .sendContinue:
                guard send(HTTPResponseHead.continueBytes, on: c) else { return abort(c) }
            case .error(let error):
                switch respond(toError: error.status, reason: error.reason, on: c, slot: slot) {
                case .done: return closeAfterResponse(c)
                case .blocked: return .writeBlocked
                case .failed: return abort(c)
                }
            case .needMoreData:
                // The head is incomplete: the MPM waits for the client its own way.
                guard c.parser.position == .body else { return .awaitingRequest }
                mark(slot, .busyRead)
                switch read(c, timeoutMs: timeoutMs, betweenRequests: false) {
                case .data: continue
                case .timedOut: if !c.expire() { return abort(c) }
                case .closedByPeer, .failed, .stopped: return abort(c)
                }
            }
        }
    }

    /// After a response that did not keep the connection: send our FIN now; the draining of
    /// what the client still sends (lingering close) is the MPM's.
    func closeAfterResponse(_ c: Connection) -> ConnectionOutcome {
        Socket.shutdownWrite(c.fd)
        return .lingering
    }

    /// Closes a connection that ended abnormally or whose client already left.
    func abort(_ c: Connection) -> ConnectionOutcome {
        c.close()
        return .closed
    }

    enum ServeResult { case keepOpen, close, failed, blocked }

    /// Answers one request.
    func serve(_ request: HTTPRequest, on c: Connection, slot: WorkerSlot) -> ServeResult {
        let startUs = WallClock.nowUs()
        mark(slot, .busyWrite)
        slot.startTime = startUs
        slot.setRequest(method: request.method, target: request.target, version: request.version)
        var reply: Reply
        do throws(HTTPError) {
            guard !request.unmetExpectation else { throw HTTPError(417, "unrecognized Expect") }
            let path = try request.decodedPath()
            let context = RequestContext(request: request, path: path, peer: c.peer, local: c.local,
                                         connectionRequests: c.requestsServed + 1, slot: slot,
                                         server: server, child: child)
            reply = server.router.handle(context)
        } catch {
            reply = ErrorPage.reply(error.status)
        }
        let stopping = ChildSignals.stopping || server.scoreboard.global.stopping
        var decision = persistence(request: request, status: reply.status, bodyLengthKnown: true,
                                   policy: policy, keepAlivesServed: c.keepAlivesServed,
                                   responseSaysClose: reply.closeConnection, serverStopping: stopping)
        if let exercise = server.extensions.keepAlive {
            decision = exerciseDecision(exercise, request: request, status: reply.status, on: c,
                                        builtIn: decision, mustClose: stopping || reply.closeConnection)
        }
        let bodyBytes = request.isHead ? 0 : reply.bodyLength
        let flushed = send(reply, decision: decision, headOnly: request.isHead, bodyOnly: request.isHTTP09, on: c)
        finish(c, slot: slot, request: request, reply: reply,
               bytes: flushed == .failed ? 0 : bodyBytes, startUs: startUs,
               keptAlive: decision.keepAlive && flushed != .failed)
        if decision.keepAlive { c.keepAlivesServed += 1 }
        switch flushed {
        case .failed: return .failed
        case .blocked: return .blocked
        case .done: return decision.keepAlive ? .keepOpen : .close
        }
    }

    /// Lab 3's code exercise decides instead of HTTP's rules whether the connection stays open
    /// (so a check sees the student's decision at work on the wire). Only what framing or a
    /// stopping server forces is kept from the built-in decision.
    func exerciseDecision(_ exercise: @Sendable (KeepAliveSituation) -> Bool, request: HTTPRequest, status: Int,
                          on c: Connection, builtIn: PersistenceDecision, mustClose: Bool) -> PersistenceDecision {
        let situation = KeepAliveSituation(
            version: (request.version.major, request.version.minor), clientAskedKeepAlive: request.keepAliveToken,
            clientAskedClose: request.closeToken, status: status, keepAlivesServed: c.keepAlivesServed,
            maxKeepAliveRequests: policy.maxRequests, keepAliveEnabled: policy.enabled)
        let keep = exercise(situation) && !mustClose && !request.mustCloseAfterResponse
        guard keep != builtIn.keepAlive else { return builtIn }
        var decision = builtIn
        decision.keepAlive = keep
        decision.headers = keep ? keepAliveHeaders(request: request, policy: policy, keepAlivesServed: c.keepAlivesServed)
                                : [HTTPField("Connection", "close")]
        return decision
    }

    /// Answers a request that could not be parsed (or timed out); the connection then closes.
    func respond(toError status: Int, reason: String, on c: Connection, slot: WorkerSlot) -> FlushResult {
        let startUs = WallClock.nowUs()
        mark(slot, .busyWrite)
        server.errorLog.log(.info, "core", "AH00566", "request failed: \(reason) (\(status)) from \(c.peer)")
        let reply = ErrorPage.reply(status)
        let decision = persistence(request: nil, status: status, bodyLengthKnown: true, policy: policy,
                                   keepAlivesServed: c.keepAlivesServed)
        let flushed = send(reply, decision: decision, headOnly: false, on: c)
        finish(c, slot: slot, request: nil, reply: reply,
               bytes: flushed == .failed ? 0 : reply.bodyLength, startUs: startUs, keptAlive: false)
        return flushed
    }

    /// Logs the request and counts it in the scoreboard.
    func finish(_ c: Connection, slot: WorkerSlot, request: HTTPRequest?, reply: Reply, bytes: Int64, startUs: Int64, keptAlive: Bool) {
        c.requestsServed += 1
        let endUs = WallClock.nowUs()
        if !server.accessLogs.isEmpty {
            mark(slot, .busyLog)
            let requestLine = request.map { "\($0.method) \($0.target) \($0.version)" } ?? "-"
            let entry = AccessLog.Entry(request: request, requestLine: requestLine, status: reply.status,
                                        bodyBytes: bytes, responseHeaders: reply.headers, peer: c.peer,
                                        local: c.local, startUs: startUs, durationUs: endUs - startUs,
                                        keepAlives: c.keepAlivesServed, keptAlive: keptAlive,
                                        serverName: server.serverName)
            for log in server.accessLogs { log.write(entry) }
        }
        slot.countRequest(bytes: Int(bytes), durationUs: endUs - startUs)
        slot.stopTime = endUs
        slot.lastUsed = endUs
    }

    /// Sets the slot's state, unless the child is finishing its work before a graceful exit:
    /// then the slot shows `G` for as long as it is busy, as in Apache.
    @inline(__always)
    func mark(_ slot: WorkerSlot, _ state: WorkerState) {
        slot.state = ChildSignals.stopGracefully.load(ordering: .relaxed) ? .graceful : state
    }
}
