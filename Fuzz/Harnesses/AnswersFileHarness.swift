// Fuzz harness for a student's answers file (`key = value` lines): whatever the bytes, the
// reader returns values and problems, each problem naming the file and a line that exists.
import LabCheckKit

public enum AnswersFileHarness {
    static let specs = [AnswerSpec("processes", .integer), AnswerSpec("shared", .yesNo), AnswerSpec("why", .text),
                        AnswerSpec("max_workers", .integer)]

    public static func check(_ input: [UInt8]) -> String? {
        let text = String(decoding: input, as: UTF8.self)
        let answers = AnswersFile(text: text, name: "answers.txt", expecting: specs)
        // Lines end with LF or CRLF ("\r\n" is one Character in Swift, so it is named too).
        let lineCount = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).count
        for problem in answers.problems where !problem.hasPrefix("answers.txt:") {
            return "a problem that does not name the file: \(problem)"
        }
        for (key, line) in answers.lines where line < 1 || line > lineCount {
            return "\(key) placed on line \(line) of \(lineCount)"
        }
        for key in answers.unanswered where answers.values[key] != nil {
            return "\(key) is both answered and unanswered"
        }
        return nil
    }
}
