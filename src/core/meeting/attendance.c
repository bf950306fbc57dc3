/* attendance.c — who attended a meeting, in which role, and the counts.
 * Rules in include/xiangli/meeting.h. */
#include "xiangli/meeting.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/db/db_internal.h"
#include "core/db/party_sql.h"
#include "xiangli/building.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

#include "core/meeting/meeting_internal.h"

/* ---------- attendance ---------- */

typedef struct attend_ctx {
    int64_t meeting;
    xl_party who;
    int64_t id;
} attend_ctx;

/* The role a person attends in: current residency role in the meeting's building (anywhere,
 * for a meeting without a building), else "other". */
static int person_role(xl_db *db, int64_t person, int building, int *role, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db,
        "SELECT role FROM residency WHERE person_id = ?1 AND moved_out IS NULL"
        " AND (?2 IS NULL OR building = ?2)", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, person);
    if (building)
        sqlite3_bind_int(st, 2, building);
    int rc = sqlite3_step(st);
    *role = XL_ATTEND_OTHER;
    if (rc == SQLITE_ROW) {
        int r = mtg_key_index(mtg_role_keys, XL_ATTEND_ROLE_COUNT, xl_col_text(st, 0));
        *role = r >= 0 && r <= XL_ATTEND_FAMILY ? r : XL_ATTEND_OTHER;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "role", err);
}

static int org_role(xl_db *db, int64_t org, int *role, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, "SELECT kind FROM organisation WHERE id = ?1", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, org);
    int rc = sqlite3_step(st);
    *role = rc == SQLITE_ROW && strcmp(xl_col_text(st, 0), "deputy") == 0 ? XL_ATTEND_DEPUTY : XL_ATTEND_ORG;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "organisation", err);
}

static int attending(xl_db *db, const attend_ctx *c)
{
    sqlite3_stmt *st = xl_db_prepare(db,
        c->who.kind == XL_PARTY_PERSON ? "SELECT 1 FROM attendance WHERE meeting_id = ?1 AND person_id = ?2"
                                       : "SELECT 1 FROM attendance WHERE meeting_id = ?1 AND org_id = ?2", NULL);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, c->meeting);
    sqlite3_bind_int64(st, 2, c->who.id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static int check_attendee(xl_db *db, const attend_ctx *c, const mtg_mstate *m, int *role, xl_err *err)
{
    const char *field = c->who.kind == XL_PARTY_PERSON ? "person" : "organisation";
    if (mtg_require_not_closed(m, err))
        return XL_EFAIL;
    if (!xl_party_exists(db, c->who))
        return xl_err_field(err, field, "%s", c->who.kind == XL_PARTY_PERSON ? _(REG_E_NO_PERSON) : _(E_NO_ORG));
    int r = attending(db, c);
    if (r < 0)
        return xl_db_fail(db, "attendance", err);
    if (r)
        return xl_err_field(err, field, "%s", _(MTG_E_ATTENDING));
    return c->who.kind == XL_PARTY_PERSON ? person_role(db, c->who.id, m->building, role, err)
                                          : org_role(db, c->who.id, role, err);
}

static int attend_body(xl_db *db, void *p, xl_err *err)
{
    attend_ctx *c = p;
    mtg_mstate m;
    int role = XL_ATTEND_OTHER;
    int rc = mtg_meeting_state(db, c->meeting, &m, err);
    if (rc != XL_OK || check_attendee(db, c, &m, &role, err))
        return rc != XL_OK ? rc : XL_EFAIL;
    sqlite3_stmt *st = xl_db_prepare(db,
        "INSERT INTO attendance(meeting_id, person_id, org_id, role) VALUES (?1, ?2, ?3, ?4)", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, c->meeting);
    xl_party_bind(st, 2, 3, c->who);
    sqlite3_bind_text(st, 4, mtg_role_keys[role], -1, SQLITE_STATIC);
    if (xl_db_step_done(db, st, "attendance", err))
        return XL_EFAIL;
    c->id = sqlite3_last_insert_rowid(xl_db_handle(db));
    char name[96];
    xl_party_name(db, c->who, name, sizeof name, NULL);
    xl_buf b;
    xl_buf_init(&b);
    xl_buf_printf(&b, "attendance add #%lld: '%s' (%s)", (long long)c->id, name, mtg_role_keys[role]);
    rc = mtg_audit_m(db, "attendance.add", c->meeting, &b, err);
    xl_buf_release(&b);
    return rc;
}

static int attend_add(xl_db *db, attend_ctx *c, int64_t *attendance_id, xl_err *err)
{
    int rc = xl_db_tx(db, attend_body, c, err);
    if (attendance_id)
        *attendance_id = rc == XL_OK ? c->id : 0;
    return rc;
}

int xl_attendance_add_person(xl_db *db, int64_t meeting, int64_t person, int64_t *attendance_id,
                             xl_err *err)
{
    attend_ctx c = {meeting, xl_party_person(person), 0};
    return attend_add(db, &c, attendance_id, err);
}

int xl_attendance_add_org(xl_db *db, int64_t meeting, int64_t org, int64_t *attendance_id,
                          xl_err *err)
{
    attend_ctx c = {meeting, xl_party_org(org), 0};
    return attend_add(db, &c, attendance_id, err);
}

static int attendance_meeting(xl_db *db, int64_t id, int64_t *meeting, char *name, size_t size, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db,
        "SELECT t.meeting_id, coalesce(p.name, o.name, '') FROM attendance t"
        " LEFT JOIN person p ON p.id = t.person_id LEFT JOIN organisation o ON o.id = t.org_id"
        " WHERE t.id = ?1", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *meeting = sqlite3_column_int64(st, 0);
        xl_col_copy(st, 1, name, size);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return xl_err_set(err, XL_ENOTFOUND, "%s", _(MTG_E_NO_ATTENDANCE));
    return rc == SQLITE_ROW ? XL_OK : xl_db_fail(db, "attendance", err);
}

static int unattend_body(xl_db *db, void *p, xl_err *err)
{
    int64_t id = *(int64_t *)p, meeting = 0;
    char name[96];
    mtg_mstate m;
    int rc = attendance_meeting(db, id, &meeting, name, sizeof name, err);
    if (rc == XL_OK)
        rc = mtg_meeting_state(db, meeting, &m, err);
    if (rc != XL_OK || mtg_require_not_closed(&m, err))
        return rc != XL_OK ? rc : XL_EFAIL;
    if (mtg_exec_id_text(db, "DELETE FROM attendance WHERE id = ?1", id, NULL, "attendance", err))
        return XL_EFAIL;
    xl_buf b;
    xl_buf_init(&b);
    xl_buf_printf(&b, "attendance remove #%lld: '%s'", (long long)id, name);
    rc = mtg_audit_m(db, "attendance.remove", meeting, &b, err);
    xl_buf_release(&b);
    return rc;
}

int xl_attendance_remove(xl_db *db, int64_t attendance_id, xl_err *err)
{
    return xl_db_tx(db, unattend_body, &attendance_id, err);
}

int xl_attendance_counts(xl_db *db, int64_t meeting, xl_attend_counts *c, xl_err *err)
{
    memset(c, 0, sizeof *c);
    sqlite3_stmt *st = xl_db_prepare(db,
        "SELECT role, count(*) FROM attendance WHERE meeting_id = ?1 GROUP BY role", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, meeting);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int r = mtg_key_index(mtg_role_keys, XL_ATTEND_ROLE_COUNT, xl_col_text(st, 0));
        int n = sqlite3_column_int(st, 1);
        if (r < 0)
            continue;
        c->by_role[r] = n;
        c->total += n;
        if (r == XL_ATTEND_ORG || r == XL_ATTEND_DEPUTY)
            c->orgs += n;
        else
            c->persons += n;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "attendance counts", err);
}
