// Every check id the labs define, in one table. Course notes cite checks in `<claim check>`
// and reports name them in `<result check>`, so an id must be defined once, by exactly one lab.
// The claim check lists claims no lab backs yet: while labs are being written that is expected,
// so it is reported, and only an error when asked to be strict.
import XML

public struct CheckCatalogue: Sendable {
    /// Checks by id.
    public let checks: [String: Check]
    /// Ids defined more than once (each later definition, with its file and line).
    public let duplicates: [XMLProblem]

    public init(labs: [Lab]) {
        var checks: [String: Check] = [:]
        var duplicates: [XMLProblem] = []
        for lab in labs {
            for check in lab.checks {
                if let first = checks[check.id] {
                    duplicates.append(XMLProblem(file: lab.file, line: check.line,
                        message: "check id \"\(check.id)\" is already defined by lab \(first.lab), exercise \(first.exercise)"))
                } else {
                    checks[check.id] = check
                }
            }
        }
        self.checks = checks
        self.duplicates = duplicates
    }

    public subscript(id: String) -> Check? { checks[id] }

    /// All ids, sorted.
    public var ids: [String] { checks.keys.sorted() }

    /// Claims citing a check no lab defines, one problem each.
    public func unbackedClaims(file: String, claims: [(check: String, line: Int)]) -> [XMLProblem] {
        claims.filter { checks[$0.check] == nil }.map {
            XMLProblem(file: file, line: $0.line, message: "claim cites check \"\($0.check)\", which no lab defines")
        }
    }

    /// Report results naming a check no lab defines (a report from another version of the lab,
    /// or a grader bug), one problem each.
    public func unknownResults(file: String, results: [(check: String, line: Int)]) -> [XMLProblem] {
        results.filter { checks[$0.check] == nil }.map {
            XMLProblem(file: file, line: $0.line, message: "result names check \"\($0.check)\", which no lab defines")
        }
    }

    /// The distinct ids claimed by these chapters that no lab defines, sorted.
    public func unbackedClaims(in chapters: [Chapter]) -> [String] {
        Array(Set(chapters.flatMap(\.claims)).filter { checks[$0] == nil }).sorted()
    }
}
