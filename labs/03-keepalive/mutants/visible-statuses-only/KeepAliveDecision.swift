// Lab 3, code exercise — may this connection stay open after this response?
//
// With `LabExercise keep-alive` in the configuration, mpmd asks `KeepAliveDecision.decide`
// before each response; when it answers false the connection is closed after the response
// (`Connection: close`). Implement HTTP/1.1's rules as Apache applies them:
//   - KeepAlive Off: never;
//   - the client sent `Connection: close`: no;
//   - HTTP/1.0: only if the client sent `Connection: keep-alive`; HTTP/1.1: yes by default;
//   - statuses after which the request stream cannot be trusted (400, 408, 411, 413, 414,
//     500, 501, 503): no;
//   - MaxKeepAliveRequests N (N > 0): at most N responses keep the connection, so the
//     (N+1)th closes it; 0 means no limit (`keepAlivesServed` counts the responses that
//     already kept this connection, so it is 0 on the first request).
// `KeepAliveSituation` is in KeepAliveSituation.swift. Try it alone with
// `mpmlab check 3` (the decision-unit check runs it on a table of situations), then in the
// server with `LabExercise keep-alive` (lab 3).

public enum KeepAliveDecision {
    public static func decide(_ s: KeepAliveSituation) -> Bool {
        guard s.keepAliveEnabled, !s.clientAskedClose else { return false }
        if [400, 413, 500, 503].contains(s.status) { return false }
        let http11 = s.version.major > 1 || (s.version.major == 1 && s.version.minor >= 1)
        guard http11 || s.clientAskedKeepAlive else { return false }
        if s.maxKeepAliveRequests > 0 && s.keepAlivesServed >= s.maxKeepAliveRequests { return false }
        return true
    }
}
