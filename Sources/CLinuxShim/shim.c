// GNU-only calls, compiled with _GNU_SOURCE so that the header seen by Swift need not be.
#define _GNU_SOURCE
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <malloc.h>
#include <sys/syscall.h>
#include <linux/openat2.h>
#include <spawn.h>
#include "CLinuxShim.h"

int shim_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags) { return accept4(fd, addr, len, flags); }
int shim_open_beneath(int dirfd, const char *path, int flags) {
    struct open_how how = { .flags = (unsigned long long)flags, .mode = 0,
                            .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS };
    return (int)syscall(SYS_openat2, dirfd, path, &how, sizeof how);
}
pid_t shim_gettid(void) { return (pid_t)syscall(SYS_gettid); }
int shim_errno(void) { return errno; }
int shim_set_parent_death_signal(int sig) { return prctl(PR_SET_PDEATHSIG, sig); }
int shim_limit_malloc_arenas(int count) { return mallopt(M_ARENA_MAX, count); }
int shim_set_dumpable(int on) { return prctl(PR_SET_DUMPABLE, on, 0, 0, 0); }
int shim_get_dumpable(void) { return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0); }

int shim_WIFEXITED(int status) { return WIFEXITED(status); }
int shim_WEXITSTATUS(int status) { return WEXITSTATUS(status); }
int shim_WIFSIGNALED(int status) { return WIFSIGNALED(status); }
int shim_WTERMSIG(int status) { return WTERMSIG(status); }
int shim_WCOREDUMP(int status) { return WCOREDUMP(status); }

const int SHIM_SOCK_NONBLOCK = SOCK_NONBLOCK;
const int SHIM_SOCK_CLOEXEC = SOCK_CLOEXEC;
const unsigned int SHIM_EPOLLIN = EPOLLIN;
const unsigned int SHIM_EPOLLOUT = EPOLLOUT;
const unsigned int SHIM_EPOLLRDHUP = EPOLLRDHUP;
const unsigned int SHIM_EPOLLHUP = EPOLLHUP;
const unsigned int SHIM_EPOLLERR = EPOLLERR;
const unsigned int SHIM_EPOLLONESHOT = EPOLLONESHOT;
const unsigned int SHIM_EPOLLEXCLUSIVE = EPOLLEXCLUSIVE;

int shim_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int low) {
    return posix_spawn_file_actions_addclosefrom_np(actions, low);
}
int shim_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
    return posix_spawn_file_actions_addchdir_np(actions, path);
}
