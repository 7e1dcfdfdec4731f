// A student's answers: a small text file of `key = value` lines that anyone can edit, with `#`
// comments and blank lines. It is read against the lab's list of expected keys, and every
// mistake comes back with its line number, the way a compiler would say it — a missing `=`, a
// key the lab does not ask for, a word where a number was expected — so the student fixes the
// file instead of losing points to a typo. An empty value means "not answered yet".
import Posix

/// What kind of value an answer is.
public enum AnswerKind: Sendable, Equatable {
    case integer
    case yesNo
    case text
}

/// A question the answers file must answer.
public struct AnswerSpec: Sendable, Equatable {
    public let key: String
    public let kind: AnswerKind

    public init(_ key: String, _ kind: AnswerKind) {
        self.key = key
        self.kind = kind
    }
}

/// A typed answer.
public enum AnswerValue: Sendable, Equatable, CustomStringConvertible {
    case integer(Int)
    case yesNo(Bool)
    case text(String)

    public var description: String {
        switch self {
        case .integer(let n): "\(n)"
        case .yesNo(let b): b ? "yes" : "no"
        case .text(let s): s
        }
    }
}

public struct AnswersFile: Sendable, Equatable {
    /// The answers given, by key (unanswered keys are absent).
    public let values: [String: AnswerValue]
    /// The line each key was found on.
    public let lines: [String: Int]
    /// Every problem, `FILE:LINE: message`, in line order; missing keys come last, at line 0.
    public let problems: [String]
    /// Keys the spec asks for that have no value (left empty or absent).
    public let unanswered: [String]

    public subscript(key: String) -> AnswerValue? { values[key] }

    /// Reads answers from `text`; `name` is the file name used in problems.
    public init(text: String, name: String, expecting specs: [AnswerSpec]) {
        var values: [String: AnswerValue] = [:], lines: [String: Int] = [:], problems: [String] = []
        let kinds = Dictionary(uniqueKeysWithValues: specs.map { ($0.key, $0.kind) })
        var seen: Set<String> = []
        // "\r\n" (Windows line endings) is one Character in Swift: split on it too, or such a
        // file reads as a single line.
        let rows = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (index, raw) in rows.enumerated() {
            let number = index + 1
            let line = Self.trim(Self.stripComment(raw))
            if line.isEmpty { continue }
            guard let equals = line.firstIndex(of: "=") else {
                problems.append("\(name):\(number): expected `key = value`, found \"\(line)\"")
                continue
            }
            let key = Self.trim(line[..<equals])
            let value = Self.trim(line[line.index(after: equals)...])
            guard let kind = kinds[key] else {
                let known = specs.map(\.key).joined(separator: ", ")
                problems.append("\(name):\(number): unknown key \"\(key)\" (this lab asks for: \(known))")
                continue
            }
            guard seen.insert(key).inserted else {
                problems.append("\(name):\(number): \"\(key)\" is answered twice (first on line \(lines[key] ?? 0))")
                continue
            }
            lines[key] = number
            if value.isEmpty { continue }
            switch Self.parse(value, as: kind) {
            case .some(let parsed): values[key] = parsed
            case .none: problems.append("\(name):\(number): \"\(key)\" expects \(Self.describe(kind)), found \"\(value)\"")
            }
        }
        let unanswered = specs.map(\.key).filter { values[$0] == nil }
        for key in specs.map(\.key) where !seen.contains(key) {
            problems.append("\(name): no line for \"\(key)\"")
        }
        self.values = values
        self.lines = lines
        self.problems = problems
        self.unanswered = unanswered
    }

    /// Reads the file at `path`; a missing file is one problem, and every key unanswered.
    public static func read(_ path: String, expecting specs: [AnswerSpec]) -> AnswersFile {
        guard let text = try? FileSystem.readText(path) else {
            return AnswersFile(missing: path, specs: specs)
        }
        return AnswersFile(text: text, name: FileSystem.basename(of: path), expecting: specs)
    }

    private init(missing path: String, specs: [AnswerSpec]) {
        values = [:]
        lines = [:]
        problems = ["\(path): no such file"]
        unanswered = specs.map(\.key)
    }

    static func trim(_ text: some StringProtocol) -> String {
        var s = Substring(text)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }

    private static func stripComment(_ line: Substring) -> Substring {
        line.firstIndex(of: "#").map { line[..<$0] } ?? line
    }

    static func parse(_ value: String, as kind: AnswerKind) -> AnswerValue? {
        switch kind {
        case .integer: return Int(value).map(AnswerValue.integer)
        case .yesNo:
            switch value.lowercased() {
            case "yes", "oui", "y", "o", "true": return .yesNo(true)
            case "no", "non", "n", "false": return .yesNo(false)
            default: return nil
            }
        case .text: return .text(value)
        }
    }

    static func describe(_ kind: AnswerKind) -> String {
        switch kind {
        case .integer: "a whole number"
        case .yesNo: "yes or no (oui/non)"
        case .text: "some text"
        }
    }
}
