/* assess_read.c — reading the assessment (assess.h): a quarter's ranking, a lane's history
 * and trend, the quarters scored, one lane's scores with their comments. */
#include "xiangli/mem.h"
#include "xiangli/assess.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

/* ---- totals of every lane in a quarter ---- */

static const char lanes_sql[] = "SELECT id, name FROM lane ORDER BY id";
static const char quarter_sql[] =
    "SELECT lane_id, criterion, weight, score FROM assessment_score WHERE quarter = ?1";

typedef struct lane_acc {
    int lane_id;
    char lane[32];
    xl_assess_item *items;   /* crit->n current criteria, then extra scored ones */
    size_t n, cap;
} lane_acc;

static int load_lanes(xl_db *db, const xl_criteria *crit, lane_acc **out, size_t *n, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, lanes_sql, err);
    if (!st)
        return XL_EFAIL;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        XL_GROW(*out, *n, cap);
        lane_acc *a = &(*out)[(*n)++];
        memset(a, 0, sizeof *a);
        a->lane_id = sqlite3_column_int(st, 0);
        xl_strlcpy_utf8(a->lane, xl_col_text(st, 1), sizeof a->lane);
        a->cap = a->n = crit->n;
        a->items = xl_calloc(crit->n ? crit->n : 1, sizeof *a->items);
        for (size_t i = 0; i < crit->n; i++)
            a->items[i] = (xl_assess_item){crit->c[i].weight, -1};
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "lanes", err);
}

static void add_score(lane_acc *a, const xl_criteria *crit, sqlite3_stmt *st)
{
    int i = xl_criteria_find(crit, xl_col_text(st, 1));
    xl_assess_item it = {sqlite3_column_int(st, 2), sqlite3_column_int(st, 3)};
    if (i >= 0) {
        a->items[i] = it;
        return;
    }
    XL_GROW(a->items, a->n, a->cap);
    a->items[a->n++] = it;
}

static int load_scores(xl_db *db, const xl_criteria *crit, const char *q, lane_acc *lanes,
                       size_t nl, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, quarter_sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_text(st, 1, q, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        for (size_t i = 0; i < nl; i++)
            if (lanes[i].lane_id == sqlite3_column_int(st, 0))
                add_score(&lanes[i], crit, st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "assessment", err);
}

static void free_lanes(lane_acc *l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(l[i].items);
    free(l);
}

/* Totals (and missing counts) of every lane in quarter q. */
static int totals(xl_db *db, const xl_criteria *crit, const char *q, xl_assess_row **out,
                  size_t *n, xl_err *err)
{
    lane_acc *lanes = NULL;
    size_t nl = 0;
    int rc = load_lanes(db, crit, &lanes, &nl, err);
    if (rc == XL_OK)
        rc = load_scores(db, crit, q, lanes, nl, err);
    *out = xl_calloc(nl ? nl : 1, sizeof **out);
    *n = rc == XL_OK ? nl : 0;
    for (size_t i = 0; i < *n; i++) {
        xl_assess_row *r = &(*out)[i];
        r->lane_id = lanes[i].lane_id;
        memcpy(r->lane, lanes[i].lane, sizeof r->lane);
        snprintf(r->quarter, sizeof r->quarter, "%s", q);
        r->total = xl_assess_total(lanes[i].items, lanes[i].n, &r->missing);
        r->scored = (int)lanes[i].n - r->missing;
        r->prev_total = -1;
    }
    free_lanes(lanes, nl);
    return rc;
}

static int rank_order(const void *a, const void *b)
{
    const xl_assess_row *x = a, *y = b;
    int rx = x->rank ? x->rank : 1 << 30, ry = y->rank ? y->rank : 1 << 30;
    if (rx != ry)
        return rx < ry ? -1 : 1;
    return x->lane_id - y->lane_id;
}

static void rank_rows(xl_assess_row *rows, size_t n)
{
    double *t = xl_calloc(n ? n : 1, sizeof *t);
    int *rk = xl_calloc(n ? n : 1, sizeof *rk);
    for (size_t i = 0; i < n; i++)
        t[i] = rows[i].total;
    xl_assess_rank(t, n, rk);
    for (size_t i = 0; i < n; i++)
        rows[i].rank = rk[i];
    free(t);
    free(rk);
}

int xl_assess_quarter(xl_db *db, const xl_criteria *crit, const char *quarter,
                      xl_assess_row **out, size_t *n, xl_err *err)
{
    char prevq[8];
    xl_assess_row *prev = NULL;
    size_t np = 0;
    if (totals(db, crit, quarter, out, n, err))
        return XL_EFAIL;
    xl_quarter_prev(quarter, prevq);
    if (totals(db, crit, prevq, &prev, &np, err)) {
        free(*out);
        *out = NULL, *n = 0;
        return XL_EFAIL;
    }
    for (size_t i = 0; i < *n && i < np; i++)
        (*out)[i].prev_total = prev[i].total;
    free(prev);
    rank_rows(*out, *n);
    if (*n)
        xl_qsort(*out, *n, sizeof **out, rank_order);
    return XL_OK;
}
