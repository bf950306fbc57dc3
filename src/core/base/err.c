/* err.c — error values. */
#include "xiangli/err.h"

#include <stdarg.h>
#include <stdio.h>

void xl_err_clear(xl_err *e)
{
    if (!e)
        return;
    e->code = XL_OK;
    e->field[0] = '\0';
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
