// Persistence: may this connection carry another request after this response?
//
// HTTP/1.0 opened one TCP connection per request; every image on a page paid a handshake and
// a slow start. Persistent connections let a client send the next request on the same socket,
// but then the *server* must decide how long to keep an idle connection and how many requests
// to allow on it, because in a prefork or worker server an idle keep-alive connection holds a
// whole process or thread hostage (the event MPM exists to stop exactly that).
//
// Apache answers with one long condition (`ap_set_keepalive`), reproduced here in order.
// The client must be able to tell where the response ends (a known length, or chunked for an
// HTTP/1.1 client); KeepAlive must be On with a non-zero timeout; the request budget
// (MaxKeepAliveRequests) must not be spent; the status must not be one after which the input
// cannot be trusted (400 408 411 413 414 500 501 503); nobody said `Connection: close`; and the
// client asked for it (HTTP/1.0 `Connection: keep-alive`) or assumes it (HTTP/1.1).

/// KeepAlive, KeepAliveTimeout and MaxKeepAliveRequests.
public struct KeepAlivePolicy: Sendable, Equatable {
    public var enabled: Bool
    /// KeepAliveTimeout in milliseconds (Apache accepts `5` or `500ms`).
    public var timeoutMilliseconds: Int64
    /// MaxKeepAliveRequests; 0 means unlimited.
    public var maxRequests: Int

    public init(enabled: Bool = true, timeoutMilliseconds: Int64 = 5000, maxRequests: Int = 100) {
        self.enabled = enabled
        self.timeoutMilliseconds = timeoutMilliseconds
        self.maxRequests = maxRequests
    }

    /// Apache's defaults: KeepAlive On, KeepAliveTimeout 5, MaxKeepAliveRequests 100.
    public static let apacheDefaults = KeepAlivePolicy()
}

/// How the response body is delimited on the wire.
public enum BodyFraming: Sendable, Equatable {
    /// No body follows the head (HEAD, 1xx, 204, 304).
    case none
    /// `Content-Length` is set.
    case contentLength
    /// The length is unknown and the client speaks HTTP/1.1: send `Transfer-Encoding: chunked`.
    case chunked
    /// The length is unknown and the client cannot read chunks (HTTP/1.0): the body runs until
    /// the server closes the connection, so the connection cannot be kept.
    case untilClose
}

/// What the connection code must do after this response.
public struct PersistenceDecision: Sendable, Equatable {
    /// Keep the connection open for another request.
    public var keepAlive: Bool
    /// How to delimit the body.
    public var framing: BodyFraming
    /// Header fields to add to the response, in order (`Keep-Alive`, `Connection`).
    public var headers: [HTTPField]
}

/// Decides persistence for one response, as Apache's `ap_set_keepalive`.
///
/// - Parameters:
///   - request: the request being answered, or nil when it could not be parsed.
///   - status: the response status.
///   - bodyLengthKnown: the response will carry a `Content-Length` (or is already chunked).
///   - policy: KeepAlive settings.
///   - keepAlivesServed: how many responses on this connection were already kept alive
///     (0 for the first request). `max=` shows the budget *before* counting this request,
///     so a client sees max=100…1 and the 101st request gets `Connection: close`.
///   - responseSaysClose: the handler already set `Connection: close` (then it is not repeated).
///   - serverStopping: the MPM is stopping or restarting this process.
public func persistence(request: HTTPRequest?, status: Int, bodyLengthKnown: Bool,
                        policy: KeepAlivePolicy, keepAlivesServed: Int,
                        responseSaysClose: Bool = false, serverStopping: Bool = false)
    -> PersistenceDecision {
    let close = PersistenceDecision(keepAlive: false, framing: bodyLengthKnown ? .contentLength : .untilClose,
                                    headers: responseSaysClose ? [] : [HTTPField("Connection", "close")])
    guard let request else { return close }

    let headerOnly = request.isHead || (100..<200).contains(status) || status == 204 || status == 304
    let left = policy.maxRequests - keepAlivesServed

    // The first two conditions come before the length test in Apache's chain, and the
    // length test has a side effect: reaching it with an HTTP/1.1 request and no length
    // switches the response to chunked, even if a later condition refuses keep-alive.
    var framing: BodyFraming = headerOnly ? .none : bodyLengthKnown ? .contentLength : .untilClose
    guard !request.mustCloseAfterResponse else { return close.with(framing) }
    if framing == .untilClose && request.version >= .http1_1 { framing = .chunked }
    guard framing != .untilClose,
          policy.enabled,
          policy.timeoutMilliseconds > 0,
          policy.maxRequests == 0 || left > 0,
          !HTTPStatus.dropsConnection(status),
          !responseSaysClose,
          !request.closeToken,
          request.keepAliveToken || request.version >= .http1_1,
          !serverStopping
    else { return close.with(framing) }

    return PersistenceDecision(keepAlive: true, framing: framing,
                               headers: keepAliveHeaders(request: request, policy: policy, keepAlivesServed: keepAlivesServed))
}

/// The headers of a kept-alive response: `Keep-Alive: timeout=T, max=N` and
/// `Connection: Keep-Alive`, only when the client sent the keep-alive token (a plain HTTP/1.1
/// persistent response has neither).
public func keepAliveHeaders(request: HTTPRequest, policy: KeepAlivePolicy, keepAlivesServed: Int) -> [HTTPField] {
    guard request.keepAliveToken else { return [] }
    // Apache prints whole seconds (`apr_time_sec`), so KeepAliveTimeout 500ms shows 0.
    let seconds = policy.timeoutMilliseconds / 1000
    let left = max(0, policy.maxRequests - keepAlivesServed)
    return [HTTPField("Keep-Alive", policy.maxRequests > 0 ? "timeout=\(seconds), max=\(left)" : "timeout=\(seconds)"),
            HTTPField("Connection", "Keep-Alive")]
}

extension PersistenceDecision {
    fileprivate func with(_ framing: BodyFraming) -> PersistenceDecision {
        PersistenceDecision(keepAlive: keepAlive, framing: framing, headers: headers)
    }
}
