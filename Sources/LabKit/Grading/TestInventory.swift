// The tests a check target holds, read from its Swift sources, so that a test can hold lab.xml
// and the suites to each other: every check names an existing test, and every test of a lab's
// check target is some check's (an ungraded test there would run for nothing, a graded one
// without a check would never count). The reading is deliberately plain, and the house style
// keeps it true: one suite type per file at the top level, XCTest methods named `test…`, Swift
// Testing functions marked `@Test` (the attribute may span lines before its `func`).
import Posix

public enum TestInventory {
    /// Every test in the `.swift` files of `directory`, named `target.Suite/function`.
    public static func tests(inDirectory directory: String, target: String) throws(SystemError) -> [TestName] {
        var names: [TestName] = []
        for file in try FileSystem.list(directory).sorted() where file.hasSuffix(".swift") {
            names += tests(inSource: try FileSystem.readText(directory + "/" + file), target: target)
        }
        return names
    }

    /// Every test in one source text.
    public static func tests(inSource source: String, target: String) -> [TestName] {
        var names: [TestName] = []
        var suite: String?
        var isXCTestCase = false
        var pendingTestAttribute = false
        for raw in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            let trimmed = line.trimmingWhitespace()
            if !line.hasPrefix(" "), let type = typeName(trimmed) {
                suite = type
                isXCTestCase = trimmed.contains(": XCTestCase") || trimmed.contains(": LabCheckCase")
                pendingTestAttribute = false
                continue
            }
            if trimmed.hasPrefix("@Test") { pendingTestAttribute = true }
            guard let suite, let function = functionName(trimmed) else { continue }
            if pendingTestAttribute || (isXCTestCase && function.hasPrefix("test")) {
                names.append(TestName(target: target, suite: suite, function: function))
            }
            pendingTestAttribute = false
        }
        return names
    }

    /// `struct Name`, `final class Name: XCTestCase`... at the top level.
    static func typeName(_ line: String) -> String? {
        var words = line.split(separator: " ").map(String.init)
        while let first = words.first, ["public", "final", "private", "fileprivate", "internal"].contains(first) { words.removeFirst() }
        guard words.count >= 2, ["struct", "class", "enum", "actor"].contains(words[0]) else { return nil }
        let name = words[1].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return name.isEmpty ? nil : String(name)
    }

    /// `func name(` anywhere on the line (after attributes or modifiers).
    static func functionName(_ line: String) -> String? {
        guard let range = line.firstRange(of: "func ") else { return nil }
        if let comment = line.firstRange(of: "//"), comment.lowerBound < range.lowerBound { return nil }
        let name = line[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return name.isEmpty ? nil : String(name)
    }
}
