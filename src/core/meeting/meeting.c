/* meeting.c — meetings: kinds, statuses and roles, validating a meeting form, and the
 * lifecycle (create, update, start, close). The agenda and decisions are in agenda.c,
 * attendance in attendance.c, loading and listing in meeting_load.c, minutes and roundtable
 * ages in minutes.c; shared helpers in meeting_internal.h. Rules in include/xiangli/meeting.h. */
#include "xiangli/meeting.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/db/db_internal.h"
#include "core/meeting/meeting_internal.h"
#include "core/db/party_sql.h"
#include "xiangli/building.h"
#include "xiangli/enums.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

/* ---------- enumerations ---------- */

static const xl_msg kind_msgs[] = {
#define XL_X(id, key) XL_MSG_MTG_KIND_##id,
    XL_MEETING_KINDS(XL_X)
#undef XL_X
};

static const xl_msg status_msgs[] = {
#define XL_X(id, key) XL_MSG_MTG_STATUS_##id,
    XL_MEETING_STATUSES(XL_X)
#undef XL_X
};

/* Attendance roles in XL_ATTEND_ROLES order: the people's roles are the register's own
 * words, one message each (messages.def has no second copy). */
static const xl_msg role_msgs[] = {XL_MSG_ROLE_OWNER, XL_MSG_ROLE_SUBLANDLORD, XL_MSG_ROLE_TENANT,
                                   XL_MSG_ROLE_FAMILY, XL_MSG_MTG_ROLE_OTHER, XL_MSG_MTG_ROLE_ORG,
                                   XL_MSG_ORG_DEPUTY};
_Static_assert(sizeof role_msgs / sizeof role_msgs[0] == XL_ATTEND_ROLE_COUNT,
               "one message per attendance role");

static const xl_enum kind_enum = {mtg_kind_keys, kind_msgs, XL_MEETING_KIND_COUNT};
static const xl_enum status_enum = {mtg_status_keys, status_msgs, XL_MEETING_STATUS_COUNT};
static const xl_enum role_enum = {mtg_role_keys, role_msgs, XL_ATTEND_ROLE_COUNT};

const char *xl_meeting_kind_key(xl_meeting_kind k) { return xl_enum_key(&kind_enum, (int)k); }
const char *xl_meeting_kind_label(xl_meeting_kind k) { return xl_enum_label(&kind_enum, (int)k); }
int xl_meeting_kind_parse(const char *s) { return xl_enum_parse(&kind_enum, s); }
const char *xl_meeting_status_key(xl_meeting_status s) { return xl_enum_key(&status_enum, (int)s); }
const char *xl_meeting_status_label(xl_meeting_status s) { return xl_enum_label(&status_enum, (int)s); }
const char *xl_meeting_kind_label_in(xl_meeting_kind k, const char *lang)
{
    return xl_enum_label_in(&kind_enum, (int)k, lang);
}
const char *xl_meeting_status_label_in(xl_meeting_status s, const char *lang)
{
    return xl_enum_label_in(&status_enum, (int)s, lang);
}
const char *xl_attend_role_key(xl_attend_role r) { return xl_enum_key(&role_enum, (int)r); }
const char *xl_attend_role_label(xl_attend_role r) { return xl_enum_label(&role_enum, (int)r); }

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
        return xl_err_field(err, "kind", "%s", _(MTG_E_KIND));
    if (f->kind == XL_MEETING_ROUNDTABLE && f->building <= 0)
        return xl_err_field(err, "building", "%s", _(MTG_E_BUILDING));
    if (f->building != 0 && !xl_building_exists(db, f->building))
        return xl_err_no_building(err, "building", f->building);
    if ((f->kind == XL_MEETING_PIONEER || f->pioneer_group != 0) &&
        (f->pioneer_group < 1 || f->pioneer_group > 3))
        return xl_err_field(err, "pioneer_group", "%s", _(MTG_E_GROUP));
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
        snprintf(out, size, "%s", _(MTG_KIND_JOINT));
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
        return xl_err_field(err, "host", "%s", _(E_PARTY_KIND));
    if (!xl_party_exists(db, f->host))
        return xl_err_field(err, "host", "%s",
                            f->host.kind == XL_PARTY_PERSON ? _(REG_E_NO_PERSON) : _(E_NO_ORG));
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
        return xl_err_field(err, "starts_at", _(MTG_E_TIME_FMT), f->starts_at ? f->starts_at : "");
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
    xl_buf_printf(b, "%s '%s' at %s, place '%s', host '%s'", mtg_kind_keys[f->kind], v->title,
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
    sqlite3_bind_text(st, 1, mtg_kind_keys[f->kind], -1, SQLITE_STATIC);
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
    int rc = mtg_audit_m(db, "meeting.create", c->id, &b, err);
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

static int check_fixed_fields(xl_db *db, const mtg_mstate *m, const xl_meeting_form *f, xl_err *err)
{
    if (m->status != XL_MEETING_PLANNED)
        return xl_err_field(err, "status", "%s", _(MTG_E_ONLY_PLANNED));
    if ((int)f->kind != m->kind)
        return xl_err_field(err, "kind", "%s", _(MTG_E_KEEPS_KIND));
    if (f->building != m->building)
        return xl_err_field(err, "building", "%s", _(MTG_E_KEEPS_BUILDING));
    (void)db;
    return XL_OK;
}

static int update_body(xl_db *db, void *p, xl_err *err)
{
    form_ctx *c = p;
    mtg_mstate m;
    meeting_norm v;
    int rc = mtg_meeting_state(db, c->id, &m, err);
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
    rc = mtg_audit_m(db, "meeting.update", c->id, &b, err);
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
    mtg_mstate m;
    int rc = mtg_meeting_state(db, id, &m, err);
    if (rc != XL_OK)
        return rc;
    if (m.status == XL_MEETING_RUNNING)
        return xl_err_field(err, "status", "%s", _(MTG_E_RUNNING));
    if (m.status == XL_MEETING_CLOSED)
        return xl_err_field(err, "status", "%s", _(MTG_E_NO_RESTART));
    char now[20];
    xl_now(now);
    if (mtg_exec_id_text(db, "UPDATE meeting SET status = 'running', started_at = ?2 WHERE id = ?1",
                     id, now, "start", err))
        return XL_EFAIL;
    xl_buf b;
    xl_buf_init(&b);
    xl_buf_printf(&b, "status: planned -> running at %s", now);
    rc = mtg_audit_m(db, "meeting.start", id, &b, err);
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
    return mtg_exec_id_text(db, "UPDATE meeting SET minutes = ?2 WHERE id = ?1", id, b->data ? b->data : "",
                        "minutes", err);
}

static int close_body(xl_db *db, void *p, xl_err *err)
{
    int64_t id = *(int64_t *)p;
    mtg_mstate m;
    int rc = mtg_meeting_state(db, id, &m, err);
    if (rc != XL_OK)
        return rc;
    if (m.status == XL_MEETING_PLANNED)
        return xl_err_field(err, "status", "%s", _(MTG_E_NOT_STARTED_CLOSE));
    if (m.status == XL_MEETING_CLOSED)
        return xl_err_field(err, "status", "%s", _(MTG_E_CLOSED_ALREADY));
    char now[20];
    xl_now(now);
    xl_buf b;
    xl_buf_init(&b);
    rc = mtg_exec_id_text(db, "UPDATE meeting SET status = 'closed', closed_at = ?2 WHERE id = ?1", id, now,
                      "close", err);
    if (rc == XL_OK)
        rc = store_minutes(db, id, &b, err);
    if (rc == XL_OK) {
        size_t bytes = b.len;
        xl_buf_release(&b);
        xl_buf_init(&b);
        xl_buf_printf(&b, "status: running -> closed at %s; minutes written (%zu bytes)", now, bytes);
        rc = mtg_audit_m(db, "meeting.close", id, &b, err);
    }
    xl_buf_release(&b);
    return rc;
}

int xl_meeting_close(xl_db *db, int64_t id, xl_err *err)
{
    return xl_db_tx(db, close_body, &id, err);
}
