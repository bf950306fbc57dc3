/* pending.c — phone sign-in and sign-out waiting for an officer (pending.h): the form's
 * checks by the desk's sign-in rules, the queue, confirmation into the register, rejection
 * and expiry. Numbers leave this file masked; they are erased once a submission is done. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "core/db/db_internal.h"
#include "core/register/register_tx.h"
#include "core/register/signin_form.h"
#include "xiangli/date.h"
#include "xiangli/i18n.h"
#include "xiangli/idcard.h"
#include "xiangli/pending.h"

#define REASON_MIN_CHARS 2
#define REASON_MAX_BYTES 600
#define RECEIPT_TRIES 8

/* ---------- what the phone form may ask ---------- */

int xl_pending_token_ok(xl_db *db, int building, const char *token)
{
    if (!token || !*token || strlen(token) > 64)
        return 0;
    sqlite3_stmt *st = xl_db_prepare(db,
        "SELECT 1 FROM building WHERE number = ?1 AND signin_token = ?2 AND signin_token <> ''",
        NULL);
    if (!st)
        return 0;
    sqlite3_bind_int64(st, 1, building);
    sqlite3_bind_text(st, 2, token, -1, SQLITE_TRANSIENT);
    int ok = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return ok;
}

int xl_pending_rooms(xl_db *db, int building, char (**rooms)[9], size_t *n, xl_err *err)
{
    *rooms = NULL;
    *n = 0;
    sqlite3_stmt *st = xl_db_prepare(db,
        "SELECT room FROM room WHERE building = ?1 ORDER BY floor, length(room), room", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, building);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *rooms = xl_reallocarray(*rooms, *n + 1, sizeof **rooms);
        xl_col_copy(st, 0, (*rooms)[(*n)++], 9);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "rooms", err);
}

int xl_pending_secret(xl_db *db, char out[XL_SECRET_HEX + 1], xl_err *err)
{
    out[0] = '\0';
    sqlite3_stmt *st = xl_db_prepare(db, "SELECT value FROM meta WHERE key = 'serve.secret'", err);
    if (!st)
        return XL_EFAIL;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        xl_col_copy(st, 0, out, XL_SECRET_HEX + 1);
    sqlite3_finalize(st);
    if (strlen(out) != XL_SECRET_HEX)
        return xl_err_set(err, XL_EFAIL, "%s", _(PEND_E_NO_SECRET));
    return XL_OK;
}

/* ---------- submitting ---------- */

static void add_error(xl_field_errors *fe, xl_signin_field f, const char *msg)
{
    if (xl_field_errors_get(fe, f) || fe->n >= XL_SF_COUNT)
        return;
    fe->e[fe->n].field = f;
    xl_strlcpy_utf8(fe->e[fe->n].msg, msg, sizeof fe->e[fe->n].msg);
    fe->n++;
}

/* The desk's rules, the phone's own requirements, and the date as the action needs it. */
static int check_form(xl_db *db, int building, const xl_pending_form *f, int out,
                      xl_clean_form *c, xl_field_errors *fe)
{
    char num[16], msg[256];
    snprintf(num, sizeof num, "%d", building);
    xl_signin_form sf = {.name = f->name, .id_number = f->id_number, .phone = f->phone,
                         .building = num, .room = f->room, .role = "tenant",
                         .moved_in = out ? "" : f->date, .channel = "qr"};
    xl_signin_clean(db, &sf, c, fe);
    if (!c->id[0])
        add_error(fe, XL_SF_ID_NUMBER, _(PEND_E_ID_REQUIRED));
    if (!c->phone[0])
        add_error(fe, XL_SF_PHONE, _(PEND_E_PHONE_REQUIRED));
    if (out && xl_form_date(f->date, XL_MSG_REG_F_MOVED_OUT, c->moved_in, msg, sizeof msg))
        add_error(fe, XL_SF_MOVED_IN, msg);
    return fe->n ? XL_EFAIL : XL_OK;
}

/* Six characters without look-alikes (0/O, 1/I). */
static int receipt_new(char out[XL_RECEIPT_LEN + 1], xl_err *err)
{
    static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    unsigned char raw[XL_RECEIPT_LEN];
    if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw)
        return xl_err_set(err, XL_EFAIL, "%s", _(SYS_E_RANDOM));
    for (int i = 0; i < XL_RECEIPT_LEN; i++)
        out[i] = alphabet[raw[i] % 32];
    out[XL_RECEIPT_LEN] = '\0';
    return XL_OK;
}

typedef struct submit_ctx {
    int building, out;
    const xl_clean_form *c;
    char *receipt;
} submit_ctx;

static int submit_insert(xl_db *db, const submit_ctx *s, xl_err *err)
{
    char now[20];
    xl_now(now);
    sqlite3_stmt *st = xl_db_prepare(db,
        "INSERT INTO pending(receipt, building, room, action, name, gender, id_number, phone,"
        " date, submitted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_text(st, 1, s->receipt, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, s->building);
    sqlite3_bind_text(st, 3, s->c->room, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, s->out ? "out" : "in", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, s->c->name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 6, s->c->gender, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 7, s->c->id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 8, s->c->phone, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 9, s->c->moved_in, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 10, now, -1, SQLITE_TRANSIENT);
    return xl_db_step_done(db, st, "pending", err);
}

/* One transaction: the row (a fresh receipt until one is free) and its audit row, which
 * names no person. */
static int submit_body(xl_db *db, void *ctx, xl_err *err)
{
    submit_ctx *s = ctx;
    int rc = XL_EFAIL;
    for (int i = 0; i < RECEIPT_TRIES && rc != XL_OK; i++) {
        if (receipt_new(s->receipt, err))
            return XL_EFAIL;
        rc = submit_insert(db, s, err);
    }
    if (rc)
        return rc;
    char id[24], detail[96];
    snprintf(id, sizeof id, "%lld", (long long)sqlite3_last_insert_rowid(xl_db_handle(db)));
    snprintf(detail, sizeof detail, "building=%d room=%s action=%s receipt=%s", s->building,
             s->c->room, s->out ? "out" : "in", s->receipt);
    return xl_db_audit(db, "pending.submit", "pending", id, detail, err);
}

/* (register/ comes before place/ in core's order, so it asks the table itself.) */
static int building_exists(xl_db *db, int building)
{
    sqlite3_stmt *st = xl_db_prepare(db, "SELECT 1 FROM building WHERE number = ?1", NULL);
    if (!st)
        return 0;
    sqlite3_bind_int64(st, 1, building);
    int found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

/* Every check; *out = 1 for a sign-out. */
static int check_all(xl_db *db, int building, const xl_pending_form *f, int *out,
                     xl_clean_form *c, xl_field_errors *fe, xl_err *err)
{
    fe->n = 0;
    if (!building_exists(db, building))
        return xl_err_set(err, XL_ENOTFOUND, _(E_NO_BUILDING_FMT), building);
    *out = f->action && strcmp(f->action, "out") == 0;
    check_form(db, building, f, *out, c, fe); /* starts the list afresh */
    if (!f->action || (!*out && strcmp(f->action, "in") != 0))
        add_error(fe, XL_SF_CHANNEL, _(PEND_E_ACTION));
    return fe->n ? xl_field_errors_first(fe, err) : XL_OK;
}

int xl_pending_check(xl_db *db, int building, const xl_pending_form *f, xl_field_errors *fe,
                     xl_err *err)
{
    xl_clean_form c;
    int out;
    return check_all(db, building, f, &out, &c, fe, err);
}

int xl_pending_submit(xl_db *db, int building, const xl_pending_form *f, xl_field_errors *fe,
                      char receipt[XL_RECEIPT_LEN + 1], xl_err *err)
{
    xl_clean_form c;
    int out;
    receipt[0] = '\0';
    int rc = check_all(db, building, f, &out, &c, fe, err);
    if (rc)
        return rc;
    submit_ctx s = {building, out, &c, receipt};
    return xl_db_tx(db, submit_body, &s, err);
}

/* ---------- the queue ---------- */

/* The first day that is not expired: today - days. */
static void cutoff_of(int days, char out[11])
{
    char today[11];
    int z = 0;
    xl_today(today);
    xl_date_parse(today, &z);
    xl_date_format(z - days, out);
}

static int expire_body(xl_db *db, void *ctx, xl_err *err)
{
    const char *cutoff = ((const char **)ctx)[0];
    int *n = ((int **)ctx)[1];
    sqlite3_stmt *st = xl_db_prepare(db,
        "UPDATE pending SET state = 'expired', id_number = NULL, phone = NULL"
        " WHERE state = 'pending' AND submitted_at < ?1", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_text(st, 1, cutoff, -1, SQLITE_TRANSIENT);
    if (xl_db_step_done(db, st, "pending", err))
        return XL_EFAIL;
    *n = sqlite3_changes(xl_db_handle(db));
    if (*n == 0)
        return XL_OK;
    char detail[96];
    snprintf(detail, sizeof detail, "%d submitted before %s: numbers erased", *n, cutoff);
    return xl_db_audit(db, "pending.expire", "pending", NULL, detail, err);
}

static int count_where(xl_db *db, const char *sql, const char *cutoff, size_t *n, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_text(st, 1, cutoff, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    *n = rc == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? XL_OK : xl_db_fail(db, "pending", err);
}

int xl_pending_expire(xl_db *db, int days, int *n, xl_err *err)
{
    char cutoff[11];
    int count = 0;
    size_t due = 0;
    cutoff_of(days, cutoff);
    if (n)
        *n = 0;
    if (count_where(db, "SELECT count(*) FROM pending WHERE state = 'pending' AND submitted_at < ?1",
                    cutoff, &due, err))
        return XL_EFAIL;
    if (due == 0)
        return XL_OK; /* reading the queue writes nothing when nothing is due */
    const void *ctx[2] = {cutoff, &count};
    int rc = xl_db_tx(db, expire_body, (void *)ctx, err);
    if (rc == XL_OK && n)
        *n = count;
    return rc;
}

int xl_pending_count(xl_db *db, int days, size_t *n, xl_err *err)
{
    char cutoff[11];
    cutoff_of(days, cutoff);
    return count_where(db, "SELECT count(*) FROM pending WHERE state = 'pending' AND submitted_at >= ?1",
                       cutoff, n, err);
}

static void row_from(sqlite3_stmt *st, xl_pending_row *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    xl_col_copy(st, 1, r->receipt, sizeof r->receipt);
    r->building = sqlite3_column_int(st, 2);
    xl_col_copy(st, 3, r->room, sizeof r->room);
    xl_col_copy(st, 4, r->action, sizeof r->action);
    xl_col_copy(st, 5, r->name, sizeof r->name);
    xl_mask_id(xl_col_text(st, 6), r->id_masked, sizeof r->id_masked);
    xl_mask_phone(xl_col_text(st, 7), r->phone_masked, sizeof r->phone_masked);
    xl_col_copy(st, 8, r->date, sizeof r->date);
    xl_col_copy(st, 9, r->submitted_at, sizeof r->submitted_at);
    r->expired = strcmp(xl_col_text(st, 10), "expired") == 0;
}

int xl_pending_list(xl_db *db, int days, xl_pending_row **rows, size_t *n, xl_err *err)
{
    *rows = NULL;
    *n = 0;
    if (xl_pending_expire(db, days, NULL, err))
        return XL_EFAIL;
    sqlite3_stmt *st = xl_db_prepare(db,
        "SELECT id, receipt, building, room, action, name, id_number, phone, date, submitted_at,"
        " state FROM pending WHERE state IN ('pending', 'expired') ORDER BY submitted_at, id", err);
    if (!st)
        return XL_EFAIL;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *rows = xl_reallocarray(*rows, *n + 1, sizeof **rows);
        row_from(st, &(*rows)[(*n)++]);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "pending", err);
}

void xl_pending_json(const xl_pending_row *rows, size_t n, xl_buf *out)
{
    xl_buf_puts(out, "[");
    for (size_t i = 0; i < n; i++) {
        const xl_pending_row *r = &rows[i];
        xl_buf_printf(out, "%s\n  {\"id\": %lld, \"building\": %d, \"room\": ", i ? "," : "",
                      (long long)r->id, r->building);
        xl_buf_json_str(out, r->room);
        xl_buf_puts(out, ", \"name\": ");
        xl_buf_json_str(out, r->name);
        xl_buf_puts(out, ", \"action\": ");
        xl_buf_json_str(out, r->action);
        xl_buf_puts(out, ", \"id_masked\": ");
        xl_buf_json_str(out, r->id_masked);
        xl_buf_puts(out, ", \"phone_masked\": ");
        xl_buf_json_str(out, r->phone_masked);
        xl_buf_puts(out, ", \"submitted_at\": ");
        xl_buf_json_str(out, r->submitted_at);
        xl_buf_puts(out, "}");
    }
    xl_buf_puts(out, n ? "\n]\n" : "]\n");
}

/* ---------- one submission, whole ---------- */

typedef struct pending_full {
    int64_t id;
    int building;
    char room[9], action[4], name[100], gender[2], id_number[19], phone[12], date[11];
    char state[12];
} pending_full;

static int full_load(xl_db *db, int64_t id, pending_full *p, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db,
        "SELECT building, room, action, name, gender, coalesce(id_number, ''),"
        " coalesce(phone, ''), date, state FROM pending WHERE id = ?1", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        p->id = id;
        p->building = sqlite3_column_int(st, 0);
        xl_col_copy(st, 1, p->room, sizeof p->room);
        xl_col_copy(st, 2, p->action, sizeof p->action);
        xl_col_copy(st, 3, p->name, sizeof p->name);
        xl_col_copy(st, 4, p->gender, sizeof p->gender);
        xl_col_copy(st, 5, p->id_number, sizeof p->id_number);
        xl_col_copy(st, 6, p->phone, sizeof p->phone);
        xl_col_copy(st, 7, p->date, sizeof p->date);
        xl_col_copy(st, 8, p->state, sizeof p->state);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE || (rc == SQLITE_ROW && strcmp(p->state, "pending") != 0 &&
                              strcmp(p->state, "expired") != 0))
        return xl_err_set(err, XL_ENOTFOUND, "%s", _(PEND_E_NOT_WAITING));
    return rc == SQLITE_ROW ? XL_OK : xl_db_fail(db, "pending", err);
}

int xl_pending_match_find(xl_db *db, int64_t id, xl_pending_match *m, xl_err *err)
{
    pending_full p;
    xl_existing e;
    memset(m, 0, sizeof *m);
    int rc = full_load(db, id, &p, err);
    if (rc)
        return rc;
    if (!p.id_number[0])
        return XL_OK;
    rc = xl_signin_find_existing(db, p.id_number, &e, err);
    if (rc == XL_ENOTFOUND)
        return XL_OK;
    if (rc)
        return rc;
    m->person_id = e.person_id;
    xl_strlcpy_utf8(m->name, e.name, sizeof m->name);
    m->building = e.building;
    xl_strlcpy_utf8(m->room, e.room, sizeof m->room);
    return XL_OK;
}

/* ---------- confirming and rejecting ---------- */

/* Marks the submission done, erases its numbers and writes the audit row. */
static int close_pending(xl_db *db, const pending_full *p, const char *state, const char *reason,
                         int64_t person_id, xl_err *err)
{
    char now[20], id[24], detail[REASON_MAX_BYTES + 96];
    xl_now(now);
    sqlite3_stmt *st = xl_db_prepare(db,
        "UPDATE pending SET state = ?2, decided_at = ?3, decided_by = ?4, reason = ?5,"
        " person_id = ?6, id_number = NULL, phone = NULL WHERE id = ?1", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, p->id);
    sqlite3_bind_text(st, 2, state, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, xl_db_operator(db), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, reason, -1, SQLITE_TRANSIENT);
    if (person_id > 0)
        sqlite3_bind_int64(st, 6, person_id);
    if (xl_db_step_done(db, st, "pending", err))
        return XL_EFAIL;
    snprintf(id, sizeof id, "%lld", (long long)p->id);
    snprintf(detail, sizeof detail, "building=%d room=%s action=%s%s%s", p->building, p->room,
             p->action, reason[0] ? " reason=" : "", reason);
    return xl_db_audit(db, strcmp(state, "confirmed") == 0 ? "pending.confirm" : "pending.reject",
                       "pending", id, detail, err);
}

typedef struct confirm_ctx {
    pending_full p;
    int allow_move;
    xl_pending_outcome *out;
} confirm_ctx;

static int confirm_in(xl_db *db, confirm_ctx *c, xl_err *err)
{
    char num[16];
    xl_existing e;
    snprintf(num, sizeof num, "%d", c->p.building);
    xl_signin_form f = {.name = c->p.name, .gender = c->p.gender, .id_number = c->p.id_number,
                        .phone = c->p.phone, .building = num, .room = c->p.room,
                        .role = "tenant", .moved_in = c->p.date, .channel = "qr"};
    int rc = xl_signin_find_existing(db, c->p.id_number, &e, err);
    if (rc != XL_OK && rc != XL_ENOTFOUND)
        return rc;
    int known = rc == XL_OK, elsewhere = known && e.residency_id > 0;
    if (elsewhere && (e.building != c->p.building || strcmp(e.room, c->p.room) != 0)) {
        c->out->moved = 1;
        c->out->from_building = e.building;
        xl_strlcpy_utf8(c->out->from_room, e.room, sizeof c->out->from_room);
        if (!c->allow_move)
            return xl_err_set(err, XL_EFAIL, _(PEND_E_MOVE_FMT), e.name, e.building, e.room,
                              c->p.building, c->p.room);
    }
    c->out->person_id = e.person_id;
    return xl_signin_commit_in_tx(db, &f, known ? XL_SIGNIN_MOVE : XL_SIGNIN_NEW,
                                  &c->out->person_id, err);
}

static int confirm_out(xl_db *db, confirm_ctx *c, xl_err *err)
{
    xl_existing e;
    int rc = xl_signin_find_existing(db, c->p.id_number, &e, err);
    if (rc == XL_ENOTFOUND)
        return xl_err_set(err, XL_EFAIL, "%s", _(PEND_E_OUT_NOBODY));
    if (rc)
        return rc;
    if (e.residency_id == 0)
        return xl_err_set(err, XL_EFAIL, "%s", _(REG_E_NOT_LIVING));
    if (e.building != c->p.building || strcmp(e.room, c->p.room) != 0)
        return xl_err_set(err, XL_EFAIL, _(PEND_E_OUT_ELSEWHERE_FMT), e.building, e.room,
                          c->p.building, c->p.room);
    c->out->person_id = e.person_id;
    return xl_signout_in_tx(db, e.residency_id, c->p.date, "qr", err);
}

static int confirm_body(xl_db *db, void *ctx, xl_err *err)
{
    confirm_ctx *c = ctx;
    int rc = strcmp(c->p.action, "in") == 0 ? confirm_in(db, c, err) : confirm_out(db, c, err);
    if (rc)
        return rc;
    return close_pending(db, &c->p, "confirmed", "", c->out->person_id, err);
}

int xl_pending_confirm(xl_db *db, int64_t id, int allow_move, xl_pending_outcome *out,
                       xl_err *err)
{
    confirm_ctx c = {.allow_move = allow_move, .out = out};
    memset(out, 0, sizeof *out);
    int rc = full_load(db, id, &c.p, err);
    if (rc)
        return rc;
    if (strcmp(c.p.state, "expired") == 0)
        return xl_err_set(err, XL_EFAIL, "%s", _(PEND_E_EXPIRED));
    rc = xl_db_tx(db, confirm_body, &c, err);
    if (rc != XL_OK && !(out->moved && !allow_move))
        out->moved = 0;
    return rc;
}

typedef struct reject_ctx {
    pending_full p;
    char reason[REASON_MAX_BYTES];
} reject_ctx;

static int reject_body(xl_db *db, void *ctx, xl_err *err)
{
    reject_ctx *r = ctx;
    return close_pending(db, &r->p, "rejected", r->reason, 0, err);
}

int xl_pending_reject(xl_db *db, int64_t id, const char *reason, xl_err *err)
{
    reject_ctx r;
    int bad;
    size_t len = xl_form_trim(reason, r.reason, sizeof r.reason);
    if (len == 0 || len >= sizeof r.reason || xl_form_count_chars(r.reason, &bad) < REASON_MIN_CHARS ||
        bad)
        return xl_err_set(err, XL_EUSAGE, "%s", _(PEND_E_REASON));
    int rc = full_load(db, id, &r.p, err);
    if (rc)
        return rc;
    return xl_db_tx(db, reject_body, &r, err);
}
