// What a prefork child costs, written with XCTest so that it runs alone: a PSS divides each
// shared page among every process mapping it, so the totals compared here would shift if other
// servers ran at the same moment (Swift Testing runs suites in parallel; XCTest runs before
// it, one test at a time). The test decides one check of lab.xml.
import LabCheckKit
import Posix
import ServerHarness
import XCTest

final class MemoryScenarioChecks: LabCheckCase {
    /// sizing.memory-per-process
    func testEachPreforkChildHoldsPrivateMemoryAndMoreChildrenOccupyMore() throws {
        let small = try MemoryChecks.loadedPrefork(children: 2)
        let smallTotal = Memory.totalPss(small.processes()), smallCount = small.children().count
        small.stop()
        let large = try MemoryChecks.loadedPrefork(children: 6)
        defer { large.stop() }
        let memories = large.children().compactMap(Memory.of)
        let largeTotal = Memory.totalPss(large.processes()), largeCount = large.children().count
        let smallestUSS = memories.map(\.uss).min() ?? 0
        CheckMeasures.record("sizing.memory-per-process", "child_uss", smallestUSS, unit: "kB")
        CheckMeasures.record("sizing.memory-per-process", "child_pss", memories.map(\.pss).min() ?? 0, unit: "kB")
        CheckMeasures.record("sizing.memory-per-process", "total_pss_\(smallCount)_children", smallTotal, unit: "kB")
        CheckMeasures.record("sizing.memory-per-process", "total_pss_\(largeCount)_children", largeTotal, unit: "kB")
        XCTAssertFalse(memories.isEmpty, "no child's memory could be read")
        for m in memories {
            XCTAssertTrue(m.uss > 0 && m.uss < m.pss && m.pss < m.rss, "a child's memory: USS \(m.uss) kB, PSS \(m.pss) kB, RSS \(m.rss) kB")
        }
        let extra = largeCount - smallCount
        XCTAssertGreaterThan(extra, 0, "the second server should have more children (\(smallCount), then \(largeCount))")
        XCTAssertGreaterThanOrEqual(largeTotal - smallTotal, extra * smallestUSS / 2,
                                    "\(extra) more children added only \(largeTotal - smallTotal) kB of PSS (a child's USS: \(smallestUSS) kB)")
    }
}
