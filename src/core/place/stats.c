/* stats.c — community totals and registration rate. */
#include "xiangli/stats.h"

#include <stdlib.h>
#include <string.h>

#include "core/db/db_internal.h"
#include "xiangli/mem.h"

static const char totals_sql[] =
    "SELECT count(*), coalesce(sum(role = 'tenant'), 0), coalesce(sum(role = 'owner'), 0),"
    "       coalesce(sum(role = 'sublandlord'), 0), coalesce(sum(role = 'family'), 0),"
    "       (SELECT count(*) FROM residency WHERE moved_out IS NOT NULL)"
    " FROM residency WHERE moved_out IS NULL";

static int totals(xl_db *db, xl_stats *st, xl_err *err)
{
    sqlite3_stmt *q = xl_db_prepare(db, totals_sql, err);
    if (!q)
        return XL_EFAIL;
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        st->residents = sqlite3_column_int(q, 0);
        st->tenants = sqlite3_column_int(q, 1);
        st->owners = sqlite3_column_int(q, 2);
        st->sublandlords = sqlite3_column_int(q, 3);
        st->family = sqlite3_column_int(q, 4);
        st->moved_out = sqlite3_column_int(q, 5);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? XL_OK : xl_db_fail(db, "stats", err);
}

int xl_stats_compute(xl_db *db, xl_stats *st, xl_err *err)
{
    memset(st, 0, sizeof *st);
    if (totals(db, st, err))
        return XL_EFAIL;
    if (xl_buildings_list(db, &st->per_building, &st->nbuildings, err))
        return XL_EFAIL;
    double registered = 0;
    for (size_t i = 0; i < st->nbuildings; i++) {
        const xl_building_summary *b = &st->per_building[i];
        st->declared += b->declared;
        if (b->declared > 0)
            registered += b->rate * b->declared;
    }
    st->buildings = (int)st->nbuildings;
    st->registration_rate = st->declared > 0 ? registered / st->declared : XL_RATE_NONE;
    return XL_OK;
}

void xl_stats_release(xl_stats *st)
{
    xl_buildings_free(st->per_building);
    st->per_building = NULL;
    st->nbuildings = 0;
}

/* A rate as JSON: a number, or null where no headcount is declared. */
static void rate_json(xl_buf *out, double rate)
{
    if (rate < 0)
        xl_buf_puts(out, "null");
    else
        xl_buf_printf(out, "%.4f", rate);
}

void xl_stats_json(const xl_stats *st, xl_buf *out)
{
    xl_buf_printf(out,
        "{\n \"buildings\": %d,\n \"residents\": %d,\n \"tenants\": %d,\n \"owners\": %d,\n"
        " \"sublandlords\": %d,\n \"family\": %d,\n \"declared\": %d,\n"
        " \"registration_rate\": ",
        st->buildings, st->residents, st->tenants, st->owners, st->sublandlords, st->family,
        st->declared);
    rate_json(out, st->registration_rate);
    xl_buf_printf(out, ",\n \"moved_out\": %d,\n \"per_building\": [", st->moved_out);
    for (size_t i = 0; i < st->nbuildings; i++) {
        const xl_building_summary *b = &st->per_building[i];
        xl_buf_printf(out, "%s\n  {\"building\": %d, \"lane\": ", i ? "," : "", b->number);
        xl_buf_json_str(out, b->lane);
        xl_buf_printf(out,
            ", \"pioneer_group\": %d, \"residents\": %d, \"tenants\": %d, \"declared\": %d,"
            " \"registration_rate\": ",
            b->pioneer_group, b->residents, b->tenants, b->declared);
        rate_json(out, b->rate);
        xl_buf_printf(out, ", \"party_households\": %d}", b->party_households);
    }
    xl_buf_puts(out, "\n ]\n}\n");
}
