/* signin_form.c — the sign-in form (签进表) and its checks, field by field: the one set of
 * rules that the desk form, the QR sign-in and the importer share (resident.h describes
 * them; signin_form.h is the core-internal side). The writes are in resident.c. */
#include "core/register/signin_form.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db/db_internal.h"
#include "xiangli/date.h"
#include "xiangli/idcard.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

#define NAME_MAX_CHARS 32
#define PROVINCE_MAX_CHARS 16
#define WORKPLACE_MAX_CHARS 40

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
size_t xl_form_trim(const char *s, char *out, size_t size)
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
int xl_form_count_chars(const char *s, int *bad)
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

/* A date field: empty = today; else a real date not after today. 0 when fine, else the
 * message is written to msg. */
int xl_form_date(const char *raw, xl_msg label, char out[11], char *msg, size_t size)
{
    return xl_form_date_on(raw, label, NULL, out, msg, size);
}

int xl_form_date_on(const char *raw, xl_msg label, const char *day, char out[11], char *msg, size_t size)
{
    char s[32], today[11];
    if (day)
        memcpy(today, day, 11);
    else
        xl_today(today);
    if (xl_form_trim(raw, s, sizeof s) == 0) {
        memcpy(out, today, 11);
        return 0;
    }
    xl_date_status st = xl_date_read(s, s);
    if (st != XL_DATE_OK) {
        snprintf(msg, size, _(REG_E_FIELD_FMT), xl_tr(label), xl_date_problem(st));
        return 1;
    }
    if (strcmp(s, today) > 0) {
        snprintf(msg, size, _(REG_E_DATE_FUTURE_FMT), xl_tr(label), today);
        return 1;
    }
    memcpy(out, s, 11);
    return 0;
}

/* ---------- the form, field by field ---------- */

static int han(uint32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F) || cp == 0x3007;
}

static int latin(uint32_t cp)
{
    return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
           (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

/* The marks between the parts of a name: the middle dot (and its look-alikes), a space;
 * a hyphen or an apostrophe inside a Latin name (Jean-Luc, O'Brien). */
static int joiner(uint32_t cp)
{
    return cp == 0xB7 || cp == 0x30FB || cp == 0x2027 || cp == 0x2022 || cp == ' ' ||
           cp == '-' || cp == '\'';
}

/* 1 when a name is letters (Chinese, or Latin for a foreign tenant), its parts joined by
 * one mark each, with no mark first or last. */
int xl_name_letters_ok(const char *s)
{
    size_t n = strlen(s);
    int prev_letter = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = xl_utf8_decode(s + i, n - i, &cp);
        int letter = han(cp) || latin(cp);
        if (!letter && (!joiner(cp) || !prev_letter))
            return 0;
        prev_letter = letter;
        i += k ? k : 1;
    }
    return n > 0 && prev_letter;
}

static void check_name(const char *raw, xl_clean_form *c, xl_field_errors *fe)
{
    char s[400];
    size_t len = xl_form_trim(raw, s, sizeof s);
    int bad, n = xl_form_count_chars(s, &bad);
    if (len == 0)
        field_error(fe, XL_SF_NAME, "%s", _(REG_E_NAME_EMPTY));
    else if (len >= sizeof s || n > NAME_MAX_CHARS)
        field_error(fe, XL_SF_NAME, _(REG_E_NAME_LONG_FMT), NAME_MAX_CHARS);
    else if (bad || !xl_name_letters_ok(s))
        field_error(fe, XL_SF_NAME, "%s", _(REG_E_NAME_LETTERS));
    else
        xl_strlcpy_utf8(c->name, s, sizeof c->name);
}

static void check_gender(const char *raw, xl_clean_form *c, xl_field_errors *fe)
{
    static const char *const male[] = {"男", "M", "m", "male", "Male"};
    static const char *const female[] = {"女", "F", "f", "female", "Female"};
    char s[32];
    xl_form_trim(raw, s, sizeof s);
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

static void check_id(const char *raw, const char *today, xl_clean_form *c, xl_field_errors *fe)
{
    char s[64];
    size_t len = xl_form_trim(raw, s, sizeof s);
    int bad, n = xl_form_count_chars(s, &bad);
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
    xl_id_status st = xl_id_check_on(s, today);
    if (st != XL_ID_OK) {
        char msg[256];
        xl_id_problem(s, st, msg, sizeof msg);
        field_error(fe, XL_SF_ID_NUMBER, "%s", msg);
        return;
    }
    memcpy(c->id, s, 19); /* checked: 18 characters, the last one upper-case */
}

static void check_phone(const char *raw, xl_clean_form *c, xl_field_errors *fe)
{
    char s[64], digits[64];
    size_t len = xl_form_trim(raw, s, sizeof s), k = 0;
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
        field_error(fe, XL_SF_PHONE, _(REG_E_PHONE_LEN_FMT), xl_form_count_chars(digits, &bad));
    else
        field_error(fe, XL_SF_PHONE, "%s", _(REG_E_PHONE_PREFIX));
}

/* An optional free-text field of at most max characters. */
static void check_text(const char *raw, xl_signin_field f, int max, char *out, size_t size,
                       xl_field_errors *fe)
{
    char s[600];
    size_t len = xl_form_trim(raw, s, sizeof s);
    int bad, n = xl_form_count_chars(s, &bad);
    if (len >= sizeof s || n > max)
        field_error(fe, f, _(REG_E_TEXT_LONG_FMT), xl_signin_field_label(f), max);
    else if (bad)
        field_error(fe, f, _(REG_E_TEXT_BAD_FMT), xl_signin_field_label(f));
    else
        xl_strlcpy_utf8(out, s, size);
}

/* 1 when sql (binding the building, then the room unless NULL) returns a row, 0 when not,
 * -1 on a database error (in err). */
static int row_exists(xl_db *db, const char *sql, int building, const char *room, xl_err *err)
{
    sqlite3_stmt *st = xl_db_cached(db, sql, err); /* an import checks every row */
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, building);
    if (room)
        sqlite3_bind_text(st, 2, room, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st), found = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
    if (found < 0)
        xl_db_fail(db, "register", err);
    sqlite3_reset(st);
    return found;
}

static void check_building(xl_db *db, const char *raw, xl_clean_form *c, xl_field_errors *fe)
{
    char s[32];
    size_t len = xl_form_trim(raw, s, sizeof s);
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
    int found = row_exists(db, "SELECT 1 FROM building WHERE number = ?1", c->building, NULL, &err);
    if (found < 0)
        field_error(fe, XL_SF_BUILDING, "%s", err.msg);
    else if (!found)
        field_error(fe, XL_SF_BUILDING, _(E_NO_BUILDING_FMT), c->building);
    c->building_ok = found == 1;
}

static int room_chars_ok(const char *s)
{
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
            return 0;
    return 1;
}

static void check_room(xl_db *db, const char *raw, xl_clean_form *c, xl_field_errors *fe)
{
    char s[32];
    size_t len = xl_form_trim(raw, s, sizeof s);
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
    int found = row_exists(db, "SELECT 1 FROM room WHERE building = ?1 AND room = ?2", c->building, s,
                           &err);
    if (found < 0)
        field_error(fe, XL_SF_ROOM, "%s", err.msg);
    else if (!found)
        field_error(fe, XL_SF_ROOM, _(E_NO_ROOM_FMT), c->building, s);
}

static void check_choice(const char *raw, xl_signin_field f, xl_clean_form *c, xl_field_errors *fe)
{
    char s[64];
    xl_form_trim(raw, s, sizeof s);
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
static void check_against_id(xl_clean_form *c, xl_field_errors *fe)
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

int xl_signin_clean(xl_db *db, const xl_signin_form *f, xl_clean_form *c, xl_field_errors *fe)
{
    return xl_signin_clean_on(db, f, NULL, c, fe);
}

int xl_signin_clean_on(xl_db *db, const xl_signin_form *f, const char *today, xl_clean_form *c,
                       xl_field_errors *fe)
{
    char own[11];
    if (!today) {
        xl_today(own);
        today = own;
    }
    memset(c, 0, sizeof *c);
    fe->n = 0;
    check_name(f->name, c, fe);
    check_gender(f->gender, c, fe);
    check_id(f->id_number, today, c, fe);
    check_phone(f->phone, c, fe);
    check_text(f->province, XL_SF_PROVINCE, PROVINCE_MAX_CHARS, c->province, sizeof c->province, fe);
    check_text(f->workplace, XL_SF_WORKPLACE, WORKPLACE_MAX_CHARS, c->workplace, sizeof c->workplace, fe);
    check_building(db, f->building, c, fe);
    check_room(db, f->room, c, fe);
    check_choice(f->role, XL_SF_ROLE, c, fe);
    char msg[256];
    if (xl_form_date_on(f->moved_in, XL_MSG_REG_F_MOVED_IN, today, c->moved_in, msg, sizeof msg))
        field_error(fe, XL_SF_MOVED_IN, "%s", msg);
    check_choice(f->channel, XL_SF_CHANNEL, c, fe);
    check_against_id(c, fe);
    return fe->n ? XL_EFAIL : XL_OK;
}

int xl_signin_validate(xl_db *db, const xl_signin_form *form, xl_field_errors *out)
{
    xl_clean_form c;
    return xl_signin_clean(db, form, &c, out);
}

/* The first field error as "label: message" (fields are kept in form order). */
int xl_field_errors_first(const xl_field_errors *fe, xl_err *err)
{
    size_t best = 0;
    for (size_t i = 1; i < fe->n; i++)
        if (fe->e[i].field < fe->e[best].field)
            best = i;
    return xl_err_set(err, XL_EFAIL, _(REG_E_FIELD_FMT), xl_signin_field_label(fe->e[best].field),
                      fe->e[best].msg);
}
