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
    char field[32]; /* the form field a refusal is about ("title", "due", …), or "" */
    char msg[1024]; /* what is wrong, in the UI's language, without the field's key */
} xl_err;

void xl_err_clear(xl_err *e);
/* Sets e (if non-NULL) and returns code, so callers can `return xl_err_set(...)`. */
int xl_err_set(xl_err *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A refusal about one form field: sets code XL_EFAIL, e->field = field and e->msg = the
 * reason, so a form shows the reason beside that field. Returns XL_EFAIL. */
int xl_err_field(xl_err *e, const char *field, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* "There is no building N" in the UI's language, the one wording for every module: with a
 * field, a field refusal (XL_EFAIL); without, XL_ENOTFOUND. */
int xl_err_no_building(xl_err *e, const char *field, int number);

/* What a system error number means for the officer, as one sentence in the UI's language
 * that says what to do ("找不到这个文件或文件夹，请检查路径"): never the C library's English
 * strerror text. Use it wherever errno reaches a message. */
const char *xl_sys_reason(int errnum);

#endif
