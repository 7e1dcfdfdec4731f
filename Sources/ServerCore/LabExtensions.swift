// The extension point of the labs' code exercises: functions the student writes (in the
// LabExercises module) that the live server calls, so that a check can observe the student's
// code at work under real load, not only in a unit test. Each one is used only when the
// configuration switches it on (`LabExercise counter`, `LabExercise keep-alive`); otherwise
// the server never calls it.

/// What the keep-alive exercise is told about a response about to be sent.
public struct KeepAliveSituation: Sendable {
    /// HTTP version of the request, as (major, minor).
    public let version: (major: Int, minor: Int)
    /// The request said `Connection: keep-alive`.
    public let clientAskedKeepAlive: Bool
    /// The request said `Connection: close`.
    public let clientAskedClose: Bool
    /// The status of the response.
    public let status: Int
    /// Responses already sent on this connection that kept it open (0 on the first request).
    public let keepAlivesServed: Int
    /// MaxKeepAliveRequests (0 = unlimited).
    public let maxKeepAliveRequests: Int
    /// KeepAlive On/Off.
    public let keepAliveEnabled: Bool

    public init(version: (major: Int, minor: Int), clientAskedKeepAlive: Bool, clientAskedClose: Bool, status: Int,
                keepAlivesServed: Int, maxKeepAliveRequests: Int, keepAliveEnabled: Bool) {
        self.version = version
        self.clientAskedKeepAlive = clientAskedKeepAlive
        self.clientAskedClose = clientAskedClose
        self.status = status
        self.keepAlivesServed = keepAlivesServed
        self.maxKeepAliveRequests = maxKeepAliveRequests
        self.keepAliveEnabled = keepAliveEnabled
    }
}

/// The student's functions, as mpmd was built with them.
public struct LabExtensions: Sendable {
    /// Lab 2: adds one to a counter shared by the threads of the process and returns the new
    /// value. Serves /lab/exercise/counter; called by many threads at once under worker and
    /// event.
    public var counter: (@Sendable () -> Int)?
    /// Lab 3: whether the connection may stay open after this response. When it says no, the
    /// server closes the connection (`Connection: close`); when it says yes, HTTP's own rules
    /// still apply.
    public var keepAlive: (@Sendable (KeepAliveSituation) -> Bool)?

    public init(counter: (@Sendable () -> Int)? = nil, keepAlive: (@Sendable (KeepAliveSituation) -> Bool)? = nil) {
        self.counter = counter
        self.keepAlive = keepAlive
    }

    /// Only the exercises the configuration switches on.
    func enabled(_ names: Set<String>) -> LabExtensions {
        LabExtensions(counter: names.contains("counter") ? counter : nil,
                      keepAlive: names.contains("keep-alive") ? keepAlive : nil)
    }
}
