/* meeting_common.c — what the meeting's files share (meeting_internal.h): the key tables,
 * the meeting's state for the rules, and the small SQL and audit helpers. Kept apart so that
 * meeting.c, agenda.c, attendance.c, meeting_load.c and minutes.c each use it and none of
 * them uses another's internals (no cycle between the files). */
#include "core/meeting/meeting_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/db/party_sql.h"
#include "xiangli/i18n.h"
#include "xiangli/text.h"

const char *const mtg_kind_keys[] = {
#define XL_X(id, key) key,
    XL_MEETING_KINDS(XL_X)
#undef XL_X
};

const char *const mtg_status_keys[] = {
#define XL_X(id, key) key,
    XL_MEETING_STATUSES(XL_X)
#undef XL_X
};

const char *const mtg_role_keys[] = {
#define XL_X(id, key) key,
    XL_ATTEND_ROLES(XL_X)
#undef XL_X
};

int mtg_key_index(const char *const *keys, int n, const char *s)
{
    for (int i = 0; s && i < n; i++)
        if (strcmp(s, keys[i]) == 0)
            return i;
    return -1;
}


/* Runs sql with ?1 = id and ?2 = text (NULL: not bound) to completion. */
int mtg_exec_id_text(xl_db *db, const char *sql, int64_t id, const char *text, const char *what,
                        xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    if (text)
        sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
    return xl_db_step_done(db, st, what, err);
}


/* One audit row for the meeting; the detail is cut to ~1000 bytes on a character boundary. */
int mtg_audit_m(xl_db *db, const char *action, int64_t meeting, const xl_buf *b, xl_err *err)
{
    char id[24], detail[1001];
    snprintf(id, sizeof id, "%lld", (long long)meeting);
    xl_strlcpy_utf8(detail, b->data ? b->data : "", sizeof detail);
    return xl_db_audit(db, action, "meeting", id, detail, err);
}


int mtg_meeting_state(xl_db *db, int64_t id, mtg_mstate *m, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db,
        "SELECT kind, status, coalesce(building, 0), host_person_id, host_org_id FROM meeting WHERE id = ?1", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        m->id = id;
        m->kind = mtg_key_index(mtg_kind_keys, XL_MEETING_KIND_COUNT, xl_col_text(st, 0));
        m->status = mtg_key_index(mtg_status_keys, XL_MEETING_STATUS_COUNT, xl_col_text(st, 1));
        m->building = sqlite3_column_int(st, 2);
        m->host = xl_party_from_cols(st, 3, 4);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return mtg_field_err(err, XL_ENOTFOUND, "meeting", _(MTG_E_NOT_FOUND_FMT), (long long)id);
    return rc == SQLITE_ROW ? XL_OK : xl_db_fail(db, "meeting", err);
}


int mtg_field_err(xl_err *err, int code, const char *field, const char *fmt, ...)
{
    char reason[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    xl_err_field(err, field, "%s", reason);
    if (err)
        err->code = code;
    return code;
}

/* Agenda, attendance, notes and decisions change only before the meeting closes. */
int mtg_require_not_closed(const mtg_mstate *m, xl_err *err)
{
    if (m->status == XL_MEETING_CLOSED)
        return xl_err_field(err, "status", "%s", _(MTG_E_CLOSED));
    return XL_OK;
}

