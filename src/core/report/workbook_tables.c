/* workbook_tables.c — the tables of the street office's workbook (workbook.h), built from
 * the figures and a few queries of their own. Headers are Chinese whatever the UI language:
 * the workbook goes to the street office. */
#include "xiangli/workbook.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "xiangli/i18n.h"
#include "xiangli/idcard.h"
#include "xiangli/lists.h"
#include "xiangli/meeting.h"

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

void xl_report_table_setup(xl_table *t, xl_msg sheet, const char *file, const xl_msg *heads,
                           const int *widths, size_t ncols)
{
    memset(t, 0, sizeof *t);
    t->sheet = xl_tr_in(sheet, XL_WB_LANG), t->file = file;
    for (; t->ncols < ncols && t->ncols < XL_TABLE_MAX_COLS; t->ncols++) {
        t->head[t->ncols] = heads[t->ncols] == XL_MSG_COUNT ? "" : xl_tr_in(heads[t->ncols], XL_WB_LANG);
        t->width[t->ncols] = widths[t->ncols];
    }
}

/* ---- 汇总 ---- */

static const xl_msg summary_heads[] = {XL_MSG_RPT_W_ITEM, XL_MSG_RPT_W_VALUE, XL_MSG_RPT_W_KEY,
    XL_MSG_COUNT, XL_MSG_RPT_W_MONTH, XL_MSG_RPT_MOVED_IN, XL_MSG_RPT_MOVED_OUT};
static const int summary_widths[] = {18, 12, 20, 4, 10, 8, 8};

static void summary_line(xl_table *t, size_t *row, xl_msg label, double v, xl_cell_type ty,
                         const char *key)
{
    size_t r = *row < t->nrows ? *row : xl_table_row(t);
    xl_table_text(t, r, 0, xl_tr_in(label, XL_WB_LANG));
    xl_table_num(t, r, 1, v, ty);
    xl_table_text(t, r, 2, key);
    (*row)++;
}

static void summary_months(xl_table *t, const xl_figures *f)
{
    for (int i = 0; i < XL_REPORT_MONTHS; i++) {
        size_t r = (size_t)i < t->nrows ? (size_t)i : xl_table_row(t);
        xl_table_text(t, r, 4, f->months[i].month);
        xl_table_int(t, r, 5, f->months[i].moved_in);
        xl_table_int(t, r, 6, f->months[i].moved_out);
    }
}

static void build_summary(xl_report_tables *rt)
{
    const xl_figures *f = &rt->fig;
    xl_table *t = &rt->t[XL_TABLE_SUMMARY];
    xl_report_table_setup(t, XL_MSG_RPT_W_SUMMARY, "summary.csv", summary_heads, summary_widths,
                          COUNT(summary_heads));
    size_t r = 0;
    summary_line(t, &r, XL_MSG_RPT_W_BUILDINGS, f->st.buildings, XL_CELL_INT, "buildings");
    summary_line(t, &r, XL_MSG_RESIDENTS, f->st.residents, XL_CELL_INT, "residents");
    summary_line(t, &r, XL_MSG_ROLE_TENANT, f->st.tenants, XL_CELL_INT, "tenants");
    summary_line(t, &r, XL_MSG_ROLE_OWNER, f->st.owners, XL_CELL_INT, "owners");
    summary_line(t, &r, XL_MSG_ROLE_SUBLANDLORD, f->st.sublandlords, XL_CELL_INT, "sublandlords");
    summary_line(t, &r, XL_MSG_ROLE_FAMILY, f->st.family, XL_CELL_INT, "family");
    summary_line(t, &r, XL_MSG_DECLARED, f->st.declared, XL_CELL_INT, "declared");
    /* rounded as `stats --json` prints it, so the two are equal */
    summary_line(t, &r, XL_MSG_REG_RATE, round(f->st.registration_rate * 10000.0) / 10000.0,
                 XL_CELL_PCT, "registration_rate");
    summary_line(t, &r, XL_MSG_RPT_W_MOVED_OUT, f->st.moved_out, XL_CELL_INT, "moved_out");
    summary_line(t, &r, XL_MSG_RPT_W_TARGET, f->opts.target, XL_CELL_PCT, "");
    summary_line(t, &r, XL_MSG_RPT_W_BELOW, f->below_target, XL_CELL_INT, "");
    summary_line(t, &r, XL_MSG_RPT_W_RT_SHARE, f->rt_share, XL_CELL_PCT, "");
    summary_line(t, &r, XL_MSG_RPT_W_OVERDUE, f->overdue_total, XL_CELL_INT, "");
    size_t d = r < t->nrows ? r : xl_table_row(t);
    xl_table_text(t, d, 0, XL_WB(RPT_W_AS_OF));
    xl_table_date(t, d, 1, f->today);
    summary_months(t, f);
    rt->months_col = 4;
}

/* ---- 楼栋登记 ---- */

static const xl_msg building_heads[] = {XL_MSG_CF_BUILDING, XL_MSG_LANE, XL_MSG_PIONEER_GROUP,
    XL_MSG_RESPONSIBLE, XL_MSG_ROLE, XL_MSG_RPT_W_CONTACT, XL_MSG_RESIDENTS, XL_MSG_ROLE_TENANT,
    XL_MSG_DECLARED, XL_MSG_REG_RATE, XL_MSG_RPT_W_MET};
static const int building_widths[] = {8, 12, 10, 14, 8, 16, 10, 8, 10, 12, 6};

static void build_buildings(xl_report_tables *rt)
{
    const xl_figures *f = &rt->fig;
    xl_table *t = &rt->t[XL_TABLE_BUILDINGS];
    xl_report_table_setup(t, XL_MSG_RPT_W_BUILDINGS_SHEET, "buildings.csv", building_heads,
                          building_widths, COUNT(building_heads));
    for (size_t i = 0; i < f->nbuildings; i++) {
        const xl_fig_building *b = &f->buildings[i];
        size_t r = xl_table_row(t);
        xl_table_int(t, r, 0, b->number);
        xl_table_text(t, r, 1, b->lane);
        if (b->pioneer_group > 0)
            xl_table_int(t, r, 2, b->pioneer_group);
        xl_table_text(t, r, 3, b->resp_name);
        xl_table_text(t, r, 4, b->resp_role[0] ? xl_report_role_label_in(b->resp_role, XL_WB_LANG) : "");
        xl_table_text(t, r, 5, b->resp_phone_masked);
        xl_table_int(t, r, 6, b->residents);
        xl_table_int(t, r, 7, b->tenants);
        xl_table_int(t, r, 8, b->declared);
        xl_table_num(t, r, 9, b->rate, XL_CELL_PCT);
        xl_table_text(t, r, 10, b->rate >= f->opts.target ? XL_WB(CF_YES) : XL_WB(CF_NO));
    }
}

/* ---- 责任人 ---- */

static const xl_msg resp_heads[] = {XL_MSG_RESPONSIBLE, XL_MSG_ROLE, XL_MSG_RPT_W_CONTACT,
    XL_MSG_RPT_W_BUILDINGS, XL_MSG_CF_BUILDING, XL_MSG_RESIDENTS, XL_MSG_DECLARED, XL_MSG_REG_RATE,
    XL_MSG_RESP_H_ONTIME, XL_MSG_RPT_W_LATE, XL_MSG_RESP_H_STALE, XL_MSG_RESP_H_CONVENED,
    XL_MSG_RPT_W_ATTENDED, XL_MSG_RPT_W_SAFETY, XL_MSG_RESP_CHANGES_TITLE, XL_MSG_RPT_W_SINCE};
static const int resp_widths[] = {14, 8, 16, 8, 20, 10, 10, 12, 10, 10, 12, 12, 12, 16, 12, 12};

static int build_responsible(xl_db *db, xl_report_tables *rt, xl_err *err)
{
    xl_table *t = &rt->t[XL_TABLE_RESPONSIBLE];
    xl_report_table_setup(t, XL_MSG_RESPONSIBLE, "responsible.csv", resp_heads, resp_widths,
                          COUNT(resp_heads));
    xl_resp_record *rec;
    size_t n;
    if (xl_resp_records_load(db, rt->fig.opts.stale_days, &rec, &n, err))
        return XL_EFAIL;
    for (size_t i = 0; i < n; i++) {
        size_t r = xl_table_row(t), c = 0;
        xl_table_text(t, r, c++, rec[i].name);
        xl_table_text(t, r, c++, xl_report_role_label_in(rec[i].role, XL_WB_LANG));
        xl_table_text(t, r, c++, rec[i].phone_masked);
        xl_table_int(t, r, c++, rec[i].nbuildings);
        xl_table_text(t, r, c++, rec[i].buildings);
        xl_table_int(t, r, c++, rec[i].residents);
        xl_table_int(t, r, c++, rec[i].declared);
        xl_table_num(t, r, c++, rec[i].rate, XL_CELL_PCT);
        xl_table_int(t, r, c++, rec[i].signouts_on_time);
        xl_table_int(t, r, c++, rec[i].signouts_late);
        xl_table_int(t, r, c++, rec[i].found_stale);
        xl_table_int(t, r, c++, rec[i].rt_convened);
        xl_table_int(t, r, c++, rec[i].rt_attended);
        xl_table_int(t, r, c++, rec[i].open_safety);
        xl_table_int(t, r, c++, rec[i].changes);
        xl_table_date(t, r, c++, rec[i].since);
    }
    free(rec);
    return XL_OK;
}

int xl_report_tables_build(xl_db *db, const xl_report_opts *opts, xl_report_tables *rt,
                           xl_err *err)
{
    memset(rt, 0, sizeof *rt);
    if (xl_figures_load(db, opts, &rt->fig, err))
        return XL_EFAIL;
    build_summary(rt);
    build_buildings(rt);
    rt->ntables = XL_TABLE_RESPONSIBLE + 1;
    int rc = xl_report_tables_more(db, rt, err);
    if (rc == XL_OK)
        rc = build_responsible(db, rt, err);
    if (rc != XL_OK)
        xl_report_tables_release(rt);
    return rc;
}

void xl_report_tables_release(xl_report_tables *rt)
{
    for (size_t i = 0; i < XL_TABLE_COUNT; i++)
        xl_table_release(&rt->t[i]);
    xl_figures_release(&rt->fig);
    rt->ntables = 0;
}
