/* meeting_load.c — loading one meeting whole (head, agenda, actions, attendees) and the
 * filtered list of meetings. Rules in include/xiangli/meeting.h. */
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

/* ---------- loading a meeting ---------- */

static const char head_sql[] =
    "SELECT m.kind, m.status, m.title, m.starts_at, m.place, m.host_person_id, m.host_org_id,"
    "       coalesce(hp.name, ho.name, ''), coalesce(m.building, 0), coalesce(m.pioneer_group, 0),"
    "       coalesce(m.started_at, ''), coalesce(m.closed_at, ''), m.created_at, m.minutes"
    " FROM meeting m LEFT JOIN person hp ON hp.id = m.host_person_id"
    " LEFT JOIN organisation ho ON ho.id = m.host_org_id WHERE m.id = ?1";

static void head_from_row(sqlite3_stmt *st, xl_meeting *m)
{
    m->kind = (xl_meeting_kind)mtg_key_index(mtg_kind_keys, XL_MEETING_KIND_COUNT, xl_col_text(st, 0));
    m->status = (xl_meeting_status)mtg_key_index(mtg_status_keys, XL_MEETING_STATUS_COUNT, xl_col_text(st, 1));
    xl_col_copy(st, 2, m->title, sizeof m->title);
    xl_col_copy(st, 3, m->starts_at, sizeof m->starts_at);
    xl_col_copy(st, 4, m->place, sizeof m->place);
    m->host = xl_party_from_cols(st, 5, 6);
    xl_col_copy(st, 7, m->host_name, sizeof m->host_name);
    m->building = sqlite3_column_int(st, 8);
    m->pioneer_group = sqlite3_column_int(st, 9);
    xl_col_copy(st, 10, m->started_at, sizeof m->started_at);
    xl_col_copy(st, 11, m->closed_at, sizeof m->closed_at);
    xl_col_copy(st, 12, m->created_at, sizeof m->created_at);
    m->minutes = xl_strdup(xl_col_text(st, 13));
}

static int load_head(xl_db *db, int64_t id, xl_meeting *m, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, head_sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        m->id = id;
        head_from_row(st, m);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return mtg_field_err(err, XL_ENOTFOUND, "meeting", _(MTG_E_NOT_FOUND_FMT), (long long)id);
    return rc == SQLITE_ROW ? XL_OK : xl_db_fail(db, "meeting", err);
}

static const char agenda_sql[] =
    "SELECT a.id, a.position, coalesce(a.list_item_id, 0), coalesce(i.kind, ''), coalesce(i.status, ''),"
    "       CASE WHEN a.list_item_id IS NULL THEN a.title ELSE i.title END, a.minutes, a.notes, a.decision"
    " FROM agenda_item a LEFT JOIN list_item i ON i.id = a.list_item_id"
    " WHERE a.meeting_id = ?1 ORDER BY a.position";

static void entry_from_row(sqlite3_stmt *st, xl_agenda_entry *e)
{
    memset(e, 0, sizeof *e);
    e->id = sqlite3_column_int64(st, 0);
    e->position = sqlite3_column_int(st, 1);
    e->list_item = sqlite3_column_int64(st, 2);
    e->item_kind = e->list_item ? xl_item_kind_parse(xl_col_text(st, 3)) : -1;
    int s = xl_item_status_parse(xl_col_text(st, 4));
    e->item_status = s >= 0 ? (xl_item_status)s : XL_ITEM_OPEN;
    xl_col_copy(st, 5, e->title, sizeof e->title);
    e->minutes = sqlite3_column_int(st, 6);
    e->notes = xl_strdup(xl_col_text(st, 7));
    e->decision = xl_strdup(xl_col_text(st, 8));
}

static int load_agenda(xl_db *db, xl_meeting *m, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, agenda_sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, m->id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (m->nagenda == cap) {
            cap = cap ? cap * 2 : 8;
            m->agenda = xl_reallocarray(m->agenda, cap, sizeof *m->agenda);
        }
        entry_from_row(st, &m->agenda[m->nagenda]);
        m->total_minutes += m->agenda[m->nagenda++].minutes;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "agenda", err);
}

static const char actions_sql[] =
    "SELECT i.id, i.title, coalesce(op.name, oo.name, ''), coalesce(i.due, ''), i.status"
    " FROM agenda_action x JOIN list_item i ON i.id = x.action_id"
    " LEFT JOIN person op ON op.id = i.owner_person LEFT JOIN organisation oo ON oo.id = i.owner_org"
    " WHERE x.agenda_item_id = ?1 ORDER BY i.id";

static int load_actions(xl_db *db, sqlite3_stmt *st, xl_agenda_entry *e, xl_err *err)
{
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, e->id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (e->nactions == cap) {
            cap = cap ? cap * 2 : 4;
            e->actions = xl_reallocarray(e->actions, cap, sizeof *e->actions);
        }
        xl_agenda_action *a = &e->actions[e->nactions++];
        a->id = sqlite3_column_int64(st, 0);
        xl_col_copy(st, 1, a->title, sizeof a->title);
        xl_col_copy(st, 2, a->owner_name, sizeof a->owner_name);
        xl_col_copy(st, 3, a->due, sizeof a->due);
        int s = xl_item_status_parse(xl_col_text(st, 4));
        a->status = s >= 0 ? (xl_item_status)s : XL_ITEM_OPEN;
    }
    return rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "agenda actions", err);
}

static int load_all_actions(xl_db *db, xl_meeting *m, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, actions_sql, err);
    if (!st)
        return XL_EFAIL;
    int rc = XL_OK;
    for (size_t i = 0; i < m->nagenda && rc == XL_OK; i++)
        rc = load_actions(db, st, &m->agenda[i], err);
    sqlite3_finalize(st);
    return rc;
}

static int attendee_order(const void *a, const void *b)
{
    const xl_attendee *x = a, *y = b;
    if (x->role != y->role)
        return x->role < y->role ? -1 : 1;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->id < y->id ? -1 : x->id > y->id);
}

static int load_attendees(xl_db *db, xl_meeting *m, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db,
        "SELECT t.id, t.person_id, t.org_id, coalesce(p.name, o.name, ''), t.role FROM attendance t"
        " LEFT JOIN person p ON p.id = t.person_id LEFT JOIN organisation o ON o.id = t.org_id"
        " WHERE t.meeting_id = ?1", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, m->id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (m->nattendees == cap) {
            cap = cap ? cap * 2 : 16;
            m->attendees = xl_reallocarray(m->attendees, cap, sizeof *m->attendees);
        }
        xl_attendee *a = &m->attendees[m->nattendees++];
        a->id = sqlite3_column_int64(st, 0);
        a->who = xl_party_from_cols(st, 1, 2);
        xl_col_copy(st, 3, a->name, sizeof a->name);
        int r = mtg_key_index(mtg_role_keys, XL_ATTEND_ROLE_COUNT, xl_col_text(st, 4));
        a->role = r >= 0 ? (xl_attend_role)r : XL_ATTEND_OTHER;
    }
    sqlite3_finalize(st);
    if (m->nattendees)
        xl_qsort(m->attendees, m->nattendees, sizeof *m->attendees, attendee_order);
    return rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "attendance", err);
}

int xl_meeting_load(xl_db *db, int64_t id, xl_meeting *m, xl_err *err)
{
    memset(m, 0, sizeof *m);
    int rc = load_head(db, id, m, err);
    if (rc == XL_OK)
        rc = load_agenda(db, m, err);
    if (rc == XL_OK)
        rc = load_all_actions(db, m, err);
    if (rc == XL_OK)
        rc = load_attendees(db, m, err);
    if (rc == XL_OK)
        rc = xl_attendance_counts(db, id, &m->counts, err);
    if (rc != XL_OK)
        xl_meeting_release(m);
    return rc;
}

void xl_meeting_release(xl_meeting *m)
{
    for (size_t i = 0; i < m->nagenda; i++) {
        free(m->agenda[i].notes);
        free(m->agenda[i].decision);
        free(m->agenda[i].actions);
    }
    free(m->agenda);
    free(m->attendees);
    free(m->minutes);
    memset(m, 0, sizeof *m);
}

/* ---------- the list of meetings ---------- */

#define MEETING_FILTER                                                                  \
    " WHERE (?1 IS NULL OR m.kind = ?1)"                                                \
    " AND (?2 IS NULL OR instr(?2, ',' || m.status || ',') > 0)"                        \
    " AND (?3 IS NULL OR m.building = ?3)"

static const char list_sql[] =
    "SELECT m.id, m.kind, m.status, m.title, m.starts_at, m.place, coalesce(m.building, 0),"
    "       coalesce(hp.name, ho.name, ''),"
    "       (SELECT count(*) FROM agenda_item a WHERE a.meeting_id = m.id),"
    "       (SELECT count(*) FROM attendance t WHERE t.meeting_id = m.id)"
    " FROM meeting m LEFT JOIN person hp ON hp.id = m.host_person_id"
    " LEFT JOIN organisation ho ON ho.id = m.host_org_id" MEETING_FILTER
    " ORDER BY CASE m.status WHEN 'running' THEN 0 WHEN 'planned' THEN 1 ELSE 2 END,"
    "   CASE WHEN m.status = 'planned' THEN m.starts_at END, m.starts_at DESC, m.id DESC"
    " LIMIT ?4 OFFSET ?5";

static const char list_count_sql[] = "SELECT count(*) FROM meeting m" MEETING_FILTER;

void xl_meeting_filter_init(xl_meeting_filter *f)
{
    memset(f, 0, sizeof *f);
    f->kind = -1;
}

static void bind_meeting_filter(sqlite3_stmt *st, const xl_meeting_filter *f)
{
    if (f->kind >= 0 && f->kind < XL_MEETING_KIND_COUNT)
        sqlite3_bind_text(st, 1, mtg_kind_keys[f->kind], -1, SQLITE_STATIC);
    char statuses[48] = "";
    size_t len = 0;
    for (int i = 0; i < XL_MEETING_STATUS_COUNT; i++)
        if (f->status_mask & XL_MEETING_STATUS_BIT(i))
            len += (size_t)snprintf(statuses + len, sizeof statuses - len, ",%s,", mtg_status_keys[i]);
    if (len)
        sqlite3_bind_text(st, 2, statuses, -1, SQLITE_TRANSIENT);
    if (f->building > 0)
        sqlite3_bind_int(st, 3, f->building);
}

static void meeting_row(sqlite3_stmt *st, xl_meeting_row *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    r->kind = (xl_meeting_kind)mtg_key_index(mtg_kind_keys, XL_MEETING_KIND_COUNT, xl_col_text(st, 1));
    r->status = (xl_meeting_status)mtg_key_index(mtg_status_keys, XL_MEETING_STATUS_COUNT, xl_col_text(st, 2));
    xl_col_copy(st, 3, r->title, sizeof r->title);
    xl_col_copy(st, 4, r->starts_at, sizeof r->starts_at);
    xl_col_copy(st, 5, r->place, sizeof r->place);
    r->building = sqlite3_column_int(st, 6);
    xl_col_copy(st, 7, r->host_name, sizeof r->host_name);
    r->nagenda = sqlite3_column_int(st, 8);
    r->nattendees = sqlite3_column_int(st, 9);
}

static int list_count(xl_db *db, const xl_meeting_filter *f, size_t *total, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, list_count_sql, err);
    if (!st)
        return XL_EFAIL;
    bind_meeting_filter(st, f);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *total = (size_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? XL_OK : xl_db_fail(db, "meetings", err);
}

int xl_meeting_list(xl_db *db, const xl_meeting_filter *f, size_t offset, size_t limit,
                    xl_meeting_page *out, xl_err *err)
{
    memset(out, 0, sizeof *out);
    xl_meeting_filter all;
    if (!f) {
        xl_meeting_filter_init(&all);
        f = &all;
    }
    if (list_count(db, f, &out->total, err))
        return XL_EFAIL;
    sqlite3_stmt *st = xl_db_prepare(db, list_sql, err);
    if (!st)
        return XL_EFAIL;
    bind_meeting_filter(st, f);
    sqlite3_bind_int64(st, 4, limit ? (sqlite3_int64)limit : -1);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)offset);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->n == cap) {
            cap = cap ? cap * 2 : 32;
            out->rows = xl_reallocarray(out->rows, cap, sizeof *out->rows);
        }
        meeting_row(st, &out->rows[out->n++]);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return XL_OK;
    xl_meeting_page_release(out);
    return xl_db_fail(db, "meetings", err);
}

void xl_meeting_page_release(xl_meeting_page *p)
{
    free(p->rows);
    memset(p, 0, sizeof *p);
}
