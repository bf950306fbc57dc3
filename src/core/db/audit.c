/* audit.c — the audit read back for `xiangli audit` and the desk's 操作留痕 (register, L): who
 * did what to whom, when, newest first; reveals and unmasked exports flagged. */
#include "xiangli/operator.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db/db_internal.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"

static const char list_sql[] =
    "SELECT a.id, a.at, a.operator, a.action, a.entity, coalesce(a.entity_id, ''), a.detail,"
    "       CASE a.entity WHEN 'person' THEN"
    "         coalesce((SELECT name FROM person WHERE id = CAST(a.entity_id AS INTEGER)), '')"
    "       ELSE '' END"
    " FROM audit a"
    " WHERE (?1 IS NULL OR a.at >= ?1) AND (?2 IS NULL OR a.operator = ?2)"
    " ORDER BY a.id DESC LIMIT ?3";

int xl_audit_action_flagged(const char *action)
{
    return !strcmp(action, "person.reveal") || !strcmp(action, "export.unmasked");
}

static void row_from(sqlite3_stmt *st, xl_audit_row *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    xl_col_copy(st, 1, r->at, sizeof r->at);
    xl_col_copy(st, 2, r->operator_name, sizeof r->operator_name);
    xl_col_copy(st, 3, r->action, sizeof r->action);
    xl_col_copy(st, 4, r->entity, sizeof r->entity);
    xl_col_copy(st, 5, r->entity_id, sizeof r->entity_id);
    xl_col_copy(st, 6, r->detail, sizeof r->detail);
    xl_col_copy(st, 7, r->whom, sizeof r->whom);
    if (!strcmp(r->entity, "building") && r->entity_id[0])
        snprintf(r->whom, sizeof r->whom, _(AUD_BUILDING_FMT), r->entity_id);
    r->flagged = xl_audit_action_flagged(r->action);
}

static void rows_push(xl_audit_rows *out, size_t *cap, sqlite3_stmt *st)
{
    if (out->n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        out->rows = xl_reallocarray(out->rows, *cap, sizeof *out->rows);
    }
    row_from(st, &out->rows[out->n++]);
}

int xl_audit_list(xl_db *db, const xl_audit_filter *f, xl_audit_rows *out, xl_err *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = xl_db_prepare(db, list_sql, err);
    if (!st)
        return XL_EFAIL;
    xl_bind_text_or_null(st, 1, f ? f->since : NULL);
    xl_bind_text_or_null(st, 2, f ? f->operator_name : NULL);
    sqlite3_bind_int64(st, 3, f && f->limit ? (sqlite3_int64)f->limit : -1);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        rows_push(out, &cap, st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        xl_audit_rows_release(out);
        return xl_db_fail(db, "audit", err);
    }
    return XL_OK;
}

void xl_audit_rows_release(xl_audit_rows *r)
{
    free(r->rows);
    memset(r, 0, sizeof *r);
}
