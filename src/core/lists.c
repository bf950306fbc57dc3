/* lists.c — the four lists: kinds, statuses and link rules, categories, parties, and the small
 * SQL helpers shared with lists_item.c, lists_query.c and lists_chain.c (lists_internal.h).
 * Rules are stated in include/xiangli/lists.h; the schema (003_lists.sql) enforces them too. */
#include "xiangli/date.h"
#include "xiangli/lists.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db_internal.h"
#include "lists_internal.h"
#include "party_sql.h"
#include "xiangli/building.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

/* ---------- enumerations ---------- */

const char *const xl_lists_kind_keys[] = {
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

const char *const xl_lists_status_keys[] = {
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
    return (unsigned)k < XL_ITEM_KIND_COUNT ? xl_lists_kind_keys[k] : "";
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
    return enum_parse(s, xl_lists_kind_keys, kind_msgs, XL_ITEM_KIND_COUNT);
}

const char *xl_item_status_key(xl_item_status s)
{
    return (unsigned)s < XL_ITEM_STATUS_COUNT ? xl_lists_status_keys[s] : "";
}

const char *xl_item_status_label(xl_item_status s)
{
    return (unsigned)s < XL_ITEM_STATUS_COUNT ? xl_tr(status_msgs[s]) : "?";
}

int xl_item_status_parse(const char *s)
{
    return enum_parse(s, xl_lists_status_keys, status_msgs, XL_ITEM_STATUS_COUNT);
}

int xl_item_link_allowed(xl_item_kind from, xl_item_kind to)
{
    for (size_t i = 0; i < sizeof link_rules / sizeof link_rules[0]; i++)
        if (link_rules[i].from == from && link_rules[i].to == to)
            return 1;
    return 0;
}

int xl_lists_kind_of_key(const char *key)
{
    for (int i = 0; i < XL_ITEM_KIND_COUNT; i++)
        if (strcmp(key, xl_lists_kind_keys[i]) == 0)
            return i;
    return -1;
}

int xl_lists_status_of_key(const char *key)
{
    for (int i = 0; i < XL_ITEM_STATUS_COUNT; i++)
        if (strcmp(key, xl_lists_status_keys[i]) == 0)
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
int xl_lists_row_exists(xl_db *db, const char *sql, int64_t id)
{
    sqlite3_stmt *st = xl_db_prepare(db, sql, NULL);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* Queries that need today's date use parameter ?19 (XL_LISTS_TODAY_PARAM) for it. */
#define TODAY_INDEX 19

void xl_lists_bind_today(sqlite3_stmt *st)
{
    if (sqlite3_bind_parameter_count(st) >= TODAY_INDEX) {
        char today[11];
        xl_today(today);
        sqlite3_bind_text(st, TODAY_INDEX, today, -1, SQLITE_TRANSIENT);
    }
}

/* Binds a party into the (person, org) parameter pair. */
void xl_lists_stamp_or_now(const char *stamp, char out[20])
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
        return xl_lists_row_exists(db, "SELECT 1 FROM person WHERE id = ?1", p.id) == 1;
    case XL_PARTY_ORG:
        return xl_lists_row_exists(db, "SELECT 1 FROM organisation WHERE id = ?1", p.id) == 1;
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
