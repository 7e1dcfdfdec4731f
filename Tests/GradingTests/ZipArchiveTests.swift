// The stored ZIP the Gradescope autograder is shipped in, read back by Info-ZIP's unzip (what
// Gradescope and most machines use): CRCs verified, bytes and permissions as written.
@testable import LabKit
import Posix
import Testing

@Suite("Stored ZIP archives")
struct ZipArchiveTests {
    @Test("CRC-32 gives the standard check value", arguments: [("123456789", UInt32(0xCBF4_3926)), ("", 0), ("a", 0xE8B7_BE43)])
    func crc(text: String, value: UInt32) {
        #expect(CRC32.checksum(Array(text.utf8)) == value)
    }

    @Test("unzip tests and extracts what was written, executable bits included")
    func unzipReadsIt() throws {
        let scratch = try GradingSupport.scratchDirectory("zip")
        defer { try? FileSystem.remove(scratch) }
        try FileSystem.makeDirectories(scratch + "/tree/sub")
        try FileSystem.write("nested — é\n", to: scratch + "/tree/sub/file.txt")
        let binary = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try FileSystem.write(binary, to: scratch + "/tree/blob.bin", mode: 0o600)
        var zip = ZipArchive()
        zip.addFile("run_autograder", bytes: Array("#!/bin/sh\necho hi\n".utf8), mode: 0o755)
        try zip.addTree(scratch + "/tree", under: "kit")
        try FileSystem.write(try zip.bytes(), to: scratch + "/a.zip")

        let (tested, testLog) = try GradingSupport.run("/usr/bin/unzip", ["-t", scratch + "/a.zip"])
        #expect(tested == .exited(0), "\(testLog)")
        #expect(testLog.contains("No errors detected"))
        let (extracted, log) = try GradingSupport.run("/usr/bin/unzip", ["-q", scratch + "/a.zip", "-d", scratch + "/out"])
        #expect(extracted == .exited(0), "\(log)")
        #expect(try FileSystem.readText(scratch + "/out/run_autograder") == "#!/bin/sh\necho hi\n")
        #expect((try FileSystem.status(scratch + "/out/run_autograder")?.mode ?? 0) & 0o777 == 0o755)
        #expect(try FileSystem.readText(scratch + "/out/kit/sub/file.txt") == "nested — é\n")
        #expect(try FileSystem.readBytes(scratch + "/out/kit/blob.bin") == binary)
        #expect((try FileSystem.status(scratch + "/out/kit/blob.bin")?.mode ?? 0) & 0o777 == 0o600)
    }
}
