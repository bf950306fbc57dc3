/* fileio.c — the safe writer, mkdir -p, regular-file reads, owner-only permissions. */
#define _GNU_SOURCE 1 /* mkostemp */
#include "xiangli/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xiangli/i18n.h"

char *xl_path_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xl_strdup(".");
    if (slash == path)
        return xl_strdup("/");
    return xl_strndup(path, (size_t)(slash - path));
}

static int write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, p + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        done += (size_t)n;
    }
    return 0;
}

static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

/* A temporary name in path's directory: ".NAME.XXXXXX", opened O_EXCL by mkostemp (so an
 * existing file or symlink there is never reused or followed). */
static int temp_open(const char *path, char **tmp)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char *dir = xl_path_dir(path);
    *tmp = xl_asprintf("%s/.%.64s.XXXXXX", dir, base);
    free(dir);
    return mkostemp(*tmp, O_CLOEXEC);
}

int xl_file_write(const char *path, const void *data, size_t len, mode_t mode, xl_err *err)
{
    return xl_file_write_opt(path, data, len, mode, 0, err);
}

int xl_file_write_opt(const char *path, const void *data, size_t len, mode_t mode,
                      unsigned flags, xl_err *err)
{
    int sync = !(flags & XL_FILE_BATCH);
    if (!path || !*path)
        return xl_err_set(err, XL_EUSAGE, "%s", _(FIO_E_NOPATH));
    char *tmp = NULL;
    int fd = temp_open(path, &tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return xl_err_set(err, XL_EFAIL, _(FIO_E_WRITE_FMT), path, xl_sys_reason(e));
    }
    int ok = fchmod(fd, mode) == 0 && write_all(fd, data, len) == 0 && (!sync || fsync(fd) == 0);
    int e = errno;
    if (close(fd) != 0 && ok)
        ok = 0, e = errno;
    if (ok && rename(tmp, path) != 0)
        ok = 0, e = errno;
    if (!ok)
        unlink(tmp);
    free(tmp);
    if (!ok)
        return xl_err_set(err, XL_EFAIL, _(FIO_E_WRITE_FMT), path, xl_sys_reason(e));
    if (sync) {
        char *dir = xl_path_dir(path);
        sync_dir(dir);
        free(dir);
    }
    return XL_OK;
}

int xl_file_batch_sync(const char *dir, xl_err *err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int ok = fd >= 0 && syncfs(fd) == 0 && fsync(fd) == 0;
    int e = errno;
    if (fd >= 0)
        close(fd);
    return ok ? XL_OK : xl_err_set(err, XL_EFAIL, _(FIO_E_WRITE_FMT), dir, xl_sys_reason(e));
}

int xl_file_temp(const char *path, char **tmp, xl_err *err)
{
    int fd = temp_open(path, tmp);
    if (fd < 0) {
        int e = errno;
        free(*tmp);
        *tmp = NULL;
        return xl_err_set(err, XL_EFAIL, _(FIO_E_WRITE_FMT), path, xl_sys_reason(e));
    }
    int ok = fchmod(fd, 0600) == 0;
    close(fd);
    if (!ok) {
        unlink(*tmp);
        free(*tmp);
        *tmp = NULL;
        return xl_err_set(err, XL_EFAIL, _(FIO_E_WRITE_FMT), path, xl_sys_reason(EPERM));
    }
    return XL_OK;
}

int xl_file_commit_temp(char *tmp, const char *path, xl_err *err)
{
    int fd = open(tmp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    int ok = fd >= 0 && fsync(fd) == 0;
    int e = errno;
    if (fd >= 0)
        close(fd);
    if (ok && rename(tmp, path) != 0)
        ok = 0, e = errno;
    if (!ok) {
        unlink(tmp);
        return xl_err_set(err, XL_EFAIL, _(FIO_E_WRITE_FMT), path, xl_sys_reason(e));
    }
    char *dir = xl_path_dir(path);
    sync_dir(dir);
    free(dir);
    return XL_OK;
}

int xl_file_write_by_name(const char *path, xl_file_writer write, void *ctx, xl_err *err)
{
    char *tmp = NULL;
    if (xl_file_temp(path, &tmp, err))
        return XL_EFAIL;
    int rc = write(tmp, ctx, err);
    if (rc == XL_OK)
        rc = xl_file_commit_temp(tmp, path, err);
    else
        unlink(tmp);
    free(tmp);
    return rc;
}

static int mkdir_one(const char *dir, mode_t mode, xl_err *err)
{
    struct stat sb;
    if (mkdir(dir, mode) == 0)
        return XL_OK;
    int e = errno;
    if (e == EEXIST && stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode))
        return XL_OK;
    return xl_err_set(err, XL_EFAIL, _(FIO_E_MKDIR_FMT), dir, xl_sys_reason(e));
}

int xl_mkdir_p(const char *path, mode_t mode, xl_err *err)
{
    if (!path || !*path)
        return xl_err_set(err, XL_EUSAGE, "%s", _(FIO_E_NOPATH));
    char *dir = xl_strdup(path);
    int rc = XL_OK;
    for (char *p = dir + 1; rc == XL_OK && *p; p++) {
        if (*p != '/' || p[-1] == '/')
            continue;
        *p = '\0';
        rc = mkdir_one(dir, mode, err);
        *p = '/';
    }
    if (rc == XL_OK)
        rc = mkdir_one(dir, mode, err);
    free(dir);
    return rc;
}

static int clear_nonblock(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
}

int xl_file_open_regular(const char *path, xl_err *err)
{
    if (!path || !*path) {
        xl_err_set(err, XL_EUSAGE, "%s", _(FIO_E_NOPATH));
        return -1;
    }
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        xl_err_set(err, XL_EFAIL, _(FIO_E_READ_FMT), path, xl_sys_reason(errno));
        return -1;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || clear_nonblock(fd) != 0) {
        close(fd);
        xl_err_set(err, XL_EFAIL, _(FIO_E_NOT_REGULAR_FMT), path);
        return -1;
    }
    return fd;
}

FILE *xl_file_fopen_regular(const char *path, xl_err *err)
{
    int fd = xl_file_open_regular(path, err);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        xl_err_set(err, XL_EFAIL, _(FIO_E_READ_FMT), path, xl_sys_reason(errno));
        close(fd);
    }
    return f;
}

int xl_file_read_all(const char *path, size_t max, xl_buf *out, xl_err *err)
{
    xl_buf_init(out);
    int fd = xl_file_open_regular(path, err);
    if (fd < 0)
        return XL_EFAIL;
    char chunk[65536];
    ssize_t n;
    int rc = XL_OK;
    while (rc == XL_OK && (n = read(fd, chunk, sizeof chunk)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            rc = xl_err_set(err, XL_EFAIL, _(FIO_E_READ_FMT), path, xl_sys_reason(errno));
        else if (out->len + (size_t)n > max)
            rc = xl_err_set(err, XL_EFAIL, _(FIO_E_TOO_BIG_FMT), path, max >> 20);
        else
            xl_buf_put(out, chunk, (size_t)n);
    }
    close(fd);
    return rc;
}

int xl_file_tighten(const char *path, int *changed, xl_err *err)
{
    struct stat sb;
    if (changed)
        *changed = 0;
    if (stat(path, &sb) != 0)
        return errno == ENOENT ? XL_OK : xl_err_set(err, XL_EFAIL, _(FIO_E_READ_FMT), path, xl_sys_reason(errno));
    if (!(sb.st_mode & 077))
        return XL_OK;
    if (sb.st_uid != geteuid() ||
        chmod(path, sb.st_mode & (S_ISDIR(sb.st_mode) ? 0700 : 0600)) != 0)
        return xl_err_set(err, XL_EFAIL, _(FIO_E_LOOSE_FMT), path, (unsigned)(sb.st_mode & 0777));
    if (changed)
        *changed = 1;
    return XL_OK;
}
