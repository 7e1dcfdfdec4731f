// The extension point of the labs' code exercises: functions the student writes (in the
// LabExercises module) that the live server calls, so that a check can observe the student's
// code at work under real load, not only in a unit test. The code lives in a shared object
// that the master loads once, before it forks (as httpd loads its modules), only when the
// configuration switches an exercise on (`LabExercise counter`, `LabExercise keep-alive`);
// otherwise nothing is loaded and the server never calls student code.
import Config
import Posix

/// What the keep-alive exercise is told about a response about to be sent. Its twin,
/// LabExercises/KeepAliveSituation.swift, is what the student's code sees: the two types never
/// meet, only their fields do, through the C signature of `mpmlab_keep_alive_decide` (the
/// exercises' module depends on nothing, so that it compiles alone).
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

/// The student's functions, as loaded from the exercises' shared object.
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

    /// The version of the contract below (LabExercises/ModuleExports.swift says the same).
    static let abiVersion = 1

    /// The exercises `config` switches on, loaded from its module (none: nothing is loaded).
    public static func load(for config: ServerConfig) throws(DynamicLibrary.LoadError) -> LabExtensions {
        guard !config.labExercises.isEmpty else { return LabExtensions() }
        let path = config.labExerciseModule ?? defaultModulePath
        let library = try DynamicLibrary.open(path)
        let abi = try library.function("mpmlab_exercises_abi", as: (@convention(c) () -> Int).self)
        guard abi() == abiVersion else {
            throw DynamicLibrary.LoadError(description: "\(path) speaks version \(abi()) of the exercises' contract, mpmd version \(abiVersion): rebuild it")
        }
        var extensions = LabExtensions()
        if config.labExercises.contains("counter") {
            let increment = try library.function("mpmlab_counter_increment", as: (@convention(c) () -> Int).self)
            extensions.counter = { increment() }
        }
        if config.labExercises.contains("keep-alive") {
            let decide = try library.function("mpmlab_keep_alive_decide",
                                              as: (@convention(c) (Int, Int, Int, Int, Int, Int) -> Int).self)
            extensions.keepAlive = { s in
                let flags = (s.clientAskedKeepAlive ? 1 : 0) | (s.clientAskedClose ? 2 : 0) | (s.keepAliveEnabled ? 4 : 0)
                return decide(s.version.major, s.version.minor, flags, s.status, s.keepAlivesServed, s.maxKeepAliveRequests) != 0
            }
        }
        return extensions
    }

    /// libLabExercises.so beside the running mpmd: where `swift build` puts both.
    public static var defaultModulePath: String {
        FileSystem.dirname(of: Process.executablePath()) + "/libLabExercises.so"
    }
}
