/* err.c — error values. */
#include "xiangli/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void xl_err_clear(xl_err *e)
{
    if (!e)
        return;
    e->code = XL_OK;
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
    }
    return code;
}
