/* lists_chain.c — links along the chain, walking the chain, and an item's history.
 * Rules are stated in include/xiangli/lists.h; the schema (003_lists.sql) enforces them too. */
#include "xiangli/date.h"
#include "xiangli/lists.h"
#include "core/lists/lists_tx.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/db/db_internal.h"
#include "core/db/party_sql.h"
#include "xiangli/building.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

#include "core/lists/lists_internal.h"

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
        *kind = lists_kind_of_key(xl_col_text(st, 0));
        if (title)
            xl_strlcpy_utf8(title, xl_col_text(st, 1), size);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return xl_err_set(err, XL_ENOTFOUND, _(MTG_E_NO_ITEM_FMT), (long long)id);
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
        return xl_err_field(err, "link", "%s", _(LIST_E_LINK_SELF));
    int rc = item_kind(db, from, fk, NULL, 0, err);
    if (rc == XL_OK)
        rc = item_kind(db, to, tk, NULL, 0, err);
    if (rc != XL_OK)
        return rc;
    if (!xl_item_link_allowed((xl_item_kind)*fk, (xl_item_kind)*tk))
        return xl_err_field(err, "link", _(LIST_E_LINK_KIND_FMT), lists_kind_word(*fk), lists_kind_word(*tk));
    int r = link_exists(db, from, to);
    if (r < 0)
        return xl_db_fail(db, "link", err);
    return r ? xl_err_field(err, "link", _(LIST_E_LINK_EXISTS_FMT), (long long)from,
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
    lists_stamp_or_now(stamp, at);
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    sqlite3_bind_text(st, 3, lists_kind_keys[fk], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, lists_kind_keys[tk], -1, SQLITE_STATIC);
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
             lists_kind_keys[fk], ft, (long long)c->to, lists_kind_keys[tk], tt);
    return xl_db_audit(db, c->unlink ? "list.unlink" : "list.link", "list_link", id, detail, err);
}

static int unlink_tx(xl_db *db, int64_t from, int64_t to, xl_err *err)
{
    int r = link_exists(db, from, to);
    if (r < 0)
        return xl_db_fail(db, "link", err);
    if (!r)
        return xl_err_set(err, XL_ENOTFOUND, _(LIST_E_NO_LINK_FMT), (long long)from, (long long)to);
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
    xl_lists_create_ctx item;
    int64_t from;
} create_linked_ctx;

/* The item, its link from `from` and both audit rows, or nothing. */
static int create_linked_body(xl_db *db, void *p, xl_err *err)
{
    create_linked_ctx *c = p;
    int rc = lists_create_body(db, &c->item, err);
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

#define CHAIN_ITEMS "SELECT " XL_LISTS_ROW_COLUMNS " FROM comp JOIN list_item i ON i.id = comp.id" XL_LISTS_ROW_JOINS \
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
    lists_bind_today(st);
    c->items = xl_calloc(XL_CHAIN_MAX, sizeof *c->items);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (c->n == XL_CHAIN_MAX) {
            c->truncated = 1;
            continue;
        }
        lists_row_from_stmt(st, &c->items[c->n++]);
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
        return xl_err_set(err, XL_EUSAGE, "%s", _(E_PROGRAM));
    int rc = chain_items(db, id, mode, out, err);
    if (rc == XL_OK && out->n == 0)
        rc = xl_err_set(err, XL_ENOTFOUND, _(MTG_E_NO_ITEM_FMT), (long long)id);
    if (rc == XL_OK)
        rc = chain_links(db, id, mode, out, err);
    if (rc != XL_OK) {
        xl_chain_release(out);
        return rc;
    }
    xl_qsort(out->items, out->n, sizeof *out->items, row_order);
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
