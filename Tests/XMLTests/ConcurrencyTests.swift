// libxml2's error handler is per thread and a compiled schema is shared: many threads parsing
// and validating at once must each get exactly their own errors.
import Testing
@testable import XML

@Suite("Parsing and validating from many threads")
struct ConcurrencyTests {
    @Test("concurrent validations against one schema each report their own errors")
    func concurrentValidation() async throws {
        let schema = try RelaxNGSchema(text: SchemaAndOutputTests.schema, name: "n.rng")
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var wrong = 0
                    for i in 0..<50 {
                        let valid = (task + i) % 2 == 0
                        let text = valid ? "<r><n>\(i)</n></r>" : "<r>\n<n>x\(i)</n></r>"
                        guard let doc = try? XMLDocument.parse(bytes: Array(text.utf8), file: "t\(task)-\(i).xml") else { wrong += 1; continue }
                        let problems = schema.validate(doc)
                        let ok = valid ? problems.isEmpty : (problems.allSatisfy { $0.file == "t\(task)-\(i).xml" && $0.line == 2 } && !problems.isEmpty)
                        if !ok { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }
}
