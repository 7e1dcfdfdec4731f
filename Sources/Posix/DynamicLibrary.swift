// Loading code at run time, as Apache's LoadModule does with a mod_*.so: dlopen maps a shared
// object into the process and dlsym finds a function in it by name. mpmd loads the labs' code
// exercises this way, so the server binary itself never contains a student's code and the
// exercise can be rebuilt alone. Functions are looked up by their C names (Swift's
// `@_cdecl`), which need no knowledge of Swift's name mangling.
import CLinuxShim
import Glibc

public struct DynamicLibrary: @unchecked Sendable {
    // @unchecked: the handle is only used to look symbols up, which dlsym allows from any
    // thread; the library is never closed (as httpd, it stays mapped until the process ends).
    public let path: String
    private let handle: UnsafeMutableRawPointer

    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// Maps the shared object at `path`, resolving all its symbols now (RTLD_NOW), so that a
    /// missing dependency is an error here rather than a crash on first call.
    public static func open(_ path: String) throws(LoadError) -> DynamicLibrary {
        _ = dlerror()
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "unknown error"
            throw LoadError(description: "cannot load \(path): \(reason)")
        }
        return DynamicLibrary(path: path, handle: handle)
    }

    /// The address of the function or variable named `name`, or nil when the library has none.
    public func symbol(_ name: String) -> UnsafeMutableRawPointer? {
        dlsym(handle, name)
    }

    /// The function named `name`, as a C function pointer of type `T`.
    public func function<T>(_ name: String, as type: T.Type) throws(LoadError) -> T {
        guard let address = symbol(name) else {
            throw LoadError(description: "\(path) has no function \(name)")
        }
        return unsafeBitCast(address, to: type)
    }
}
