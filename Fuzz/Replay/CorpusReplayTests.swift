// `make test` replays every committed fuzz input — the seeds and the reproducers of what
// fuzzing once found — through the same harnesses the fuzzers run. Replay only: the fuzzing
// itself is `make fuzz`. An input that crashes takes the test run down with it, and one that
// breaks a harness's promise fails here with its file name.
import Posix
import Testing

@Suite("Fuzz corpora replay")
struct CorpusReplayTests {
    static let harnesses: [String: @Sendable ([UInt8]) -> String?] = [
        "http-parser": HTTPParserHarness.check,
        "config": ConfigHarness.check,
        "xml-documents": XMLDocumentHarness.check,
        "answers-file": AnswersFileHarness.check,
    ]

    static var corpusRoot: String {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(2)                                  // Replay/<this file>
        return parts.joined(separator: "/") + "/corpus"
    }

    @Test("Every committed input of the target passes its harness", arguments: ["http-parser", "config", "xml-documents", "answers-file"])
    func replay(target: String) throws {
        let harness = try #require(Self.harnesses[target])
        let folder = Self.corpusRoot + "/" + target
        let files = try FileSystem.list(folder).filter { !$0.hasPrefix(".") }
        #expect(!files.isEmpty, "\(folder) holds the seed corpus")
        for file in files.sorted() {
            let bytes = try FileSystem.readBytes(folder + "/" + file)
            let failure = harness(bytes)
            #expect(failure == nil, "\(target)/\(file): \(failure ?? "")")
        }
    }
}
