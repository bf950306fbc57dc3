/* community_edit.c — one row of a community sheet typed at the desk (community.h
 * xl_community_enter): the row is written as a two-line CSV (the template's headers, the
 * values) and applied by the importers' own functions inside one transaction, so a form and
 * a sheet follow the same rules and write the same audit rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "community_internal.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"

_Static_assert(CI_MAXCOL_PUBLIC == CI_MAXCOL, "one column limit");

#define CE_ROLLBACK 100 /* nothing changed: roll back without failing */

typedef struct entry {
    ci_run r;
    int kind, what;
} entry;

static void csv_cell(xl_buf *b, const char *s)
{
    xl_buf_puts(b, "\"");
    for (; s && *s; s++) {
        if (*s == '"')
            xl_buf_puts(b, "\"");
        if (*s != '\r' && *s != '\n')
            xl_buf_put(b, s, 1);
    }
    xl_buf_puts(b, "\"");
}

/* The header line and the values' line of kind. */
static void row_text(int kind, const char *const *values, xl_buf *b)
{
    int n = xl_ckind_columns(kind);
    for (int c = 0; c < n; c++) {
        char label[64];
        ci_head_label(kind, c, label, sizeof label);
        xl_buf_puts(b, c ? "," : "");
        csv_cell(b, label);
    }
    xl_buf_puts(b, "\n");
    for (int c = 0; c < n; c++) {
        xl_buf_puts(b, c ? "," : "");
        csv_cell(b, values[c]);
    }
    xl_buf_puts(b, "\n");
}

static int apply_row(ci_run *r, int kind, xl_err *err)
{
    const xl_csv_row *row = &r->t->rows[1];
    switch (kind) {
    case XL_CK_BUILDINGS: return ci_apply_building(r, row, err);
    case XL_CK_ROOMS: return ci_apply_room(r, row, err);
    case XL_CK_ORGS: return ci_apply_org(r, row, err);
    case XL_CK_PARTY: return ci_apply_party(r, row, err);
    default: return ci_apply_team(r, row, err);
    }
}

static int entry_body(xl_db *db, void *ctx, xl_err *err)
{
    entry *e = ctx;
    e->what = apply_row(&e->r, e->kind, err);
    if (e->what == ROW_DBERR)
        return XL_EFAIL;
    if (e->what == ROW_REFUSED || e->what == ROW_UNCHANGED)
        return xl_err_set(err, CE_ROLLBACK, "rollback");
    if (e->kind == XL_CK_BUILDINGS)
        return ci_layout(db, err);
    return XL_OK;
}

static int by_column(const void *a, const void *b)
{
    const xl_centry_problem *x = a, *y = b;
    return (x->col > y->col) - (x->col < y->col);
}

/* The sheet's problems as column numbers and reasons; err gets the first. */
static int refused(const xl_csv *t, int kind, xl_centry_problems *out, xl_err *err)
{
    char label[64];
    for (size_t i = 0; i < t->nproblems && out->n < CI_MAXCOL; i++) {
        if (t->problems[i].warning)
            continue;
        int col = -1;
        for (int c = 0; c < xl_ckind_columns(kind) && col < 0; c++) {
            ci_head_label(kind, c, label, sizeof label);
            col = strcmp(label, t->problems[i].column) == 0 ? c : -1;
        }
        out->e[out->n].col = col;
        xl_strlcpy_utf8(out->e[out->n].msg, t->problems[i].reason, sizeof out->e[0].msg);
        out->n++;
    }
    if (out->n == 0)
        return xl_err_set(err, XL_EFAIL, "%s", _(CE_E_REFUSED));
    xl_qsort(out->e, out->n, sizeof out->e[0], by_column);
    char field[16];
    snprintf(field, sizeof field, "%d", out->e[0].col);
    return xl_err_field(err, field, "%s", out->e[0].msg);
}

static int read_row(entry *e, const char *const *values, xl_csv *t, xl_err *err)
{
    xl_buf b;
    xl_buf_init(&b);
    row_text(e->kind, values, &b);
    int rc = xl_csv_read_buf(t, _(CE_SOURCE), b.data, b.len, err);
    xl_buf_release(&b);
    if (rc != XL_OK || t->nrows != 2)
        return xl_err_set(err, XL_EFAIL, "%s", err->msg[0] ? err->msg : _(E_PROGRAM));
    for (int c = 0; c < CI_MAXCOL; c++)
        e->r.col[c] = c < xl_ckind_columns(e->kind) ? c : -1;
    e->r.t = t;
    return XL_OK;
}

int xl_community_enter(xl_db *db, int kind, const char *const *values, int *changed,
                       xl_centry_problems *out, xl_err *err)
{
    xl_cimport_report rep;
    xl_csv t;
    memset(out, 0, sizeof *out);
    *changed = 0;
    xl_err_clear(err);
    if (xl_ckind_columns(kind) == 0)
        return xl_err_set(err, XL_EUSAGE, "%s", _(E_PROGRAM));
    xl_cimport_report_init(&rep);
    xl_csv_init(&t);
    entry e = {.r = {.db = db, .rep = &rep, .kind = kind}, .kind = kind};
    xl_today(e.r.today);
    int rc = read_row(&e, values, &t, err);
    if (rc == XL_OK) {
        rc = xl_db_tx(db, entry_body, &e, err);
        if (e.what == ROW_REFUSED)
            rc = refused(&t, kind, out, err);
        else if (rc == CE_ROLLBACK)
            rc = XL_OK, xl_err_clear(err);
        *changed = rc == XL_OK && (e.what == ROW_ADDED || e.what == ROW_CHANGED);
    }
    xl_csv_release(&t);
    xl_cimport_report_release(&rep);
    return rc;
}
