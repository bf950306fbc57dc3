/* lists.c — the four lists: items, links along the chain, windows, map figures, history.
 * Rules are stated in include/xiangli/lists.h; the schema (003_lists.sql) enforces them too. */
#include "xiangli/date.h"
#include "xiangli/lists.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db_internal.h"
#include "party_sql.h"
#include "xiangli/building.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

/* ---------- enumerations ---------- */

static const char *const kind_keys[] = {
#define XL_X(id, key) key,
    XL_ITEM_KINDS(XL_X)
#undef XL_X
};

static const xl_msg kind_msgs[] = {
#define XL_X(id, key) XL_MSG_LIST_KIND_##id,
    XL_ITEM_KINDS(XL_X)
#undef XL_X
};

static const xl_msg list_msgs[] = {
#define XL_X(id, key) XL_MSG_LIST_OF_##id,
    XL_ITEM_KINDS(XL_X)
#undef XL_X
};

static const char *const status_keys[] = {
#define XL_X(id, key) key,
    XL_ITEM_STATUSES(XL_X)
#undef XL_X
};

static const xl_msg status_msgs[] = {
#define XL_X(id, key) XL_MSG_LIST_STATUS_##id,
    XL_ITEM_STATUSES(XL_X)
#undef XL_X
};

static const struct { xl_item_kind from, to; } link_rules[] = {
#define XL_X(from, to) {XL_ITEM_##from, XL_ITEM_##to},
    XL_ITEM_LINKS(XL_X)
#undef XL_X
};

/* Index of s among keys or among the labels of msgs in either language; -1 if none. */
static int enum_parse(const char *s, const char *const *keys, const xl_msg *msgs, int n)
{
    if (!s || !*s)
        return -1;
    for (int i = 0; i < n; i++)
        if (strcmp(s, keys[i]) == 0)
            return i;
    const char *lang = xl_i18n_lang();
    int found = -1;
    for (int pass = 0; pass < 2 && found < 0; pass++) {
        xl_i18n_set_lang(pass == 0 ? "zh" : "en");
        for (int i = 0; i < n && found < 0; i++)
            if (strcasecmp(s, xl_tr(msgs[i])) == 0)
                found = i;
    }
    xl_i18n_set_lang(lang);
    return found;
}

const char *xl_item_kind_key(xl_item_kind k)
{
    return (unsigned)k < XL_ITEM_KIND_COUNT ? kind_keys[k] : "";
}

const char *xl_item_kind_label(xl_item_kind k)
{
    return (unsigned)k < XL_ITEM_KIND_COUNT ? xl_tr(kind_msgs[k]) : "?";
}

const char *xl_item_list_label(xl_item_kind k)
{
    return (unsigned)k < XL_ITEM_KIND_COUNT ? xl_tr(list_msgs[k]) : "?";
}

int xl_item_kind_parse(const char *s)
{
    return enum_parse(s, kind_keys, kind_msgs, XL_ITEM_KIND_COUNT);
}

const char *xl_item_status_key(xl_item_status s)
{
    return (unsigned)s < XL_ITEM_STATUS_COUNT ? status_keys[s] : "";
}

const char *xl_item_status_label(xl_item_status s)
{
    return (unsigned)s < XL_ITEM_STATUS_COUNT ? xl_tr(status_msgs[s]) : "?";
}

int xl_item_status_parse(const char *s)
{
    return enum_parse(s, status_keys, status_msgs, XL_ITEM_STATUS_COUNT);
}

int xl_item_link_allowed(xl_item_kind from, xl_item_kind to)
{
    for (size_t i = 0; i < sizeof link_rules / sizeof link_rules[0]; i++)
        if (link_rules[i].from == from && link_rules[i].to == to)
            return 1;
    return 0;
}

static int kind_of_key(const char *key)
{
    for (int i = 0; i < XL_ITEM_KIND_COUNT; i++)
        if (strcmp(key, kind_keys[i]) == 0)
            return i;
    return -1;
}

static int status_of_key(const char *key)
{
    for (int i = 0; i < XL_ITEM_STATUS_COUNT; i++)
        if (strcmp(key, status_keys[i]) == 0)
            return i;
    return -1;
}

/* ---------- categories ---------- */

static const char *const builtin_cat_keys[] = {
#define XL_X(id, key) key,
    XL_CATEGORIES(XL_X)
#undef XL_X
};

static const xl_msg builtin_cat_msgs[] = {
#define XL_X(id, key) XL_MSG_LIST_CAT_##id,
    XL_CATEGORIES(XL_X)
#undef XL_X
};

/* The configured table; ncats == 0 means the built-in one is in use. */
static xl_category_def cats[XL_CATEGORY_MAX];
static size_t ncats;

size_t xl_category_count(void)
{
    return ncats ? ncats : (size_t)XL_CAT_BUILTIN_COUNT;
}

const char *xl_category_key(size_t i)
{
    if (i >= xl_category_count())
        return "";
    return ncats ? cats[i].key : builtin_cat_keys[i];
}

const char *xl_category_label(size_t i)
{
    if (i >= xl_category_count())
        return "?";
    if (!ncats)
        return xl_tr(builtin_cat_msgs[i]);
    return strcmp(xl_i18n_lang(), "en") == 0 && cats[i].en[0] ? cats[i].en : cats[i].zh;
}

int xl_category_find(const char *s)
{
    if (!s || !*s)
        return -1;
    if (!ncats)
        return enum_parse(s, builtin_cat_keys, builtin_cat_msgs, XL_CAT_BUILTIN_COUNT);
    for (size_t i = 0; i < ncats; i++)
        if (strcmp(s, cats[i].key) == 0 || strcmp(s, cats[i].zh) == 0 || strcasecmp(s, cats[i].en) == 0)
            return (int)i;
    return -1;
}

const char *xl_category_label_of(const char *key)
{
    for (size_t i = 0; i < xl_category_count(); i++)
        if (strcmp(key, xl_category_key(i)) == 0)
            return xl_category_label(i);
    return key;
}

static int category_key_valid(const char *k)
{
    size_t n = strlen(k);
    if (n < 1 || n > 23)
        return 0;
    return strspn(k, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

static int category_def_check(const xl_category_def *defs, size_t i, xl_err *err)
{
    const xl_category_def *d = &defs[i];
    if (!memchr(d->key, '\0', sizeof d->key) || !category_key_valid(d->key))
        return xl_err_set(err, XL_EFAIL, "category %zu: key must be 1..23 of a-z, 0-9, _", i + 1);
    if (!memchr(d->zh, '\0', sizeof d->zh) || !d->zh[0] || !memchr(d->en, '\0', sizeof d->en))
        return xl_err_set(err, XL_EFAIL, "category '%s': needs a Chinese label", d->key);
    for (size_t j = 0; j < i; j++)
        if (strcmp(defs[j].key, d->key) == 0)
            return xl_err_set(err, XL_EFAIL, "category '%s': named twice", d->key);
    return XL_OK;
}

int xl_categories_configure(const xl_category_def *defs, size_t n, xl_err *err)
{
    if (n == 0 || n > XL_CATEGORY_MAX)
        return xl_err_set(err, XL_EFAIL, "categories: need 1..%d, got %zu", XL_CATEGORY_MAX, n);
    for (size_t i = 0; i < n; i++)
        if (category_def_check(defs, i, err))
            return XL_EFAIL;
    memcpy(cats, defs, n * sizeof *defs);
    ncats = n;
    return XL_OK;
}

void xl_categories_reset(void) { ncats = 0; }

/* ---------- small SQL helpers ---------- */

/* 1 if sql (one ?1 integer parameter) yields a row, 0 if not, -1 on a database error. */
static int row_exists(xl_db *db, const char *sql, int64_t id)
{
    sqlite3_stmt *st = xl_db_prepare(db, sql, NULL);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* Queries that need today's date use parameter ?19 (TODAY_PARAM) for it. */
#define TODAY_PARAM "?19"
#define TODAY_INDEX 19

static void bind_today(sqlite3_stmt *st)
{
    if (sqlite3_bind_parameter_count(st) >= TODAY_INDEX) {
        char today[11];
        xl_today(today);
        sqlite3_bind_text(st, TODAY_INDEX, today, -1, SQLITE_TRANSIENT);
    }
}

/* Binds a party into the (person, org) parameter pair. */
static void stamp_or_now(const char *stamp, char out[20])
{
    if (stamp && *stamp)
        xl_strlcpy_utf8(out, stamp, 20);
    else
        xl_now(out);
}

/* ---------- parties ---------- */

int xl_party_exists(xl_db *db, xl_party p)
{
    switch (p.kind) {
    case XL_PARTY_NONE:
        return 1;
    case XL_PARTY_PERSON:
        return row_exists(db, "SELECT 1 FROM person WHERE id = ?1", p.id) == 1;
    case XL_PARTY_ORG:
        return row_exists(db, "SELECT 1 FROM organisation WHERE id = ?1", p.id) == 1;
    }
    return 0;
}

int xl_party_name(xl_db *db, xl_party p, char *out, size_t size, xl_err *err)
{
    if (size)
        out[0] = '\0';
    if (p.kind == XL_PARTY_NONE)
        return XL_OK;
    sqlite3_stmt *st = xl_db_prepare(db, p.kind == XL_PARTY_PERSON
                                             ? "SELECT name FROM person WHERE id = ?1"
                                             : "SELECT name FROM organisation WHERE id = ?1", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, p.id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && size)
        xl_strlcpy_utf8(out, xl_col_text(st, 0), size);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "name", err);
}

int xl_orgs_list(xl_db *db, xl_org **out, size_t *n, xl_err *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = xl_db_prepare(db, "SELECT id, name, kind FROM organisation ORDER BY kind, name", err);
    if (!st)
        return XL_EFAIL;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            *out = xl_reallocarray(*out, cap, sizeof **out);
        }
        xl_org *o = &(*out)[(*n)++];
        o->id = sqlite3_column_int64(st, 0);
        xl_strlcpy_utf8(o->name, xl_col_text(st, 1), sizeof o->name);
        xl_strlcpy_utf8(o->kind, xl_col_text(st, 2), sizeof o->kind);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return XL_OK;
    free(*out);
    *out = NULL;
    *n = 0;
    return xl_db_fail(db, "organisations", err);
}

int64_t xl_org_find(xl_db *db, const char *name)
{
    sqlite3_stmt *st = xl_db_prepare(db, "SELECT id FROM organisation WHERE name = ?1", NULL);
    if (!st)
        return 0;
    sqlite3_bind_text(st, 1, name ? name : "", -1, SQLITE_TRANSIENT);
    int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return id;
}

/* ---------- validation ---------- */

int xl_list_date_valid(const char *s)
{
    return xl_date_valid(s);
}

enum { TEXT_LINE, TEXT_BLOCK };

/* Characters in s; -1 if s is not valid UTF-8; *bad set on a control character that the
 * mode does not allow (a line allows none, a block allows newline and tab). */
static long text_chars(const char *s, int mode, int *bad, int *blank)
{
    size_t n = strlen(s), i = 0;
    long chars = 0;
    *bad = 0;
    *blank = 1;
    while (i < n) {
        uint32_t cp;
        size_t k = xl_utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && !(k == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0))
            return -1;
        if ((cp < 0x20 || cp == 0x7F) && !(mode == TEXT_BLOCK && (cp == '\n' || cp == '\t')))
            *bad = 1;
        if (cp != ' ' && cp != '\t' && cp != '\n' && cp != 0x3000)
            *blank = 0;
        i += k;
        chars++;
    }
    return chars;
}

/* XL_EFAIL with "FIELD: reason": the field name stays the key the UI matches (ui_err_field);
 * the reason is in the UI language (messages.def). */
int xl_list_field_err(xl_err *err, const char *field, const char *fmt, ...)
{
    char reason[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    return xl_err_set(err, XL_EFAIL, "%s: %s", field, reason);
}

/* A kind in a refusal: its label in Chinese, its key ("problem") in English prose. */
static const char *kind_word(int k)
{
    return strcmp(xl_i18n_lang(), "en") == 0 ? kind_keys[k] : xl_item_kind_label((xl_item_kind)k);
}

int xl_list_check_text(const char *field, const char *s, long max, int required, int multiline,
                       xl_err *err)
{
    int mode = multiline ? TEXT_BLOCK : TEXT_LINE;
    int bad, blank;
    long chars = text_chars(s ? s : "", mode, &bad, &blank);
    if (chars < 0)
        return xl_list_field_err(err, field, "%s", _(LIST_E_UTF8));
    if (required && blank)
        return xl_list_field_err(err, field, "%s", _(LIST_E_REQUIRED));
    if (chars > max)
        return xl_list_field_err(err, field, _(LIST_E_TOO_LONG_FMT), max, chars);
    if (bad)
        return xl_list_field_err(err, field, "%s", mode == TEXT_LINE ? _(LIST_E_ONE_LINE) : _(LIST_E_CONTROL));
    return XL_OK;
}

static int check_party(xl_db *db, const char *field, xl_party p, xl_err *err)
{
    if (p.kind != XL_PARTY_NONE && p.kind != XL_PARTY_PERSON && p.kind != XL_PARTY_ORG)
        return xl_err_set(err, XL_EFAIL, "%s: neither a person nor an organisation", field);
    if (!xl_party_exists(db, p))
        return xl_err_set(err, XL_EFAIL, "%s: no %s #%lld", field,
                          p.kind == XL_PARTY_PERSON ? "person" : "organisation", (long long)p.id);
    return XL_OK;
}

static int check_buildings(xl_db *db, const int *b, size_t n, xl_err *err)
{
    if (n > XL_ITEM_MAX_BUILDINGS)
        return xl_err_set(err, XL_EFAIL, "buildings: at most %d (got %zu)", XL_ITEM_MAX_BUILDINGS, n);
    if (n && !b)
        return xl_err_set(err, XL_EFAIL, "buildings: missing");
    for (size_t i = 0; i < n; i++) {
        if (!xl_building_exists(db, b[i]))
            return xl_err_set(err, XL_EFAIL, "buildings: no building %d", b[i]);
        for (size_t j = 0; j < i; j++)
            if (b[j] == b[i])
                return xl_err_set(err, XL_EFAIL, "buildings: building %d named twice", b[i]);
    }
    return XL_OK;
}

/* The form after defaults: what gets written. */
typedef struct item_norm {
    const char *detail;
    const char *category; /* key */
    char raised_at[11];
    const char *due;      /* NULL = none */
} item_norm;

static int check_raised_at(const xl_item_form *f, item_norm *v, xl_err *err)
{
    if (!f->raised_at || !*f->raised_at) {
        xl_today(v->raised_at);
        return XL_OK;
    }
    if (!xl_list_date_valid(f->raised_at))
        return xl_list_field_err(err, "raised_at", _(LIST_E_DATE_FMT), f->raised_at);
    memcpy(v->raised_at, f->raised_at, 11);
    return XL_OK;
}

static int check_due(const xl_item_form *f, item_norm *v, xl_err *err)
{
    v->due = f->due && *f->due ? f->due : NULL;
    if (v->due && !xl_list_date_valid(v->due))
        return xl_list_field_err(err, "due", _(LIST_E_DATE_FMT), v->due);
    if (!v->due && f->kind == XL_ITEM_ACTION)
        return xl_list_field_err(err, "due", "%s", _(LIST_E_DUE));
    if (v->due && strcmp(v->due, v->raised_at) < 0)
        return xl_list_field_err(err, "due", _(LIST_E_DUE_EARLY_FMT), v->due, v->raised_at);
    return XL_OK;
}

static int check_meeting_ref(xl_db *db, int64_t id, xl_err *err)
{
    if (id == 0)
        return XL_OK;
    int r = row_exists(db, "SELECT 1 FROM meeting WHERE id = ?1", id);
    if (r < 0)
        return xl_db_fail(db, "source_meeting", err);
    return r ? XL_OK : xl_err_set(err, XL_EFAIL, "source_meeting: no meeting #%lld", (long long)id);
}

static int check_category(const char *s, item_norm *v, xl_err *err)
{
    int c = xl_category_find(s);
    if (c < 0)
        return xl_err_set(err, XL_EFAIL, "category: unknown category '%s'", s ? s : "");
    v->category = xl_category_key((size_t)c);
    return XL_OK;
}

/* Checks every field in form order; the first failure names its field. Reads only. */
static int check_form(xl_db *db, const xl_item_form *f, item_norm *v, xl_err *err)
{
    if ((unsigned)f->kind >= XL_ITEM_KIND_COUNT)
        return xl_err_set(err, XL_EFAIL, "kind: unknown kind %d", (int)f->kind);
    v->detail = f->detail ? f->detail : "";
    if (xl_list_check_text("title", f->title, XL_ITEM_TITLE_MAX, 1, TEXT_LINE, err) ||
        xl_list_check_text("detail", v->detail, XL_ITEM_DETAIL_MAX, 0, TEXT_BLOCK, err) ||
        check_category(f->category, v, err) ||
        check_buildings(db, f->buildings, f->nbuildings, err) ||
        check_party(db, "raised_by", f->raised_by, err) ||
        check_raised_at(f, v, err) ||
        check_meeting_ref(db, f->source_meeting, err) ||
        check_party(db, "owner", f->owner, err))
        return XL_EFAIL;
    if (f->kind == XL_ITEM_ACTION && f->owner.kind == XL_PARTY_NONE)
        return xl_list_field_err(err, "owner", "%s", _(LIST_E_OWNER));
    return check_due(f, v, err);
}

/* ---------- writing items ---------- */

static const char insert_sql[] =
    "INSERT INTO list_item(kind, title, detail, category, raised_by_person, raised_by_org,"
    " raised_at, source_meeting_id, owner_person, owner_org, due, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)";

static void bind_form(sqlite3_stmt *st, const xl_item_form *f, const item_norm *v)
{
    sqlite3_bind_text(st, 1, kind_keys[f->kind], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, f->title, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, v->detail, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, v->category, -1, SQLITE_TRANSIENT);
    xl_party_bind(st, 5, 6, f->raised_by);
    sqlite3_bind_text(st, 7, v->raised_at, -1, SQLITE_TRANSIENT);
    if (f->source_meeting)
        sqlite3_bind_int64(st, 8, f->source_meeting);
    else
        sqlite3_bind_null(st, 8);
    xl_party_bind(st, 9, 10, f->owner);
    xl_bind_text_or_null(st, 11, v->due);
}

static int write_buildings(xl_db *db, int64_t id, const int *b, size_t n, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, "DELETE FROM list_item_building WHERE item_id = ?1", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    if (xl_db_step_done(db, st, "buildings", err))
        return XL_EFAIL;
    for (size_t i = 0; i < n; i++) {
        st = xl_db_prepare(db, "INSERT INTO list_item_building(item_id, building) VALUES (?1, ?2)", err);
        if (!st)
            return XL_EFAIL;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int(st, 2, b[i]);
        if (xl_db_step_done(db, st, "buildings", err))
            return XL_EFAIL;
    }
    return XL_OK;
}

int xl_list_item_insert_tx(xl_db *db, const xl_item_form *f, const char *stamp, int64_t *id,
                           xl_err *err)
{
    item_norm v;
    if (check_form(db, f, &v, err))
        return XL_EFAIL;
    sqlite3_stmt *st = xl_db_prepare(db, insert_sql, err);
    if (!st)
        return XL_EFAIL;
    char at[20];
    stamp_or_now(stamp, at);
    bind_form(st, f, &v);
    sqlite3_bind_text(st, 12, at, -1, SQLITE_TRANSIENT);
    if (xl_db_step_done(db, st, "list item", err))
        return XL_EFAIL;
    *id = sqlite3_last_insert_rowid(xl_db_handle(db));
    return write_buildings(db, *id, f->buildings, f->nbuildings, err);
}

static void buildings_text(const int *b, size_t n, xl_buf *out)
{
    if (n == 0)
        xl_buf_puts(out, "community");
    for (size_t i = 0; i < n; i++)
        xl_buf_printf(out, "%s%d", i ? "," : "", b[i]);
}

/* The audit detail: at most ~1000 bytes, never splitting a character. */
static int audit_buf(xl_db *db, const char *action, const char *entity, int64_t id,
                     const xl_buf *b, xl_err *err)
{
    char idtext[24], detail[1001];
    snprintf(idtext, sizeof idtext, "%lld", (long long)id);
    xl_strlcpy_utf8(detail, b->data ? b->data : "", sizeof detail);
    return xl_db_audit(db, action, entity, idtext, detail, err);
}

typedef struct create_ctx {
    const xl_item_form *f;
    int64_t id;
} create_ctx;

static int create_body(xl_db *db, void *p, xl_err *err)
{
    create_ctx *c = p;
    if (xl_list_item_insert_tx(db, c->f, NULL, &c->id, err))
        return XL_EFAIL;
    xl_list_item it;
    if (xl_list_item_load(db, c->id, &it, err))
        return XL_EFAIL;
    xl_buf b;
    xl_buf_init(&b);
    xl_buf_printf(&b, "%s '%s' category=%s buildings=", kind_keys[it.kind], it.title, it.category);
    buildings_text(it.buildings, it.nbuildings, &b);
    if (it.owner.kind != XL_PARTY_NONE)
        xl_buf_printf(&b, " owner='%s'", it.owner_name);
    if (it.due[0])
        xl_buf_printf(&b, " due=%s", it.due);
    int rc = audit_buf(db, "list.create", "list_item", c->id, &b, err);
    xl_buf_release(&b);
    return rc;
}

int xl_list_item_create(xl_db *db, const xl_item_form *f, int64_t *id, xl_err *err)
{
    create_ctx c = {f, 0};
    int rc = xl_db_tx(db, create_body, &c, err);
    if (id)
        *id = rc == XL_OK ? c.id : 0;
    return rc;
}

void xl_item_form_init(xl_item_form *f, xl_item_kind kind)
{
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->title = "";
    f->detail = "";
    f->category = xl_category_find("other") >= 0 ? "other" : xl_category_key(0);
}

void xl_item_form_from(xl_item_form *f, const xl_list_item *it)
{
    memset(f, 0, sizeof *f);
    f->kind = it->kind;
    f->title = it->title;
    f->detail = it->detail;
    f->category = it->category;
    f->buildings = it->buildings;
    f->nbuildings = it->nbuildings;
    f->raised_by = it->raised_by;
    f->raised_at = it->raised_at;
    f->source_meeting = it->source_meeting;
    f->owner = it->owner;
    f->due = it->due;
}

/* ---------- loading one item ---------- */

#define OVERDUE_EXPR "(i.kind = 'action' AND i.due < " TODAY_PARAM " AND i.status IN ('open', 'in_progress'))"

static const char load_sql[] =
    "SELECT i.kind, i.status, i.title, i.detail, i.category, i.raised_by_person, i.raised_by_org,"
    "       i.raised_at, i.source_meeting_id, coalesce(m.title, ''), i.owner_person, i.owner_org,"
    "       coalesce(i.due, ''), i.closing_note, coalesce(i.closed_at, ''), i.created_at,"
    "       i.updated_at, coalesce(rp.name, ro.name, ''), coalesce(op.name, oo.name, ''),"
    "       " OVERDUE_EXPR
    " FROM list_item i"
    " LEFT JOIN meeting m ON m.id = i.source_meeting_id"
    " LEFT JOIN person rp ON rp.id = i.raised_by_person"
    " LEFT JOIN organisation ro ON ro.id = i.raised_by_org"
    " LEFT JOIN person op ON op.id = i.owner_person"
    " LEFT JOIN organisation oo ON oo.id = i.owner_org"
    " WHERE i.id = ?1";

static void item_from_row(sqlite3_stmt *st, xl_list_item *it)
{
    it->kind = (xl_item_kind)kind_of_key(xl_col_text(st, 0));
    it->status = (xl_item_status)status_of_key(xl_col_text(st, 1));
    xl_col_copy(st, 2, it->title, sizeof it->title);
    xl_col_copy(st, 3, it->detail, sizeof it->detail);
    xl_col_copy(st, 4, it->category, sizeof it->category);
    it->raised_by = xl_party_from_cols(st, 5, 6);
    xl_col_copy(st, 7, it->raised_at, sizeof it->raised_at);
    it->source_meeting = sqlite3_column_int64(st, 8);
    xl_col_copy(st, 9, it->source_meeting_title, sizeof it->source_meeting_title);
    it->owner = xl_party_from_cols(st, 10, 11);
    xl_col_copy(st, 12, it->due, sizeof it->due);
    xl_col_copy(st, 13, it->closing_note, sizeof it->closing_note);
    xl_col_copy(st, 14, it->closed_at, sizeof it->closed_at);
    xl_col_copy(st, 15, it->created_at, sizeof it->created_at);
    xl_col_copy(st, 16, it->updated_at, sizeof it->updated_at);
    xl_col_copy(st, 17, it->raised_by_name, sizeof it->raised_by_name);
    xl_col_copy(st, 18, it->owner_name, sizeof it->owner_name);
    it->overdue = sqlite3_column_int(st, 19);
}

static int load_buildings(xl_db *db, xl_list_item *it, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db,
        "SELECT building FROM list_item_building WHERE item_id = ?1 ORDER BY building", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, it->id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && it->nbuildings < XL_ITEM_MAX_BUILDINGS)
        it->buildings[it->nbuildings++] = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "buildings", err);
}

int xl_list_item_load(xl_db *db, int64_t id, xl_list_item *out, xl_err *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = xl_db_prepare(db, load_sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    bind_today(st);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->id = id;
        item_from_row(st, out);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return xl_err_set(err, XL_ENOTFOUND, "no list item #%lld", (long long)id);
    if (rc != SQLITE_ROW)
        return xl_db_fail(db, "list item", err);
    return load_buildings(db, out, err);
}

/* ---------- updating items ---------- */

static int has_ties(xl_db *db, int64_t id)
{
    return row_exists(db,
        "SELECT 1 FROM list_link WHERE from_id = ?1 OR to_id = ?1"
        " UNION ALL SELECT 1 FROM agenda_action WHERE action_id = ?1", id);
}

static void diff_str(xl_buf *b, const char *field, const char *old, const char *now)
{
    if (strcmp(old, now) != 0)
        xl_buf_printf(b, "%s: '%s' -> '%s'; ", field, old, now);
}

static void diff_buildings(xl_buf *b, const xl_list_item *old, const xl_item_form *f)
{
    int same = old->nbuildings == f->nbuildings;
    for (size_t i = 0; same && i < f->nbuildings; i++) {
        int found = 0;
        for (size_t j = 0; j < old->nbuildings; j++)
            found |= old->buildings[j] == f->buildings[i];
        same = found;
    }
    if (same)
        return;
    xl_buf_puts(b, "buildings: ");
    buildings_text(old->buildings, old->nbuildings, b);
    xl_buf_puts(b, " -> ");
    buildings_text(f->buildings, f->nbuildings, b);
    xl_buf_puts(b, "; ");
}

static int same_party(xl_party a, xl_party b)
{
    return a.kind == b.kind && (a.kind == XL_PARTY_NONE || a.id == b.id);
}

static void diff_party(xl_db *db, xl_buf *b, const char *field, xl_party old, const char *old_name, xl_party now)
{
    if (same_party(old, now))
        return;
    char name[96];
    xl_party_name(db, now, name, sizeof name, NULL);
    xl_buf_printf(b, "%s: '%s' -> '%s'; ", field, old_name, name);
}

static void describe_changes(xl_db *db, const xl_list_item *old, const xl_item_form *f,
                             const item_norm *v, xl_buf *b)
{
    diff_str(b, "kind", kind_keys[old->kind], kind_keys[f->kind]);
    diff_str(b, "title", old->title, f->title);
    if (strcmp(old->detail, v->detail) != 0)
        xl_buf_puts(b, "detail changed; ");
    diff_str(b, "category", old->category, v->category);
    diff_buildings(b, old, f);
    diff_party(db, b, "raised_by", old->raised_by, old->raised_by_name, f->raised_by);
    diff_str(b, "raised_at", old->raised_at, v->raised_at);
    if (old->source_meeting != f->source_meeting)
        xl_buf_printf(b, "source_meeting: %lld -> %lld; ", (long long)old->source_meeting,
                      (long long)f->source_meeting);
    diff_party(db, b, "owner", old->owner, old->owner_name, f->owner);
    diff_str(b, "due", old->due, v->due ? v->due : "");
}

static const char update_sql[] =
    "UPDATE list_item SET kind = ?1, title = ?2, detail = ?3, category = ?4,"
    " raised_by_person = ?5, raised_by_org = ?6, raised_at = ?7, source_meeting_id = ?8,"
    " owner_person = ?9, owner_org = ?10, due = ?11, updated_at = ?12 WHERE id = ?13";

static int write_update(xl_db *db, int64_t id, const xl_item_form *f, const item_norm *v, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, update_sql, err);
    if (!st)
        return XL_EFAIL;
    char now[20];
    xl_now(now);
    bind_form(st, f, v);
    sqlite3_bind_text(st, 12, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 13, id);
    if (xl_db_step_done(db, st, "list item", err))
        return XL_EFAIL;
    return write_buildings(db, id, f->buildings, f->nbuildings, err);
}

static int check_kind_change(xl_db *db, const xl_list_item *old, const xl_item_form *f, xl_err *err)
{
    if (old->kind == f->kind || (unsigned)f->kind >= XL_ITEM_KIND_COUNT)
        return XL_OK;
    int ties = has_ties(db, old->id);
    if (ties < 0)
        return xl_db_fail(db, "links", err);
    if (ties)
        return xl_err_set(err, XL_EFAIL, "kind: #%lld is linked to other items or to a meeting "
                          "decision, so its kind stays %s", (long long)old->id, kind_keys[old->kind]);
    return XL_OK;
}

typedef struct update_ctx {
    int64_t id;
    const xl_item_form *f;
} update_ctx;

static int update_body(xl_db *db, void *p, xl_err *err)
{
    update_ctx *c = p;
    xl_list_item old;
    item_norm v;
    int rc = xl_list_item_load(db, c->id, &old, err);
    if (rc == XL_OK)
        rc = check_form(db, c->f, &v, err);
    if (rc == XL_OK)
        rc = check_kind_change(db, &old, c->f, err);
    if (rc != XL_OK)
        return rc;
    xl_buf b;
    xl_buf_init(&b);
    describe_changes(db, &old, c->f, &v, &b);
    if (b.len > 0) {
        b.data[b.len -= 2] = '\0'; /* the last "; " */
        rc = write_update(db, c->id, c->f, &v, err);
        if (rc == XL_OK)
            rc = audit_buf(db, "list.update", "list_item", c->id, &b, err);
    }
    xl_buf_release(&b);
    return rc;
}

int xl_list_item_update(xl_db *db, int64_t id, const xl_item_form *f, xl_err *err)
{
    update_ctx c = {id, f};
    return xl_db_tx(db, update_body, &c, err);
}

/* ---------- status ---------- */

static int check_status(const xl_list_item *it, xl_item_status st, const char *note, xl_err *err)
{
    if ((unsigned)st >= XL_ITEM_STATUS_COUNT)
        return xl_err_set(err, XL_EFAIL, "status: unknown status %d", (int)st);
    if (st == it->status)
        return xl_err_set(err, XL_EFAIL, "status: #%lld is already %s", (long long)it->id, status_keys[st]);
    if (st != XL_ITEM_DONE && st != XL_ITEM_DROPPED)
        return XL_OK;
    return xl_list_check_text("closing_note", note, XL_ITEM_NOTE_MAX, 1, TEXT_LINE, err);
}

int xl_list_item_status_tx(xl_db *db, int64_t id, xl_item_status st, const char *note,
                           const char *stamp, xl_err *err)
{
    xl_list_item it;
    int rc = xl_list_item_load(db, id, &it, err);
    if (rc != XL_OK)
        return rc;
    if (check_status(&it, st, note, err))
        return XL_EFAIL;
    int closing = st == XL_ITEM_DONE || st == XL_ITEM_DROPPED;
    sqlite3_stmt *q = xl_db_prepare(db,
        "UPDATE list_item SET status = ?1, closing_note = ?2, closed_at = ?3, updated_at = ?4"
        " WHERE id = ?5", err);
    if (!q)
        return XL_EFAIL;
    char at[20];
    stamp_or_now(stamp, at);
    sqlite3_bind_text(q, 1, status_keys[st], -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, closing ? note : "", -1, SQLITE_TRANSIENT);
    xl_bind_text_or_null(q, 3, closing ? at : NULL);
    sqlite3_bind_text(q, 4, at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 5, id);
    return xl_db_step_done(db, q, "status", err);
}

typedef struct status_ctx {
    int64_t id;
    xl_item_status st;
    const char *note;
} status_ctx;

static int status_body(xl_db *db, void *p, xl_err *err)
{
    status_ctx *c = p;
    xl_list_item it;
    int rc = xl_list_item_load(db, c->id, &it, err);
    if (rc == XL_OK)
        rc = xl_list_item_status_tx(db, c->id, c->st, c->note, NULL, err);
    if (rc != XL_OK)
        return rc;
    xl_buf b;
    xl_buf_init(&b);
    xl_buf_printf(&b, "status: %s -> %s", status_keys[it.status], status_keys[c->st]);
    if (c->note && *c->note)
        xl_buf_printf(&b, "; note: %s", c->note);
    rc = audit_buf(db, "list.status", "list_item", c->id, &b, err);
    xl_buf_release(&b);
    return rc;
}

int xl_list_item_set_status(xl_db *db, int64_t id, xl_item_status st, const char *note, xl_err *err)
{
    status_ctx c = {id, st, note};
    return xl_db_tx(db, status_body, &c, err);
}

/* ---------- links ---------- */

/* Kind of item id (and its title into title if non-NULL); XL_ENOTFOUND names the field. */
static int item_kind(xl_db *db, int64_t id, int *kind, char *title, size_t size, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, "SELECT kind, title FROM list_item WHERE id = ?1", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *kind = kind_of_key(xl_col_text(st, 0));
        if (title)
            xl_strlcpy_utf8(title, xl_col_text(st, 1), size);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return xl_err_set(err, XL_ENOTFOUND, "link: no list item #%lld", (long long)id);
    return rc == SQLITE_ROW ? XL_OK : xl_db_fail(db, "link", err);
}

static int link_exists(xl_db *db, int64_t from, int64_t to)
{
    sqlite3_stmt *st = xl_db_prepare(db, "SELECT 1 FROM list_link WHERE from_id = ?1 AND to_id = ?2", NULL);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static int check_link(xl_db *db, int64_t from, int64_t to, int *fk, int *tk, xl_err *err)
{
    if (from == to)
        return xl_err_set(err, XL_EFAIL, "link: an item cannot link to itself");
    int rc = item_kind(db, from, fk, NULL, 0, err);
    if (rc == XL_OK)
        rc = item_kind(db, to, tk, NULL, 0, err);
    if (rc != XL_OK)
        return rc;
    if (!xl_item_link_allowed((xl_item_kind)*fk, (xl_item_kind)*tk))
        return xl_list_field_err(err, "link", _(LIST_E_LINK_KIND_FMT), kind_word(*fk), kind_word(*tk));
    int r = link_exists(db, from, to);
    if (r < 0)
        return xl_db_fail(db, "link", err);
    return r ? xl_err_set(err, XL_EFAIL, "link: #%lld -> #%lld exists already", (long long)from,
                          (long long)to) : XL_OK;
}

int xl_list_link_tx(xl_db *db, int64_t from, int64_t to, const char *stamp, xl_err *err)
{
    int fk, tk;
    int rc = check_link(db, from, to, &fk, &tk, err);
    if (rc != XL_OK)
        return rc;
    sqlite3_stmt *st = xl_db_prepare(db,
        "INSERT INTO list_link(from_id, to_id, from_kind, to_kind, created_at) VALUES (?1, ?2, ?3, ?4, ?5)", err);
    if (!st)
        return XL_EFAIL;
    char at[20];
    stamp_or_now(stamp, at);
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    sqlite3_bind_text(st, 3, kind_keys[fk], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, kind_keys[tk], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, at, -1, SQLITE_TRANSIENT);
    return xl_db_step_done(db, st, "link", err);
}

typedef struct link_ctx {
    int64_t from, to;
    int unlink;
} link_ctx;

static int audit_link(xl_db *db, const link_ctx *c, xl_err *err)
{
    int fk, tk;
    char ft[XL_TEXT_BYTES(XL_ITEM_TITLE_MAX)], tt[XL_TEXT_BYTES(XL_ITEM_TITLE_MAX)];
    if (item_kind(db, c->from, &fk, ft, sizeof ft, err) || item_kind(db, c->to, &tk, tt, sizeof tt, err))
        return XL_EFAIL;
    char id[48], detail[800];
    snprintf(id, sizeof id, "%lld>%lld", (long long)c->from, (long long)c->to);
    snprintf(detail, sizeof detail, "#%lld %s '%s' -> #%lld %s '%s'", (long long)c->from,
             kind_keys[fk], ft, (long long)c->to, kind_keys[tk], tt);
    return xl_db_audit(db, c->unlink ? "list.unlink" : "list.link", "list_link", id, detail, err);
}

static int unlink_tx(xl_db *db, int64_t from, int64_t to, xl_err *err)
{
    int r = link_exists(db, from, to);
    if (r < 0)
        return xl_db_fail(db, "link", err);
    if (!r)
        return xl_err_set(err, XL_ENOTFOUND, "link: no link #%lld -> #%lld", (long long)from, (long long)to);
    sqlite3_stmt *st = xl_db_prepare(db, "DELETE FROM list_link WHERE from_id = ?1 AND to_id = ?2", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    return xl_db_step_done(db, st, "unlink", err);
}

static int link_body(xl_db *db, void *p, xl_err *err)
{
    link_ctx *c = p;
    int rc = c->unlink ? unlink_tx(db, c->from, c->to, err) : xl_list_link_tx(db, c->from, c->to, NULL, err);
    return rc ? rc : audit_link(db, c, err);
}

int xl_list_link(xl_db *db, int64_t from, int64_t to, xl_err *err)
{
    link_ctx c = {from, to, 0};
    return xl_db_tx(db, link_body, &c, err);
}

int xl_list_unlink(xl_db *db, int64_t from, int64_t to, xl_err *err)
{
    link_ctx c = {from, to, 1};
    return xl_db_tx(db, link_body, &c, err);
}

typedef struct create_linked_ctx {
    create_ctx item;
    int64_t from;
} create_linked_ctx;

/* The item, its link from `from` and both audit rows, or nothing. */
static int create_linked_body(xl_db *db, void *p, xl_err *err)
{
    create_linked_ctx *c = p;
    int rc = create_body(db, &c->item, err);
    if (rc != XL_OK)
        return rc;
    link_ctx l = {c->from, c->item.id, 0};
    return link_body(db, &l, err);
}

int xl_list_item_create_linked(xl_db *db, const xl_item_form *f, int64_t from, int64_t *id,
                               xl_err *err)
{
    create_linked_ctx c = {{f, 0}, from};
    int rc = xl_db_tx(db, create_linked_body, &c, err);
    if (id)
        *id = rc == XL_OK ? c.item.id : 0;
    return rc;
}

/* ---------- windows ---------- */

#define ROW_COLUMNS                                                                       \
    "i.id, i.kind, i.status, i.title, i.category,"                                        \
    " coalesce((SELECT min(x.building) FROM list_item_building x WHERE x.item_id = i.id), 0),"  \
    " (SELECT count(*) FROM list_item_building x WHERE x.item_id = i.id),"                \
    " coalesce(op.name, oo.name, ''), coalesce(i.due, ''), i.raised_at, " OVERDUE_EXPR ","  \
    " (SELECT count(*) FROM list_link l WHERE l.to_id = i.id),"                           \
    " (SELECT count(*) FROM list_link l WHERE l.from_id = i.id)"

#define ROW_JOINS                                                  \
    " LEFT JOIN person op ON op.id = i.owner_person"               \
    " LEFT JOIN organisation oo ON oo.id = i.owner_org"

/* ?2 category, ?3 building, ?4/?5 owner person/org, ?6 ",status,…," list, ?7 overdue only,
 * ?8 title text; ?1 (kind) is added by the page query only. */
#define FILTER_REST                                                                        \
    " (?2 IS NULL OR i.category = ?2)"                                                     \
    " AND (?3 IS NULL"                                                                     \
    "      OR (?3 = -1 AND NOT EXISTS (SELECT 1 FROM list_item_building x WHERE x.item_id = i.id))" \
    "      OR EXISTS (SELECT 1 FROM list_item_building x WHERE x.item_id = i.id AND x.building = ?3))" \
    " AND (?4 IS NULL OR i.owner_person = ?4) AND (?5 IS NULL OR i.owner_org = ?5)"       \
    " AND (?6 IS NULL OR instr(?6, ',' || i.status || ',') > 0)"                           \
    " AND (?7 = 0 OR " OVERDUE_EXPR ")"                                                    \
    " AND (?8 IS NULL OR instr(i.title, ?8) > 0)"

static const char page_sql[] =
    "SELECT " ROW_COLUMNS " FROM list_item i" ROW_JOINS
    " WHERE (?1 IS NULL OR i.kind = ?1) AND" FILTER_REST
    " ORDER BY i.status IN ('done', 'dropped'), " OVERDUE_EXPR " DESC, i.due IS NULL, i.due,"
    " i.id DESC LIMIT ?9 OFFSET ?10";

static const char counts_sql[] =
    "SELECT i.kind, count(*), sum(" OVERDUE_EXPR ") FROM list_item i WHERE" FILTER_REST
    " GROUP BY i.kind";

static void row_from_stmt(sqlite3_stmt *st, xl_list_row *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    r->kind = (xl_item_kind)kind_of_key(xl_col_text(st, 1));
    r->status = (xl_item_status)status_of_key(xl_col_text(st, 2));
    xl_col_copy(st, 3, r->title, sizeof r->title);
    xl_col_copy(st, 4, r->category, sizeof r->category);
    r->building = sqlite3_column_int(st, 5);
    r->nbuildings = sqlite3_column_int(st, 6);
    xl_col_copy(st, 7, r->owner_name, sizeof r->owner_name);
    xl_col_copy(st, 8, r->due, sizeof r->due);
    xl_col_copy(st, 9, r->raised_at, sizeof r->raised_at);
    r->overdue = sqlite3_column_int(st, 10);
    r->nup = sqlite3_column_int(st, 11);
    r->ndown = sqlite3_column_int(st, 12);
}

void xl_list_filter_init(xl_list_filter *f)
{
    memset(f, 0, sizeof *f);
    f->kind = -1;
}

static void status_list(unsigned mask, char *out, size_t size)
{
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < XL_ITEM_STATUS_COUNT; i++)
        if (mask & XL_STATUS_BIT(i))
            len += (size_t)snprintf(out + len, size - len, ",%s", status_keys[i]);
    if (len && len + 1 < size)
        strcat(out, ",");
}

static void bind_filter(sqlite3_stmt *st, const xl_list_filter *f, const char *statuses)
{
    if (f->kind >= 0 && f->kind < XL_ITEM_KIND_COUNT) /* ?1 is in the page query only */
        sqlite3_bind_text(st, 1, kind_keys[f->kind], -1, SQLITE_STATIC);
    xl_bind_text_or_null(st, 2, f->category);
    if (f->building != 0)
        sqlite3_bind_int(st, 3, f->building < 0 ? -1 : f->building);
    xl_party_bind(st, 4, 5, f->owner);
    xl_bind_text_or_null(st, 6, statuses);
    sqlite3_bind_int(st, 7, f->overdue_only != 0);
    xl_bind_text_or_null(st, 8, f->text);
    bind_today(st);
}

static int page_counts(xl_db *db, const xl_list_filter *f, const char *statuses, xl_list_page *p, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, counts_sql, err);
    if (!st)
        return XL_EFAIL;
    bind_filter(st, f, statuses);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int k = kind_of_key(xl_col_text(st, 0));
        size_t n = (size_t)sqlite3_column_int64(st, 1);
        if (k >= 0)
            p->per_kind[k] = n;
        if (k < 0 || f->kind < 0 || f->kind == k)
            p->total += n;
        p->overdue += (size_t)sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "list counts", err);
}

static int page_rows(xl_db *db, const xl_list_filter *f, const char *statuses, size_t offset,
                     size_t limit, xl_list_page *p, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, page_sql, err);
    if (!st)
        return XL_EFAIL;
    bind_filter(st, f, statuses);
    sqlite3_bind_int64(st, 9, limit ? (sqlite3_int64)limit : -1);
    sqlite3_bind_int64(st, 10, (sqlite3_int64)offset);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (p->n == cap) {
            cap = cap ? cap * 2 : 64;
            p->rows = xl_reallocarray(p->rows, cap, sizeof *p->rows);
        }
        row_from_stmt(st, &p->rows[p->n++]);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "list", err);
}

int xl_list_query(xl_db *db, const xl_list_filter *f, size_t offset, size_t limit,
                  xl_list_page *out, xl_err *err)
{
    memset(out, 0, sizeof *out);
    xl_list_filter all;
    if (!f) {
        xl_list_filter_init(&all);
        f = &all;
    }
    char statuses[64];
    status_list(f->status_mask, statuses, sizeof statuses);
    int rc = page_counts(db, f, statuses, out, err);
    if (rc == XL_OK)
        rc = page_rows(db, f, statuses, offset, limit, out, err);
    if (rc != XL_OK)
        xl_list_page_release(out);
    return rc;
}

void xl_list_page_release(xl_list_page *p)
{
    free(p->rows);
    memset(p, 0, sizeof *p);
}

int xl_list_building_open(xl_db *db, int building, xl_list_page *out, xl_err *err)
{
    if (building <= 0)
        return xl_err_set(err, XL_EFAIL, "building: no building %d", building);
    xl_list_filter f;
    xl_list_filter_init(&f);
    f.building = building;
    f.status_mask = XL_STATUS_ACTIVE;
    return xl_list_query(db, &f, 0, 0, out, err);
}

static const char building_counts_sql[] =
    "SELECT b.building, count(*), sum(i.kind = 'problem'),"
    "       sum(i.kind = 'problem' AND i.category = 'safety'), sum(" OVERDUE_EXPR ")"
    " FROM list_item_building b JOIN list_item i ON i.id = b.item_id"
    " WHERE i.status IN ('open', 'in_progress')"
    " GROUP BY b.building ORDER BY b.building";

int xl_list_building_counts(xl_db *db, xl_building_items **out, size_t *n, xl_err *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = xl_db_prepare(db, building_counts_sql, err);
    if (!st)
        return XL_EFAIL;
    bind_today(st);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            *out = xl_reallocarray(*out, cap, sizeof **out);
        }
        xl_building_items *b = &(*out)[(*n)++];
        b->building = sqlite3_column_int(st, 0);
        b->open_items = sqlite3_column_int(st, 1);
        b->open_problems = sqlite3_column_int(st, 2);
        b->open_hazards = sqlite3_column_int(st, 3);
        b->overdue_actions = sqlite3_column_int(st, 4);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return XL_OK;
    free(*out);
    *out = NULL;
    *n = 0;
    return xl_db_fail(db, "building items", err);
}

/* ---------- the chain ---------- */

#define LINEAGE_CTE                                                                        \
    "WITH RECURSIVE"                                                                       \
    " up(id) AS (SELECT ?1 UNION SELECT l.from_id FROM list_link l JOIN up ON l.to_id = up.id)," \
    " down(id) AS (SELECT ?1 UNION SELECT l.to_id FROM list_link l JOIN down ON l.from_id = down.id)," \
    " comp(id) AS (SELECT id FROM up UNION SELECT id FROM down) "

#define COMPONENT_CTE                                                                      \
    "WITH RECURSIVE comp(id) AS (SELECT ?1"                                                \
    " UNION SELECT l.to_id FROM list_link l JOIN comp ON l.from_id = comp.id"              \
    " UNION SELECT l.from_id FROM list_link l JOIN comp ON l.to_id = comp.id) "

#define CHAIN_ITEMS "SELECT " ROW_COLUMNS " FROM comp JOIN list_item i ON i.id = comp.id" ROW_JOINS \
    " ORDER BY i.id LIMIT ?2"
#define CHAIN_LINKS "SELECT l.from_id, l.to_id FROM list_link l"                          \
    " WHERE l.from_id IN (SELECT id FROM comp) AND l.to_id IN (SELECT id FROM comp)"       \
    " ORDER BY l.from_id, l.to_id"

static const char *const chain_items_sql[] = {LINEAGE_CTE CHAIN_ITEMS, COMPONENT_CTE CHAIN_ITEMS};
static const char *const chain_links_sql[] = {LINEAGE_CTE CHAIN_LINKS, COMPONENT_CTE CHAIN_LINKS};

static int chain_items(xl_db *db, int64_t id, xl_chain_mode mode, xl_chain *c, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, chain_items_sql[mode], err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, XL_CHAIN_MAX + 1);
    bind_today(st);
    c->items = xl_calloc(XL_CHAIN_MAX, sizeof *c->items);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (c->n == XL_CHAIN_MAX) {
            c->truncated = 1;
            continue;
        }
        row_from_stmt(st, &c->items[c->n++]);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "chain", err);
}

static int chain_has(const xl_chain *c, int64_t id)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->items[i].id == id)
            return 1;
    return 0;
}

static int chain_links(xl_db *db, int64_t id, xl_chain_mode mode, xl_chain *c, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, chain_links_sql[mode], err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        xl_chain_link l = {sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1)};
        if (c->truncated && (!chain_has(c, l.from) || !chain_has(c, l.to)))
            continue;
        if (c->nlinks == cap) {
            cap = cap ? cap * 2 : 16;
            c->links = xl_reallocarray(c->links, cap, sizeof *c->links);
        }
        c->links[c->nlinks++] = l;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "chain links", err);
}

static int row_order(const void *a, const void *b)
{
    const xl_list_row *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

int xl_list_chain(xl_db *db, int64_t id, xl_chain_mode mode, xl_chain *out, xl_err *err)
{
    memset(out, 0, sizeof *out);
    if (mode != XL_CHAIN_LINEAGE && mode != XL_CHAIN_COMPONENT)
        return xl_err_set(err, XL_EUSAGE, "chain: unknown mode %d", (int)mode);
    int rc = chain_items(db, id, mode, out, err);
    if (rc == XL_OK && out->n == 0)
        rc = xl_err_set(err, XL_ENOTFOUND, "no list item #%lld", (long long)id);
    if (rc == XL_OK)
        rc = chain_links(db, id, mode, out, err);
    if (rc != XL_OK) {
        xl_chain_release(out);
        return rc;
    }
    qsort(out->items, out->n, sizeof *out->items, row_order);
    return XL_OK;
}

void xl_chain_release(xl_chain *c)
{
    free(c->items);
    free(c->links);
    memset(c, 0, sizeof *c);
}

/* ---------- history ---------- */

static const char history_sql[] =
    "SELECT at, operator, action, detail FROM audit"
    " WHERE (entity = 'list_item' AND entity_id = ?1)"
    "    OR (entity = 'list_link' AND (entity_id LIKE ?1 || '>%' OR entity_id LIKE '%>' || ?1))"
    " ORDER BY id";

static void history_from_row(sqlite3_stmt *st, xl_history_row *h)
{
    xl_col_copy(st, 0, h->at, sizeof h->at);
    xl_col_copy(st, 1, h->operator_login, sizeof h->operator_login);
    xl_col_copy(st, 2, h->action, sizeof h->action);
    xl_col_copy(st, 3, h->detail, sizeof h->detail);
}

int xl_list_history(xl_db *db, int64_t id, xl_history_row **out, size_t *n, xl_err *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = xl_db_prepare(db, history_sql, err);
    if (!st)
        return XL_EFAIL;
    char idtext[24];
    snprintf(idtext, sizeof idtext, "%lld", (long long)id);
    sqlite3_bind_text(st, 1, idtext, -1, SQLITE_TRANSIENT);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            *out = xl_reallocarray(*out, cap, sizeof **out);
        }
        history_from_row(st, &(*out)[(*n)++]);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return XL_OK;
    free(*out);
    *out = NULL;
    *n = 0;
    return xl_db_fail(db, "history", err);
}

void xl_party_bind(sqlite3_stmt *st, int person_idx, int org_idx, xl_party p)
{
    if (p.kind == XL_PARTY_PERSON)
        sqlite3_bind_int64(st, person_idx, p.id);
    else
        sqlite3_bind_null(st, person_idx);
    if (p.kind == XL_PARTY_ORG)
        sqlite3_bind_int64(st, org_idx, p.id);
    else
        sqlite3_bind_null(st, org_idx);
}

xl_party xl_party_from_cols(sqlite3_stmt *st, int person_col, int org_col)
{
    if (sqlite3_column_type(st, person_col) != SQLITE_NULL)
        return xl_party_person(sqlite3_column_int64(st, person_col));
    if (sqlite3_column_type(st, org_col) != SQLITE_NULL)
        return xl_party_org(sqlite3_column_int64(st, org_col));
    return xl_party_none();
}
