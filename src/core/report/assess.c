/* assess.c — the assessment's arithmetic (weighted totals, ranks with ties), quarters, and
 * saving a lane's scores in one audited transaction (assess.h). */
#include "xiangli/assess.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "xiangli/i18n.h"

double xl_assess_total(const xl_assess_item *items, size_t n, int *missing)
{
    double sum = 0;
    long weights = 0;
    int miss = 0;
    for (size_t i = 0; i < n; i++) {
        if (items[i].score < 0) {
            miss++;
            continue;
        }
        sum += (double)items[i].weight * items[i].score;
        weights += items[i].weight;
    }
    if (missing)
        *missing = miss;
    return weights > 0 ? sum / (double)weights : -1.0;
}

static long cents(double total)
{
    return lround(total * 100.0);
}

void xl_assess_rank(const double *totals, size_t n, int *ranks)
{
    for (size_t i = 0; i < n; i++) {
        ranks[i] = 0;
        if (totals[i] < 0)
            continue;
        int better = 0;
        for (size_t j = 0; j < n; j++)
            better += totals[j] >= 0 && cents(totals[j]) > cents(totals[i]);
        ranks[i] = better + 1;
    }
}

int xl_quarter_valid(const char *q)
{
    return q && strlen(q) == 7 && q[4] == '-' && q[5] == 'Q' && q[6] >= '1' && q[6] <= '4' &&
           atoi(q) >= 1900 && atoi(q) <= 9999 && strspn(q, "0123456789") == 4;
}

void xl_quarter_of(const char *date, char out[8])
{
    int m = atoi(date + 5);
    memcpy(out, date, 4);
    out[4] = '-', out[5] = 'Q';
    out[6] = (char)('0' + (m >= 1 && m <= 12 ? (m - 1) / 3 + 1 : 1));
    out[7] = '\0';
}

void xl_quarter_prev(const char *q, char out[8])
{
    int y = atoi(q), k = q[6] - '0';
    if (k <= 1)
        y--, k = 4;
    else
        k--;
    unsigned yy = (unsigned)y % 10000u;
    snprintf(out, 8, "%04u-Q%c", yy, (char)('0' + k));
}

/* ---- saving ---- */

static const char lane_sql[] =
    "SELECT id FROM lane WHERE CAST(id AS TEXT) = ?1 OR name = ?1 ORDER BY name = ?1 DESC LIMIT 1";

int xl_lane_find(xl_db *db, const char *s)
{
    xl_err e;
    sqlite3_stmt *st = xl_db_prepare(db, lane_sql, &e);
    if (!st)
        return 0;
    sqlite3_bind_text(st, 1, s, -1, SQLITE_TRANSIENT);
    int id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return id;
}

typedef struct save_ctx {
    const xl_criteria *crit;
    int lane_id;
    const char *quarter;
    const xl_assess_entry *e;
    size_t n;
} save_ctx;

static int check_entry(const xl_criteria *crit, const xl_assess_entry *e, xl_err *err)
{
    int i = xl_criteria_find(crit, e->criterion ? e->criterion : "");
    if (i < 0)
        return xl_err_set(err, XL_EFAIL, _(ASSESS_BAD_CRITERION_FMT), e->criterion ? e->criterion : "");
    if (e->score < -1 || e->score > 100)
        return xl_err_set(err, XL_EFAIL, _(ASSESS_BAD_SCORE_FMT), crit->c[i].name);
    size_t chars = 0;
    for (const char *p = e->comment ? e->comment : ""; *p; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    if (chars > 200)
        return xl_err_set(err, XL_EFAIL, _(ASSESS_BAD_COMMENT_FMT), crit->c[i].name);
    return XL_OK;
}

static const char upsert_sql[] =
    "INSERT INTO assessment_score(lane_id, quarter, criterion, criterion_name, weight, score,"
    " comment, scored_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
    " ON CONFLICT(lane_id, quarter, criterion) DO UPDATE SET criterion_name = excluded.criterion_name,"
    " weight = excluded.weight, score = excluded.score, comment = excluded.comment,"
    " scored_at = excluded.scored_at";
static const char clear_sql[] =
    "DELETE FROM assessment_score WHERE lane_id = ?1 AND quarter = ?2 AND criterion = ?3";

static int save_one(xl_db *db, save_ctx *c, const xl_assess_entry *e, const char *now,
                    xl_err *err)
{
    const xl_criterion *cr = &c->crit->c[xl_criteria_find(c->crit, e->criterion)];
    sqlite3_stmt *st = xl_db_prepare(db, e->score < 0 ? clear_sql : upsert_sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int(st, 1, c->lane_id);
    sqlite3_bind_text(st, 2, c->quarter, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, cr->key, -1, SQLITE_TRANSIENT);
    if (e->score >= 0) {
        sqlite3_bind_text(st, 4, cr->name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(st, 5, cr->weight);
        sqlite3_bind_int(st, 6, e->score);
        sqlite3_bind_text(st, 7, e->comment ? e->comment : "", -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 8, now, -1, SQLITE_TRANSIENT);
    }
    return xl_db_step_done(db, st, "assessment", err);
}

static int save_body(xl_db *db, void *vctx, xl_err *err)
{
    save_ctx *c = vctx;
    char now[20], id[16];
    xl_now(now);
    xl_buf detail;
    xl_buf_init(&detail);
    xl_buf_printf(&detail, "quarter=%s", c->quarter);
    int rc = XL_OK;
    for (size_t i = 0; rc == XL_OK && i < c->n; i++) {
        rc = save_one(db, c, &c->e[i], now, err);
        xl_buf_printf(&detail, " %s=%d", c->e[i].criterion, c->e[i].score);
    }
    snprintf(id, sizeof id, "%d", c->lane_id);
    if (rc == XL_OK)
        rc = xl_db_audit(db, "assessment.score", "lane", id, detail.data, err);
    xl_buf_release(&detail);
    return rc;
}

static int lane_exists(xl_db *db, int id)
{
    char s[16];
    snprintf(s, sizeof s, "%d", id);
    return id > 0 && xl_lane_find(db, s) == id;
}

int xl_assess_save(xl_db *db, const xl_criteria *crit, int lane_id, const char *quarter,
                   const xl_assess_entry *e, size_t n, xl_err *err)
{
    if (!lane_exists(db, lane_id))
        return xl_err_set(err, XL_EFAIL, "%s", _(ASSESS_BAD_LANE));
    if (!xl_quarter_valid(quarter))
        return xl_err_set(err, XL_EFAIL, "%s", _(ASSESS_BAD_QUARTER));
    for (size_t i = 0; i < n; i++)
        if (check_entry(crit, &e[i], err))
            return XL_EFAIL;
    save_ctx c = {crit, lane_id, quarter, e, n};
    return xl_db_tx(db, save_body, &c, err);
}
