// The exercises as mpmd loads them: this module is built as a shared object
// (libLabExercises.so) that mpmd maps with `LoadModule lab_exercises_module FILE`, the way
// httpd maps a mod_*.so. mpmd finds each function below by its C name, so the server is never
// rebuilt with a student's code: only this small library is. This file belongs to the kit;
// the student edits SharedCounter.swift and KeepAliveDecision.swift.
//
// The names and signatures are a contract with ServerCore/LabExtensions.swift and with the
// `labrun` tool; `mpmlab_exercises_abi` changes whenever they do.

@_cdecl("mpmlab_exercises_abi")
public func mpmlabExercisesABI() -> Int { 1 }

/// Lab 2: SharedCounter.shared.increment().
@_cdecl("mpmlab_counter_increment")
public func mpmlabCounterIncrement() -> Int {
    SharedCounter.shared.increment()
}

/// Lab 3: KeepAliveDecision.decide, with the situation flattened into C integers.
/// `flags`: 1 = the client sent `Connection: keep-alive`, 2 = it sent `Connection: close`,
/// 4 = KeepAlive is On. Returns 1 to keep the connection open, 0 to close it.
@_cdecl("mpmlab_keep_alive_decide")
public func mpmlabKeepAliveDecide(_ major: Int, _ minor: Int, _ flags: Int, _ status: Int,
                                  _ served: Int, _ maxRequests: Int) -> Int {
    let situation = KeepAliveSituation(version: (major, minor), clientAskedKeepAlive: flags & 1 != 0,
                                       clientAskedClose: flags & 2 != 0, status: status, keepAlivesServed: served,
                                       maxKeepAliveRequests: maxRequests, keepAliveEnabled: flags & 4 != 0)
    return KeepAliveDecision.decide(situation) ? 1 : 0
}
