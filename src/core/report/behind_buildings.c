/* behind_buildings.c — the buildings behind a roundtable-coverage figure: a lane's or a
 * pioneer group's buildings, with their first responsible person and last roundtable. */
#include "xiangli/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "xiangli/i18n.h"
#include "xiangli/meeting.h"

int xl_behind_buildings(xl_db *db, int kind, int id, int days, size_t limit, xl_behind *out,
                        xl_err *err);

static const char buildings_sql[] =
    "SELECT b.number, l.name, coalesce(p.name, '') FROM building b JOIN lane l ON l.id = b.lane_id"
    " LEFT JOIN person p ON p.id = b.responsible_id"
    " WHERE (?1 = 1 AND b.lane_id = ?2) OR (?1 = 2 AND b.pioneer_group = ?2) ORDER BY b.number";

static const xl_roundtable_age *age_of(const xl_roundtable_age *ages, size_t n, int building)
{
    for (size_t i = 0; i < n; i++)
        if (ages[i].building == building)
            return &ages[i];
    return NULL;
}

static void fill(xl_behind_row *r, sqlite3_stmt *st, const xl_roundtable_age *a)
{
    r->building = sqlite3_column_int(st, 0);
    snprintf(r->col[0], sizeof r->col[0], "%d", r->building);
    xl_strlcpy_utf8(r->col[1], xl_col_text(st, 1), sizeof r->col[1]);
    xl_strlcpy_utf8(r->col[2], xl_col_text(st, 2), sizeof r->col[2]);
    if (a && a->last[0]) {
        snprintf(r->col[3], sizeof r->col[3], "%s", a->last);
        snprintf(r->col[4], sizeof r->col[4], "%d", a->days);
    } else {
        xl_strlcpy_utf8(r->col[3], _(MAP_RT_NEVER), sizeof r->col[3]);
    }
    xl_strlcpy_utf8(r->col[5], a && !a->stale ? _(CF_YES) : _(CF_NO), sizeof r->col[5]);
}

static int collect(xl_db *db, sqlite3_stmt *st, const xl_roundtable_age *ages, size_t nages,
                   size_t limit, xl_behind *out, xl_err *err)
{
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && (!limit || out->nrows < limit)) {
        XL_GROW(out->rows, out->nrows, cap);
        xl_behind_row *r = &out->rows[out->nrows++];
        memset(r, 0, sizeof *r);
        fill(r, st, age_of(ages, nages, sqlite3_column_int(st, 0)));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? XL_OK : xl_db_fail(db, "buildings", err);
}

int xl_behind_buildings(xl_db *db, int kind, int id, int days, size_t limit, xl_behind *out,
                        xl_err *err)
{
    static const xl_msg heads[] = {XL_MSG_CF_BUILDING, XL_MSG_LANE, XL_MSG_RESPONSIBLE,
                                   XL_MSG_RPT_H_LAST_RT, XL_MSG_RPT_H_DAYS, XL_MSG_RPT_H_COVERED};
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        out->head[i] = xl_tr(heads[i]);
    xl_roundtable_age *ages = NULL;
    size_t nages = 0;
    if (xl_roundtable_ages(db, days, 0, &ages, &nages, err))
        return XL_EFAIL;
    sqlite3_stmt *st = xl_db_prepare(db, buildings_sql, err);
    int rc = XL_EFAIL;
    if (st) {
        sqlite3_bind_int(st, 1, kind);
        sqlite3_bind_int(st, 2, id);
        rc = collect(db, st, ages, nages, limit, out, err);
    }
    free(ages);
    return rc;
}
