// Dying on purpose. The lab handler's /lab/crash makes the serving process die the way a buggy
// module would: with SIGSEGV, not with a tidy exit. Core files are switched off first so that
// a crash exercise does not fill the disk.
import Glibc

extension Process {
    public static func crash() -> Never {
        var limit = rlimit(rlim_cur: 0, rlim_max: 0)
        _ = getrlimit(Int32(RLIMIT_CORE.rawValue), &limit)
        limit.rlim_cur = 0
        _ = setrlimit(Int32(RLIMIT_CORE.rawValue), &limit)
        Glibc.signal(SIGSEGV, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGSEGV)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        Glibc.kill(getpid(), SIGSEGV)
        while true { pause() }
    }
}
