// swift-tools-version:6.0
// MPMLab: a course kit on processes and threads, through Apache httpd's three MPMs.
// Dependencies point one way: Posix <- HTTP, Config <- ServerCore <- each MPM <- mpmd.
// Only Posix (and the C shim targets) touch the operating system.
import PackageDescription

// The server's modules do not use Swift concurrency (the master must stay single-threaded, the
// children run POSIX threads): without its implicit import, mpmd does not map
// libswift_Concurrency, libdispatch and libBlocksRuntime at all — pages every process of the
// server would otherwise carry (the sizing lab measures them).
let serverOnly: [SwiftSetting] = [.unsafeFlags(["-Xfrontend", "-disable-implicit-concurrency-module-import"])]

let package = Package(
    name: "MPMLab",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mpmd", targets: ["mpmd"]),
        .executable(name: "mpmlab", targets: ["mpmlab"]),
        .executable(name: "labrun", targets: ["labrun"]),
        // The labs' code exercises, a shared object that mpmd loads with
        // `LoadModule lab_exercises_module FILE` (libLabExercises.so beside mpmd by default).
        .library(name: "LabExercises", type: .dynamic, targets: ["LabExercises"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C declarations Glibc does not export (epoll, eventfd, signalfd, accept4, memfd_create...).
        .target(name: "CLinuxShim"),
        .target(name: "Posix", dependencies: ["CLinuxShim"], swiftSettings: serverOnly),
        .target(name: "HTTP", swiftSettings: serverOnly),
        .target(name: "Config", dependencies: ["Posix"], swiftSettings: serverOnly),
        .target(name: "ServerCore", dependencies: ["Posix", "HTTP", "Config"], swiftSettings: serverOnly),
        .target(name: "MPMPrefork", dependencies: ["ServerCore", "Posix"], swiftSettings: serverOnly),
        .target(name: "MPMWorker", dependencies: ["ServerCore", "Posix"], swiftSettings: serverOnly),
        .target(name: "MPMEvent", dependencies: ["ServerCore", "Posix"], swiftSettings: serverOnly),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "XML", dependencies: ["CLibXML2"]),
        .target(name: "LabKit", dependencies: ["XML", "Config", "Posix", "GradingProtocol"]),
        // The students' code exercises: depends on nothing, so that a student's version builds
        // alone (swiftc, in a second) and no server code is ever rebuilt with it.
        .target(name: "LabExercises"),
        // Calls an exercise outside the server and prints what it returned (unit-level checks).
        .executableTarget(name: "labrun", dependencies: ["Posix"]),
        // Starts real mpmd processes for tests and lab checks, and talks raw HTTP to them.
        .target(name: "ServerHarness", dependencies: ["Posix", "HTTP"]),
        // What lab checks share (answers files...). No libxml2 here: a test target holding XCTest
        // classes must not see CLibXML2 beside Foundation (their ICU headers clash).
        .target(name: "LabCheckKit", dependencies: ["Posix", "ServerHarness", "GradingProtocol"]),
        // The files trusted checks write and the grader reads: names and line formats.
        .target(name: "GradingProtocol"),
        .executableTarget(name: "mpmd", dependencies: ["ServerCore", "MPMPrefork", "MPMWorker", "MPMEvent", "Config", "Posix"], swiftSettings: serverOnly),
        .executableTarget(name: "mpmlab", dependencies: [
            "LabKit", "XML", "Config", "Posix", "ServerHarness",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "PosixTests", dependencies: ["Posix"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP"]),
        .testTarget(name: "ConfigTests", dependencies: ["Config", "Posix"]),
        .testTarget(name: "ServerCoreTests", dependencies: ["ServerCore", "HTTP", "Config", "Posix", "ServerHarness", "mpmd"]),
        .testTarget(name: "MPMTests", dependencies: ["ServerHarness", "HTTP", "Posix", "mpmd"]),
        .testTarget(name: "XMLTests", dependencies: ["XML"]),
        // Replays the committed fuzz inputs (Fuzz/corpus) through the fuzz harnesses; the
        // fuzzing itself is `make fuzz` (Fuzz/fuzz.sh), which builds the same harnesses.
        .testTarget(name: "FuzzReplayTests", dependencies: ["HTTP", "Config", "Posix", "XML", "LabKit", "LabCheckKit"],
                    path: "Fuzz", exclude: ["Entry", "corpus", "dict", "fuzz.sh"], sources: ["Harnesses", "Replay"]),
        .testTarget(name: "LabKitTests", dependencies: ["LabKit", "XML", "Posix", "mpmlab"],
                    exclude: ["Fixtures", "Golden"]),
        // Lab 1's graded checks: each test is named by one <check test> of labs/01-processes/lab.xml.
        .testTarget(name: "Lab01Checks", dependencies: ["ServerHarness", "HTTP", "Posix", "LabCheckKit", "mpmd"]),
        // Lab 2's graded checks (threads and sharing): labs/02-threads/lab.xml.
        .testTarget(name: "Lab02Checks", dependencies: ["ServerHarness", "HTTP", "Posix", "LabCheckKit", "mpmd", "labrun"]),
        // Lab 3's graded checks (keep-alive and event): labs/03-keepalive/lab.xml.
        .testTarget(name: "Lab03Checks", dependencies: ["ServerHarness", "HTTP", "Posix", "LabCheckKit", "mpmd", "labrun"]),
        // Lab 4's graded checks (choosing and sizing): labs/04-sizing/lab.xml.
        .testTarget(name: "Lab04Checks", dependencies: ["ServerHarness", "HTTP", "Posix", "LabCheckKit", "mpmd"]),
        // The grader itself: answers files, test results, reports, lab/test agreement, mpmlab's commands.
        .testTarget(name: "GradingTests", dependencies: ["LabKit", "LabCheckKit", "GradingProtocol", "XML", "Posix", "mpmlab"],
                    exclude: ["Golden", "Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
