/* workbook_more.c — the workbook's sheets read straight from the register, the lists and
 * the meetings: 迁入迁出, 四张清单, 小圆桌 (workbook.h). */
#include "xiangli/workbook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "xiangli/idcard.h"
#include "xiangli/lists.h"
#include "xiangli/meeting.h"

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

typedef struct fill_ctx {
    xl_table *t;
} fill_ctx;

/* ---- 迁入迁出: ?1 from, ?2 to (exclusive) ---- */

static const char moves_sql[] =
    "SELECT d, kind, r.building, r.room, p.name, r.role, p.province, coalesce(p.phone, ''),"
    "       coalesce(p.id_number, '')"
    " FROM (SELECT id, moved_in AS d, 1 AS kind FROM residency WHERE moved_in >= ?1 AND moved_in < ?2"
    "       UNION ALL"
    "       SELECT id, moved_out, 2 FROM residency WHERE moved_out >= ?1 AND moved_out < ?2) m"
    " JOIN residency r ON r.id = m.id JOIN person p ON p.id = r.person_id"
    " ORDER BY d, kind, r.building, r.room, p.name";
static const xl_msg moves_heads[] = {XL_MSG_PEND_COL_DATE, XL_MSG_RPT_H_MOVE, XL_MSG_CF_BUILDING,
    XL_MSG_ROOM, XL_MSG_NAME, XL_MSG_ROLE, XL_MSG_REG_F_PROVINCE, XL_MSG_PHONE, XL_MSG_ID_NUMBER};
static const int moves_widths[] = {12, 6, 8, 8, 12, 8, 10, 16, 22};

static void move_row(sqlite3_stmt *st, void *vctx)
{
    xl_table *t = ((fill_ctx *)vctx)->t;
    size_t r = xl_table_row(t);
    char masked[32];
    xl_table_date(t, r, 0, xl_col_text(st, 0));
    xl_table_text(t, r, 1, sqlite3_column_int(st, 1) == 1 ? XL_WB(RPT_MOVED_IN) : XL_WB(RPT_MOVED_OUT));
    xl_table_int(t, r, 2, sqlite3_column_int(st, 2));
    xl_table_text(t, r, 3, xl_col_text(st, 3));
    xl_table_text(t, r, 4, xl_col_text(st, 4));
    xl_table_text(t, r, 5, xl_report_role_label_in(xl_col_text(st, 5), XL_WB_LANG));
    xl_table_text(t, r, 6, xl_col_text(st, 6));
    if (*xl_col_text(st, 7)) {
        xl_mask_phone(xl_col_text(st, 7), masked, sizeof masked);
        xl_table_text(t, r, 7, masked);
    }
    if (*xl_col_text(st, 8)) {
        xl_mask_id(xl_col_text(st, 8), masked, sizeof masked);
        xl_table_text(t, r, 8, masked);
    }
}

/* ---- 四张清单 ---- */

static const char lists_sql[] =
    "SELECT i.id, i.kind, i.title, i.category, i.status, coalesce(p.name, o.name, ''),"
    "       i.raised_at, coalesce(i.due, ''),"
    "       coalesce((SELECT group_concat(building, '、') FROM"
    "                 (SELECT building FROM list_item_building WHERE item_id = i.id ORDER BY building)), ''),"
    "       i.kind = 'action' AND i.status IN ('open', 'in_progress') AND i.due < ?1"
    " FROM list_item i LEFT JOIN person p ON p.id = i.owner_person"
    " LEFT JOIN organisation o ON o.id = i.owner_org ORDER BY i.id";
static const xl_msg lists_heads[] = {XL_MSG_PEND_COL_NO, XL_MSG_ITEM_F_KIND, XL_MSG_LIST_COL_TITLE,
    XL_MSG_LIST_COL_CATEGORY, XL_MSG_PEND_COL_STATE, XL_MSG_LIST_COL_OWNER, XL_MSG_RPT_W_RAISED,
    XL_MSG_LIST_COL_DUE, XL_MSG_ITEM_F_BUILDINGS, XL_MSG_LIST_OVERDUE};
static const int lists_widths[] = {8, 8, 36, 10, 8, 18, 12, 12, 16, 6};

static void list_row(sqlite3_stmt *st, void *vctx)
{
    xl_table *t = ((fill_ctx *)vctx)->t;
    size_t r = xl_table_row(t);
    int k = xl_item_kind_parse(xl_col_text(st, 1)), s = xl_item_status_parse(xl_col_text(st, 4));
    xl_table_int(t, r, 0, sqlite3_column_int64(st, 0));
    xl_table_text(t, r, 1, k >= 0 ? xl_item_kind_label_in((xl_item_kind)k, XL_WB_LANG) : "");
    xl_table_text(t, r, 2, xl_col_text(st, 2));
    xl_table_text(t, r, 3, xl_category_label_of_in(xl_col_text(st, 3), XL_WB_LANG));
    xl_table_text(t, r, 4, s >= 0 ? xl_item_status_label_in((xl_item_status)s, XL_WB_LANG) : "");
    xl_table_text(t, r, 5, xl_col_text(st, 5));
    xl_table_date(t, r, 6, xl_col_text(st, 6));
    xl_table_date(t, r, 7, xl_col_text(st, 7));
    xl_table_text(t, r, 8, xl_col_text(st, 8));
    xl_table_text(t, r, 9, sqlite3_column_int(st, 9) ? XL_WB(CF_YES) : XL_WB(CF_NO));
}

/* ---- 小圆桌: meetings of the window ---- */

static const char meetings_sql[] =
    "SELECT m.id, m.kind, m.title, m.starts_at, coalesce(m.building, 0),"
    "       coalesce(m.pioneer_group, b.pioneer_group, 0), m.status, coalesce(p.name, o.name, ''),"
    "       (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id),"
    "       (SELECT count(*) FROM agenda_item g WHERE g.meeting_id = m.id AND g.decision <> '')"
    " FROM meeting m LEFT JOIN building b ON b.number = m.building"
    " LEFT JOIN person p ON p.id = m.host_person_id LEFT JOIN organisation o ON o.id = m.host_org_id"
    " WHERE m.starts_at >= ?1 AND m.starts_at < ?2 ORDER BY m.starts_at, m.id";
static const xl_msg meetings_heads[] = {XL_MSG_PEND_COL_NO, XL_MSG_RPT_W_MTG_KIND,
    XL_MSG_LIST_COL_TITLE, XL_MSG_PEND_COL_DATE, XL_MSG_CF_BUILDING, XL_MSG_PIONEER_GROUP,
    XL_MSG_PEND_COL_STATE, XL_MSG_RPT_W_CONVENER, XL_MSG_RPT_W_ATTENDANCE, XL_MSG_MTG_MIN_DECISION};
static const int meetings_widths[] = {8, 12, 30, 12, 8, 10, 8, 14, 10, 10};

static void meeting_row(sqlite3_stmt *st, void *vctx)
{
    xl_table *t = ((fill_ctx *)vctx)->t;
    size_t r = xl_table_row(t);
    int k = xl_meeting_kind_parse(xl_col_text(st, 1));
    xl_table_int(t, r, 0, sqlite3_column_int64(st, 0));
    xl_table_text(t, r, 1, k >= 0 ? xl_meeting_kind_label_in((xl_meeting_kind)k, XL_WB_LANG) : "");
    xl_table_text(t, r, 2, xl_col_text(st, 2));
    xl_table_date(t, r, 3, xl_col_text(st, 3));
    if (sqlite3_column_int(st, 4) > 0)
        xl_table_int(t, r, 4, sqlite3_column_int(st, 4));
    if (sqlite3_column_int(st, 5) > 0)
        xl_table_int(t, r, 5, sqlite3_column_int(st, 5));
    const char *status = xl_col_text(st, 6);
    xl_table_text(t, r, 6, xl_meeting_status_label_in(!strcmp(status, "closed") ? XL_MEETING_CLOSED
                                                      : !strcmp(status, "running") ? XL_MEETING_RUNNING
                                                      : XL_MEETING_PLANNED, XL_WB_LANG));
    xl_table_text(t, r, 7, xl_col_text(st, 7));
    xl_table_int(t, r, 8, sqlite3_column_int(st, 8));
    xl_table_int(t, r, 9, sqlite3_column_int(st, 9));
}

static int fill(xl_db *db, xl_table *t, const char *sql, const char *a, const char *b,
                xl_row_fn row, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_text(st, 1, a, -1, SQLITE_TRANSIENT);
    if (b)
        sqlite3_bind_text(st, 2, b, -1, SQLITE_TRANSIENT);
    fill_ctx c = {t};
    return xl_report_each(db, st, row, &c, t->sheet, err);
}

int xl_report_tables_more(xl_db *db, xl_report_tables *rt, xl_err *err)
{
    char from[11], to[11], next[8];
    snprintf(from, sizeof from, "%.7s-01", rt->fig.months[0].month);
    xl_report_month_add(rt->fig.months[XL_REPORT_MONTHS - 1].month, 1, next);
    snprintf(to, sizeof to, "%.7s-01", next);
    xl_table *t = rt->t;
    xl_report_table_setup(&t[XL_TABLE_MOVES], XL_MSG_RPT_W_MOVES_SHEET, "moves.csv", moves_heads,
                          moves_widths, COUNT(moves_heads));
    xl_report_table_setup(&t[XL_TABLE_LISTS], XL_MSG_KEYS_LISTS, "lists.csv", lists_heads,
                          lists_widths, COUNT(lists_heads));
    xl_report_table_setup(&t[XL_TABLE_MEETINGS], XL_MSG_PANE_ROUNDTABLE, "roundtables.csv",
                          meetings_heads, meetings_widths, COUNT(meetings_heads));
    if (fill(db, &t[XL_TABLE_MOVES], moves_sql, from, to, move_row, err) ||
        fill(db, &t[XL_TABLE_LISTS], lists_sql, rt->fig.today, NULL, list_row, err) ||
        fill(db, &t[XL_TABLE_MEETINGS], meetings_sql, from, to, meeting_row, err))
        return XL_EFAIL;
    return xl_report_assessment_table(db, rt, err);
}
