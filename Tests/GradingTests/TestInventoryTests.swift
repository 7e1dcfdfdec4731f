// Reading test names out of Swift sources, as the agreement test does.
import LabKit
import Testing

@Suite("The test inventory")
struct TestInventoryTests {
    static let source = """
        import Testing
        import XCTest

        @Suite("A suite", .serialized)
        struct SomeChecks {
            static func helper() -> Int { 1 }

            /// one
            @Test("A plain test")
            func plain() throws {
                func nested() {}
            }

            @Test("A table",
                  arguments: [1, 2])
            func table(value: Int) {}
        }

        final class SomeScenarios: XCTestCase {
            func testOne() throws {}
            func helper() {}
            // func testCommented() {}
        }
        """

    @Test("finds Swift Testing functions, with attributes over several lines, and XCTest test methods")
    func findsTests() {
        let names = TestInventory.tests(inSource: Self.source, target: "Lab09Checks").map(\.description)
        #expect(names == ["Lab09Checks.SomeChecks/plain", "Lab09Checks.SomeChecks/table", "Lab09Checks.SomeScenarios/testOne"])
    }

    @Test("reads lab.xml's test names, with or without parentheses", arguments: [
        ("Lab01Checks.PreforkProcessChecks/childrenOfMaster", "Lab01Checks.PreforkProcessChecks/childrenOfMaster"),
        ("Lab01Checks.AnswerChecks/pssBelowRss()", "Lab01Checks.AnswerChecks/pssBelowRss"),
        ("Lab01Checks.Outer.Inner/test(value:)", "Lab01Checks.Outer.Inner/test"),
    ])
    func readsNames(text: String, expected: String) {
        #expect(TestName(text)?.description == expected)
    }

    @Test("refuses names without a target, a suite or a function", arguments: ["Lab01Checks/test", "Suite.test", ".Suite/test", "A.B/"])
    func refusesNames(text: String) {
        #expect(TestName(text) == nil)
    }
}

@Suite("Terminal text")
struct TerminalTextTests {
    @Test("wraps at the width with a hanging indent, never inside a code span")
    func wraps() {
        let text = "Run `mpmd -t -f labs/01-processes/student.conf` to check the file before the checks do."
        #expect(TerminalText.wrap(text, width: 40, first: "  » ", rest: "    ") == """
              » Run
                `mpmd -t -f labs/01-processes/student.conf`
                to check the file before the checks
                do.
            """)
    }
}
