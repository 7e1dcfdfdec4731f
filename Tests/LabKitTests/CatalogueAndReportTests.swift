// The check catalogue (one definition per id, claims backed by labs) and lab reports (written
// valid against report.rng, read back unchanged).
import Testing
@testable import LabKit
import XML

@Suite("Check catalogue, claims and reports")
struct CatalogueAndReportTests {
    @Test("the catalogue lists every check a lab defines, with its lab and exercise")
    func catalogue() throws {
        let course = try TestSupport.loadFixtureCourse().course
        #expect(course.catalogue.ids == ["prefork.crash-isolation", "prefork.distinct-pids"])
        let check = try #require(course.catalogue["prefork.distinct-pids"])
        #expect(check.lab == "01-processes")
        #expect(check.exercise == "distinct-pids")
        #expect(check.points == 2)
        #expect(check.test == "LabChecks.PreforkTests/testDistinctPIDs")
        #expect(Inline.plain(check.feedback.en) == "Check StartServers: you need at least three children.")
    }

    @Test("claims citing checks no lab defines are listed")
    func unbackedClaims() throws {
        let course = try TestSupport.loadFixtureCourse().course
        #expect(course.catalogue.unbackedClaims(in: course.chapters) == ["worker.not-yet"])
        let outcome = TestSupport.validator.check(file: TestSupport.fixtureCourse + "/labs/course/01-processes.xml")
        let problems = course.catalogue.unbackedClaims(file: "c.xml", claims: outcome.claims)
        #expect(problems.map(\.line) == [19, 20])
        #expect(problems.first?.message == "claim cites check \"worker.not-yet\", which no lab defines")
    }

    @Test("a check id defined twice is reported at its second definition")
    func duplicates() throws {
        let lab = try #require(try TestSupport.loadFixtureCourse().course.labs.first)
        let catalogue = CheckCatalogue(labs: [lab, lab])
        #expect(catalogue.duplicates.count == 2)
        #expect(catalogue.duplicates.first?.message.contains("already defined by lab 01-processes") == true)
    }

    static let sample = Report(
        lab: "01-processes", date: "2026-11-27T05:00:00Z", studentID: "linus", studentName: "Linus <T> & co",
        toolchain: "Swift 6.3.1",
        results: [
            CheckResult(check: "prefork.distinct-pids", status: .pass, earned: 2, possible: 2,
                        measures: [Measure(name: "distinct_pids", value: 3, unit: "processes"), Measure(name: "elapsed", value: 0.000015, unit: "s")]),
            CheckResult(check: "prefork.crash-isolation", status: .error, earned: 0, possible: 2, message: "server did not start: \"port in use\""),
        ])

    @Test("a written report is valid against report.rng and reads back unchanged")
    func reportRoundTrip() throws {
        let xml = Self.sample.xml()
        let document = try XMLDocument.parse(bytes: Array(xml.utf8), file: "linus.xml")
        #expect(TestSupport.schemas[.report].validate(document).isEmpty, "\(xml)")
        var back = Report(document)
        #expect(back.file == "linus.xml")
        back.file = ""
        var expected = Self.sample
        expected.results[0].measures[1].value = 0.000015   // written as 0.000015, not 1.5e-05
        #expect(back == expected)
        #expect(xml.contains("value=\"0.000015\""))
        #expect(back.earned == 2 && back.possible == 4)
    }

    @Test("numbers are written as xsd:decimal", arguments: [(2.0, "2"), (0.25, "0.25"), (1.5e-05, "0.000015"), (-3.0, "-3"),
                                                              // A measure is what a student's code returned: any size, never a trap.
                                                              (4.611686018427388e18, "4611686018427388000"), (-1e300, "-1" + String(repeating: "0", count: 300)),
                                                              (1e16, "10000000000000000"), (123456789012.5, "123456789012.5")])
    func decimals(_ c: (Double, String)) {
        #expect(Decimal.format(c.0) == c.1)
    }
}

@Suite("Parity of prose pairs")
struct ParityTests {
    static func problems(_ body: String) throws -> [String] {
        let document = try XMLDocument.parse(bytes: Array("<r>\n\(body)\n</r>".utf8), file: "p.xml")
        return ParityCheck.problems(in: document).map { "\($0.line): \($0.message)" }
    }

    static let cases: [(name: String, body: String, expected: [String])] = [
        ("a complete pair", #"<p xml:lang="fr">a</p><p xml:lang="en">a</p>"#, []),
        ("same revisions", #"<p xml:lang="fr" rev="2">a</p><p xml:lang="en" rev="2">a</p>"#, []),
        ("English first", #"<p xml:lang="en">a</p><p xml:lang="fr">a</p>"#,
         [#"2: missing translation: <p xml:lang="en"> has no <p xml:lang="fr"> right before it"#,
          #"2: missing translation: <p xml:lang="fr"> has no <p xml:lang="en"> right after it"#]),
        ("a lone English side", "<x/>\n<p xml:lang=\"en\">a</p>",
         [#"3: missing translation: <p xml:lang="en"> has no <p xml:lang="fr"> right before it"#]),
        ("a pair split by another element", #"<p xml:lang="fr">a</p><pre/><p xml:lang="en">a</p>"#,
         [#"2: missing translation: <p xml:lang="fr"> has no <p xml:lang="en"> right after it"#,
          #"2: missing translation: <p xml:lang="en"> has no <p xml:lang="fr"> right before it"#]),
        ("different names", #"<title xml:lang="fr">a</title><p xml:lang="en">a</p>"#,
         [#"2: missing translation: <title xml:lang="fr"> has no <title xml:lang="en"> right after it"#,
          #"2: missing translation: <p xml:lang="en"> has no <p xml:lang="fr"> right before it"#]),
        ("French ahead", #"<p xml:lang="fr" rev="3">a</p><p xml:lang="en" rev="2">a</p>"#,
         ["2: stale translation: <p> en is behind (en rev 2, fr rev 3)"]),
        ("a third language", #"<p xml:lang="de">a</p>"#, [#"2: unknown language "de" on <p> (expected fr or en)"#]),
    ]

    @Test("pairs are fr then en, adjacent, same name, same rev", arguments: cases)
    func parity(_ c: (name: String, body: String, expected: [String])) throws {
        #expect(try Self.problems(c.body) == c.expected, "\(c.name)")
    }

    @Test("links are resolved against the page's folder", arguments: [
        ("../en/x.html", "fr/index.html", "en/x.html"), ("lab.html", "fr/index.html", "fr/lab.html"),
        ("assets/site.css", "index.html", "assets/site.css"), ("../../x.html", "fr/index.html", nil),
    ] as [(String, String, String?)])
    func resolve(_ c: (String, String, String?)) {
        #expect(LinkChecker.resolve(c.0, from: c.1) == c.2)
    }
}
