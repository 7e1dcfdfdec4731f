// A problem found in a document is a value, not a message printed somewhere: it carries the
// file and the line so that `mpmlab validate` can print `FILE:LINE: message` the way compilers
// do, and tests can assert on each part. libxml2 never prints anything itself (see ErrorLog).

/// One problem in one document, at one line (0 when the line is unknown).
public struct XMLProblem: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `FILE:LINE: message`, the form editors and CI logs understand.
    public var description: String { "\(file):\(line): \(message)" }
}

/// Why a document could not be read or used.
public enum XMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not well-formed XML (mismatched tags, bad characters...).
    case malformed([XMLProblem])
    /// The document has a DOCTYPE. Ours never need one, and a DOCTYPE is where external
    /// entities (XXE) and entity bombs (billion laughs) live, so it is refused outright.
    case doctypeRefused(XMLProblem)
    /// The document is bigger than the parser accepts.
    case tooLarge(file: String, bytes: Int, limit: Int)
    /// Elements nest deeper than the parser accepts.
    case tooDeep(XMLProblem)
    /// The file could not be read at all.
    case unreadable(file: String, reason: String)
    /// A RelaxNG schema could not be compiled.
    case invalidSchema([XMLProblem])
    /// An XPath expression could not be evaluated.
    case invalidXPath(String)

    /// Every problem as `FILE:LINE: message` values, whatever the case.
    public var problems: [XMLProblem] {
        switch self {
        case .malformed(let list), .invalidSchema(let list): list
        case .doctypeRefused(let p), .tooDeep(let p): [p]
        case .tooLarge(let file, let bytes, let limit):
            [XMLProblem(file: file, line: 0, message: "document is \(bytes) bytes, more than the \(limit) allowed")]
        case .unreadable(let file, let reason): [XMLProblem(file: file, line: 0, message: reason)]
        case .invalidXPath(let expr): [XMLProblem(file: "", line: 0, message: "invalid XPath expression: \(expr)")]
        }
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
