// The rerun manifest of one grading: what decides a result besides the student's files (whose
// SHA-256 the report's <submission> already records). ClassGrader writes the kit commit, the
// toolchain, the kernel and the sandbox's limits; this adds what the student's configuration
// makes of the server — the MPM it loads and a hash of the configuration the checks start —
// and the caller adds the command line that reproduces the grading. No seed: the checks draw
// no random numbers (a lab that did would record its seed here).
import Config
import Posix

enum GradingManifest {
    /// `mpm` and `config-sha256` for the lab `lab` of the kit source at `kitSource`, with the
    /// student's copied files in `submission` (a file not handed in is the starter's).
    static func configuration(lab: Lab, kitSource: String, submission: String) -> [ManifestEntry] {
        let labFolder = kitSource + "/labs/" + lab.id
        let labConf = (try? FileSystem.readBytes(labFolder + "/lab.conf")) ?? []
        let handed = submission + "/student.conf"
        let studentPath = FileSystem.exists(handed) ? handed : labFolder + "/student.conf"
        guard let student = try? FileSystem.readBytes(studentPath) else {
            return [ManifestEntry("config-sha256", SHA256.hex(Array("lab.conf\n".utf8) + labConf))]
        }
        // Both files the checks' servers are started from, each named, so that moving a line
        // from one to the other changes the hash.
        let hash = SHA256.hex(Array("lab.conf \(labConf.count)\n".utf8) + labConf + Array("student.conf \(student.count)\n".utf8) + student)
        let mpm: String
        do {
            let config = try ConfigLoader.load(text: String(decoding: student, as: UTF8.self), name: "student.conf", serverRoot: labFolder)
            mpm = config.mpm.rawValue
        } catch {
            mpm = "not determined (\(error))"
        }
        return [ManifestEntry("mpm", mpm), ManifestEntry("config-sha256", hash)]
    }
}
