/* datadir.c — shipped data files and the office's own copies (datadir.h). */
#include "xiangli/datadir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef XL_DATADIR
#define XL_DATADIR "/usr/local/share/xiangli"
#endif
#ifndef XL_SRCDATADIR
#define XL_SRCDATADIR "data"
#endif

static int is_file(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISREG(sb.st_mode);
}

int xl_datadir_shipped(const char *rel, char *out, size_t size)
{
    const char *env = getenv("XIANGLI_DATA_DIR");
    const char *dirs[] = {env && *env ? env : NULL, XL_DATADIR, XL_SRCDATADIR};
    const char *first = NULL;
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        if (!dirs[i])
            continue;
        snprintf(out, size, "%s/%s", dirs[i], rel);
        if (!first)
            first = dirs[i];
        if (is_file(out))
            return XL_OK;
    }
    snprintf(out, size, "%s/%s", first, rel);
    return XL_ENOTFOUND;
}

void xl_datadir_local(xl_db *db, const char *rel, char *out, size_t size)
{
    const char *db_path = db ? xl_db_path(db) : NULL;
    const char *slash = db_path ? strrchr(db_path, '/') : NULL;
    if (slash)
        snprintf(out, size, "%.*s/%s", (int)(slash - db_path), db_path, rel);
    else
        snprintf(out, size, "./%s", rel);
}

int xl_datadir_find(xl_db *db, const char *rel, char *out, size_t size, int *local)
{
    xl_datadir_local(db, rel, out, size);
    *local = is_file(out);
    if (*local)
        return XL_OK;
    return xl_datadir_shipped(rel, out, size);
}
