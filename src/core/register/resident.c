/* resident.c — the register's writes: the sign-in form and its checks, sign-in and move,
 * sign-out, confirmation, first responsible person, the audited reveal.
 * Each write runs in xl_db_tx (BEGIN IMMEDIATE → checks → changes → audit → COMMIT; any failure
 * rolls back).
 * The form's checks are in signin_form.c; reads (card, stale list, register window) are in
 * residency.c. */
#include "xiangli/resident.h"
#include "core/register/register_tx.h"

#include "core/register/signin_form.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db/db_internal.h"
#include "xiangli/i18n.h"
#include "xiangli/idcard.h"
#include "xiangli/mem.h"

#define REASON_MAX_BYTES 600

typedef xl_clean_form clean_form;

/* ---------- small SQL helpers ---------- */

/* Binds arguments by a type string: 'i' int64, 't' text, 'n' text or NULL when "". */
static void bind_args(sqlite3_stmt *st, const char *types, va_list ap)
{
    for (int i = 0; types[i]; i++) {
        if (types[i] == 'i') {
            sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
            continue;
        }
        const char *s = va_arg(ap, const char *);
        if (types[i] == 'n' && (!s || !*s))
            sqlite3_bind_null(st, i + 1);
        else
            sqlite3_bind_text(st, i + 1, s ? s : "", -1, SQLITE_TRANSIENT);
    }
}

/* Runs one statement that returns no rows. */
static int run(xl_db *db, xl_err *err, const char *sql, const char *types, ...)
{
    sqlite3_stmt *st = xl_db_prepare(db, sql, err);
    if (!st)
        return XL_EFAIL;
    va_list ap;
    va_start(ap, types);
    bind_args(st, types, ap);
    va_end(ap);
    int rc = sqlite3_step(st) == SQLITE_DONE ? XL_OK : xl_db_fail(db, "register", err);
    sqlite3_finalize(st);
    return rc;
}

/* Prepares and binds a query; the caller steps and finalizes. */
static sqlite3_stmt *query(xl_db *db, xl_err *err, const char *sql, const char *types, ...)
{
    sqlite3_stmt *st = xl_db_prepare(db, sql, err);
    if (!st)
        return NULL;
    va_list ap;
    va_start(ap, types);
    bind_args(st, types, ap);
    va_end(ap);
    return st;
}

/* Steps once: 1 row, 0 none, -1 error (err filled). Does not finalize. */
static int step_row(xl_db *db, sqlite3_stmt *st, xl_err *err)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    xl_db_fail(db, "register", err);
    return -1;
}

/* What each write needs inside its transaction (xl_db_tx runs the body). */
typedef struct write_ctx {
    const xl_signin_form *form;
    xl_signin_mode mode;
    int64_t *person_id;
    int64_t id;            /* residency or person */
    int building;
    xl_role role;
    const char *date, *channel, *detail;
} write_ctx;

static int audit_person(xl_db *db, const char *action, int64_t person_id, const char *detail,
                        xl_err *err)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)person_id);
    return xl_db_audit(db, action, "person", id, detail, err);
}

/* ---------- who is already registered ---------- */

static const char existing_sql[] =
    "SELECT p.id, p.name, p.id_number, coalesce(r.id, 0), coalesce(r.building, 0),"
    "       coalesce(r.room, ''), coalesce(r.role, ''), coalesce(r.moved_in, '')"
    " FROM person p LEFT JOIN residency r ON r.person_id = p.id AND r.moved_out IS NULL"
    " WHERE p.id_number = ?1";

static void existing_from_row(sqlite3_stmt *st, xl_existing *e)
{
    e->person_id = sqlite3_column_int64(st, 0);
    xl_strlcpy_utf8(e->name, xl_col_text(st, 1), sizeof e->name);
    xl_mask_id(xl_col_text(st, 2), e->id_masked, sizeof e->id_masked);
    e->residency_id = sqlite3_column_int64(st, 3);
    e->building = sqlite3_column_int(st, 4);
    xl_strlcpy_utf8(e->room, xl_col_text(st, 5), sizeof e->room);
    xl_strlcpy_utf8(e->role, xl_col_text(st, 6), sizeof e->role);
    xl_strlcpy_utf8(e->moved_in, xl_col_text(st, 7), sizeof e->moved_in);
}

int xl_signin_find_existing(xl_db *db, const char *id_number, xl_existing *out, xl_err *err)
{
    char id[64];
    memset(out, 0, sizeof *out);
    size_t len = xl_form_trim(id_number, id, sizeof id);
    if (len == 0 || len >= sizeof id)
        return xl_err_set(err, XL_ENOTFOUND, "%s", _(REG_E_MOVE_NOBODY));
    if (len == 18 && id[17] == 'x')
        id[17] = 'X';
    sqlite3_stmt *st = xl_db_cached(db, existing_sql, err); /* an import asks for every row */
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    int row = step_row(db, st, err);
    if (row == 1)
        existing_from_row(st, out);
    sqlite3_reset(st);
    if (row == 0)
        return xl_err_set(err, XL_ENOTFOUND, "%s", _(REG_E_MOVE_NOBODY));
    return row == 1 ? XL_OK : XL_EFAIL;
}

/* ---------- sign-in: new person, or a move ---------- */

static const char insert_person_sql[] =
    "INSERT INTO person(name, gender, id_number, phone, province, workplace, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

static const char insert_residency_sql[] =
    "INSERT INTO residency(person_id, building, room, role, moved_in, channel_in, confirmed_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

static int open_residency(xl_db *db, int64_t pid, const clean_form *c, xl_err *err)
{
    char now[20];
    xl_now(now);
    return run(db, err, insert_residency_sql, "iittttt", pid, (int64_t)c->building, c->room,
               xl_role_key((xl_role)c->role), c->moved_in, xl_channel_key((xl_channel)c->channel), now);
}

void xl_signin_detail(const xl_clean_form *c, char *out, size_t size)
{
    char idm[24];
    xl_mask_id(c->id, idm, sizeof idm);
    snprintf(out, size, "to=%d-%s role=%s moved_in=%s channel=%s id=%s", c->building, c->room,
             xl_role_key((xl_role)c->role), c->moved_in, xl_channel_key((xl_channel)c->channel),
             idm[0] ? idm : "-");
}

static int id_taken(xl_db *db, const char *id, int64_t *person_id, xl_err *err)
{
    xl_existing ex;
    int rc = xl_signin_find_existing(db, id, &ex, err);
    if (rc == XL_ENOTFOUND) {
        xl_err_clear(err);
        return XL_OK;
    }
    if (rc != XL_OK)
        return rc;
    *person_id = ex.person_id;
    return xl_err_set(err, XL_EFAIL, _(REG_E_ID_TAKEN_FMT), ex.name);
}

static int signin_new(xl_db *db, const clean_form *c, int64_t *person_id, xl_err *err)
{
    if (c->id[0] && id_taken(db, c->id, person_id, err))
        return XL_EFAIL;
    char now[20];
    xl_now(now);
    /* the registered home province: from the ID number when not given */
    const char *province = c->province[0] || !c->id[0] ? c->province : xl_id_province(c->id);
    if (run(db, err, insert_person_sql, "ttnnttt", c->name, c->gender, c->id, c->phone,
            province ? province : "", c->workplace, now))
        return XL_EFAIL;
    int64_t pid = sqlite3_last_insert_rowid(xl_db_handle(db));
    char detail[256];
    xl_signin_detail(c, detail, sizeof detail);
    if (open_residency(db, pid, c, err) || audit_person(db, "resident.signin", pid, detail, err))
        return XL_EFAIL;
    *person_id = pid;
    return XL_OK;
}

/* A person by id: 1 found (*name, *id_number filled), 0 not, -1 error. */
static int person_row(xl_db *db, int64_t pid, char name[100], char id_number[19], xl_err *err)
{
    sqlite3_stmt *st = query(db, err, "SELECT name, coalesce(id_number, '') FROM person WHERE id = ?1",
                             "i", pid);
    if (!st)
        return -1;
    int row = step_row(db, st, err);
    if (row == 1) {
        xl_strlcpy_utf8(name, xl_col_text(st, 0), 100);
        xl_strlcpy_utf8(id_number, xl_col_text(st, 1), 19);
    }
    sqlite3_finalize(st);
    return row;
}

/* Who moves: the holder of the form's ID number, else *person_id. */
static int move_who(xl_db *db, const clean_form *c, int64_t in, int64_t *pid, xl_err *err)
{
    xl_existing ex;
    int rc = c->id[0] ? xl_signin_find_existing(db, c->id, &ex, err) : XL_ENOTFOUND;
    if (rc == XL_EFAIL)
        return rc;
    if (rc == XL_OK) {
        if (in > 0 && in != ex.person_id)
            return xl_err_set(err, XL_EFAIL, "%s", _(REG_E_ID_MISMATCH));
        *pid = ex.person_id;
        return XL_OK;
    }
    if (in <= 0)
        return c->id[0] ? xl_err_set(err, XL_ENOTFOUND, "%s", _(REG_E_MOVE_NOBODY))
                        : xl_err_set(err, XL_EUSAGE, "%s", _(REG_E_MOVE_WHO));
    char name[100], idn[19];
    int row = person_row(db, in, name, idn, err);
    if (row <= 0)
        return row < 0 ? XL_EFAIL : xl_err_set(err, XL_ENOTFOUND, "%s", _(REG_E_NO_PERSON));
    if (idn[0] && c->id[0])
        return xl_err_set(err, XL_EFAIL, "%s", _(REG_E_ID_MISMATCH));
    *pid = in;
    return XL_OK;
}

typedef struct current_home {
    int64_t id;
    int building;
    char room[9], moved_in[11];
} current_home;

/* The person's open residency: 1 found, 0 none, -1 error. */
static int current_of(xl_db *db, int64_t pid, current_home *h, xl_err *err)
{
    sqlite3_stmt *st = query(db, err,
        "SELECT id, building, room, moved_in FROM residency WHERE person_id = ?1 AND moved_out IS NULL",
        "i", pid);
    if (!st)
        return -1;
    int row = step_row(db, st, err);
    if (row == 1) {
        h->id = sqlite3_column_int64(st, 0);
        h->building = sqlite3_column_int(st, 1);
        xl_strlcpy_utf8(h->room, xl_col_text(st, 2), sizeof h->room);
        xl_strlcpy_utf8(h->moved_in, xl_col_text(st, 3), sizeof h->moved_in);
    }
    sqlite3_finalize(st);
    return row;
}

/* Closes the current home for a move; refuses a move into the same room or back in time. */
static int close_for_move(xl_db *db, int64_t pid, const clean_form *c, current_home *h, xl_err *err)
{
    char name[100], idn[19];
    if (person_row(db, pid, name, idn, err) < 0)
        return XL_EFAIL;
    if (h->building == c->building && strcmp(h->room, c->room) == 0)
        return xl_err_set(err, XL_EFAIL, _(REG_E_MOVE_SAME_FMT), name, h->building, h->room);
    if (strcmp(c->moved_in, h->moved_in) < 0)
        return xl_err_set(err, XL_EFAIL, _(REG_E_MOVE_BEFORE_FMT), c->moved_in, h->moved_in);
    return run(db, err, "UPDATE residency SET moved_out = ?2, channel_out = ?3 WHERE id = ?1", "itt",
               h->id, c->moved_in, xl_channel_key((xl_channel)c->channel));
}

static const char update_contact_sql[] =
    "UPDATE person SET gender = coalesce(?2, gender), phone = coalesce(?3, phone),"
    " province = coalesce(?4, province), workplace = coalesce(?5, workplace),"
    " id_number = coalesce(id_number, ?6) WHERE id = ?1";

static int signin_move(xl_db *db, const clean_form *c, int64_t *person_id, xl_err *err)
{
    int64_t pid = 0;
    current_home h = {0};
    int rc = move_who(db, c, *person_id, &pid, err);
    if (rc)
        return rc;
    int have = current_of(db, pid, &h, err);
    if (have < 0 || (have && close_for_move(db, pid, c, &h, err)))
        return XL_EFAIL;
    if (run(db, err, update_contact_sql, "innnnn", pid, c->gender, c->phone, c->province,
            c->workplace, c->id) || open_residency(db, pid, c, err))
        return XL_EFAIL;
    char detail[320], to[256], from[24] = "-";
    xl_signin_detail(c, to, sizeof to);
    if (have)
        snprintf(from, sizeof from, "%d-%s", h.building, h.room);
    snprintf(detail, sizeof detail, "from=%s %s", from, to);
    if (audit_person(db, "resident.move", pid, detail, err))
        return XL_EFAIL;
    *person_id = pid;
    return XL_OK;
}

int xl_signin_commit_in_tx(xl_db *db, const xl_signin_form *form, xl_signin_mode mode,
                           int64_t *person_id, xl_err *err)
{
    xl_err_clear(err);
    if (!form || !person_id)
        return xl_err_set(err, XL_EUSAGE, "%s", _(E_PROGRAM));
    clean_form c;
    xl_field_errors fe;
    if (xl_signin_clean(db, form, &c, &fe))
        return xl_field_errors_first(&fe, err);
    if (mode == XL_SIGNIN_NEW)
        return signin_new(db, &c, person_id, err);
    return signin_move(db, &c, person_id, err);
}

static int signin_body(xl_db *db, void *ctx, xl_err *err)
{
    write_ctx *c = ctx;
    return xl_signin_commit_in_tx(db, c->form, c->mode, c->person_id, err);
}

int xl_signin_commit(xl_db *db, const xl_signin_form *form, xl_signin_mode mode,
                     int64_t *person_id, xl_err *err)
{
    xl_err_clear(err);
    if (!form || !person_id)
        return xl_err_set(err, XL_EUSAGE, "%s", _(E_PROGRAM));
    write_ctx c = {.form = form, .mode = mode, .person_id = person_id};
    return xl_db_tx(db, signin_body, &c, err);
}

/* ---------- sign-out and confirmation ---------- */

typedef struct residency_state {
    int64_t person_id;
    int building;
    char room[9], moved_in[11], moved_out[11];
} residency_state;

/* XL_OK (filled), XL_ENOTFOUND, XL_EFAIL. */
static int residency_load(xl_db *db, int64_t rid, residency_state *r, xl_err *err)
{
    sqlite3_stmt *st = query(db, err,
        "SELECT person_id, building, room, moved_in, coalesce(moved_out, '') FROM residency WHERE id = ?1",
        "i", rid);
    if (!st)
        return XL_EFAIL;
    int row = step_row(db, st, err);
    if (row == 1) {
        r->person_id = sqlite3_column_int64(st, 0);
        r->building = sqlite3_column_int(st, 1);
        xl_strlcpy_utf8(r->room, xl_col_text(st, 2), sizeof r->room);
        xl_strlcpy_utf8(r->moved_in, xl_col_text(st, 3), sizeof r->moved_in);
        xl_strlcpy_utf8(r->moved_out, xl_col_text(st, 4), sizeof r->moved_out);
    }
    sqlite3_finalize(st);
    if (row == 0)
        return xl_err_set(err, XL_ENOTFOUND, "%s", _(REG_E_NO_RESIDENCY));
    return row == 1 ? XL_OK : XL_EFAIL;
}

/* An open residency, for sign-out and confirmation. */
static int residency_open(xl_db *db, int64_t rid, residency_state *r, xl_err *err)
{
    int rc = residency_load(db, rid, r, err);
    if (rc == XL_OK && r->moved_out[0])
        return xl_err_set(err, XL_EFAIL, _(REG_E_ALREADY_OUT_FMT), r->moved_out);
    return rc;
}

static int signout_in_tx(xl_db *db, int64_t rid, const char *date, const char *channel, xl_err *err)
{
    residency_state r;
    char out[11], msg[256];
    int ch = channel && *channel ? xl_channel_parse(channel) : XL_CHANNEL_DESK;
    int rc = residency_open(db, rid, &r, err);
    if (rc)
        return rc;
    if (xl_form_date(date, XL_MSG_REG_F_MOVED_OUT, out, msg, sizeof msg))
        return xl_err_set(err, XL_EFAIL, "%s", msg);
    if (strcmp(out, r.moved_in) < 0)
        return xl_err_set(err, XL_EFAIL, _(REG_E_OUT_BEFORE_IN_FMT), out, r.moved_in);
    if (ch < 0)
        return xl_err_set(err, XL_EFAIL, "%s", _(REG_E_CHANNEL));
    if (run(db, err, "UPDATE residency SET moved_out = ?2, channel_out = ?3 WHERE id = ?1", "itt",
            rid, out, xl_channel_key((xl_channel)ch)))
        return XL_EFAIL;
    char detail[160];
    snprintf(detail, sizeof detail, "residency=%lld from=%d-%s moved_out=%s channel=%s", (long long)rid,
             r.building, r.room, out, xl_channel_key((xl_channel)ch));
    return audit_person(db, "resident.signout", r.person_id, detail, err);
}

static int signout_body(xl_db *db, void *ctx, xl_err *err)
{
    write_ctx *c = ctx;
    return signout_in_tx(db, c->id, c->date, c->channel, err);
}

int xl_signout_in_tx(xl_db *db, int64_t residency_id, const char *moved_out, const char *channel,
                     xl_err *err)
{
    return signout_in_tx(db, residency_id, moved_out, channel, err);
}

int xl_signout(xl_db *db, int64_t residency_id, const char *moved_out, const char *channel, xl_err *err)
{
    write_ctx c = {.id = residency_id, .date = moved_out, .channel = channel};
    return xl_db_tx(db, signout_body, &c, err);
}

static int signout_person_body(xl_db *db, void *ctx, xl_err *err)
{
    write_ctx *c = ctx;
    current_home h;
    int have = current_of(db, c->id, &h, err);
    if (have < 0)
        return XL_EFAIL;
    if (have == 0)
        return xl_err_set(err, XL_ENOTFOUND, "%s", _(REG_E_NOT_LIVING));
    return signout_in_tx(db, h.id, c->date, c->channel, err);
}

int xl_signout_person(xl_db *db, int64_t person_id, const char *moved_out, const char *channel,
                      xl_err *err)
{
    write_ctx c = {.id = person_id, .date = moved_out, .channel = channel};
    return xl_db_tx(db, signout_person_body, &c, err);
}

static int confirm_in_tx(xl_db *db, int64_t rid, xl_err *err)
{
    residency_state r;
    int rc = residency_open(db, rid, &r, err);
    if (rc)
        return rc;
    char now[20], detail[96];
    xl_now(now);
    if (run(db, err, "UPDATE residency SET confirmed_at = ?2 WHERE id = ?1", "it", rid, now))
        return XL_EFAIL;
    snprintf(detail, sizeof detail, "residency=%lld at=%d-%s", (long long)rid, r.building, r.room);
    return audit_person(db, "resident.confirm", r.person_id, detail, err);
}

static int confirm_body(xl_db *db, void *ctx, xl_err *err)
{
    return confirm_in_tx(db, ((write_ctx *)ctx)->id, err);
}

int xl_residency_confirm_in_tx(xl_db *db, int64_t residency_id, xl_err *err)
{
    return confirm_in_tx(db, residency_id, err);
}

int xl_residency_confirm(xl_db *db, int64_t residency_id, xl_err *err)
{
    write_ctx c = {.id = residency_id};
    return xl_db_tx(db, confirm_body, &c, err);
}

/* ---------- first responsible person ---------- */

typedef struct resp_state {
    int64_t owner_id, resp_id;
    char resp_role[16], owner_name[100], open_since[11];
} resp_state;

static const char resp_sql[] =
    "SELECT coalesce(b.owner_id, 0), coalesce(b.responsible_id, 0), b.responsible_role,"
    "       coalesce(o.name, ''),"
    "       coalesce((SELECT max(since) FROM responsible_history h"
    "                 WHERE h.building = b.number AND h.until IS NULL), '')"
    " FROM building b LEFT JOIN person o ON o.id = b.owner_id WHERE b.number = ?1";

static int resp_load(xl_db *db, int building, resp_state *s, xl_err *err)
{
    sqlite3_stmt *st = query(db, err, resp_sql, "i", (int64_t)building);
    if (!st)
        return XL_EFAIL;
    int row = step_row(db, st, err);
    if (row == 1) {
        s->owner_id = sqlite3_column_int64(st, 0);
        s->resp_id = sqlite3_column_int64(st, 1);
        xl_strlcpy_utf8(s->resp_role, xl_col_text(st, 2), sizeof s->resp_role);
        xl_strlcpy_utf8(s->owner_name, xl_col_text(st, 3), sizeof s->owner_name);
        xl_strlcpy_utf8(s->open_since, xl_col_text(st, 4), sizeof s->open_since);
    }
    sqlite3_finalize(st);
    if (row == 0)
        return xl_err_set(err, XL_ENOTFOUND, _(E_NO_BUILDING_FMT), building);
    return row == 1 ? XL_OK : XL_EFAIL;
}

static int resp_check(xl_db *db, int building, int64_t pid, xl_role role, const char *since,
                      const resp_state *s, xl_err *err)
{
    char name[100], idn[19];
    int row = person_row(db, pid, name, idn, err);
    if (row <= 0)
        return row < 0 ? XL_EFAIL : xl_err_set(err, XL_ENOTFOUND, "%s", _(REG_E_NO_PERSON));
    if (s->resp_id == pid && strcmp(s->resp_role, xl_role_key(role)) == 0)
        return xl_err_set(err, XL_EFAIL, "%s", _(REG_E_RESP_SAME));
    if (role == XL_ROLE_OWNER && s->owner_id && s->owner_id != pid)
        return xl_err_set(err, XL_EFAIL, _(REG_E_RESP_OWNER_FMT), building, s->owner_name);
    if (s->open_since[0] && strcmp(since, s->open_since) < 0)
        return xl_err_set(err, XL_EFAIL, _(REG_E_RESP_SINCE_FMT), since, s->open_since);
    return XL_OK;
}

static int resp_in_tx(xl_db *db, int building, int64_t pid, xl_role role, const char *since, xl_err *err)
{
    resp_state s;
    int rc = resp_load(db, building, &s, err);
    if (rc == XL_OK)
        rc = resp_check(db, building, pid, role, since, &s, err);
    if (rc)
        return rc;
    const char *key = xl_role_key(role);
    if (run(db, err, "UPDATE responsible_history SET until = ?2 WHERE building = ?1 AND until IS NULL",
            "it", (int64_t)building, since) ||
        run(db, err, "INSERT INTO responsible_history(building, person_id, role, since)"
                     " VALUES (?1, ?2, ?3, ?4)",
            "iitt", (int64_t)building, pid, key, since) ||
        run(db, err, "UPDATE building SET responsible_id = ?2, responsible_role = ?3,"
                     " owner_id = CASE WHEN ?3 = 'owner' THEN coalesce(owner_id, ?2) ELSE owner_id END"
                     " WHERE number = ?1", "iit", (int64_t)building, pid, key))
        return XL_EFAIL;
    char id[16], detail[128];
    snprintf(id, sizeof id, "%d", building);
    snprintf(detail, sizeof detail, "from=%lld/%s to=%lld/%s since=%s", (long long)s.resp_id,
             s.resp_id ? s.resp_role : "-", (long long)pid, key, since);
    return xl_db_audit(db, "building.responsible", "building", id, detail, err);
}

static int resp_body(xl_db *db, void *ctx, xl_err *err)
{
    write_ctx *c = ctx;
    return resp_in_tx(db, c->building, c->id, c->role, c->date, err);
}

int xl_building_set_responsible(xl_db *db, int building, int64_t person_id, xl_role role,
                                const char *since, xl_err *err)
{
    char date[11], msg[256];
    if (role != XL_ROLE_OWNER && role != XL_ROLE_SUBLANDLORD)
        return xl_err_set(err, XL_EUSAGE, "%s", _(REG_E_RESP_ROLE));
    if (xl_form_date(since, XL_MSG_REG_F_SINCE, date, msg, sizeof msg))
        return xl_err_set(err, XL_EFAIL, "%s", msg);
    write_ctx c = {.building = building, .id = person_id, .role = role, .date = date};
    return xl_db_tx(db, resp_body, &c, err);
}

/* ---------- reveal ---------- */

/* The stored number: XL_OK, XL_ENOTFOUND (no person or no number), XL_EFAIL. */
static int stored_number(xl_db *db, int64_t pid, xl_reveal_field field, char *out, size_t size,
                         xl_err *err)
{
    sqlite3_stmt *st = query(db, err, field == XL_REVEAL_PHONE
                                 ? "SELECT 1, phone FROM person WHERE id = ?1"
                                 : "SELECT 1, id_number FROM person WHERE id = ?1", "i", pid);
    if (!st)
        return XL_EFAIL;
    int row = step_row(db, st, err), rc = row < 0 ? XL_EFAIL : XL_OK;
    if (row == 0)
        rc = xl_err_set(err, XL_ENOTFOUND, "%s", _(REG_E_NO_PERSON));
    else if (row == 1 && sqlite3_column_type(st, 1) == SQLITE_NULL)
        rc = xl_err_set(err, XL_ENOTFOUND, "%s", _(REG_E_NO_NUMBER));
    else if (row == 1)
        xl_strlcpy_utf8(out, xl_col_text(st, 1), size);
    sqlite3_finalize(st);
    return rc;
}

static int reveal_body(xl_db *db, void *ctx, xl_err *err)
{
    write_ctx *c = ctx;
    return audit_person(db, "person.reveal", c->id, c->detail, err);
}

static int reveal_audit(xl_db *db, int64_t pid, xl_reveal_field field, const char *reason, xl_err *err)
{
    xl_buf detail;
    xl_buf_init(&detail);
    xl_buf_printf(&detail, "field=%s reason=%s", field == XL_REVEAL_PHONE ? "phone" : "id_number", reason);
    write_ctx c = {.id = pid, .detail = detail.data};
    int rc = xl_db_tx(db, reveal_body, &c, err);
    xl_buf_release(&detail);
    return rc;
}

int xl_person_reveal(xl_db *db, int64_t person_id, xl_reveal_field field, const char *reason,
                     char *out, size_t size, xl_err *err)
{
    char why[REASON_MAX_BYTES], value[64];
    if (size)
        out[0] = '\0';
    xl_form_trim(reason, why, sizeof why);
    int bad, n = xl_form_count_chars(why, &bad);
    if (n < 2)
        return xl_err_set(err, XL_EUSAGE, "%s", _(REG_E_REASON));
    int rc = stored_number(db, person_id, field, value, sizeof value, err);
    if (rc == XL_OK)
        rc = reveal_audit(db, person_id, field, why, err);
    if (rc == XL_OK && size)
        xl_strlcpy_utf8(out, value, size);
    return rc;
}
