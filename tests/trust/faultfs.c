/* faultfs: an LD_PRELOAD shim that injects crashes and I/O errors into the file writes of a
 * program, in the spirit of SQLite's own crash and I/O-error tests (crash.test, ioerr.test).
 *
 * Build: cc -shared -fPIC -O2 -o faultfs.so faultfs.c -ldl
 * Use:   LD_PRELOAD=/path/faultfs.so FAULTFS_PATH=clinic.db FAULTFS_MODE=kill FAULTFS_AT=7 prog …
 *
 * An "I/O point" is one call of write, pwrite, pwrite64, writev, pwritev, pwritev64, fsync,
 * fdatasync, ftruncate, ftruncate64, fallocate, fallocate64, posix_fallocate(64) on a file
 * descriptor whose path (readlink /proc/self/fd/N) contains FAULTFS_PATH, and, in kill and
 * count modes, unlink/unlinkat of such a path (SQLite commits a rollback-journal transaction
 * by deleting the -journal). The database name also matches its -wal, -shm and -journal.
 *
 * Environment:
 *   FAULTFS_PATH   substring of the paths it applies to (required; empty = the shim is inert)
 *   FAULTFS_MODE   count  - only count the points (default)
 *                  kill   - raise(SIGKILL) at point FAULTFS_AT, before doing the call
 *                  torn   - at point FAULTFS_AT do half of a write (then SIGKILL); other calls
 *                           as kill. Models a write cut short, which kill -9 itself never does.
 *                  powerloss - at point FAULTFS_AT, first undo every write to a matching file
 *                           since that file's last fsync/fdatasync (pre-images are kept for
 *                           the purpose; a file unlinked meanwhile is left as it is), then
 *                           SIGKILL: the files as the disk would hold them after a power cut.
 *                           FAULTFS_AT = the run's point count + 1 does it as the process
 *                           exits normally (a power cut just after it reported success).
 *                           Not modelled: lost directory entries, reordered or partial sectors.
 *                  enospc - point FAULTFS_AT and every later write-type point fail with ENOSPC
 *                           (a full disk stays full); unlink is left alone
 *                  eio    - the same with EIO
 *   FAULTFS_AT     1-based number of the point at which to act (0 or unset: never act)
 *   FAULTFS_COUNT  file written when a process ends normally: "points N" (the points it saw, or
 *                  with FAULTFS_SHARED those of every process so far), "failed N" (the calls it
 *                  failed) and one "OP N" line per call kind (its own); in any mode
 *   FAULTFS_SHARED file holding one counter of points for every process that has the shim
 *                  (children of the program included): FAULTFS_AT then counts across them all,
 *                  and "points" in FAULTFS_COUNT is the total when the last one ended
 *   FAULTFS_LOG    file to which each point is appended as "N OP PATH OFFSET SIZE MICROS WCHAR"
 *                  (-1 where it does not apply; MICROS: wall clock, microseconds since 1970;
 *                  WCHAR: bytes the process had passed to write calls, as /proc/PID/io counts
 *                  them, before this call, the log's own left out)
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

enum mode { MODE_COUNT, MODE_KILL, MODE_TORN, MODE_POWERLOSS, MODE_ENOSPC, MODE_EIO };
enum op {
    OP_WRITE, OP_PWRITE, OP_WRITEV, OP_PWRITEV, OP_FSYNC, OP_FDATASYNC, OP_FTRUNCATE,
    OP_FALLOCATE, OP_UNLINK, OP_COUNT_
};
static const char* const op_names[OP_COUNT_] = {"write",     "pwrite",    "writev",
                                                "pwritev",   "fsync",     "fdatasync",
                                                "ftruncate", "fallocate", "unlink"};

static const char* g_path;   /* substring to match; NULL = inert */
static enum mode g_mode = MODE_COUNT;
static long g_at;            /* 0 = never act */
static long g_points;        /* points seen so far */
static long g_failed;        /* calls failed by the shim */
static long g_per_op[OP_COUNT_];
static int g_ready;
static int g_in_shim;        /* no recursion from our own logging */
static long* g_shared;       /* FAULTFS_SHARED: the point counter of every process of a run */

#define REAL(name) static __typeof__(name)* real_##name
REAL(write); REAL(pwrite); REAL(pwrite64); REAL(writev); REAL(pwritev); REAL(pwritev64);
REAL(fsync); REAL(fdatasync); REAL(ftruncate); REAL(ftruncate64); REAL(fallocate);
REAL(fallocate64); REAL(posix_fallocate); REAL(posix_fallocate64); REAL(unlink); REAL(unlinkat);
REAL(pread64);

static void* resolve(const char* name) {
    void* f = dlsym(RTLD_NEXT, name);
    if (f == NULL) {
        static const char msg[] = "faultfs: cannot resolve a libc function\n";
        syscall(SYS_write, 2, msg, sizeof msg - 1);
        _exit(99);
    }
    return f;
}

static void init(void) {
    if (g_ready)
        return;
#define LOAD(name) real_##name = (__typeof__(name)*)resolve(#name)
    LOAD(write); LOAD(pwrite); LOAD(pwrite64); LOAD(writev); LOAD(pwritev); LOAD(pwritev64);
    LOAD(fsync); LOAD(fdatasync); LOAD(ftruncate); LOAD(ftruncate64); LOAD(fallocate);
    LOAD(fallocate64); LOAD(posix_fallocate); LOAD(posix_fallocate64); LOAD(unlink);
    LOAD(unlinkat); LOAD(pread64);
    const char* p = getenv("FAULTFS_PATH");
    g_path = (p != NULL && *p != '\0') ? p : NULL;
    const char* m = getenv("FAULTFS_MODE");
    if (m == NULL || strcmp(m, "count") == 0) g_mode = MODE_COUNT;
    else if (strcmp(m, "kill") == 0) g_mode = MODE_KILL;
    else if (strcmp(m, "torn") == 0) g_mode = MODE_TORN;
    else if (strcmp(m, "powerloss") == 0) g_mode = MODE_POWERLOSS;
    else if (strcmp(m, "enospc") == 0) g_mode = MODE_ENOSPC;
    else if (strcmp(m, "eio") == 0) g_mode = MODE_EIO;
    else {
        static const char msg[] =
            "faultfs: FAULTFS_MODE must be count, kill, torn, powerloss, enospc or eio\n";
        syscall(SYS_write, 2, msg, sizeof msg - 1);
        _exit(98);
    }
    const char* at = getenv("FAULTFS_AT");
    g_at = at != NULL ? atol(at) : 0;
    const char* shared = getenv("FAULTFS_SHARED");
    if (shared != NULL && *shared != '\0') {
        int fd = (int)syscall(SYS_open, shared, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (fd >= 0 && real_ftruncate(fd, sizeof(long)) == 0) {
            void* map = mmap(NULL, sizeof(long), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
            if (map != MAP_FAILED)
                g_shared = (long*)map;
        }
        if (fd >= 0)
            syscall(SYS_close, fd);
        if (g_shared == NULL) {
            static const char msg[] = "faultfs: cannot map FAULTFS_SHARED\n";
            syscall(SYS_write, 2, msg, sizeof msg - 1);
            _exit(97);
        }
    }
    g_ready = 1;
}

__attribute__((constructor)) static void faultfs_start(void) { init(); }

static void report(void) {
    const char* file = getenv("FAULTFS_COUNT");
    if (file == NULL || *file == '\0' || g_path == NULL)
        return;
    char buf[1024];
    long points = g_shared != NULL ? __atomic_load_n(g_shared, __ATOMIC_SEQ_CST) : g_points;
    int n = snprintf(buf, sizeof buf, "points %ld\nfailed %ld\n", points, g_failed);
    for (int i = 0; i < OP_COUNT_ && n < (int)sizeof buf; ++i)
        n += snprintf(buf + n, sizeof buf - n, "%s %ld\n", op_names[i], g_per_op[i]);
    int fd = (int)syscall(SYS_open, file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd >= 0) {
        syscall(SYS_write, fd, buf, (size_t)n);
        syscall(SYS_close, fd);
    }
}

static void power_cut(void);

__attribute__((destructor)) static void faultfs_end(void) {
    report();
    long points = g_shared != NULL ? __atomic_load_n(g_shared, __ATOMIC_SEQ_CST) : g_points;
    if (g_mode == MODE_POWERLOSS && g_at > 0 && g_at == points + 1) {
        fflush(NULL); /* what the program printed is out, as it would be after its exit */
        power_cut();
    }
}

static int path_matches(const char* path) {
    return g_path != NULL && path != NULL && strstr(path, g_path) != NULL;
}

static int fd_matches(int fd, char* out, size_t out_size) {
    if (g_path == NULL || fd < 0)
        return 0;
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, out, out_size - 1);
    if (n < 0)
        return 0;
    out[n] = '\0';
    return strstr(out, g_path) != NULL;
}

static long long g_log_bytes; /* written to FAULTFS_LOG: not the program's own writes */

/* The process's wchar (/proc/self/io: bytes passed to write calls), less the log's own. */
static long long own_wchar(void) {
    char buf[512];
    int fd = (int)syscall(SYS_open, "/proc/self/io", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    long n = (long)syscall(SYS_read, fd, buf, sizeof buf - 1);
    syscall(SYS_close, fd);
    if (n <= 0)
        return -1;
    buf[n] = '\0';
    const char* w = strstr(buf, "wchar:");
    return w != NULL ? atoll(w + 6) - g_log_bytes : -1;
}

static void log_point(enum op op, const char* path, long long offset, long long size) {
    const char* file = getenv("FAULTFS_LOG");
    if (file == NULL || *file == '\0')
        return;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    char buf[4200];
    int n = snprintf(buf, sizeof buf, "%ld %s %s %lld %lld %lld %lld\n", g_points, op_names[op],
                     path, offset, size, (long long)now.tv_sec * 1000000 + now.tv_nsec / 1000,
                     own_wchar());
    if (n >= (int)sizeof buf)
        n = (int)sizeof buf - 1;
    int fd = (int)syscall(SYS_open, file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd >= 0) {
        long written = (long)syscall(SYS_write, fd, buf, (size_t)n);
        if (written > 0)
            g_log_bytes += written;
        syscall(SYS_close, fd);
    }
}

/* powerloss: the pre-image of every unsynced change to a matching file, oldest first. */
struct undo {
    char* path;
    off_t offset;    /* where the old bytes go back */
    size_t length;   /* how many old bytes (0: the change only grew the file) */
    char* old;
    off_t old_size;  /* the file's size before the change */
};
static struct undo* g_undo;
static size_t g_undo_count, g_undo_capacity;

static void remember(int fd, const char* path, off_t offset, off_t new_end) {
    struct stat st;
    if (g_mode != MODE_POWERLOSS || fstat(fd, &st) != 0)
        return;
    if (g_undo_count == g_undo_capacity) {
        g_undo_capacity = g_undo_capacity ? g_undo_capacity * 2 : 256;
        g_undo = realloc(g_undo, g_undo_capacity * sizeof *g_undo);
        if (g_undo == NULL)
            abort();
    }
    struct undo* u = &g_undo[g_undo_count++];
    u->path = strdup(path);
    u->offset = offset;
    u->old_size = st.st_size;
    off_t end = new_end < st.st_size ? new_end : st.st_size; /* old bytes that get overwritten */
    u->length = end > offset ? (size_t)(end - offset) : 0;
    u->old = u->length ? malloc(u->length) : NULL;
    if (u->length && (u->old == NULL || real_pread64(fd, u->old, u->length, offset) !=
                                            (ssize_t)u->length))
        abort();
}

/* A sync makes the file's changes durable; an unlink takes the file away. */
static void forget(const char* path) {
    size_t kept = 0;
    for (size_t i = 0; i < g_undo_count; ++i) {
        if (strcmp(g_undo[i].path, path) == 0) {
            free(g_undo[i].path);
            free(g_undo[i].old);
        } else {
            g_undo[kept++] = g_undo[i];
        }
    }
    g_undo_count = kept;
}

static void power_cut(void) {
    for (size_t i = g_undo_count; i-- > 0;) {
        const struct undo* u = &g_undo[i];
        int fd = (int)syscall(SYS_open, u->path, O_WRONLY | O_CLOEXEC);
        if (fd < 0)
            continue;
        syscall(SYS_ftruncate, fd, u->old_size);
        if (u->length)
            syscall(SYS_pwrite64, fd, u->old, u->length, u->offset);
        syscall(SYS_close, fd);
    }
    raise(SIGKILL);
}

/* What to do with this call. */
enum verdict { PASS, FAIL_NOW, TEAR };

static enum verdict point(enum op op, const char* path, long long offset, long long size) {
    if (op == OP_UNLINK && (g_mode == MODE_ENOSPC || g_mode == MODE_EIO))
        return PASS; /* error modes apply to writes and syncs only */
    g_points = g_shared != NULL ? __atomic_add_fetch(g_shared, 1, __ATOMIC_SEQ_CST) : g_points + 1;
    ++g_per_op[op];
    g_in_shim = 1;
    log_point(op, path, offset, size);
    g_in_shim = 0;
    if (g_at <= 0 || g_points < g_at)
        return PASS;
    switch (g_mode) {
    case MODE_COUNT:
        return PASS;
    case MODE_KILL:
        if (g_points == g_at)
            raise(SIGKILL);
        return PASS;
    case MODE_TORN:
        if (g_points == g_at) {
            if (size > 1 && (op == OP_WRITE || op == OP_PWRITE))
                return TEAR;
            raise(SIGKILL);
        }
        return PASS;
    case MODE_POWERLOSS:
        if (g_points == g_at)
            power_cut();
        return PASS;
    case MODE_ENOSPC:
    case MODE_EIO:
        ++g_failed;
        errno = g_mode == MODE_ENOSPC ? ENOSPC : EIO;
        return FAIL_NOW;
    }
    return PASS;
}

#define CHECK_FD(fd, op, offset, size)                                                          \
    char path_[4096];                                                                          \
    int matched_ = 0;                                                                          \
    enum verdict v_ = PASS;                                                                    \
    init();                                                                                    \
    if (!g_in_shim && fd_matches((fd), path_, sizeof path_))                                   \
        v_ = point((op), path_, (offset), (size)), matched_ = 1;                               \
    if (v_ == FAIL_NOW)                                                                        \
        return -1;

#define CHECK_FD_ERRNO(fd, op, offset, size) /* posix_fallocate returns the error number */     \
    char path_[4096];                                                                          \
    int matched_ = 0;                                                                          \
    enum verdict v_ = PASS;                                                                    \
    init();                                                                                    \
    if (!g_in_shim && fd_matches((fd), path_, sizeof path_))                                   \
        v_ = point((op), path_, (offset), (size)), matched_ = 1;                               \
    if (v_ == FAIL_NOW)                                                                        \
        return errno;

static size_t iov_size(const struct iovec* iov, int count) {
    size_t total = 0;
    for (int i = 0; i < count; ++i)
        total += iov[i].iov_len;
    return total;
}

ssize_t write(int fd, const void* buf, size_t count) {
    CHECK_FD(fd, OP_WRITE, -1, (long long)count);
    if (v_ == TEAR) {
        real_write(fd, buf, count / 2);
        raise(SIGKILL);
    }
    if (v_ == PASS && matched_) {
        off_t at = lseek(fd, 0, SEEK_CUR);
        remember(fd, path_, at, at + (off_t)count);
    }
    return real_write(fd, buf, count);
}

ssize_t pwrite(int fd, const void* buf, size_t count, off_t offset) {
    CHECK_FD(fd, OP_PWRITE, (long long)offset, (long long)count);
    if (v_ == TEAR) {
        real_pwrite(fd, buf, count / 2, offset);
        raise(SIGKILL);
    }
    if (v_ == PASS && matched_)
        remember(fd, path_, offset, offset + (off_t)count);
    return real_pwrite(fd, buf, count, offset);
}

ssize_t pwrite64(int fd, const void* buf, size_t count, off64_t offset) {
    CHECK_FD(fd, OP_PWRITE, (long long)offset, (long long)count);
    if (v_ == TEAR) {
        real_pwrite64(fd, buf, count / 2, offset);
        raise(SIGKILL);
    }
    if (v_ == PASS && matched_)
        remember(fd, path_, offset, offset + (off_t)count);
    return real_pwrite64(fd, buf, count, offset);
}

ssize_t writev(int fd, const struct iovec* iov, int iovcnt) {
    CHECK_FD(fd, OP_WRITEV, -1, (long long)iov_size(iov, iovcnt));
    if (matched_) {
        off_t at = lseek(fd, 0, SEEK_CUR);
        remember(fd, path_, at, at + (off_t)iov_size(iov, iovcnt));
    }
    return real_writev(fd, iov, iovcnt);
}

ssize_t pwritev(int fd, const struct iovec* iov, int iovcnt, off_t offset) {
    CHECK_FD(fd, OP_PWRITEV, (long long)offset, (long long)iov_size(iov, iovcnt));
    if (matched_)
        remember(fd, path_, offset, offset + (off_t)iov_size(iov, iovcnt));
    return real_pwritev(fd, iov, iovcnt, offset);
}

ssize_t pwritev64(int fd, const struct iovec* iov, int iovcnt, off64_t offset) {
    CHECK_FD(fd, OP_PWRITEV, (long long)offset, (long long)iov_size(iov, iovcnt));
    if (matched_)
        remember(fd, path_, offset, offset + (off_t)iov_size(iov, iovcnt));
    return real_pwritev64(fd, iov, iovcnt, offset);
}

int fsync(int fd) {
    CHECK_FD(fd, OP_FSYNC, -1, -1);
    int rc = real_fsync(fd);
    if (rc == 0 && matched_)
        forget(path_);
    return rc;
}

int fdatasync(int fd) {
    CHECK_FD(fd, OP_FDATASYNC, -1, -1);
    int rc = real_fdatasync(fd);
    if (rc == 0 && matched_)
        forget(path_);
    return rc;
}

int ftruncate(int fd, off_t length) {
    CHECK_FD(fd, OP_FTRUNCATE, (long long)length, -1);
    if (matched_)
        remember(fd, path_, length, (off_t)1 << 62);
    return real_ftruncate(fd, length);
}

int ftruncate64(int fd, off64_t length) {
    CHECK_FD(fd, OP_FTRUNCATE, (long long)length, -1);
    if (matched_)
        remember(fd, path_, length, (off_t)1 << 62);
    return real_ftruncate64(fd, length);
}

int fallocate(int fd, int mode, off_t offset, off_t len) {
    CHECK_FD(fd, OP_FALLOCATE, (long long)offset, (long long)len);
    if (matched_) /* only the size can change: no old bytes to keep */
        remember(fd, path_, offset + len, offset + len);
    return real_fallocate(fd, mode, offset, len);
}

int fallocate64(int fd, int mode, off64_t offset, off64_t len) {
    CHECK_FD(fd, OP_FALLOCATE, (long long)offset, (long long)len);
    if (matched_) /* only the size can change: no old bytes to keep */
        remember(fd, path_, offset + len, offset + len);
    return real_fallocate64(fd, mode, offset, len);
}

int posix_fallocate(int fd, off_t offset, off_t len) {
    CHECK_FD_ERRNO(fd, OP_FALLOCATE, (long long)offset, (long long)len);
    if (matched_) /* only the size can change: no old bytes to keep */
        remember(fd, path_, offset + len, offset + len);
    return real_posix_fallocate(fd, offset, len);
}

int posix_fallocate64(int fd, off64_t offset, off64_t len) {
    CHECK_FD_ERRNO(fd, OP_FALLOCATE, (long long)offset, (long long)len);
    if (matched_) /* only the size can change: no old bytes to keep */
        remember(fd, path_, offset + len, offset + len);
    return real_posix_fallocate64(fd, offset, len);
}

int unlink(const char* pathname) {
    init();
    if (!g_in_shim && path_matches(pathname))
        (void)point(OP_UNLINK, pathname, -1, -1);
    if (g_mode == MODE_POWERLOSS && path_matches(pathname))
        forget(pathname);
    return real_unlink(pathname);
}

int unlinkat(int dirfd, const char* pathname, int flags) {
    init();
    if (!g_in_shim && path_matches(pathname))
        (void)point(OP_UNLINK, pathname, -1, -1);
    if (g_mode == MODE_POWERLOSS && path_matches(pathname))
        forget(pathname);
    return real_unlinkat(dirfd, pathname, flags);
}
