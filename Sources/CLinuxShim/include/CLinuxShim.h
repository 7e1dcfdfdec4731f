// CLinuxShim: the Linux declarations that Swift's Glibc module does not export.
//
// Glibc's module map lacks <sys/epoll.h>, <sys/eventfd.h>, <sys/signalfd.h>, <sys/timerfd.h>
// and <sys/sendfile.h>, and it is built without _GNU_SOURCE, so accept4
// and gettid are missing too. This header must NOT define _GNU_SOURCE (the importer then sees
// two different fd_set definitions and fails); the GNU-only calls are wrapped in shim.c,
// which is compiled with it. Function-like macros (WIFEXITED...) are wrapped for the same
// reason: Swift does not import them.
#ifndef CLINUXSHIM_H
#define CLINUXSHIM_H

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <sys/sendfile.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <sys/uio.h>
#include <sys/resource.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/ioctl.h>
#include <poll.h>
#include <arpa/inet.h>
#include <signal.h>
#include <pthread.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <spawn.h>
#include <dlfcn.h>

int shim_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);
// openat2(dirfd, path, flags) with RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS: fails with EXDEV
// when the path (symbolic links included) would leave the directory. -1 and errno on failure
// (ENOSYS before Linux 5.6).
int shim_open_beneath(int dirfd, const char *path, int flags);
pid_t shim_gettid(void);
// Asks the kernel to send `sig` to the calling process when its parent dies.
int shim_set_parent_death_signal(int sig);
// mallopt(M_ARENA_MAX, count): at most `count` malloc arenas for the whole process.
int shim_limit_malloc_arenas(int count);
// PR_SET_DUMPABLE / PR_GET_DUMPABLE (prctl is variadic: Swift cannot call it).
int shim_set_dumpable(int on);
int shim_get_dumpable(void);
int shim_errno(void);

int shim_WIFEXITED(int status);
int shim_WEXITSTATUS(int status);
int shim_WIFSIGNALED(int status);
int shim_WTERMSIG(int status);
int shim_WCOREDUMP(int status);

// Constants that import awkwardly (enums or macros built from other macros).
extern const int SHIM_SOCK_NONBLOCK;
extern const int SHIM_SOCK_CLOEXEC;
extern const unsigned int SHIM_EPOLLIN;
extern const unsigned int SHIM_EPOLLOUT;
extern const unsigned int SHIM_EPOLLRDHUP;
extern const unsigned int SHIM_EPOLLHUP;
extern const unsigned int SHIM_EPOLLERR;
extern const unsigned int SHIM_EPOLLONESHOT;
extern const unsigned int SHIM_EPOLLEXCLUSIVE;

// posix_spawn file actions that glibc declares only under _GNU_SOURCE: close every descriptor
// from `low` up in the new process; change its working directory.
int shim_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int low);
int shim_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path);

#endif
