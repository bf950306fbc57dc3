/* err.c — error values. */
#include "xiangli/err.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "xiangli/i18n.h"

void xl_err_clear(xl_err *e)
{
    if (!e)
        return;
    e->code = XL_OK;
    e->field[0] = '\0';
    e->msg[0] = '\0';
}

/* Formatted into a scratch buffer first: callers may pass e->msg itself as an argument
 * ("%s: %s", path, err->msg), which vsnprintf into e->msg would garble. */
int xl_err_set(xl_err *e, int code, const char *fmt, ...)
{
    if (e) {
        char scratch[sizeof e->msg];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(scratch, sizeof scratch, fmt, ap);
        va_end(ap);
        memcpy(e->msg, scratch, sizeof scratch);
        e->code = code;
        e->field[0] = '\0';
    }
    return code;
}

int xl_err_field(xl_err *e, const char *field, const char *fmt, ...)
{
    if (e) {
        char reason[sizeof e->msg];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(reason, sizeof reason, fmt, ap);
        va_end(ap);
        snprintf(e->msg, sizeof e->msg, "%s", reason);
        snprintf(e->field, sizeof e->field, "%s", field ? field : "");
        e->code = XL_EFAIL;
    }
    return XL_EFAIL;
}

int xl_err_no_building(xl_err *e, const char *field, int number)
{
    if (field)
        return xl_err_field(e, field, _(E_NO_BUILDING_FMT), number);
    return xl_err_set(e, XL_ENOTFOUND, _(E_NO_BUILDING_FMT), number);
}

const char *xl_sys_reason(int errnum)
{
    switch (errnum) {
    case ENOENT: return _(SYS_NOENT);
    case EACCES:
    case EPERM: return _(SYS_ACCESS);
    case ENOSPC:
    case EDQUOT: return _(SYS_NOSPC);
    case EISDIR: return _(SYS_ISDIR);
    case ENOTDIR: return _(SYS_NOTDIR);
    case EEXIST: return _(FIO_IN_THE_WAY);
    case EROFS: return _(SYS_ROFS);
    case EBUSY:
    case ETXTBSY: return _(SYS_BUSY);
    case ENAMETOOLONG: return _(SYS_NAMETOOLONG);
    case ELOOP: return _(SYS_LOOP);
    case EMFILE:
    case ENFILE: return _(SYS_MFILE);
    case EIO: return _(SYS_IO);
    case EFBIG:
    case E2BIG: return _(SYS_TOO_BIG);
    case EILSEQ: return _(SYS_BAD_CHARS);
    case ENOMEM: return _(DB_WHY_NOMEM);
    default: return _(SYS_OTHER);
    }
}
