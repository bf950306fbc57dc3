/* err.c — error values. */
#include "xiangli/err.h"

#include <stdarg.h>
#include <stdio.h>

void xl_err_clear(xl_err *e)
{
    if (!e)
        return;
    e->code = XL_OK;
    e->msg[0] = '\0';
}

int xl_err_set(xl_err *e, int code, const char *fmt, ...)
{
    if (e) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(e->msg, sizeof e->msg, fmt, ap);
        va_end(ap);
        e->code = code;
    }
    return code;
}
