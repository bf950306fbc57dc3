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

#include "core/db/db_internal.h"
#include "core/lists/lists_internal.h"
#include "core/db/party_sql.h"
#include "xiangli/building.h"
#include "xiangli/enums.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

/* ---------- enumerations ---------- */

const char *const lists_kind_keys[] = {
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

const char *const lists_status_keys[] = {
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

static const xl_enum kind_enum = {lists_kind_keys, kind_msgs, XL_ITEM_KIND_COUNT};
static const xl_enum list_enum = {lists_kind_keys, list_msgs, XL_ITEM_KIND_COUNT};
static const xl_enum status_enum = {lists_status_keys, status_msgs, XL_ITEM_STATUS_COUNT};

const char *xl_item_kind_key(xl_item_kind k) { return xl_enum_key(&kind_enum, (int)k); }

const char *xl_item_kind_label(xl_item_kind k) { return xl_enum_label(&kind_enum, (int)k); }

const char *xl_item_list_label(xl_item_kind k) { return xl_enum_label(&list_enum, (int)k); }

int xl_item_kind_parse(const char *s) { return xl_enum_parse(&kind_enum, s); }

const char *xl_item_status_key(xl_item_status s) { return xl_enum_key(&status_enum, (int)s); }

const char *xl_item_status_label(xl_item_status s) { return xl_enum_label(&status_enum, (int)s); }

const char *xl_item_kind_label_in(xl_item_kind k, const char *lang)
{
    return xl_enum_label_in(&kind_enum, (int)k, lang);
}

const char *xl_item_status_label_in(xl_item_status s, const char *lang)
{
    return xl_enum_label_in(&status_enum, (int)s, lang);
}

int xl_item_status_parse(const char *s) { return xl_enum_parse(&status_enum, s); }

int xl_item_link_allowed(xl_item_kind from, xl_item_kind to)
{
    for (size_t i = 0; i < sizeof link_rules / sizeof link_rules[0]; i++)
        if (link_rules[i].from == from && link_rules[i].to == to)
            return 1;
    return 0;
}

int lists_kind_of_key(const char *key) { return xl_enum_of_key(&kind_enum, key); }

int lists_status_of_key(const char *key) { return xl_enum_of_key(&status_enum, key); }

/* ---------- small SQL helpers ---------- */

/* 1 if sql (one ?1 integer parameter) yields a row, 0 if not, -1 on a database error. */
int lists_row_exists(xl_db *db, const char *sql, int64_t id)
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

void lists_bind_today(sqlite3_stmt *st)
{
    if (sqlite3_bind_parameter_count(st) >= TODAY_INDEX) {
        char today[11];
        xl_today(today);
        sqlite3_bind_text(st, TODAY_INDEX, today, -1, SQLITE_TRANSIENT);
    }
}

/* Binds a party into the (person, org) parameter pair. */
void lists_stamp_or_now(const char *stamp, char out[20])
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
        return lists_row_exists(db, "SELECT 1 FROM person WHERE id = ?1", p.id) == 1;
    case XL_PARTY_ORG:
        return lists_row_exists(db, "SELECT 1 FROM organisation WHERE id = ?1", p.id) == 1;
    }
    return 0;
}

int xl_party_is_office(xl_db *db, xl_party p)
{
    return p.kind == XL_PARTY_ORG &&
           lists_row_exists(db, "SELECT 1 FROM organisation WHERE id = ?1 AND (name LIKE '%居委%'"
                                " OR name LIKE '%居民委员会%')", p.id) == 1;
}

int xl_org_name_is_office(const char *name)
{
    return strstr(name, "居委") != NULL || strstr(name, "居民委员会") != NULL;
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
