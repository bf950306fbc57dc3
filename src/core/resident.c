/* resident.c — the register's writes: the sign-in form and its checks, sign-in and move,
 * sign-out, confirmation, first responsible person, the audited reveal.
 * Each write is BEGIN IMMEDIATE → checks → changes → audit → COMMIT; any failure rolls back.
 * Reads (card, stale list, register window) are in residency.c. */
#include "xiangli/resident.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "xiangli/i18n.h"
#include "xiangli/idcard.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

#define NAME_MAX_CHARS 32
#define PROVINCE_MAX_CHARS 16
#define WORKPLACE_MAX_CHARS 40
#define REASON_MAX_BYTES 600

/* ---------- field table ---------- */

static const char *const field_keys[] = {
#define XL_X(id, key, label) key,
    XL_SIGNIN_FIELDS(XL_X)
#undef XL_X
};

static const xl_msg field_labels[] = {
#define XL_X(id, key, label) XL_MSG_##label,
    XL_SIGNIN_FIELDS(XL_X)
#undef XL_X
};

const char *xl_signin_field_key(xl_signin_field f)
{
    return (unsigned)f < XL_SF_COUNT ? field_keys[f] : "";
}

const char *xl_signin_field_label(xl_signin_field f)
{
    return (unsigned)f < XL_SF_COUNT ? xl_tr(field_labels[f]) : "";
}

const char *xl_field_errors_get(const xl_field_errors *fe, xl_signin_field f)
{
    for (size_t i = 0; i < fe->n; i++)
        if (fe->e[i].field == f)
            return fe->e[i].msg;
    return NULL;
}

__attribute__((format(printf, 3, 4)))
static void field_error(xl_field_errors *fe, xl_signin_field f, const char *fmt, ...)
{
    if (xl_field_errors_get(fe, f) || fe->n >= XL_SF_COUNT)
        return;
    xl_field_error *e = &fe->e[fe->n++];
    e->field = f;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
}

/* ---------- text helpers ---------- */

/* Blanks: ASCII white space and the ideographic space U+3000 that Chinese input gives. */
static size_t blank_at(const char *s)
{
    if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        return 1;
    return strncmp(s, "\xE3\x80\x80", 3) == 0 ? 3 : 0;
}

/* Copies s without surrounding blanks into out; returns the trimmed byte length (which may
 * exceed size - 1: then out holds a cut copy and the caller reports "too long"). */
static size_t trim_copy(const char *s, char *out, size_t size)
{
    s = s ? s : "";
    size_t k;
    while ((k = blank_at(s)) > 0)
        s += k;
    size_t n = strlen(s), end = n;
    for (size_t i = 0; i < n;) {
        k = blank_at(s + i);
        i += k ? k : 1;
        if (!k)
            end = i;
    }
    n = end;
    if (n < size) {
        memcpy(out, s, n);
        out[n] = '\0';
    } else {
        char *tmp = xl_strndup(s, n);
        xl_strlcpy_utf8(out, tmp, size);
        free(tmp);
    }
    return n;
}

/* Code points in s; *bad = 1 for invalid UTF-8 or a control character. */
static int count_chars(const char *s, int *bad)
{
    size_t n = strlen(s);
    int count = 0;
    *bad = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = xl_utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD || cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
            *bad = 1;
        i += k ? k : 1;
        count++;
    }
    return count;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

/* 1 when s is a real date YYYY-MM-DD from 1900 on. */
static int real_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    return y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* A date field: empty = today; else a real date not after today. 0 when fine, else the
 * message is written to msg. */
static int date_field(const char *raw, xl_msg label, char out[11], char *msg, size_t size)
{
    char s[32], today[11];
    xl_today(today);
    if (trim_copy(raw, s, sizeof s) == 0) {
        memcpy(out, today, 11);
        return 0;
    }
    if (!real_date(s)) {
        snprintf(msg, size, _(REG_E_DATE_BAD_FMT), xl_tr(label));
        return 1;
    }
    if (strcmp(s, today) > 0) {
        snprintf(msg, size, _(REG_E_DATE_FUTURE_FMT), xl_tr(label), today);
        return 1;
    }
    memcpy(out, s, 11);
    return 0;
}

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

/* Commits when rc is XL_OK, else rolls back; returns the final status. */
static int finish(xl_db *db, int rc, xl_err *err)
{
    if (rc != XL_OK) {
        xl_db_rollback(db);
        return rc;
    }
    return xl_db_commit(db, err);
}

static int audit_person(xl_db *db, const char *action, int64_t person_id, const char *detail,
                        xl_err *err)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)person_id);
    return xl_db_audit(db, action, "person", id, detail, err);
}

/* ---------- the form, field by field ---------- */

typedef struct clean_form {
    char name[100], gender[2], id[19], phone[12], province[52], workplace[124];
    int building, role, channel, building_ok;
    char room[9], moved_in[11];
} clean_form;

static void check_name(const char *raw, clean_form *c, xl_field_errors *fe)
{
    char s[400];
    size_t len = trim_copy(raw, s, sizeof s);
    int bad, n = count_chars(s, &bad);
    if (len == 0)
        field_error(fe, XL_SF_NAME, "%s", _(REG_E_NAME_EMPTY));
    else if (len >= sizeof s || n > NAME_MAX_CHARS)
        field_error(fe, XL_SF_NAME, _(REG_E_NAME_LONG_FMT), NAME_MAX_CHARS);
    else if (bad)
        field_error(fe, XL_SF_NAME, "%s", _(REG_E_NAME_BAD));
    else
        xl_strlcpy_utf8(c->name, s, sizeof c->name);
}

static void check_gender(const char *raw, clean_form *c, xl_field_errors *fe)
{
    static const char *const male[] = {"男", "M", "m", "male", "Male"};
    static const char *const female[] = {"女", "F", "f", "female", "Female"};
    char s[32];
    trim_copy(raw, s, sizeof s);
    c->gender[0] = '\0';
    for (size_t i = 0; i < sizeof male / sizeof male[0]; i++) {
        if (strcmp(s, male[i]) == 0)
            strcpy(c->gender, "M");
        if (strcmp(s, female[i]) == 0)
            strcpy(c->gender, "F");
    }
    if (s[0] && !c->gender[0])
        field_error(fe, XL_SF_GENDER, "%s", _(REG_E_GENDER));
}

/* Which rule an ID number that xl_id_validate refused breaks, for a message beside the
 * field: its shape, its birth date, or only its check character. */
static void id_problem(const char *id, xl_field_errors *fe)
{
    char fixed[19], birth[11], today[11];
    memcpy(fixed, id, 19);
    fixed[17] = xl_id_check_char(id);
    if (xl_id_validate(fixed, NULL, NULL) == XL_OK) {
        field_error(fe, XL_SF_ID_NUMBER, _(REG_E_ID_CHECK_FMT), fixed[17]);
        return;
    }
    snprintf(birth, sizeof birth, "%.4s-%.2s-%.2s", id + 6, id + 10, id + 12);
    xl_today(today);
    if (real_date(birth) && strcmp(birth, today) > 0)
        field_error(fe, XL_SF_ID_NUMBER, _(REG_E_ID_FUTURE_FMT), birth);
    else
        field_error(fe, XL_SF_ID_NUMBER, _(REG_E_ID_BIRTH_FMT), birth);
}

static void check_id(const char *raw, clean_form *c, xl_field_errors *fe)
{
    char s[64];
    size_t len = trim_copy(raw, s, sizeof s);
    int bad, n = count_chars(s, &bad);
    c->id[0] = '\0';
    if (len == 0)
        return;
    if (len >= sizeof s || n != 18) {
        field_error(fe, XL_SF_ID_NUMBER, _(REG_E_ID_LEN_FMT), len >= sizeof s ? (int)len : n);
        return;
    }
    if (s[17] == 'x')
        s[17] = 'X';
    if (strspn(s, "0123456789") < 17 || !(s[17] == 'X' || (s[17] >= '0' && s[17] <= '9'))) {
        field_error(fe, XL_SF_ID_NUMBER, "%s", _(REG_E_ID_CHARS));
        return;
    }
    if (xl_id_validate(s, c->id, NULL) != XL_OK)
        id_problem(s, fe);
}

static void check_phone(const char *raw, clean_form *c, xl_field_errors *fe)
{
    char s[64], digits[64];
    size_t len = trim_copy(raw, s, sizeof s), k = 0;
    c->phone[0] = '\0';
    if (len == 0)
        return;
    for (size_t i = 0; s[i]; i++)
        if (s[i] != ' ' && s[i] != '-')
            digits[k++] = s[i];
    digits[k] = '\0';
    if (xl_phone_validate(digits, NULL) == XL_OK) {
        memcpy(c->phone, digits, 12);
        return;
    }
    int bad;
    if (strspn(digits, "0123456789") != k)
        field_error(fe, XL_SF_PHONE, "%s", _(REG_E_PHONE_CHARS));
    else if (k != 11 || len >= sizeof s)
        field_error(fe, XL_SF_PHONE, _(REG_E_PHONE_LEN_FMT), count_chars(digits, &bad));
    else
        field_error(fe, XL_SF_PHONE, "%s", _(REG_E_PHONE_PREFIX));
}

/* An optional free-text field of at most max characters. */
static void check_text(const char *raw, xl_signin_field f, int max, char *out, size_t size,
                       xl_field_errors *fe)
{
    char s[600];
    size_t len = trim_copy(raw, s, sizeof s);
    int bad, n = count_chars(s, &bad);
    if (len >= sizeof s || n > max)
        field_error(fe, f, _(REG_E_TEXT_LONG_FMT), xl_signin_field_label(f), max);
    else if (bad)
        field_error(fe, f, _(REG_E_TEXT_BAD_FMT), xl_signin_field_label(f));
    else
        xl_strlcpy_utf8(out, s, size);
}

/* Steps a prepared query once and finalizes it: 1 a row, 0 none, -1 error (in err). */
static int exists(xl_db *db, sqlite3_stmt *st, xl_err *err)
{
    if (!st)
        return -1;
    int found = step_row(db, st, err);
    sqlite3_finalize(st);
    return found;
}

static void check_building(xl_db *db, const char *raw, clean_form *c, xl_field_errors *fe)
{
    char s[32];
    size_t len = trim_copy(raw, s, sizeof s);
    c->building_ok = 0;
    if (len == 0) {
        field_error(fe, XL_SF_BUILDING, "%s", _(REG_E_BUILDING_EMPTY));
        return;
    }
    if (len > 5 || strspn(s, "0123456789") != len || atoi(s) < 1) {
        field_error(fe, XL_SF_BUILDING, "%s", _(REG_E_BUILDING_BAD));
        return;
    }
    c->building = atoi(s);
    xl_err err;
    int found = exists(db, query(db, &err, "SELECT 1 FROM building WHERE number = ?1", "i",
                                 (int64_t)c->building), &err);
    if (found < 0)
        field_error(fe, XL_SF_BUILDING, "%s", err.msg);
    else if (!found)
        field_error(fe, XL_SF_BUILDING, _(REG_E_BUILDING_NONE_FMT), c->building);
    c->building_ok = found == 1;
}

static int room_chars_ok(const char *s)
{
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
            return 0;
    return 1;
}

static void check_room(xl_db *db, const char *raw, clean_form *c, xl_field_errors *fe)
{
    char s[32];
    size_t len = trim_copy(raw, s, sizeof s);
    if (len == 0) {
        field_error(fe, XL_SF_ROOM, "%s", _(REG_E_ROOM_EMPTY));
        return;
    }
    if (len > 8 || !room_chars_ok(s)) {
        field_error(fe, XL_SF_ROOM, "%s", _(REG_E_ROOM_BAD));
        return;
    }
    memcpy(c->room, s, len + 1);
    if (!c->building_ok)
        return; /* the building's own message says what is wrong */
    xl_err err;
    int found = exists(db, query(db, &err, "SELECT 1 FROM room WHERE building = ?1 AND room = ?2", "it",
                                 (int64_t)c->building, s), &err);
    if (found < 0)
        field_error(fe, XL_SF_ROOM, "%s", err.msg);
    else if (!found)
        field_error(fe, XL_SF_ROOM, _(REG_E_ROOM_NONE_FMT), c->building, s);
}

static void check_choice(const char *raw, xl_signin_field f, clean_form *c, xl_field_errors *fe)
{
    char s[64];
    trim_copy(raw, s, sizeof s);
    if (f == XL_SF_ROLE) {
        c->role = s[0] ? xl_role_parse(s) : -1;
        if (c->role < 0)
            field_error(fe, f, "%s", _(REG_E_ROLE));
        return;
    }
    c->channel = s[0] ? xl_channel_parse(s) : XL_CHANNEL_DESK;
    if (c->channel < 0)
        field_error(fe, f, "%s", _(REG_E_CHANNEL));
}

/* Gender from the ID number when not given (and agreement when given); move-in not
 * before birth. */
static void check_against_id(clean_form *c, xl_field_errors *fe)
{
    if (!c->id[0])
        return;
    const char *by_id = (c->id[16] - '0') % 2 ? "M" : "F";
    if (!c->gender[0] && !xl_field_errors_get(fe, XL_SF_GENDER))
        strcpy(c->gender, by_id);
    else if (c->gender[0] && strcmp(c->gender, by_id) != 0)
        field_error(fe, XL_SF_GENDER, _(REG_E_GENDER_ID_FMT),
                    by_id[0] == 'M' ? _(REG_GENDER_M) : _(REG_GENDER_F));
    char birth[11];
    snprintf(birth, sizeof birth, "%.4s-%.2s-%.2s", c->id + 6, c->id + 10, c->id + 12);
    if (c->moved_in[0] && strcmp(c->moved_in, birth) < 0)
        field_error(fe, XL_SF_MOVED_IN, _(REG_E_DATE_BIRTH_FMT), birth);
}

static int validate(xl_db *db, const xl_signin_form *f, clean_form *c, xl_field_errors *fe)
{
    memset(c, 0, sizeof *c);
    fe->n = 0;
    check_name(f->name, c, fe);
    check_gender(f->gender, c, fe);
    check_id(f->id_number, c, fe);
    check_phone(f->phone, c, fe);
    check_text(f->province, XL_SF_PROVINCE, PROVINCE_MAX_CHARS, c->province, sizeof c->province, fe);
    check_text(f->workplace, XL_SF_WORKPLACE, WORKPLACE_MAX_CHARS, c->workplace, sizeof c->workplace, fe);
    check_building(db, f->building, c, fe);
    check_room(db, f->room, c, fe);
    check_choice(f->role, XL_SF_ROLE, c, fe);
    char msg[256];
    if (date_field(f->moved_in, XL_MSG_REG_F_MOVED_IN, c->moved_in, msg, sizeof msg))
        field_error(fe, XL_SF_MOVED_IN, "%s", msg);
    check_choice(f->channel, XL_SF_CHANNEL, c, fe);
    check_against_id(c, fe);
    return fe->n ? XL_EFAIL : XL_OK;
}

int xl_signin_validate(xl_db *db, const xl_signin_form *form, xl_field_errors *out)
{
    clean_form c;
    return validate(db, form, &c, out);
}

/* The first field error as "label: message" (fields are kept in form order). */
static int first_error(xl_field_errors *fe, xl_err *err)
{
    size_t best = 0;
    for (size_t i = 1; i < fe->n; i++)
        if (fe->e[i].field < fe->e[best].field)
            best = i;
    return xl_err_set(err, XL_EFAIL, _(REG_E_FIELD_FMT), xl_signin_field_label(fe->e[best].field),
                      fe->e[best].msg);
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
    size_t len = trim_copy(id_number, id, sizeof id);
    if (len == 0 || len >= sizeof id)
        return xl_err_set(err, XL_ENOTFOUND, "%s", _(REG_E_MOVE_NOBODY));
    if (len == 18 && id[17] == 'x')
        id[17] = 'X';
    sqlite3_stmt *st = query(db, err, existing_sql, "t", id);
    if (!st)
        return XL_EFAIL;
    int row = step_row(db, st, err);
    if (row == 1)
        existing_from_row(st, out);
    sqlite3_finalize(st);
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

static void signin_detail(const clean_form *c, char *out, size_t size)
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
    return xl_err_set(err, XL_EFAIL, _(REG_E_ID_TAKEN_FMT), ex.name, (long long)ex.person_id);
}

static int signin_new(xl_db *db, const clean_form *c, int64_t *person_id, xl_err *err)
{
    if (c->id[0] && id_taken(db, c->id, person_id, err))
        return XL_EFAIL;
    char now[20];
    xl_now(now);
    if (run(db, err, insert_person_sql, "ttnnttt", c->name, c->gender, c->id, c->phone, c->province,
            c->workplace, now))
        return XL_EFAIL;
    int64_t pid = sqlite3_last_insert_rowid(xl_db_handle(db));
    char detail[256];
    signin_detail(c, detail, sizeof detail);
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
    signin_detail(c, to, sizeof to);
    if (have)
        snprintf(from, sizeof from, "%d-%s", h.building, h.room);
    snprintf(detail, sizeof detail, "from=%s %s", from, to);
    if (audit_person(db, "resident.move", pid, detail, err))
        return XL_EFAIL;
    *person_id = pid;
    return XL_OK;
}

int xl_signin_commit(xl_db *db, const xl_signin_form *form, xl_signin_mode mode,
                     int64_t *person_id, xl_err *err)
{
    xl_err_clear(err);
    if (!form || !person_id)
        return xl_err_set(err, XL_EUSAGE, "sign-in: no form or no person id");
    if (xl_db_begin(db, err))
        return XL_EFAIL;
    clean_form c;
    xl_field_errors fe;
    int rc;
    if (validate(db, form, &c, &fe))
        rc = first_error(&fe, err);
    else if (mode == XL_SIGNIN_NEW)
        rc = signin_new(db, &c, person_id, err);
    else
        rc = signin_move(db, &c, person_id, err);
    return finish(db, rc, err);
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
    if (date_field(date, XL_MSG_REG_F_MOVED_OUT, out, msg, sizeof msg))
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

int xl_signout(xl_db *db, int64_t residency_id, const char *moved_out, const char *channel, xl_err *err)
{
    if (xl_db_begin(db, err))
        return XL_EFAIL;
    return finish(db, signout_in_tx(db, residency_id, moved_out, channel, err), err);
}

int xl_signout_person(xl_db *db, int64_t person_id, const char *moved_out, const char *channel,
                      xl_err *err)
{
    if (xl_db_begin(db, err))
        return XL_EFAIL;
    current_home h;
    int have = current_of(db, person_id, &h, err);
    int rc = have < 0 ? XL_EFAIL : XL_OK;
    if (have == 0)
        rc = xl_err_set(err, XL_ENOTFOUND, "%s", _(REG_E_NOT_LIVING));
    if (have == 1)
        rc = signout_in_tx(db, h.id, moved_out, channel, err);
    return finish(db, rc, err);
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

int xl_residency_confirm(xl_db *db, int64_t residency_id, xl_err *err)
{
    if (xl_db_begin(db, err))
        return XL_EFAIL;
    return finish(db, confirm_in_tx(db, residency_id, err), err);
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
        return xl_err_set(err, XL_ENOTFOUND, _(REG_E_BUILDING_NONE_FMT), building);
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

int xl_building_set_responsible(xl_db *db, int building, int64_t person_id, xl_role role,
                                const char *since, xl_err *err)
{
    char date[11], msg[256];
    if (role != XL_ROLE_OWNER && role != XL_ROLE_SUBLANDLORD)
        return xl_err_set(err, XL_EUSAGE, "%s", _(REG_E_RESP_ROLE));
    if (date_field(since, XL_MSG_REG_F_SINCE, date, msg, sizeof msg))
        return xl_err_set(err, XL_EFAIL, "%s", msg);
    if (xl_db_begin(db, err))
        return XL_EFAIL;
    return finish(db, resp_in_tx(db, building, person_id, role, date, err), err);
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

static int reveal_audit(xl_db *db, int64_t pid, xl_reveal_field field, const char *reason, xl_err *err)
{
    xl_buf detail;
    xl_buf_init(&detail);
    xl_buf_printf(&detail, "field=%s reason=%s", field == XL_REVEAL_PHONE ? "phone" : "id_number", reason);
    int rc = xl_db_begin(db, err);
    if (rc == XL_OK)
        rc = finish(db, audit_person(db, "person.reveal", pid, detail.data, err), err);
    xl_buf_release(&detail);
    return rc;
}

int xl_person_reveal(xl_db *db, int64_t person_id, xl_reveal_field field, const char *reason,
                     char *out, size_t size, xl_err *err)
{
    char why[REASON_MAX_BYTES], value[64];
    if (size)
        out[0] = '\0';
    trim_copy(reason, why, sizeof why);
    int bad, n = count_chars(why, &bad);
    if (n < 2)
        return xl_err_set(err, XL_EUSAGE, "%s", _(REG_E_REASON));
    int rc = stored_number(db, person_id, field, value, sizeof value, err);
    if (rc == XL_OK)
        rc = reveal_audit(db, person_id, field, why, err);
    if (rc == XL_OK && size)
        xl_strlcpy_utf8(out, value, size);
    return rc;
}
