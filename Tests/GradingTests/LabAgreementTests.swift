// lab.xml and the check targets must agree, both ways: every <check test> names a test that
// exists, and every test of a lab's check target (Tests/LabNNChecks) is named by exactly one
// check — an ungraded test there would slow every `mpmlab check` for nothing, and a graded
// behaviour without a check would never count.
import LabKit
import Posix
import Testing

@Suite("Labs and their check targets agree")
struct LabAgreementTests {
    /// Every test of every `Tests/Lab*Checks` target.
    static func checkTargetTests() throws -> [TestName] {
        let tests = GradingSupport.repositoryRoot + "/Tests"
        return try FileSystem.list(tests).filter { $0.hasPrefix("Lab") && $0.hasSuffix("Checks") }.sorted().flatMap {
            try TestInventory.tests(inDirectory: tests + "/" + $0, target: $0)
        }
    }

    /// True in a students' kit, whose check targets lost the hidden checks' tests.
    static func hiddenTestsRemoved() throws -> Bool {
        let tests = GradingSupport.repositoryRoot + "/Tests"
        return try FileSystem.list(tests).filter { $0.hasPrefix("Lab") && $0.hasSuffix("Checks") }.contains { target in
            try FileSystem.list(tests + "/" + target).contains { file in
                SolutionStripper.hasPlaceholder((try? FileSystem.readText(tests + "/" + target + "/" + file)) ?? "", .hiddenTests)
            }
        }
    }

    @Test("every check of every lab names an existing test of a lab check target (a hidden one's may be cut from a students' kit)")
    func everyCheckNamesATest() throws {
        let tests = Set(try Self.checkTargetTests())
        let labs = try GradingSupport.labs()
        let studentsKit = try Self.hiddenTestsRemoved()
        #expect(!labs.isEmpty)
        for lab in labs {
            for check in lab.checks where !(studentsKit && check.isHidden) {
                let name = TestName(check.test)
                #expect(name != nil, "\(lab.id): \(check.id) names \"\(check.test)\", not Target.Suite/test")
                if let name { #expect(tests.contains(name), "\(lab.id): \(check.id) names \(name), which does not exist") }
            }
        }
    }

    @Test("every test of a lab check target is named by exactly one check")
    func everyTestIsGraded() throws {
        let tests = try Self.checkTargetTests()
        #expect(tests.count >= 52, "the inventory found \(tests.count) tests")
        var named: [TestName: [String]] = [:]
        for lab in try GradingSupport.labs() {
            for check in lab.checks { if let name = TestName(check.test) { named[name, default: []].append(check.id) } }
        }
        for test in tests {
            #expect(named[test]?.count == 1, "\(test) is named by \(named[test] ?? []) instead of exactly one check")
        }
    }

    @Test("each lab's checks live in that lab's own check target", arguments: try GradingSupport.labs().map(\.id))
    func checksLiveInTheLabsTarget(lab id: String) throws {
        let lab = try #require(try GradingSupport.labs().first { $0.id == id })
        let expected = "Lab\(id.prefix(2))Checks"
        for check in lab.checks {
            #expect(TestName(check.test)?.target == expected, "\(check.id) names \(check.test), outside \(expected)")
        }
    }

    @Test("each lab's check target is declared in Package.swift", arguments: try GradingSupport.labs().map(\.id))
    func checkTargetIsDeclared(lab id: String) throws {
        let manifest = try FileSystem.readText(GradingSupport.repositoryRoot + "/Package.swift")
        #expect(manifest.contains(".testTarget(name: \"Lab\(id.prefix(2))Checks\""), "Package.swift declares no Lab\(id.prefix(2))Checks")
    }
}
