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

const char *xl_report_role_label(const char *key);
int xl_report_tables_more(xl_db *db, xl_report_tables *rt, xl_err *err);
void xl_report_table_setup(xl_table *t, const char *sheet, const char *file,
                           const char *const *heads, const int *widths);

void xl_report_table_setup(xl_table *t, const char *sheet, const char *file,
                           const char *const *heads, const int *widths)
{
    memset(t, 0, sizeof *t);
    t->sheet = sheet, t->file = file;
    while (heads[t->ncols] && t->ncols < XL_TABLE_MAX_COLS) {
        t->head[t->ncols] = heads[t->ncols];
        t->width[t->ncols] = widths[t->ncols];
        t->ncols++;
    }
}

/* ---- 汇总 ---- */

static const char *const summary_heads[] = {"项目", "数值", "英文代号", "", "月份", "入住", "搬离", NULL};
static const int summary_widths[] = {18, 12, 20, 4, 10, 8, 8};

static void summary_line(xl_table *t, size_t *row, const char *label, double v, xl_cell_type ty,
                         const char *key)
{
    size_t r = *row < t->nrows ? *row : xl_table_row(t);
    xl_table_text(t, r, 0, label);
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
    xl_report_table_setup(t, "汇总", "summary.csv", summary_heads, summary_widths);
    size_t r = 0;
    summary_line(t, &r, "楼栋数", f->st.buildings, XL_CELL_INT, "buildings");
    summary_line(t, &r, "在住人员", f->st.residents, XL_CELL_INT, "residents");
    summary_line(t, &r, "租客", f->st.tenants, XL_CELL_INT, "tenants");
    summary_line(t, &r, "业主", f->st.owners, XL_CELL_INT, "owners");
    summary_line(t, &r, "二房东", f->st.sublandlords, XL_CELL_INT, "sublandlords");
    summary_line(t, &r, "家属", f->st.family, XL_CELL_INT, "family");
    summary_line(t, &r, "核定人数", f->st.declared, XL_CELL_INT, "declared");
    /* rounded as `stats --json` prints it, so the two are equal */
    summary_line(t, &r, "登记采集率", round(f->st.registration_rate * 10000.0) / 10000.0,
                 XL_CELL_PCT, "registration_rate");
    summary_line(t, &r, "已搬离（居住记录）", f->st.moved_out, XL_CELL_INT, "moved_out");
    summary_line(t, &r, "目标登记采集率", f->opts.target, XL_CELL_PCT, "");
    summary_line(t, &r, "未达标楼栋", f->below_target, XL_CELL_INT, "");
    summary_line(t, &r, "小圆桌覆盖率", f->rt_share, XL_CELL_PCT, "");
    summary_line(t, &r, "逾期行动", f->overdue_total, XL_CELL_INT, "");
    size_t d = r < t->nrows ? r : xl_table_row(t);
    xl_table_text(t, d, 0, "统计日期");
    xl_table_date(t, d, 1, f->today);
    summary_months(t, f);
    rt->months_col = 4;
}

/* ---- 楼栋登记 ---- */

static const char *const building_heads[] = {"楼号", "弄", "先锋楼组", "第一责任人", "身份",
    "联系电话", "在住人员", "租客", "核定人数", "登记采集率", "达标", NULL};
static const int building_widths[] = {8, 12, 10, 14, 8, 16, 10, 8, 10, 12, 6};

static void build_buildings(xl_report_tables *rt)
{
    const xl_figures *f = &rt->fig;
    xl_table *t = &rt->t[XL_TABLE_BUILDINGS];
    xl_report_table_setup(t, "楼栋登记", "buildings.csv", building_heads, building_widths);
    for (size_t i = 0; i < f->nbuildings; i++) {
        const xl_fig_building *b = &f->buildings[i];
        size_t r = xl_table_row(t);
        xl_table_int(t, r, 0, b->number);
        xl_table_text(t, r, 1, b->lane);
        if (b->pioneer_group > 0)
            xl_table_int(t, r, 2, b->pioneer_group);
        xl_table_text(t, r, 3, b->resp_name);
        xl_table_text(t, r, 4, b->resp_role[0] ? xl_report_role_label(b->resp_role) : "");
        xl_table_text(t, r, 5, b->resp_phone_masked);
        xl_table_int(t, r, 6, b->residents);
        xl_table_int(t, r, 7, b->tenants);
        xl_table_int(t, r, 8, b->declared);
        xl_table_num(t, r, 9, b->rate, XL_CELL_PCT);
        xl_table_text(t, r, 10, b->rate >= f->opts.target ? "是" : "否");
    }
}

/* ---- 责任人 ---- */

static const char *const resp_heads[] = {"第一责任人", "身份", "联系电话", "楼栋数", "楼号",
    "在住人员", "核定人数", "登记采集率", "按时签出", "逾期签出", "发现未核实", "召集小圆桌",
    "出席小圆桌", "未办结安全隐患", "第一责任人变更", "任职起始", NULL};
static const int resp_widths[] = {14, 8, 16, 8, 20, 10, 10, 12, 10, 10, 12, 12, 12, 16, 12, 12};

static int build_responsible(xl_db *db, xl_report_tables *rt, xl_err *err)
{
    xl_table *t = &rt->t[XL_TABLE_RESPONSIBLE];
    xl_report_table_setup(t, "第一责任人", "responsible.csv", resp_heads, resp_widths);
    xl_resp_record *rec;
    size_t n;
    if (xl_resp_records_load(db, rt->fig.opts.stale_days, &rec, &n, err))
        return XL_EFAIL;
    for (size_t i = 0; i < n; i++) {
        size_t r = xl_table_row(t), c = 0;
        xl_table_text(t, r, c++, rec[i].name);
        xl_table_text(t, r, c++, xl_report_role_label(rec[i].role));
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
