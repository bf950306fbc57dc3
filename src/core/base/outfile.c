/* outfile.c — whole files written privately and atomically (outfile.h). */
#include "xiangli/outfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xiangli/i18n.h"
#include "xiangli/mem.h"

static int write_fd(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w, len -= (size_t)w;
    }
    return fsync(fd);
}

int xl_outfile_write(const char *path, const void *data, size_t len, xl_err *err)
{
    char *tmp = xl_asprintf("%s.XXXXXX", path);
    int fd = mkstemp(tmp);
    int rc = XL_OK;
    if (fd < 0) {
        rc = xl_err_set(err, XL_EFAIL, _(RPT_WRITE_FAIL_FMT), path, strerror(errno));
    } else {
        int bad = fchmod(fd, 0600) != 0 || write_fd(fd, data, len) != 0;
        int saved = errno;
        bad |= close(fd) != 0;
        if (bad || rename(tmp, path) != 0) {
            rc = xl_err_set(err, XL_EFAIL, _(RPT_WRITE_FAIL_FMT), path,
                            strerror(bad ? saved : errno));
            unlink(tmp);
        }
    }
    free(tmp);
    return rc;
}
