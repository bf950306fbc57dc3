/* behind.c — the rows behind a figure of the statistics (report.h): who has a role, who
 * moved in a month, who comes from a province, which items are open in a category, which
 * actions an owner let slip, which buildings of a lane or group met at a roundtable. */
#include "xiangli/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "xiangli/i18n.h"
#include "xiangli/idcard.h"
#include "xiangli/lists.h"
#include "xiangli/meeting.h"
#include "xiangli/model.h"

const char *xl_report_role_label(const char *key)
{
    return xl_report_role_label_in(key, xl_i18n_lang());
}

const char *xl_report_role_label_in(const char *key, const char *lang)
{
    static const xl_msg ids[] = {XL_MSG_ROLE_OWNER, XL_MSG_ROLE_SUBLANDLORD, XL_MSG_ROLE_TENANT,
                                 XL_MSG_ROLE_FAMILY};
    int r = xl_role_parse(key);
    return r >= 0 && r < XL_ROLE_COUNT ? xl_tr_in(ids[r], lang) : key;
}

/* ---- people: building, room, name, role, date, phone, person id, 1 = in / 2 = out ---- */

static const char role_sql[] =
    "SELECT r.building, r.room, p.name, r.role, r.moved_in, coalesce(p.phone, ''), p.id, 1"
    " FROM residency r JOIN person p ON p.id = r.person_id"
    " WHERE r.moved_out IS NULL AND r.role = ?1 ORDER BY r.building, r.room, p.name LIMIT ?2";
static const char province_sql[] =
    "SELECT r.building, r.room, p.name, r.role, r.moved_in, coalesce(p.phone, ''), p.id, 1"
    " FROM residency r JOIN person p ON p.id = r.person_id"
    " WHERE r.moved_out IS NULL AND p.province = ?1 ORDER BY r.building, r.room, p.name LIMIT ?2";
static const char month_sql[] =
    "SELECT * FROM ("
    " SELECT r.building, r.room, p.name, r.role, r.moved_in AS d, coalesce(p.phone, ''), p.id, 1"
    " FROM residency r JOIN person p ON p.id = r.person_id WHERE substr(r.moved_in, 1, 7) = ?1"
    " UNION ALL"
    " SELECT r.building, r.room, p.name, r.role, r.moved_out AS d, coalesce(p.phone, ''), p.id, 2"
    " FROM residency r JOIN person p ON p.id = r.person_id WHERE substr(r.moved_out, 1, 7) = ?1)"
    " ORDER BY d, 1, 2, 3 LIMIT ?2";

static void people_row(sqlite3_stmt *st, xl_behind_row *r)
{
    r->building = sqlite3_column_int(st, 0);
    snprintf(r->col[0], sizeof r->col[0], "%d-%s", r->building, xl_col_text(st, 1));
    xl_strlcpy_utf8(r->col[1], xl_col_text(st, 2), sizeof r->col[1]);
    xl_strlcpy_utf8(r->col[2], xl_report_role_label(xl_col_text(st, 3)), sizeof r->col[2]);
    xl_strlcpy_utf8(r->col[3], xl_col_text(st, 4), sizeof r->col[3]);
    xl_strlcpy_utf8(r->col[4], sqlite3_column_int(st, 7) == 1 ? _(RPT_MOVED_IN) : _(RPT_MOVED_OUT),
                    sizeof r->col[4]);
    if (*xl_col_text(st, 5))
        xl_mask_phone(xl_col_text(st, 5), r->col[5], sizeof r->col[5]);
    r->person_id = sqlite3_column_int64(st, 6);
}

/* ---- items: id, kind, title, status, owner, due ---- */

static const char category_sql[] =
    "SELECT i.id, i.kind, i.title, i.status, coalesce(p.name, o.name, ''), coalesce(i.due, '')"
    " FROM list_item i LEFT JOIN person p ON p.id = i.owner_person"
    " LEFT JOIN organisation o ON o.id = i.owner_org"
    " WHERE i.category = ?1 AND i.status IN ('open', 'in_progress') ORDER BY i.id LIMIT ?2";
static const char overdue_sql[] =
    "SELECT i.id, i.kind, i.title, i.status, coalesce(p.name, o.name, ''), coalesce(i.due, '')"
    " FROM list_item i LEFT JOIN person p ON p.id = i.owner_person"
    " LEFT JOIN organisation o ON o.id = i.owner_org"
    " WHERE i.kind = 'action' AND i.status IN ('open', 'in_progress') AND i.due < ?3"
    "   AND CASE WHEN i.owner_person IS NOT NULL THEN 'P' || i.owner_person"
    "            ELSE 'O' || i.owner_org END = ?1"
    " ORDER BY i.due, i.id LIMIT ?2";

static void item_row(sqlite3_stmt *st, xl_behind_row *r)
{
    r->item_id = sqlite3_column_int64(st, 0);
    snprintf(r->col[0], sizeof r->col[0], "#%lld", (long long)r->item_id);
    int k = xl_item_kind_parse(xl_col_text(st, 1)), s = xl_item_status_parse(xl_col_text(st, 3));
    xl_strlcpy_utf8(r->col[1], k >= 0 ? xl_item_kind_label((xl_item_kind)k) : "", sizeof r->col[1]);
    xl_strlcpy_utf8(r->col[2], xl_col_text(st, 2), sizeof r->col[2]);
    xl_strlcpy_utf8(r->col[3], s >= 0 ? xl_item_status_label((xl_item_status)s) : "",
                    sizeof r->col[3]);
    xl_strlcpy_utf8(r->col[4], xl_col_text(st, 4), sizeof r->col[4]);
    xl_strlcpy_utf8(r->col[5], xl_col_text(st, 5), sizeof r->col[5]);
}

typedef struct behind_ctx {
    xl_behind *b;
    size_t cap;
    void (*fill)(sqlite3_stmt *st, xl_behind_row *r);
} behind_ctx;

static void behind_row(sqlite3_stmt *st, void *vctx)
{
    behind_ctx *c = vctx;
    XL_GROW(c->b->rows, c->b->nrows, c->cap);
    xl_behind_row *r = &c->b->rows[c->b->nrows++];
    memset(r, 0, sizeof *r);
    c->fill(st, r);
}

static void set_heads(xl_behind *b, int items)
{
    static const xl_msg people[] = {XL_MSG_ROOM, XL_MSG_NAME, XL_MSG_ROLE,
                                    XL_MSG_PEND_COL_DATE, XL_MSG_RPT_H_MOVE, XL_MSG_PHONE};
    static const xl_msg item[] = {XL_MSG_PEND_COL_NO, XL_MSG_ITEM_F_KIND, XL_MSG_LIST_COL_TITLE,
                                  XL_MSG_PEND_COL_STATE, XL_MSG_LIST_COL_OWNER, XL_MSG_LIST_COL_DUE};
    for (size_t i = 0; i < sizeof item / sizeof item[0]; i++)
        b->head[i] = xl_tr(items ? item[i] : people[i]);
}

static int behind_sql(xl_db *db, const char *sql, const char *key, size_t limit,
                      void (*fill)(sqlite3_stmt *, xl_behind_row *), xl_behind *out, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, sql, err);
    if (!st)
        return XL_EFAIL;
    char today[11];
    xl_today(today);
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, limit ? (sqlite3_int64)limit : -1);
    if (sqlite3_bind_parameter_count(st) >= 3)
        sqlite3_bind_text(st, 3, today, -1, SQLITE_TRANSIENT);
    behind_ctx c = {out, 0, fill};
    return xl_report_each(db, st, behind_row, &c, "rows", err);
}

int xl_behind_buildings(xl_db *db, int kind, int id, int days, size_t limit, xl_behind *out,
                        xl_err *err);

int xl_behind_load(xl_db *db, xl_behind_kind kind, const char *key, int roundtable_days,
                   size_t limit, xl_behind *out, xl_err *err)
{
    memset(out, 0, sizeof *out);
    set_heads(out, kind == XL_BEHIND_CATEGORY || kind == XL_BEHIND_OVERDUE);
    switch (kind) {
    case XL_BEHIND_ROLE: return behind_sql(db, role_sql, key, limit, people_row, out, err);
    case XL_BEHIND_PROVINCE: return behind_sql(db, province_sql, key, limit, people_row, out, err);
    case XL_BEHIND_MONTH: return behind_sql(db, month_sql, key, limit, people_row, out, err);
    case XL_BEHIND_CATEGORY: return behind_sql(db, category_sql, key, limit, item_row, out, err);
    case XL_BEHIND_OVERDUE: return behind_sql(db, overdue_sql, key, limit, item_row, out, err);
    case XL_BEHIND_LANE:
    case XL_BEHIND_GROUP:
        return xl_behind_buildings(db, kind == XL_BEHIND_LANE ? XL_COVER_LANE : XL_COVER_GROUP,
                                   atoi(key), roundtable_days, limit, out, err);
    }
    return xl_err_set(err, XL_EUSAGE, "%s", _(E_PROGRAM));
}

void xl_behind_release(xl_behind *b)
{
    free(b->rows);
    b->rows = NULL;
    b->nrows = 0;
}
