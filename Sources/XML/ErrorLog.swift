// libxml2 reports errors through a callback that is set *per thread* (xmlSetStructuredErrorFunc
// stores it in thread-local state). Left alone, it prints to stderr; a library must never do
// that. So every call into libxml2 that can fail runs inside `ErrorLog.capture`, which installs
// a collector for the duration of the call and restores "no handler" afterwards.
@preconcurrency import CLibXML2

/// Collects the structured errors libxml2 raises during one operation.
final class ErrorLog {
    private(set) var problems: [XMLProblem] = []
    let fallbackFile: String

    init(file: String) { self.fallbackFile = file }

    func record(_ error: xmlErrorPtr) {
        let e = error.pointee
        let message = e.message.map { String(cString: $0) } ?? "unknown libxml2 error (code \(e.code))"
        let file = e.file.map { String(cString: $0) } ?? fallbackFile
        problems.append(XMLProblem(file: file.isEmpty ? fallbackFile : file, line: Int(e.line),
                                   message: message.trimmingTrailingNewlines()))
    }

    func append(_ problem: XMLProblem) { problems.append(problem) }

    /// The opaque pointer libxml2 hands back to `errorHandler`. The log outlives the call, since
    /// `capture` holds it for exactly that long.
    var userData: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    /// Runs `body` with this log as the calling thread's libxml2 error handler.
    func capture<T>(_ body: () throws -> T) rethrows -> T {
        LibXML.initialize()
        xmlSetStructuredErrorFunc(userData, errorHandler)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        return try body()
    }
}

/// The C callback. It lives at file scope, not in main.swift or `main()`, where Swift 6 would
/// infer main-actor isolation and trap when libxml2 calls it from another thread.
let errorHandler: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    Unmanaged<ErrorLog>.fromOpaque(userData).takeUnretainedValue().record(error)
}

/// libxml2's one-time global set-up, done once per process whichever thread gets here first.
public enum LibXML {
    /// Swift runs a global's initialiser exactly once, under a lock: that is our `pthread_once`.
    private static let initialized: Bool = { xmlInitParser(); return true }()

    /// Initialises the parser. Cheap after the first call; call it from `main` before starting
    /// threads, as libxml2 asks.
    public static func initialize() { _ = initialized }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while let last = s.last, last == "\n" || last == "\r" || last == " " { s = s.dropLast() }
        return String(s)
    }
}
