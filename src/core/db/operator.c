/* operator.c — who is on duty (the operator table) and the audit read back. */
#include "xiangli/operator.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db/db_internal.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

#define OPERATOR_MAX_CHARS 20

int xl_operator_check(const char *name, char out[XL_OPERATOR_NAME_MAX], xl_err *err)
{
    const char *s = name ? name : "";
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n == 0)
        return xl_err_set(err, XL_EUSAGE, "%s", _(OP_E_EMPTY));
    if (n >= XL_OPERATOR_NAME_MAX)
        return xl_err_set(err, XL_EUSAGE, _(OP_E_LONG_FMT), OPERATOR_MAX_CHARS);
    size_t chars = 0;
    for (size_t i = 0; i < n; chars++) {
        uint32_t cp;
        i += xl_utf8_decode(s + i, n - i, &cp);
        if (cp < 0x20 || cp == 0x7f || cp == 0xFFFD)
            return xl_err_set(err, XL_EUSAGE, "%s", _(OP_E_CONTROL));
    }
    if (chars > OPERATOR_MAX_CHARS)
        return xl_err_set(err, XL_EUSAGE, _(OP_E_LONG_FMT), OPERATOR_MAX_CHARS);
    memcpy(out, s, n);
    out[n] = '\0';
    return XL_OK;
}

int xl_operators_recent(xl_db *db, size_t max, xl_operator_list *out, xl_err *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = xl_db_prepare(db, "SELECT login, last_seen FROM operator"
                                         " WHERE last_seen <> '' ORDER BY last_seen DESC, id DESC LIMIT ?1", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)(max ? max : 1));
    out->name = xl_calloc(max ? max : 1, sizeof *out->name);
    out->last_seen = xl_calloc(max ? max : 1, sizeof *out->last_seen);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && out->n < max) {
        xl_col_copy(st, 0, out->name[out->n], sizeof out->name[0]);
        xl_col_copy(st, 1, out->last_seen[out->n], sizeof out->last_seen[0]);
        out->n++;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? XL_OK : xl_db_fail(db, "operator", err);
}

void xl_operator_list_release(xl_operator_list *l)
{
    free(l->name);
    free(l->last_seen);
    memset(l, 0, sizeof *l);
}

static int on_duty_body(xl_db *db, void *ctx, xl_err *err)
{
    (void)ctx;
    return xl_db_audit(db, "operator.on_duty", "operator", NULL, "", err);
}

int xl_operator_on_duty(xl_db *db, const char *name, xl_err *err)
{
    char clean[XL_OPERATOR_NAME_MAX];
    if (xl_operator_check(name, clean, err))
        return XL_EUSAGE;
    xl_db_set_operator(db, clean);
    return xl_db_tx(db, on_duty_body, NULL, err);
}
