// What lab 3's exercise is told about a response about to be sent (see KeepAliveDecision.swift).
// This file belongs to the kit, not to the exercise: the student edits KeepAliveDecision.swift
// only. mpmd fills one of these for every response once `LabExercise keep-alive` is on.

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
