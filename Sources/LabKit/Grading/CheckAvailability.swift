// Which of a lab's checks a copy of the repository can run. The tests of hidden checks are cut
// from the students' kit (StarterKit), so in a student's copy those checks cannot run: their
// `mpmlab check` says they exist and what they are worth, and a grading done from such a copy
// (GitHub Classroom runs in the student's repository) leaves them out and says so. Whether a
// test is there is read from the check target's sources (TestInventory), which are what the
// test bundle was built from.
import Posix

public struct CheckAvailability: Sendable, Equatable {
    /// The checks this copy can run, in the order given.
    public var runnable: [Check] = []
    /// Hidden checks whose tests are not in this copy: graded elsewhere, when the work is handed in.
    public var notInThisCopy: [Check] = []

    /// Sorts `checks` for the repository (or kit) at `root`. A visible check is always
    /// runnable: a missing test there is an error the grader reports, never a silent skip.
    public static func of(_ checks: [Check], root: String) -> CheckAvailability {
        var out = CheckAvailability()
        var testsOfTarget: [String: Set<TestName>] = [:]
        for check in checks {
            guard check.isHidden, let name = TestName(check.test) else {
                out.runnable.append(check)
                continue
            }
            if testsOfTarget[name.target] == nil {
                let folder = root + "/Tests/" + name.target
                testsOfTarget[name.target] = Set((try? TestInventory.tests(inDirectory: folder, target: name.target)) ?? [])
            }
            if testsOfTarget[name.target]?.contains(name) == true {
                out.runnable.append(check)
            } else {
                out.notInThisCopy.append(check)
            }
        }
        return out
    }

    /// The points the checks not in this copy carry.
    public var pointsNotInThisCopy: Int { notInThisCopy.reduce(0) { $0 + $1.points } }
}
