/* err.h — errors are values: a status code plus a message the top level shows. */
#ifndef XL_ERR_H
#define XL_ERR_H

#include <stddef.h>

enum {
    XL_OK = 0,
    XL_EFAIL = 1,     /* failure, including rejected input (exit code 1) */
    XL_EUSAGE = 2,    /* usage error (exit code 2) */
    XL_ENOTFOUND = 3, /* asked-for thing does not exist */
};

typedef struct xl_err {
    int code;
    char msg[1024];
} xl_err;

void xl_err_clear(xl_err *e);
/* Sets e (if non-NULL) and returns code, so callers can `return xl_err_set(...)`. */
int xl_err_set(xl_err *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
