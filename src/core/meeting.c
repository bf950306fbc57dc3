/* meeting.c — meetings: lifecycle, agenda, attendance, decisions into actions, minutes, and
 * the buildings that have had no roundtable lately. Rules in include/xiangli/meeting.h. */
#include "xiangli/meeting.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db_internal.h"
#include "party_sql.h"
#include "xiangli/building.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

/* ---------- enumerations ---------- */

static const char *const kind_keys[] = {
#define XL_X(id, key) key,
    XL_MEETING_KINDS(XL_X)
#undef XL_X
};

static const xl_msg kind_msgs[] = {
#define XL_X(id, key) XL_MSG_MTG_KIND_##id,
    XL_MEETING_KINDS(XL_X)
#undef XL_X
};

static const char *const status_keys[] = {
#define XL_X(id, key) key,
    XL_MEETING_STATUSES(XL_X)
#undef XL_X
};

static const xl_msg status_msgs[] = {
#define XL_X(id, key) XL_MSG_MTG_STATUS_##id,
    XL_MEETING_STATUSES(XL_X)
#undef XL_X
};

static const char *const role_keys[] = {
#define XL_X(id, key) key,
    XL_ATTEND_ROLES(XL_X)
#undef XL_X
};

static const xl_msg role_msgs[] = {
#define XL_X(id, key) XL_MSG_MTG_ROLE_##id,
    XL_ATTEND_ROLES(XL_X)
#undef XL_X
};

static int key_index(const char *const *keys, int n, const char *s)
{
    for (int i = 0; s && i < n; i++)
        if (strcmp(s, keys[i]) == 0)
            return i;
    return -1;
}

const char *xl_meeting_kind_key(xl_meeting_kind k)
{
    return (unsigned)k < XL_MEETING_KIND_COUNT ? kind_keys[k] : "";
}

const char *xl_meeting_kind_label(xl_meeting_kind k)
{
    return (unsigned)k < XL_MEETING_KIND_COUNT ? xl_tr(kind_msgs[k]) : "?";
}

int xl_meeting_kind_parse(const char *s)
{
    int k = key_index(kind_keys, XL_MEETING_KIND_COUNT, s);
    for (int i = 0; k < 0 && s && i < XL_MEETING_KIND_COUNT; i++)
        if (strcasecmp(s, xl_tr(kind_msgs[i])) == 0)
            k = i;
    return k;
}

const char *xl_meeting_status_key(xl_meeting_status s)
{
    return (unsigned)s < XL_MEETING_STATUS_COUNT ? status_keys[s] : "";
}

const char *xl_meeting_status_label(xl_meeting_status s)
{
    return (unsigned)s < XL_MEETING_STATUS_COUNT ? xl_tr(status_msgs[s]) : "?";
}

const char *xl_attend_role_key(xl_attend_role r)
{
    return (unsigned)r < XL_ATTEND_ROLE_COUNT ? role_keys[r] : "";
}

const char *xl_attend_role_label(xl_attend_role r)
{
    return (unsigned)r < XL_ATTEND_ROLE_COUNT ? xl_tr(role_msgs[r]) : "?";
}

/* ---------- small SQL helpers ---------- */

/* Runs sql with ?1 = id and ?2 = text (NULL: not bound) to completion. */
static int exec_id_text(xl_db *db, const char *sql, int64_t id, const char *text, const char *what,
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
static int audit_m(xl_db *db, const char *action, int64_t meeting, const xl_buf *b, xl_err *err)
{
    char id[24], detail[1001];
    snprintf(id, sizeof id, "%lld", (long long)meeting);
    xl_strlcpy_utf8(detail, b->data ? b->data : "", sizeof detail);
    return xl_db_audit(db, action, "meeting", id, detail, err);
}

/* ---------- meeting state ---------- */

typedef struct mstate {
    int64_t id;
    int kind;
    int status;
    int building;
    xl_party host;
} mstate;

static int meeting_state(xl_db *db, int64_t id, mstate *m, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db,
        "SELECT kind, status, coalesce(building, 0), host_person_id, host_org_id FROM meeting WHERE id = ?1", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        m->id = id;
        m->kind = key_index(kind_keys, XL_MEETING_KIND_COUNT, xl_col_text(st, 0));
        m->status = key_index(status_keys, XL_MEETING_STATUS_COUNT, xl_col_text(st, 1));
        m->building = sqlite3_column_int(st, 2);
        m->host = xl_party_from_cols(st, 3, 4);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return xl_err_set(err, XL_ENOTFOUND, "meeting: no meeting #%lld", (long long)id);
    return rc == SQLITE_ROW ? XL_OK : xl_db_fail(db, "meeting", err);
}

/* Agenda, attendance, notes and decisions change only before the meeting closes. */
static int require_not_closed(const mstate *m, xl_err *err)
{
    if (m->status == XL_MEETING_CLOSED)
        return xl_err_set(err, XL_EFAIL, "status: meeting #%lld is closed; its minutes are final",
                          (long long)m->id);
    return XL_OK;
}

/* ---------- validating a meeting form ---------- */

typedef struct meeting_norm {
    char title[XL_TEXT_BYTES(XL_MEETING_TITLE_MAX)];
    char place[XL_TEXT_BYTES(XL_MEETING_PLACE_MAX)];
    xl_party host;
} meeting_norm;

static int two_digits(const char *s, int max)
{
    if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
        return 0;
    return (s[0] - '0') * 10 + (s[1] - '0') <= max;
}

static int time_valid(const char *s)
{
    if (!s || strlen(s) != 16 || s[10] != ' ' || s[13] != ':')
        return 0;
    char date[11];
    memcpy(date, s, 10);
    date[10] = '\0';
    return xl_list_date_valid(date) && two_digits(s + 11, 23) && two_digits(s + 14, 59);
}

static int check_place_group(xl_db *db, const xl_meeting_form *f, xl_err *err)
{
    if ((unsigned)f->kind >= XL_MEETING_KIND_COUNT)
        return xl_err_set(err, XL_EFAIL, "kind: unknown meeting kind %d", (int)f->kind);
    if (f->kind == XL_MEETING_ROUNDTABLE && f->building <= 0)
        return xl_list_field_err(err, "building", "%s", _(MTG_E_BUILDING_NEEDED));
    if (f->building != 0 && !xl_building_exists(db, f->building))
        return xl_err_set(err, XL_EFAIL, "building: no building %d", f->building);
    if ((f->kind == XL_MEETING_PIONEER || f->pioneer_group != 0) &&
        (f->pioneer_group < 1 || f->pioneer_group > 3))
        return xl_err_set(err, XL_EFAIL, "pioneer_group: 1, 2 or 3");
    return XL_OK;
}

static void default_title(const xl_meeting_form *f, char *out, size_t size)
{
    switch (f->kind) {
    case XL_MEETING_ROUNDTABLE:
        snprintf(out, size, _(MTG_TITLE_ROUNDTABLE_FMT), f->building);
        break;
    case XL_MEETING_PIONEER:
        snprintf(out, size, _(MTG_TITLE_PIONEER_FMT), f->pioneer_group);
        break;
    case XL_MEETING_DISCUSSION:
        snprintf(out, size, "%s", _(MTG_TITLE_DISCUSSION));
        break;
    default:
        snprintf(out, size, "%s", _(MTG_TITLE_JOINT));
    }
}

static void default_place(const xl_meeting_form *f, char *out, size_t size)
{
    out[0] = '\0';
    if (f->kind == XL_MEETING_ROUNDTABLE)
        snprintf(out, size, _(MTG_PLACE_ROUNDTABLE_FMT), f->building);
    else if (f->kind == XL_MEETING_DISCUSSION)
        snprintf(out, size, "%s", _(MTG_PLACE_DISCUSSION));
}

static int responsible_of(xl_db *db, int building, xl_party *p, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, "SELECT responsible_id FROM building WHERE number = ?1", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int(st, 1, building);
    int rc = sqlite3_step(st);
    *p = xl_party_none();
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        *p = xl_party_person(sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "responsible", err);
}

static int check_host(xl_db *db, const xl_meeting_form *f, meeting_norm *v, xl_err *err)
{
    v->host = f->host;
    if (f->host.kind == XL_PARTY_NONE)
        return f->kind == XL_MEETING_ROUNDTABLE ? responsible_of(db, f->building, &v->host, err) : XL_OK;
    if (f->host.kind != XL_PARTY_PERSON && f->host.kind != XL_PARTY_ORG)
        return xl_err_set(err, XL_EFAIL, "host: neither a person nor an organisation");
    if (!xl_party_exists(db, f->host))
        return xl_err_set(err, XL_EFAIL, "host: no %s #%lld",
                          f->host.kind == XL_PARTY_PERSON ? "person" : "organisation", (long long)f->host.id);
    return XL_OK;
}

static int check_meeting_form(xl_db *db, const xl_meeting_form *f, meeting_norm *v, xl_err *err)
{
    if (check_place_group(db, f, err))
        return XL_EFAIL;
    if (f->title && *f->title) {
        if (xl_list_check_text("title", f->title, XL_MEETING_TITLE_MAX, 1, 0, err))
            return XL_EFAIL;
        xl_strlcpy_utf8(v->title, f->title, sizeof v->title);
    } else {
        default_title(f, v->title, sizeof v->title);
    }
    if (!time_valid(f->starts_at))
        return xl_list_field_err(err, "starts_at", _(MTG_E_TIME_FMT), f->starts_at ? f->starts_at : "");
    if (f->place && *f->place) {
        if (xl_list_check_text("place", f->place, XL_MEETING_PLACE_MAX, 0, 0, err))
            return XL_EFAIL;
        xl_strlcpy_utf8(v->place, f->place, sizeof v->place);
    } else {
        default_place(f, v->place, sizeof v->place);
    }
    return check_host(db, f, v, err);
}

/* ---------- create, update, start, close ---------- */

void xl_meeting_form_init(xl_meeting_form *f, xl_meeting_kind kind)
{
    memset(f, 0, sizeof *f);
    f->kind = kind;
}

static void describe_meeting(xl_db *db, const xl_meeting_form *f, const meeting_norm *v, xl_buf *b)
{
    char host[96];
    xl_party_name(db, v->host, host, sizeof host, NULL);
    xl_buf_printf(b, "%s '%s' at %s, place '%s', host '%s'", kind_keys[f->kind], v->title,
                  f->starts_at, v->place, host);
    if (f->building)
        xl_buf_printf(b, ", building %d", f->building);
    if (f->pioneer_group)
        xl_buf_printf(b, ", pioneer group %d", f->pioneer_group);
}

static const char meeting_insert_sql[] =
    "INSERT INTO meeting(kind, title, starts_at, place, host_person_id, host_org_id, building,"
    " pioneer_group, status, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'planned', ?9)";

static int insert_meeting(xl_db *db, const xl_meeting_form *f, const meeting_norm *v, int64_t *id,
                          xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, meeting_insert_sql, err);
    if (!st)
        return XL_EFAIL;
    char now[20];
    xl_now(now);
    sqlite3_bind_text(st, 1, kind_keys[f->kind], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, v->title, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, f->starts_at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, v->place, -1, SQLITE_TRANSIENT);
    xl_party_bind(st, 5, 6, v->host);
    if (f->building)
        sqlite3_bind_int(st, 7, f->building);
    if (f->pioneer_group)
        sqlite3_bind_int(st, 8, f->pioneer_group);
    sqlite3_bind_text(st, 9, now, -1, SQLITE_TRANSIENT);
    if (xl_db_step_done(db, st, "meeting", err))
        return XL_EFAIL;
    *id = sqlite3_last_insert_rowid(xl_db_handle(db));
    return XL_OK;
}

typedef struct form_ctx {
    const xl_meeting_form *f;
    int64_t id;
} form_ctx;

static int create_body(xl_db *db, void *p, xl_err *err)
{
    form_ctx *c = p;
    meeting_norm v;
    if (check_meeting_form(db, c->f, &v, err) || insert_meeting(db, c->f, &v, &c->id, err))
        return XL_EFAIL;
    xl_buf b;
    xl_buf_init(&b);
    describe_meeting(db, c->f, &v, &b);
    int rc = audit_m(db, "meeting.create", c->id, &b, err);
    xl_buf_release(&b);
    return rc;
}

int xl_meeting_create(xl_db *db, const xl_meeting_form *f, int64_t *id, xl_err *err)
{
    form_ctx c = {f, 0};
    int rc = xl_db_tx(db, create_body, &c, err);
    if (id)
        *id = rc == XL_OK ? c.id : 0;
    return rc;
}

static int check_fixed_fields(xl_db *db, const mstate *m, const xl_meeting_form *f, xl_err *err)
{
    if (m->status != XL_MEETING_PLANNED)
        return xl_err_set(err, XL_EFAIL, "status: meeting #%lld is %s; only a planned meeting is edited",
                          (long long)m->id, status_keys[m->status]);
    if ((int)f->kind != m->kind)
        return xl_err_set(err, XL_EFAIL, "kind: a meeting keeps its kind (%s)", kind_keys[m->kind]);
    if (f->building != m->building)
        return xl_err_set(err, XL_EFAIL, "building: a meeting keeps its building (%d)", m->building);
    (void)db;
    return XL_OK;
}

static int update_body(xl_db *db, void *p, xl_err *err)
{
    form_ctx *c = p;
    mstate m;
    meeting_norm v;
    int rc = meeting_state(db, c->id, &m, err);
    if (rc != XL_OK)
        return rc;
    if (check_fixed_fields(db, &m, c->f, err) || check_meeting_form(db, c->f, &v, err))
        return XL_EFAIL;
    sqlite3_stmt *st = xl_db_prepare(db,
        "UPDATE meeting SET title = ?1, starts_at = ?2, place = ?3, host_person_id = ?4,"
        " host_org_id = ?5, pioneer_group = ?6 WHERE id = ?7", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_text(st, 1, v.title, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, c->f->starts_at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, v.place, -1, SQLITE_TRANSIENT);
    xl_party_bind(st, 4, 5, v.host);
    if (c->f->pioneer_group)
        sqlite3_bind_int(st, 6, c->f->pioneer_group);
    sqlite3_bind_int64(st, 7, c->id);
    if (xl_db_step_done(db, st, "meeting", err))
        return XL_EFAIL;
    xl_buf b;
    xl_buf_init(&b);
    describe_meeting(db, c->f, &v, &b);
    rc = audit_m(db, "meeting.update", c->id, &b, err);
    xl_buf_release(&b);
    return rc;
}

int xl_meeting_update(xl_db *db, int64_t id, const xl_meeting_form *f, xl_err *err)
{
    form_ctx c = {f, id};
    return xl_db_tx(db, update_body, &c, err);
}

static int start_body(xl_db *db, void *p, xl_err *err)
{
    int64_t id = *(int64_t *)p;
    mstate m;
    int rc = meeting_state(db, id, &m, err);
    if (rc != XL_OK)
        return rc;
    if (m.status == XL_MEETING_RUNNING)
        return xl_err_set(err, XL_EFAIL, "status: meeting #%lld is running already", (long long)id);
    if (m.status == XL_MEETING_CLOSED)
        return xl_err_set(err, XL_EFAIL, "status: meeting #%lld is closed; a closed meeting does not "
                          "start again", (long long)id);
    char now[20];
    xl_now(now);
    if (exec_id_text(db, "UPDATE meeting SET status = 'running', started_at = ?2 WHERE id = ?1",
                     id, now, "start", err))
        return XL_EFAIL;
    xl_buf b;
    xl_buf_init(&b);
    xl_buf_printf(&b, "status: planned -> running at %s", now);
    rc = audit_m(db, "meeting.start", id, &b, err);
    xl_buf_release(&b);
    return rc;
}

int xl_meeting_start(xl_db *db, int64_t id, xl_err *err)
{
    return xl_db_tx(db, start_body, &id, err);
}

static int store_minutes(xl_db *db, int64_t id, xl_buf *b, xl_err *err)
{
    xl_buf_release(b);
    xl_buf_init(b);
    if (xl_meeting_minutes_render(db, id, b, err))
        return XL_EFAIL;
    return exec_id_text(db, "UPDATE meeting SET minutes = ?2 WHERE id = ?1", id, b->data ? b->data : "",
                        "minutes", err);
}

static int close_body(xl_db *db, void *p, xl_err *err)
{
    int64_t id = *(int64_t *)p;
    mstate m;
    int rc = meeting_state(db, id, &m, err);
    if (rc != XL_OK)
        return rc;
    if (m.status == XL_MEETING_PLANNED)
        return xl_err_set(err, XL_EFAIL, "status: meeting #%lld has not started; start it before "
                          "closing it", (long long)id);
    if (m.status == XL_MEETING_CLOSED)
        return xl_err_set(err, XL_EFAIL, "status: meeting #%lld is closed already", (long long)id);
    char now[20];
    xl_now(now);
    xl_buf b;
    xl_buf_init(&b);
    rc = exec_id_text(db, "UPDATE meeting SET status = 'closed', closed_at = ?2 WHERE id = ?1", id, now,
                      "close", err);
    if (rc == XL_OK)
        rc = store_minutes(db, id, &b, err);
    if (rc == XL_OK) {
        size_t bytes = b.len;
        xl_buf_release(&b);
        xl_buf_init(&b);
        xl_buf_printf(&b, "status: running -> closed at %s; minutes written (%zu bytes)", now, bytes);
        rc = audit_m(db, "meeting.close", id, &b, err);
    }
    xl_buf_release(&b);
    return rc;
}

int xl_meeting_close(xl_db *db, int64_t id, xl_err *err)
{
    return xl_db_tx(db, close_body, &id, err);
}

/* ---------- agenda ---------- */

typedef struct astate {
    int64_t id;
    int position;
    int64_t list_item;
    int nactions;
    int count; /* items on this agenda */
    char title[XL_TEXT_BYTES(XL_ITEM_TITLE_MAX)];
    char decision[XL_TEXT_BYTES(XL_AGENDA_DECISION_MAX)];
    mstate m;
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
        return xl_err_set(err, XL_ENOTFOUND, "agenda: no agenda item #%lld", (long long)id);
    if (rc != SQLITE_ROW)
        return xl_db_fail(db, "agenda", err);
    return meeting_state(db, meeting, &a->m, err);
}

static int check_minutes(int *minutes, xl_err *err)
{
    if (*minutes == 0)
        *minutes = XL_AGENDA_MINUTES_DEFAULT;
    if (*minutes < 1 || *minutes > XL_AGENDA_MINUTES_MAX)
        return xl_list_field_err(err, "minutes", _(MTG_E_MINUTES_RANGE_FMT), XL_AGENDA_MINUTES_MAX, *minutes);
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
    mstate m;
    int rc = meeting_state(db, c->meeting, &m, err);
    if (rc != XL_OK || require_not_closed(&m, err) || check_minutes(&c->minutes, err))
        return rc != XL_OK ? rc : XL_EFAIL;
    if (!c->item) {
        xl_strlcpy_utf8(title, c->title ? c->title : "", size);
        return xl_list_check_text("title", c->title, XL_AGENDA_TITLE_MAX, 1, 0, err);
    }
    xl_list_item it;
    if (xl_list_item_load(db, c->item, &it, NULL))
        return xl_err_set(err, XL_EFAIL, "list_item: no list item #%lld", (long long)c->item);
    xl_strlcpy_utf8(title, it.title, size);
    int r = on_agenda(db, c->meeting, c->item);
    if (r < 0)
        return xl_db_fail(db, "agenda", err);
    return r ? xl_err_set(err, XL_EFAIL, "list_item: #%lld is on this agenda already", (long long)c->item)
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
    rc = audit_m(db, "agenda.add", c->meeting, &b, err);
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
        return xl_err_set(err, XL_EFAIL, "list_item: no list item #%lld", (long long)list_item);
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
    if (rc != XL_OK || require_not_closed(&a.m, err))
        return rc != XL_OK ? rc : XL_EFAIL;
    if (c->delta != -1 && c->delta != 1)
        return xl_err_set(err, XL_EUSAGE, "position: move by -1 (up) or +1 (down), not %d", c->delta);
    int to = a.position + c->delta, park = a.count + 1;
    if (to < 1 || to > a.count)
        return xl_err_set(err, XL_EFAIL, "position: '%s' is %s already", a.title, to < 1 ? "first" : "last");
    if (set_position(db, a.m.id, a.position, park, err) || set_position(db, a.m.id, to, a.position, err) ||
        set_position(db, a.m.id, park, to, err))
        return XL_EFAIL;
    xl_buf b;
    xl_buf_init(&b);
    xl_buf_printf(&b, "agenda move #%lld '%s': %d -> %d", (long long)c->id, a.title, a.position, to);
    rc = audit_m(db, "agenda.move", a.m.id, &b, err);
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
    if (rc != XL_OK || require_not_closed(&a.m, err))
        return rc != XL_OK ? rc : XL_EFAIL;
    if (a.nactions > 0)
        return xl_err_set(err, XL_EFAIL, "agenda: '%s' has actions made from its decision; it stays", a.title);
    if (exec_id_text(db, "DELETE FROM agenda_item WHERE id = ?1", id, NULL, "agenda", err))
        return XL_EFAIL;
    for (int pos = a.position + 1; pos <= a.count; pos++)
        if (set_position(db, a.m.id, pos, pos - 1, err))
            return XL_EFAIL;
    xl_buf b;
    xl_buf_init(&b);
    xl_buf_printf(&b, "agenda remove #%lld '%s' (was %d)", (long long)id, a.title, a.position);
    rc = audit_m(db, "agenda.remove", a.m.id, &b, err);
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
        return c->minutes == 0 ? xl_list_field_err(err, "minutes", _(MTG_E_MINUTES_RANGE_FMT), XL_AGENDA_MINUTES_MAX, 0)
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
    if (rc != XL_OK || require_not_closed(&a.m, err) || check_field(c, err))
        return rc != XL_OK ? rc : XL_EFAIL;
    char num[16];
    snprintf(num, sizeof num, "%d", c->minutes);
    const char *value = c->field == FIELD_MINUTES ? num : c->text ? c->text : "";
    if (exec_id_text(db, field_sql[c->field], c->id, value, field_name[c->field], err))
        return XL_EFAIL;
    xl_buf b;
    xl_buf_init(&b);
    xl_buf_printf(&b, "agenda #%lld '%s' %s: %s", (long long)c->id, a.title, field_name[c->field], value);
    char action[32];
    snprintf(action, sizeof action, "agenda.%s", field_name[c->field]);
    rc = audit_m(db, action, a.m.id, &b, err);
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

static int check_running(const mstate *m, xl_err *err)
{
    if (m->status == XL_MEETING_PLANNED)
        return xl_err_set(err, XL_EFAIL, "status: meeting #%lld has not started; actions are made "
                          "from decisions while it runs", (long long)m->id);
    return require_not_closed(m, err);
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
        int r = key_index(role_keys, XL_ATTEND_ROLE_COUNT, xl_col_text(st, 0));
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

static int check_attendee(xl_db *db, const attend_ctx *c, const mstate *m, int *role, xl_err *err)
{
    const char *field = c->who.kind == XL_PARTY_PERSON ? "person" : "organisation";
    if (require_not_closed(m, err))
        return XL_EFAIL;
    if (!xl_party_exists(db, c->who))
        return xl_err_set(err, XL_EFAIL, "%s: no %s #%lld", field, field, (long long)c->who.id);
    int r = attending(db, c);
    if (r < 0)
        return xl_db_fail(db, "attendance", err);
    if (r)
        return xl_err_set(err, XL_EFAIL, "%s: #%lld is on the attendance list already", field,
                          (long long)c->who.id);
    return c->who.kind == XL_PARTY_PERSON ? person_role(db, c->who.id, m->building, role, err)
                                          : org_role(db, c->who.id, role, err);
}

static int attend_body(xl_db *db, void *p, xl_err *err)
{
    attend_ctx *c = p;
    mstate m;
    int role = XL_ATTEND_OTHER;
    int rc = meeting_state(db, c->meeting, &m, err);
    if (rc != XL_OK || check_attendee(db, c, &m, &role, err))
        return rc != XL_OK ? rc : XL_EFAIL;
    sqlite3_stmt *st = xl_db_prepare(db,
        "INSERT INTO attendance(meeting_id, person_id, org_id, role) VALUES (?1, ?2, ?3, ?4)", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, c->meeting);
    xl_party_bind(st, 2, 3, c->who);
    sqlite3_bind_text(st, 4, role_keys[role], -1, SQLITE_STATIC);
    if (xl_db_step_done(db, st, "attendance", err))
        return XL_EFAIL;
    c->id = sqlite3_last_insert_rowid(xl_db_handle(db));
    char name[96];
    xl_party_name(db, c->who, name, sizeof name, NULL);
    xl_buf b;
    xl_buf_init(&b);
    xl_buf_printf(&b, "attendance add #%lld: '%s' (%s)", (long long)c->id, name, role_keys[role]);
    rc = audit_m(db, "attendance.add", c->meeting, &b, err);
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
        return xl_err_set(err, XL_ENOTFOUND, "attendance: no attendance #%lld", (long long)id);
    return rc == SQLITE_ROW ? XL_OK : xl_db_fail(db, "attendance", err);
}

static int unattend_body(xl_db *db, void *p, xl_err *err)
{
    int64_t id = *(int64_t *)p, meeting = 0;
    char name[96];
    mstate m;
    int rc = attendance_meeting(db, id, &meeting, name, sizeof name, err);
    if (rc == XL_OK)
        rc = meeting_state(db, meeting, &m, err);
    if (rc != XL_OK || require_not_closed(&m, err))
        return rc != XL_OK ? rc : XL_EFAIL;
    if (exec_id_text(db, "DELETE FROM attendance WHERE id = ?1", id, NULL, "attendance", err))
        return XL_EFAIL;
    xl_buf b;
    xl_buf_init(&b);
    xl_buf_printf(&b, "attendance remove #%lld: '%s'", (long long)id, name);
    rc = audit_m(db, "attendance.remove", meeting, &b, err);
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
        int r = key_index(role_keys, XL_ATTEND_ROLE_COUNT, xl_col_text(st, 0));
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

/* ---------- loading a meeting ---------- */

static const char head_sql[] =
    "SELECT m.kind, m.status, m.title, m.starts_at, m.place, m.host_person_id, m.host_org_id,"
    "       coalesce(hp.name, ho.name, ''), coalesce(m.building, 0), coalesce(m.pioneer_group, 0),"
    "       coalesce(m.started_at, ''), coalesce(m.closed_at, ''), m.created_at, m.minutes"
    " FROM meeting m LEFT JOIN person hp ON hp.id = m.host_person_id"
    " LEFT JOIN organisation ho ON ho.id = m.host_org_id WHERE m.id = ?1";

static void head_from_row(sqlite3_stmt *st, xl_meeting *m)
{
    m->kind = (xl_meeting_kind)key_index(kind_keys, XL_MEETING_KIND_COUNT, xl_col_text(st, 0));
    m->status = (xl_meeting_status)key_index(status_keys, XL_MEETING_STATUS_COUNT, xl_col_text(st, 1));
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
        return xl_err_set(err, XL_ENOTFOUND, "meeting: no meeting #%lld", (long long)id);
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
        int r = key_index(role_keys, XL_ATTEND_ROLE_COUNT, xl_col_text(st, 4));
        a->role = r >= 0 ? (xl_attend_role)r : XL_ATTEND_OTHER;
    }
    sqlite3_finalize(st);
    if (m->nattendees)
        qsort(m->attendees, m->nattendees, sizeof *m->attendees, attendee_order);
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
        sqlite3_bind_text(st, 1, kind_keys[f->kind], -1, SQLITE_STATIC);
    char statuses[48] = "";
    size_t len = 0;
    for (int i = 0; i < XL_MEETING_STATUS_COUNT; i++)
        if (f->status_mask & XL_MEETING_STATUS_BIT(i))
            len += (size_t)snprintf(statuses + len, sizeof statuses - len, ",%s,", status_keys[i]);
    if (len)
        sqlite3_bind_text(st, 2, statuses, -1, SQLITE_TRANSIENT);
    if (f->building > 0)
        sqlite3_bind_int(st, 3, f->building);
}

static void meeting_row(sqlite3_stmt *st, xl_meeting_row *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    r->kind = (xl_meeting_kind)key_index(kind_keys, XL_MEETING_KIND_COUNT, xl_col_text(st, 1));
    r->status = (xl_meeting_status)key_index(status_keys, XL_MEETING_STATUS_COUNT, xl_col_text(st, 2));
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

/* ---------- minutes ---------- */

static int english(void) { return strcmp(xl_i18n_lang(), "en") == 0; }
static const char *colon(void) { return english() ? ": " : "："; }
static const char *lparen(void) { return english() ? " (" : "（"; }
static const char *rparen(void) { return english() ? ")" : "）"; }

static void md_field(xl_buf *b, xl_msg label, const char *value)
{
    if (value && *value)
        xl_buf_printf(b, "- %s%s%s\n", xl_tr(label), colon(), value);
}

static void md_head(xl_buf *b, const xl_meeting *m)
{
    char where[64] = "";
    xl_buf_printf(b, "# %s\n\n", m->title);
    md_field(b, XL_MSG_MTG_MIN_KIND, xl_meeting_kind_label(m->kind));
    md_field(b, XL_MSG_MTG_MIN_TIME, m->starts_at);
    md_field(b, XL_MSG_MTG_MIN_PLACE, m->place);
    if (m->building)
        snprintf(where, sizeof where, _(MTG_MIN_BUILDING_FMT), m->building);
    md_field(b, XL_MSG_MTG_MIN_BUILDING, where);
    where[0] = '\0';
    if (m->pioneer_group)
        snprintf(where, sizeof where, _(MTG_MIN_PIONEER_FMT), m->pioneer_group);
    md_field(b, XL_MSG_MTG_MIN_PIONEER, where);
    md_field(b, XL_MSG_MTG_MIN_HOST, m->host_name);
    md_field(b, XL_MSG_MTG_MIN_CLOSED, m->closed_at);
}

static void md_attendance(xl_buf *b, const xl_meeting *m)
{
    xl_buf_puts(b, "\n## ");
    xl_buf_printf(b, _(MTG_MIN_ATTENDANCE_FMT), m->counts.total);
    xl_buf_puts(b, "\n\n");
    int first = 1;
    for (int r = 0; r < XL_ATTEND_ROLE_COUNT; r++) {
        if (!m->counts.by_role[r])
            continue;
        xl_buf_printf(b, "%s%s %d", first ? "" : " · ", xl_attend_role_label((xl_attend_role)r),
                      m->counts.by_role[r]);
        first = 0;
    }
    xl_buf_puts(b, first ? _(MTG_MIN_NONE) : "");
    xl_buf_puts(b, "\n\n");
    for (size_t i = 0; i < m->nattendees; i++)
        xl_buf_printf(b, "- %s%s%s%s\n", m->attendees[i].name, lparen(),
                      xl_attend_role_label(m->attendees[i].role), rparen());
}

static void md_text(xl_buf *b, xl_msg label, const char *text)
{
    xl_buf_printf(b, "**%s%s**", xl_tr(label), colon());
    if (text && *text)
        xl_buf_printf(b, "%s%s\n\n", strchr(text, '\n') ? "\n\n" : "", text);
    else
        xl_buf_printf(b, "%s\n\n", _(MTG_MIN_NONE));
}

static void md_entry(xl_buf *b, const xl_agenda_entry *e)
{
    xl_buf_printf(b, "\n### %d. %s%s", e->position, e->title, lparen());
    if (e->list_item)
        xl_buf_printf(b, "%s #%lld · ", xl_item_kind_label((xl_item_kind)e->item_kind), (long long)e->list_item);
    else
        xl_buf_printf(b, "%s · ", _(MTG_MIN_FREE_ITEM));
    xl_buf_printf(b, _(MTG_MIN_MINUTES_FMT), e->minutes);
    xl_buf_printf(b, "%s\n\n", rparen());
    md_text(b, XL_MSG_MTG_MIN_NOTES, e->notes);
    md_text(b, XL_MSG_MTG_MIN_DECISION, e->decision);
    if (!e->nactions)
        return;
    xl_buf_printf(b, "**%s%s**\n\n", _(MTG_MIN_ACTIONS), colon());
    for (size_t i = 0; i < e->nactions; i++) {
        const xl_agenda_action *a = &e->actions[i];
        xl_buf_printf(b, "- #%lld %s — %s%s%s%s%s%s%s\n", (long long)a->id, a->title, _(MTG_MIN_OWNER),
                      colon(), a->owner_name, english() ? ", " : "，", _(MTG_MIN_DUE), colon(), a->due);
    }
}

int xl_meeting_minutes_render(xl_db *db, int64_t meeting, xl_buf *out, xl_err *err)
{
    xl_meeting m;
    int rc = xl_meeting_load(db, meeting, &m, err);
    if (rc != XL_OK)
        return rc;
    md_head(out, &m);
    md_attendance(out, &m);
    xl_buf_printf(out, "\n## %s\n", _(MTG_MIN_AGENDA));
    if (!m.nagenda)
        xl_buf_printf(out, "\n%s\n", _(MTG_MIN_NONE));
    for (size_t i = 0; i < m.nagenda; i++)
        md_entry(out, &m.agenda[i]);
    xl_meeting_release(&m);
    return XL_OK;
}

/* The minutes name residents: written to a private temporary file (mode 0600) beside the
 * target, then renamed over it, so a reader never sees a half-written or world-readable file. */
static int write_file(const char *path, const char *text, xl_err *err)
{
    char *tmp = xl_asprintf("%s.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int saved = errno;
        free(tmp);
        return xl_err_set(err, XL_EFAIL, "%s: cannot write: %s", path, strerror(saved));
    }
    size_t len = strlen(text), done = 0;
    while (done < len) {
        ssize_t n = write(fd, text + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    int ok = done == len && fchmod(fd, 0600) == 0 && fsync(fd) == 0;
    int saved = errno;
    if (close(fd) != 0 && ok)
        ok = 0, saved = errno;
    if (ok && rename(tmp, path) != 0)
        ok = 0, saved = errno;
    if (!ok)
        unlink(tmp);
    free(tmp);
    return ok ? XL_OK : xl_err_set(err, XL_EFAIL, "%s: cannot write: %s", path, strerror(saved));
}

int xl_meeting_export_minutes(xl_db *db, int64_t meeting, const char *path, xl_err *err)
{
    if (!path || !*path)
        return xl_err_set(err, XL_EUSAGE, "path: no file name for the minutes");
    xl_meeting m;
    int rc = xl_meeting_load(db, meeting, &m, err);
    if (rc != XL_OK)
        return rc;
    if (m.status != XL_MEETING_CLOSED)
        rc = xl_err_set(err, XL_EFAIL, "status: meeting #%lld is not closed; its minutes are written "
                        "when it closes", (long long)meeting);
    else
        rc = write_file(path, m.minutes, err);
    xl_meeting_release(&m);
    return rc;
}

void xl_meeting_minutes_filename(const xl_meeting *m, char *out, size_t size)
{
    char date[11];
    xl_strlcpy_utf8(date, m->starts_at, sizeof date);
    snprintf(out, size, "minutes-%s-%lld.md", date, (long long)m->id);
}

/* ---------- buildings without a roundtable ---------- */

static const char ages_sql[] =
    "SELECT b.number, coalesce(max(substr(m.starts_at, 1, 10)), ''),"
    "       CAST(julianday(?1) - julianday(max(substr(m.starts_at, 1, 10))) AS INTEGER)"
    " FROM building b LEFT JOIN meeting m"
    "   ON m.building = b.number AND m.kind = 'roundtable' AND m.status = 'closed'"
    " GROUP BY b.number ORDER BY b.number";

static void age_from_row(sqlite3_stmt *st, int period, xl_roundtable_age *a)
{
    memset(a, 0, sizeof *a);
    a->building = sqlite3_column_int(st, 0);
    xl_col_copy(st, 1, a->last, sizeof a->last);
    a->days = a->last[0] ? sqlite3_column_int(st, 2) : -1;
    a->stale = a->days < 0 || a->days > period;
}

int xl_roundtable_ages(xl_db *db, int period_days, int stale_only, xl_roundtable_age **out,
                       size_t *n, xl_err *err)
{
    *out = NULL;
    *n = 0;
    int period = period_days > 0 ? period_days : XL_ROUNDTABLE_STALE_DAYS;
    sqlite3_stmt *st = xl_db_prepare(db, ages_sql, err);
    if (!st)
        return XL_EFAIL;
    char today[11];
    xl_today(today);
    sqlite3_bind_text(st, 1, today, -1, SQLITE_TRANSIENT);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        xl_roundtable_age a;
        age_from_row(st, period, &a);
        if (stale_only && !a.stale)
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            *out = xl_reallocarray(*out, cap, sizeof **out);
        }
        (*out)[(*n)++] = a;
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return XL_OK;
    free(*out);
    *out = NULL;
    *n = 0;
    return xl_db_fail(db, "roundtables", err);
}
