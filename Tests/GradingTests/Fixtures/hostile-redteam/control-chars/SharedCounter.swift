// Hostile: does not compile, on a line holding control characters (U+0001, U+001B) and a
// noncharacter (U+FFFF). The compiler quotes the line in its error; the grader puts that
// error in every code check's message, and the report writer passes the characters to
// libxml2, which cannot write them as well-formed XML 1.0.
public final class SharedCounter: @unchecked Sendable {
    public static let shared = SharedCounter()
    public init() {}
    public func increment() -> Int { return "[31m￿" }
}
