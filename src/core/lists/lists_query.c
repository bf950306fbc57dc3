/* lists_query.c — windows onto the lists (filtered pages and counts) and the map figures
 * per building. Rules are stated in include/xiangli/lists.h. */
#include "xiangli/date.h"
#include "xiangli/lists.h"

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

/* ---------- windows ---------- */

/* ?2 category, ?3 building, ?4/?5 owner person/org, ?6 ",status,…," list, ?7 overdue only,
 * ?8 title text; ?1 (kind) is added by the page query only. */
#define FILTER_REST                                                                        \
    " (?2 IS NULL OR i.category = ?2)"                                                     \
    " AND (?3 IS NULL"                                                                     \
    "      OR (?3 = -1 AND NOT EXISTS (SELECT 1 FROM list_item_building x WHERE x.item_id = i.id))" \
    "      OR EXISTS (SELECT 1 FROM list_item_building x WHERE x.item_id = i.id AND x.building = ?3))" \
    " AND (?4 IS NULL OR i.owner_person = ?4) AND (?5 IS NULL OR i.owner_org = ?5)"       \
    " AND (?6 IS NULL OR instr(?6, ',' || i.status || ',') > 0)"                           \
    " AND (?7 = 0 OR " XL_LISTS_OVERDUE_EXPR ")"                                                    \
    " AND (?8 IS NULL OR instr(i.title, ?8) > 0)"

static const char page_sql[] =
    "SELECT " XL_LISTS_ROW_COLUMNS " FROM list_item i" XL_LISTS_ROW_JOINS
    " WHERE (?1 IS NULL OR i.kind = ?1) AND" FILTER_REST
    " ORDER BY i.status IN ('done', 'dropped'), " XL_LISTS_OVERDUE_EXPR " DESC, i.due IS NULL, i.due,"
    " i.id DESC LIMIT ?9 OFFSET ?10";

static const char counts_sql[] =
    "SELECT i.kind, count(*), sum(" XL_LISTS_OVERDUE_EXPR ") FROM list_item i WHERE" FILTER_REST
    " GROUP BY i.kind";

void lists_row_from_stmt(sqlite3_stmt *st, xl_list_row *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    r->kind = (xl_item_kind)lists_kind_of_key(xl_col_text(st, 1));
    r->status = (xl_item_status)lists_status_of_key(xl_col_text(st, 2));
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
            len += (size_t)snprintf(out + len, size - len, ",%s", lists_status_keys[i]);
    if (len && len + 1 < size)
        strcat(out, ",");
}

static void bind_filter(sqlite3_stmt *st, const xl_list_filter *f, const char *statuses)
{
    if (f->kind >= 0 && f->kind < XL_ITEM_KIND_COUNT) /* ?1 is in the page query only */
        sqlite3_bind_text(st, 1, lists_kind_keys[f->kind], -1, SQLITE_STATIC);
    xl_bind_text_or_null(st, 2, f->category);
    if (f->building != 0)
        sqlite3_bind_int(st, 3, f->building < 0 ? -1 : f->building);
    xl_party_bind(st, 4, 5, f->owner);
    xl_bind_text_or_null(st, 6, statuses);
    sqlite3_bind_int(st, 7, f->overdue_only != 0);
    xl_bind_text_or_null(st, 8, f->text);
    lists_bind_today(st);
}

static int page_counts(xl_db *db, const xl_list_filter *f, const char *statuses, xl_list_page *p, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, counts_sql, err);
    if (!st)
        return XL_EFAIL;
    bind_filter(st, f, statuses);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int k = lists_kind_of_key(xl_col_text(st, 0));
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
        lists_row_from_stmt(st, &p->rows[p->n++]);
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
        return xl_err_no_building(err, "building", building);
    xl_list_filter f;
    xl_list_filter_init(&f);
    f.building = building;
    f.status_mask = XL_STATUS_ACTIVE;
    return xl_list_query(db, &f, 0, 0, out, err);
}

/* The open items' counts are kept per building in building_tally (012_place_tally.sql);
 * which open actions are overdue depends on today, so only those are looked up here (index
 * list_item_kind: kind, status, due). */
static const char building_counts_sql[] =
    "SELECT t.building, t.open_items, t.open_problems, t.open_hazards, coalesce(o.n, 0)"
    " FROM building_tally t LEFT JOIN ("
    "   SELECT b.building, count(*) AS n FROM list_item i"
    "   JOIN list_item_building b ON b.item_id = i.id"
    "   WHERE " XL_LISTS_OVERDUE_EXPR " GROUP BY b.building) o ON o.building = t.building"
    " WHERE t.open_items > 0 ORDER BY t.building";

int xl_list_building_counts(xl_db *db, xl_building_items **out, size_t *n, xl_err *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = xl_db_prepare(db, building_counts_sql, err);
    if (!st)
        return XL_EFAIL;
    lists_bind_today(st);
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
