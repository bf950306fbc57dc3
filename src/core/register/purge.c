/* purge.c — erases the ID and phone numbers of people gone longer than the retention
 * period (rules in purge.h). */
#include "xiangli/purge.h"

#include <stdio.h>
#include <string.h>

#include "core/db/db_internal.h"
#include "xiangli/date.h"
#include "xiangli/i18n.h"

/* People who lived here, live here no longer, and left before ?1, with a number left. */
#define GONE_SQL                                                                           \
    " FROM person p WHERE (p.id_number IS NOT NULL OR p.phone IS NOT NULL)"               \
    " AND EXISTS (SELECT 1 FROM residency r WHERE r.person_id = p.id)"                     \
    " AND NOT EXISTS (SELECT 1 FROM residency r WHERE r.person_id = p.id"                  \
    "                 AND (r.moved_out IS NULL OR r.moved_out >= ?1))"

/* The same day `years` years before today (29 February → 28 February). */
static void cutoff(int years, char out[11])
{
    char today[11];
    int y, m, d;
    xl_today(today);
    sscanf(today, "%d-%d-%d", &y, &m, &d);
    y -= years;
    if (d > xl_date_days_in_month(y, m))
        d = xl_date_days_in_month(y, m);
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

static int count_gone(xl_db *db, xl_purge_report *rep, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, "SELECT count(*), count(p.id_number), count(p.phone)" GONE_SQL, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_text(st, 1, rep->before, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        rep->people = sqlite3_column_int(st, 0);
        rep->id_numbers = sqlite3_column_int(st, 1);
        rep->phones = sqlite3_column_int(st, 2);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? XL_OK : xl_db_fail(db, "purge", err);
}

static int purge_body(xl_db *db, void *ctx, xl_err *err)
{
    xl_purge_report *rep = ctx;
    if (count_gone(db, rep, err)) /* again, under the lock: what is erased is what is counted */
        return XL_EFAIL;
    sqlite3_stmt *st = xl_db_prepare(db, "UPDATE person SET id_number = NULL, phone = NULL"
                                         " WHERE id IN (SELECT p.id" GONE_SQL ")", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_text(st, 1, rep->before, -1, SQLITE_TRANSIENT);
    if (xl_db_step_done(db, st, "purge", err))
        return XL_EFAIL;
    char detail[160];
    snprintf(detail, sizeof detail, "moved_out_before=%s people=%d id_numbers=%d phones=%d", rep->before,
             rep->people, rep->id_numbers, rep->phones);
    return xl_db_audit(db, "privacy.purge", "person", NULL, detail, err);
}

int xl_purge_numbers(xl_db *db, int years, int dry_run, xl_purge_report *rep, xl_err *err)
{
    memset(rep, 0, sizeof *rep);
    cutoff(years > 0 ? years : 3, rep->before);
    if (dry_run)
        return count_gone(db, rep, err);
    if (xl_db_exec(db, "PRAGMA secure_delete=ON", err))
        return XL_EFAIL;
    int rc = xl_db_tx(db, purge_body, rep, err);
    if (rc == XL_OK) /* the old pages' copies in the WAL go too */
        (void)xl_db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
    return rc;
}
