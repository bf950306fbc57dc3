/* agenda.c — a meeting's agenda: adding, moving and removing items, their minutes, notes and
 * decisions, and turning a decision into an action. Rules in include/xiangli/meeting.h. */
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

/* ---------- agenda ---------- */

typedef struct astate {
    int64_t id;
    int position;
    int64_t list_item;
    int nactions;
    int count; /* items on this agenda */
    char title[XL_TEXT_BYTES(XL_ITEM_TITLE_MAX)];
    char decision[XL_TEXT_BYTES(XL_AGENDA_DECISION_MAX)];
    mtg_mstate m;
} astate;

static const char agenda_state_sql[] =
    "SELECT a.meeting_id, a.position, coalesce(a.list_item_id, 0),"
    "       (SELECT count(*) FROM agenda_action x WHERE x.agenda_item_id = a.id),"
    "       (SELECT count(*) FROM agenda_item y WHERE y.meeting_id = a.meeting_id),"
    "       CASE WHEN a.list_item_id IS NULL THEN a.title ELSE i.title END, a.decision"
    " FROM agenda_item a LEFT JOIN list_item i ON i.id = a.list_item_id WHERE a.id = ?1";

static int agenda_state(xl_db *db, int64_t id, astate *a, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, agenda_state_sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    int64_t meeting = 0;
    if (rc == SQLITE_ROW) {
        a->id = id;
        meeting = sqlite3_column_int64(st, 0);
        a->position = sqlite3_column_int(st, 1);
        a->list_item = sqlite3_column_int64(st, 2);
        a->nactions = sqlite3_column_int(st, 3);
        a->count = sqlite3_column_int(st, 4);
        xl_col_copy(st, 5, a->title, sizeof a->title);
        xl_col_copy(st, 6, a->decision, sizeof a->decision);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return xl_err_set(err, XL_ENOTFOUND, "%s", _(MTG_E_NO_AGENDA_ITEM));
    if (rc != SQLITE_ROW)
        return xl_db_fail(db, "agenda", err);
    return mtg_meeting_state(db, meeting, &a->m, err);
}

static int check_minutes(int *minutes, xl_err *err)
{
    if (*minutes == 0)
        *minutes = XL_AGENDA_MINUTES_DEFAULT;
    if (*minutes < 1 || *minutes > XL_AGENDA_MINUTES_MAX)
        return xl_err_field(err, "minutes", _(MTG_E_MINUTES_RANGE_FMT), XL_AGENDA_MINUTES_MAX, *minutes);
    return XL_OK;
}

/* 1 if item is on the meeting's agenda, 0 if not, -1 on error. */
static int on_agenda(xl_db *db, int64_t meeting, int64_t item)
{
    sqlite3_stmt *st = xl_db_prepare(db,
        "SELECT 1 FROM agenda_item WHERE meeting_id = ?1 AND list_item_id = ?2", NULL);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, meeting);
    sqlite3_bind_int64(st, 2, item);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

typedef struct add_ctx {
    int64_t meeting;
    int64_t item;        /* 0 for a free item */
    const char *title;   /* free item */
    int minutes;
    int64_t id;
} add_ctx;

static int check_add(xl_db *db, add_ctx *c, char *title, size_t size, xl_err *err)
{
    mtg_mstate m;
    int rc = mtg_meeting_state(db, c->meeting, &m, err);
    if (rc != XL_OK || mtg_require_not_closed(&m, err) || check_minutes(&c->minutes, err))
        return rc != XL_OK ? rc : XL_EFAIL;
    if (!c->item) {
        xl_strlcpy_utf8(title, c->title ? c->title : "", size);
        return xl_list_check_text("title", c->title, XL_AGENDA_TITLE_MAX, 1, 0, err);
    }
    xl_list_item it;
    if (xl_list_item_load(db, c->item, &it, NULL))
        return mtg_field_err(err, XL_EFAIL, "list_item", _(MTG_E_NO_ITEM_FMT), (long long)c->item);
    xl_strlcpy_utf8(title, it.title, size);
    int r = on_agenda(db, c->meeting, c->item);
    if (r < 0)
        return xl_db_fail(db, "agenda", err);
    return r ? xl_err_field(err, "list_item", "%s", _(MTG_E_ON_AGENDA))
             : XL_OK;
}

static const char agenda_insert_sql[] =
    "INSERT INTO agenda_item(meeting_id, position, list_item_id, title, minutes)"
    " VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM agenda_item WHERE meeting_id = ?1),"
    "         ?2, ?3, ?4)";

static int add_body(xl_db *db, void *p, xl_err *err)
{
    add_ctx *c = p;
    char title[XL_TEXT_BYTES(XL_ITEM_TITLE_MAX)];
    int rc = check_add(db, c, title, sizeof title, err);
    if (rc != XL_OK)
        return rc;
    sqlite3_stmt *st = xl_db_prepare(db, agenda_insert_sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, c->meeting);
    if (c->item)
        sqlite3_bind_int64(st, 2, c->item);
    sqlite3_bind_text(st, 3, c->item ? "" : c->title, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 4, c->minutes);
    if (xl_db_step_done(db, st, "agenda", err))
        return XL_EFAIL;
    c->id = sqlite3_last_insert_rowid(xl_db_handle(db));
    xl_buf b;
    xl_buf_init(&b);
    if (c->item)
        xl_buf_printf(&b, "agenda add #%lld: list item #%lld '%s' (%d min)", (long long)c->id,
                      (long long)c->item, title, c->minutes);
    else
        xl_buf_printf(&b, "agenda add #%lld: free item '%s' (%d min)", (long long)c->id, title, c->minutes);
    rc = mtg_audit_m(db, "agenda.add", c->meeting, &b, err);
    xl_buf_release(&b);
    return rc;
}

static int agenda_add(xl_db *db, add_ctx *c, int64_t *agenda_id, xl_err *err)
{
    int rc = xl_db_tx(db, add_body, c, err);
    if (agenda_id)
        *agenda_id = rc == XL_OK ? c->id : 0;
    return rc;
}

int xl_agenda_add_item(xl_db *db, int64_t meeting, int64_t list_item, int minutes,
                       int64_t *agenda_id, xl_err *err)
{
    if (list_item <= 0)
        return mtg_field_err(err, XL_EFAIL, "list_item", _(MTG_E_NO_ITEM_FMT), (long long)list_item);
    add_ctx c = {meeting, list_item, NULL, minutes, 0};
    return agenda_add(db, &c, agenda_id, err);
}

int xl_agenda_add_free(xl_db *db, int64_t meeting, const char *title, int minutes,
                       int64_t *agenda_id, xl_err *err)
{
    add_ctx c = {meeting, 0, title ? title : "", minutes, 0};
    return agenda_add(db, &c, agenda_id, err);
}

static int set_position(xl_db *db, int64_t meeting, int from, int to, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db,
        "UPDATE agenda_item SET position = ?3 WHERE meeting_id = ?1 AND position = ?2", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, meeting);
    sqlite3_bind_int(st, 2, from);
    sqlite3_bind_int(st, 3, to);
    return xl_db_step_done(db, st, "agenda order", err);
}

typedef struct move_ctx {
    int64_t id;
    int delta;
} move_ctx;

/* Swaps two neighbours through a parking place after the last position, so the unique
 * (meeting, position) index holds at every step. */
static int move_body(xl_db *db, void *p, xl_err *err)
{
    move_ctx *c = p;
    astate a;
    int rc = agenda_state(db, c->id, &a, err);
    if (rc != XL_OK || mtg_require_not_closed(&a.m, err))
        return rc != XL_OK ? rc : XL_EFAIL;
    if (c->delta != -1 && c->delta != 1)
        return xl_err_set(err, XL_EUSAGE, "%s", _(E_PROGRAM));
    int to = a.position + c->delta, park = a.count + 1;
    if (to < 1 || to > a.count)
        return mtg_field_err(err, XL_EFAIL, "position", to < 1 ? _(MTG_E_FIRST_FMT) : _(MTG_E_LAST_FMT), a.title);
    if (set_position(db, a.m.id, a.position, park, err) || set_position(db, a.m.id, to, a.position, err) ||
        set_position(db, a.m.id, park, to, err))
        return XL_EFAIL;
    xl_buf b;
    xl_buf_init(&b);
    xl_buf_printf(&b, "agenda move #%lld '%s': %d -> %d", (long long)c->id, a.title, a.position, to);
    rc = mtg_audit_m(db, "agenda.move", a.m.id, &b, err);
    xl_buf_release(&b);
    return rc;
}

int xl_agenda_move(xl_db *db, int64_t agenda_id, int delta, xl_err *err)
{
    move_ctx c = {agenda_id, delta};
    return xl_db_tx(db, move_body, &c, err);
}

static int remove_body(xl_db *db, void *p, xl_err *err)
{
    int64_t id = *(int64_t *)p;
    astate a;
    int rc = agenda_state(db, id, &a, err);
    if (rc != XL_OK || mtg_require_not_closed(&a.m, err))
        return rc != XL_OK ? rc : XL_EFAIL;
    if (a.nactions > 0)
        return mtg_field_err(err, XL_EFAIL, "agenda", _(MTG_E_HAS_ACTIONS_FMT), a.title);
    if (mtg_exec_id_text(db, "DELETE FROM agenda_item WHERE id = ?1", id, NULL, "agenda", err))
        return XL_EFAIL;
    for (int pos = a.position + 1; pos <= a.count; pos++)
        if (set_position(db, a.m.id, pos, pos - 1, err))
            return XL_EFAIL;
    xl_buf b;
    xl_buf_init(&b);
    xl_buf_printf(&b, "agenda remove #%lld '%s' (was %d)", (long long)id, a.title, a.position);
    rc = mtg_audit_m(db, "agenda.remove", a.m.id, &b, err);
    xl_buf_release(&b);
    return rc;
}

int xl_agenda_remove(xl_db *db, int64_t agenda_id, xl_err *err)
{
    return xl_db_tx(db, remove_body, &agenda_id, err);
}

enum { FIELD_MINUTES, FIELD_NOTES, FIELD_DECISION };

typedef struct field_ctx {
    int64_t id;
    int field;
    int minutes;
    const char *text;
} field_ctx;

static int check_field(field_ctx *c, xl_err *err)
{
    if (c->field == FIELD_MINUTES)
        return c->minutes == 0 ? xl_err_field(err, "minutes", _(MTG_E_MINUTES_RANGE_FMT), XL_AGENDA_MINUTES_MAX, 0)
                               : check_minutes(&c->minutes, err);
    if (c->field == FIELD_NOTES)
        return xl_list_check_text("notes", c->text, XL_AGENDA_NOTES_MAX, 0, 1, err);
    return xl_list_check_text("decision", c->text, XL_AGENDA_DECISION_MAX, 0, 1, err);
}

static const char *const field_sql[] = {
    "UPDATE agenda_item SET minutes = ?2 WHERE id = ?1",
    "UPDATE agenda_item SET notes = ?2 WHERE id = ?1",
    "UPDATE agenda_item SET decision = ?2 WHERE id = ?1",
};
static const char *const field_name[] = {"minutes", "notes", "decision"};

static int field_body(xl_db *db, void *p, xl_err *err)
{
    field_ctx *c = p;
    astate a;
    int rc = agenda_state(db, c->id, &a, err);
    if (rc != XL_OK || mtg_require_not_closed(&a.m, err) || check_field(c, err))
        return rc != XL_OK ? rc : XL_EFAIL;
    char num[16];
    snprintf(num, sizeof num, "%d", c->minutes);
    const char *value = c->field == FIELD_MINUTES ? num : c->text ? c->text : "";
    if (mtg_exec_id_text(db, field_sql[c->field], c->id, value, field_name[c->field], err))
        return XL_EFAIL;
    xl_buf b;
    xl_buf_init(&b);
    xl_buf_printf(&b, "agenda #%lld '%s' %s: %s", (long long)c->id, a.title, field_name[c->field], value);
    char action[32];
    snprintf(action, sizeof action, "agenda.%s", field_name[c->field]);
    rc = mtg_audit_m(db, action, a.m.id, &b, err);
    xl_buf_release(&b);
    return rc;
}

int xl_agenda_set_minutes(xl_db *db, int64_t agenda_id, int minutes, xl_err *err)
{
    field_ctx c = {agenda_id, FIELD_MINUTES, minutes, NULL};
    return xl_db_tx(db, field_body, &c, err);
}

int xl_agenda_set_notes(xl_db *db, int64_t agenda_id, const char *notes, xl_err *err)
{
    field_ctx c = {agenda_id, FIELD_NOTES, 0, notes ? notes : ""};
    return xl_db_tx(db, field_body, &c, err);
}

int xl_agenda_set_decision(xl_db *db, int64_t agenda_id, const char *decision, xl_err *err)
{
    field_ctx c = {agenda_id, FIELD_DECISION, 0, decision ? decision : ""};
    return xl_db_tx(db, field_body, &c, err);
}

/* ---------- decisions into actions ---------- */

typedef struct action_ctx {
    int64_t agenda;
    const char *title;
    xl_party owner;
    const char *due;
    int64_t id;
} action_ctx;

/* The first max characters of s, on a line of their own. */
static void cut_line(const char *s, long max, char *out, size_t size)
{
    size_t n = strlen(s), i = 0, o = 0;
    for (long chars = 0; i < n && chars < max; chars++) {
        uint32_t cp;
        size_t k = xl_utf8_decode(s + i, n - i, &cp);
        if (cp < 0x20 || o + k >= size)
            break;
        memcpy(out + o, s + i, k);
        o += k;
        i += k;
    }
    out[o] = '\0';
}

/* The action's form from the agenda item: its list item's category and buildings, or "other"
 * and the meeting's building for a free item. */
static void action_form(const astate *a, const xl_list_item *src, const action_ctx *c,
                        const char *title, xl_item_form *f)
{
    xl_item_form_init(f, XL_ITEM_ACTION);
    f->title = title;
    f->detail = a->decision;
    f->raised_by = a->m.host;
    f->source_meeting = a->m.id;
    f->owner = c->owner;
    f->due = c->due;
    if (src) {
        f->category = src->category;
        f->buildings = src->buildings;
        f->nbuildings = src->nbuildings;
    } else if (a->m.building) {
        f->buildings = &a->m.building;
        f->nbuildings = 1;
    }
}

static int check_running(const mtg_mstate *m, xl_err *err)
{
    if (m->status == XL_MEETING_PLANNED)
        return xl_err_field(err, "status", "%s", _(MTG_E_NOT_STARTED_ACTION));
    return mtg_require_not_closed(m, err);
}

static int record_action(xl_db *db, const astate *a, const xl_list_item *src, int64_t action, xl_err *err)
{
    if (src && src->kind != XL_ITEM_ACTION && xl_list_link_tx(db, src->id, action, NULL, err))
        return XL_EFAIL;
    sqlite3_stmt *st = xl_db_prepare(db,
        "INSERT INTO agenda_action(agenda_item_id, action_id) VALUES (?1, ?2)", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, a->id);
    sqlite3_bind_int64(st, 2, action);
    return xl_db_step_done(db, st, "agenda action", err);
}

static int audit_action(xl_db *db, const astate *a, const xl_list_item *src, int64_t action, xl_err *err)
{
    xl_list_item it;
    if (xl_list_item_load(db, action, &it, err))
        return XL_EFAIL;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)action);
    xl_buf b;
    xl_buf_init(&b);
    xl_buf_printf(&b, "action '%s' owner='%s' due=%s from meeting #%lld agenda #%lld", it.title,
                  it.owner_name, it.due, (long long)a->m.id, (long long)a->id);
    if (src && src->kind != XL_ITEM_ACTION)
        xl_buf_printf(&b, "; linked from #%lld %s", (long long)src->id, xl_item_kind_key(src->kind));
    char detail[1001];
    xl_strlcpy_utf8(detail, b.data, sizeof detail);
    xl_buf_release(&b);
    return xl_db_audit(db, "list.from_decision", "list_item", id, detail, err);
}

static int action_body(xl_db *db, void *p, xl_err *err)
{
    action_ctx *c = p;
    astate a;
    xl_list_item src;
    int rc = agenda_state(db, c->agenda, &a, err);
    if (rc != XL_OK || check_running(&a.m, err))
        return rc != XL_OK ? rc : XL_EFAIL;
    if (a.list_item && (rc = xl_list_item_load(db, a.list_item, &src, err)) != XL_OK)
        return rc;
    char title[XL_TEXT_BYTES(XL_ITEM_TITLE_MAX)];
    if (c->title && *c->title)
        xl_strlcpy_utf8(title, c->title, sizeof title);
    else
        cut_line(a.decision, XL_ITEM_TITLE_MAX, title, sizeof title);
    if (c->title && *c->title && xl_list_check_text("title", c->title, XL_ITEM_TITLE_MAX, 1, 0, err))
        return XL_EFAIL;
    xl_item_form f;
    action_form(&a, a.list_item ? &src : NULL, c, title, &f);
    if (xl_list_item_insert_tx(db, &f, NULL, &c->id, err) ||
        record_action(db, &a, a.list_item ? &src : NULL, c->id, err))
        return XL_EFAIL;
    return audit_action(db, &a, a.list_item ? &src : NULL, c->id, err);
}

int xl_meeting_decision_to_action(xl_db *db, int64_t agenda_item, const char *title,
                                  xl_party owner, const char *due, int64_t *action_id, xl_err *err)
{
    action_ctx c = {agenda_item, title, owner, due, 0};
    int rc = xl_db_tx(db, action_body, &c, err);
    if (action_id)
        *action_id = rc == XL_OK ? c.id : 0;
    return rc;
}
