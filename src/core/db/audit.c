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

/* X(stored action key, its label): the rest are shown as stored. */
#define AUD_ACTION_LABELS(X)                                   \
    X("resident.signin", PEND_ACTION_IN)                       \
    X("resident.move", HINT_MOVE)                           \
    X("resident.signout", PEND_ACTION_OUT)                     \
    X("resident.confirm", HINT_CONFIRM)                     \
    X("person.reveal", AUD_ACT_REVEAL)                         \
    X("export.unmasked", AUD_ACT_UNMASKED)                     \
    X("import.residents", REG_IMPORT_TITLE)                      \
    X("import.community", CIV_TITLE)            \
    X("qr.rotate", HINT_QR_ROTATE)                          \
    X("qr.token.create", AUD_ACT_QR_CREATE)                    \
    X("building.responsible", ACT_RESPONSIBLE)             \
    X("pending.submit", AUD_ACT_PENDING_SUBMIT)                \
    X("pending.confirm", AUD_ACT_PENDING_CONFIRM)              \
    X("pending.reject", AUD_ACT_PENDING_REJECT)                \
    X("pending.expire", AUD_ACT_PENDING_EXPIRE)                \
    X("privacy.purge", AUD_ACT_PURGE)                          \
    X("operator.on_duty", AUD_ACT_ON_DUTY)                     \
    X("demo.init", AUD_ACT_DEMO)                               \
    X("list.create", AUD_ACT_LIST_CREATE)                      \
    X("list.update", AUD_ACT_LIST_UPDATE)                      \
    X("list.status", AUD_ACT_LIST_STATUS)                      \
    X("list.link", AUD_ACT_LIST_LINK)                          \
    X("list.unlink", HIST_UNLINK)                      \
    X("list.from_decision", AUD_ACT_FROM_DECISION)             \
    X("meeting.create", MTG_PLAN_TITLE)                    \
    X("meeting.update", AUD_ACT_MTG_UPDATE)                    \
    X("meeting.start", AUD_ACT_MTG_START)                      \
    X("meeting.close", AUD_ACT_MTG_CLOSE)                      \
    X("agenda.add", AUD_ACT_AGENDA_ADD)                        \
    X("agenda.remove", ACT_AGENDA_REMOVE)                  \
    X("agenda.move", AUD_ACT_AGENDA_MOVE)                      \
    X("attendance.add", AUD_ACT_ATTEND_ADD)                    \
    X("attendance.remove", AUD_ACT_ATTEND_REMOVE)              \
    X("report.write", AUD_ACT_REPORT)                          \
    X("assessment.score", AUD_ACT_ASSESS)                      \
    X("community.building.add", AUD_ACT_BUILDING_ADD)          \
    X("community.building.update", AUD_ACT_BUILDING_UPDATE)    \
    X("community.building.remove", AUD_ACT_BUILDING_REMOVE)    \
    X("community.room.add", AUD_ACT_ROOM_ADD)                  \
    X("community.room.update", AUD_ACT_ROOM_UPDATE)            \
    X("community.room.remove", AUD_ACT_ROOM_REMOVE)            \
    X("community.person.add", AUD_ACT_PERSON_ADD)              \
    X("docs.version", AUD_ACT_DOC_VERSION)                     \
    X("docs.install", AUD_ACT_DOC_INSTALL)                     \
    X("docs.reset", AUD_ACT_DOC_RESET)

static const struct {
    const char *key;
    xl_msg label;
} aud_labels[] = {
#define AL_X(key, msg) {key, XL_MSG_##msg},
    AUD_ACTION_LABELS(AL_X)
#undef AL_X
};

const char *xl_audit_action_label(const char *key)
{
    for (size_t i = 0; i < sizeof aud_labels / sizeof aud_labels[0]; i++)
        if (!strcmp(aud_labels[i].key, key))
            return xl_tr(aud_labels[i].label);
    return key;
}

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
