/* assess_history.c — a lane's assessment over the quarters, the quarters scored, and one
 * lane's scores with their comments (assess.h). */
#include "xiangli/assess.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

static const char quarters_sql[] =
    "SELECT DISTINCT quarter FROM assessment_score WHERE ?1 = 0 OR lane_id = ?1 ORDER BY quarter";

static int quarters_of(xl_db *db, int lane_id, char (**out)[8], size_t *n, xl_err *err)
{
    *out = NULL, *n = 0;
    sqlite3_stmt *st = xl_db_prepare(db, quarters_sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int(st, 1, lane_id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        XL_GROW(*out, *n, cap);
        snprintf((*out)[(*n)++], 8, "%s", xl_col_text(st, 0));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "quarters", err);
}

int xl_assess_quarters(xl_db *db, char (**out)[8], size_t *n, xl_err *err)
{
    return quarters_of(db, 0, out, n, err);
}

int xl_assess_history(xl_db *db, const xl_criteria *crit, int lane_id, xl_assess_row **out,
                      size_t *n, xl_err *err)
{
    char (*qs)[8] = NULL;
    size_t nq = 0;
    *out = NULL, *n = 0;
    if (quarters_of(db, lane_id, &qs, &nq, err))
        return XL_EFAIL;
    *out = xl_calloc(nq ? nq : 1, sizeof **out);
    int rc = XL_OK;
    for (size_t i = 0; rc == XL_OK && i < nq; i++) {
        xl_assess_row *rows = NULL;
        size_t nr = 0;
        rc = xl_assess_quarter(db, crit, qs[i], &rows, &nr, err);
        for (size_t j = 0; j < nr; j++)
            if (rows[j].lane_id == lane_id)
                (*out)[(*n)++] = rows[j];
        free(rows);
    }
    free(qs);
    return rc;
}

/* ---- one lane's scores ---- */

static const char scores_sql[] =
    "SELECT criterion, criterion_name, weight, score, comment FROM assessment_score"
    " WHERE lane_id = ?1 AND quarter = ?2 ORDER BY criterion";

static void score_from(sqlite3_stmt *st, xl_assess_score *s)
{
    xl_strlcpy_utf8(s->criterion, xl_col_text(st, 0), sizeof s->criterion);
    xl_strlcpy_utf8(s->name, xl_col_text(st, 1), sizeof s->name);
    s->weight = sqlite3_column_int(st, 2);
    s->score = sqlite3_column_int(st, 3);
    xl_strlcpy_utf8(s->comment, xl_col_text(st, 4), sizeof s->comment);
}

int xl_assess_scores(xl_db *db, const xl_criteria *crit, int lane_id, const char *quarter,
                     xl_assess_score **out, size_t *n, xl_err *err)
{
    size_t cap = crit->n ? crit->n : 1;
    *out = xl_calloc(cap, sizeof **out);
    *n = crit->n;
    for (size_t i = 0; i < crit->n; i++) {
        xl_assess_score *s = &(*out)[i];
        snprintf(s->criterion, sizeof s->criterion, "%s", crit->c[i].key);
        memcpy(s->name, crit->c[i].name, sizeof s->name);
        s->weight = crit->c[i].weight;
        s->score = -1;
    }
    sqlite3_stmt *st = xl_db_prepare(db, scores_sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int(st, 1, lane_id);
    sqlite3_bind_text(st, 2, quarter, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int i = xl_criteria_find(crit, xl_col_text(st, 0));
        if (i < 0) {
            XL_GROW(*out, *n, cap);
            i = (int)(*n)++;
        }
        score_from(st, &(*out)[i]);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "assessment", err);
}
