// Proving that a lab's checks discriminate: the lab is graded, exactly as a class would be, on
// its reference solution (which must score everything), on an empty submission (the starter
// kit, which must score nothing) and on seeded wrong solutions — mutants — each of which must
// lose exactly the checks it lists. A check that passes a wrong solution grades nothing.
//
// A mutant is a folder labs/NN-slug/mutants/NAME/ holding the files a student would hand in
// that differ from the reference (the others are the reference's), and a file `expect` with
// the ids of the checks it must lose, one per line (`#` starts a comment).
import Posix

public struct CheckValidation {
    public struct Candidate: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case reference
            case starter
            case mutant(mustLose: Set<String>)
        }
        public let name: String
        public let kind: Kind
        /// The submission folder graded.
        public let folder: String
    }

    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// The mutants of `lab` in the repository at `root`.
    public static func mutants(of lab: Lab, root: String) throws -> [(name: String, folder: String, mustLose: Set<String>)] {
        let folder = root + "/labs/" + lab.id + "/mutants"
        guard FileSystem.isDirectory(folder) else { return [] }
        let known = Set(lab.checks.map(\.id))
        return try FileSystem.list(folder).sorted().filter { FileSystem.isDirectory(folder + "/" + $0) }.map { name in
            let expectPath = folder + "/" + name + "/expect"
            guard let text = try? FileSystem.readText(expectPath) else {
                throw Problem(description: "\(expectPath): missing (it lists the checks the mutant must lose)")
            }
            var ids: Set<String> = []
            for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = String(raw.firstIndex(of: "#").map { raw[..<$0] } ?? raw).trimmingWhitespace()
                if line.isEmpty { continue }
                guard known.contains(line) else {
                    throw Problem(description: "\(expectPath):\(index + 1): no check \"\(line)\" in \(lab.id)")
                }
                ids.insert(line)
            }
            guard !ids.isEmpty else { throw Problem(description: "\(expectPath): lists no check") }
            return (name, folder + "/" + name, ids)
        }
    }

    /// Writes the submission folders of the reference, the starter and every mutant of `lab`
    /// under `scratch`, and returns them.
    public static func candidates(of lab: Lab, root: String, scratch: String, includeMutants: Bool = true) throws -> [Candidate] {
        let handIn = try HandIn.files(of: lab, root: root)
        let reference = scratch + "/reference"
        try FileSystem.makeDirectories(reference)
        for file in handIn where FileSystem.exists(root + "/" + file.kitPath) {
            try FileSystem.write(try FileSystem.readBytes(root + "/" + file.kitPath), to: reference + "/" + file.name)
        }
        let starter = scratch + "/starter"
        try FileSystem.makeDirectories(starter)
        var all = [Candidate(name: "reference", kind: .reference, folder: reference),
                   Candidate(name: "starter", kind: .starter, folder: starter)]
        guard includeMutants else { return all }
        for mutant in try mutants(of: lab, root: root) {
            let folder = scratch + "/mutant-" + mutant.name
            try FileSystem.makeDirectories(folder)
            for file in handIn {
                let override = mutant.folder + "/" + file.name
                let source = FileSystem.exists(override) ? override : reference + "/" + file.name
                if FileSystem.exists(source) { try FileSystem.write(try FileSystem.readBytes(source), to: folder + "/" + file.name) }
            }
            all.append(Candidate(name: "mutant-" + mutant.name, kind: .mutant(mustLose: mutant.mustLose), folder: folder))
        }
        return all
    }

    /// What is wrong with `report` for `candidate` (empty: it behaved as it must).
    public static func problems(_ report: Report, for candidate: Candidate) -> [String] {
        let lost = Set(report.results.filter { $0.status != .pass }.map(\.check))
        func explain(_ ids: Set<String>) -> String {
            ids.sorted().map { id in
                let message = report.results.first { $0.check == id }?.message?.split(separator: "\n").first.map(String.init) ?? ""
                return message.isEmpty ? id : "\(id) (\(message))"
            }.joined(separator: ", ")
        }
        switch candidate.kind {
        case .reference:
            return lost.isEmpty ? [] : ["the reference solution loses \(explain(lost))"]
        case .starter:
            let kept = report.results.filter { $0.status == .pass || $0.earned > 0 }.map(\.check)
            return kept.isEmpty ? [] : ["the empty submission earns points on \(kept.sorted().joined(separator: ", "))"]
        case .mutant(let mustLose):
            var out: [String] = []
            let missed = mustLose.subtracting(lost), extra = lost.subtracting(mustLose)
            if !missed.isEmpty { out.append("passes \(missed.sorted().joined(separator: ", ")), which it must lose") }
            if !extra.isEmpty { out.append("also loses \(explain(extra))") }
            return out
        }
    }
}
