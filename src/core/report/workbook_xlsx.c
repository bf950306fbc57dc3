/* workbook_xlsx.c — the tables as one .xlsx workbook through libxlsxwriter (workbook.h):
 * typed cells, a frozen Chinese header row, column widths, percentages and dates formatted,
 * and a column chart of the monthly moves on 汇总. Written to a temporary file beside path
 * (0600), then renamed over it. */
#include "xiangli/workbook.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "xiangli/fileio.h"
#include "xiangli/i18n.h"

typedef struct xlsx_formats {
    lxw_format *head, *pct, *date, *num;
} xlsx_formats;

static void formats_make(lxw_workbook *wb, xlsx_formats *f)
{
    f->head = workbook_add_format(wb);
    format_set_bold(f->head);
    format_set_bg_color(f->head, 0xDDEBF7);
    format_set_bottom(f->head, LXW_BORDER_THIN);
    f->pct = workbook_add_format(wb);
    format_set_num_format(f->pct, "0.0%");
    f->date = workbook_add_format(wb);
    format_set_num_format(f->date, "yyyy-mm-dd");
    f->num = workbook_add_format(wb);
    format_set_num_format(f->num, "0.00");
}

static void write_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const xl_cell *cell,
                       const xlsx_formats *f)
{
    switch (cell->type) {
    case XL_CELL_EMPTY: break;
    case XL_CELL_TEXT: worksheet_write_string(ws, r, c, cell->text, NULL); break;
    case XL_CELL_INT: worksheet_write_number(ws, r, c, cell->num, NULL); break;
    case XL_CELL_NUM: worksheet_write_number(ws, r, c, cell->num, f->num); break;
    case XL_CELL_PCT: worksheet_write_number(ws, r, c, cell->num, f->pct); break;
    case XL_CELL_DATE: {
        lxw_datetime dt = {atoi(cell->text), atoi(cell->text + 5), atoi(cell->text + 8), 0, 0, 0};
        worksheet_write_datetime(ws, r, c, &dt, f->date);
        break;
    }
    }
}

static lxw_worksheet *write_table(lxw_workbook *wb, const xl_table *t, const xlsx_formats *f)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, t->sheet);
    if (!ws)
        return NULL;
    for (size_t c = 0; c < t->ncols; c++) {
        if (t->head[c][0])
            worksheet_write_string(ws, 0, (lxw_col_t)c, t->head[c], f->head);
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, t->width[c], NULL);
    }
    worksheet_freeze_panes(ws, 1, 0);
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++)
            write_cell(ws, (lxw_row_t)(r + 1), (lxw_col_t)c, &t->cells[r * t->ncols + c], f);
    return ws;
}

/* The monthly moves on 汇总: categories 月份, series 入住 and 搬离. */
static void add_chart(lxw_workbook *wb, lxw_worksheet *ws, const xl_report_tables *rt)
{
    const xl_table *t = &rt->t[XL_TABLE_SUMMARY];
    lxw_col_t mc = (lxw_col_t)rt->months_col;
    lxw_chart *ch = workbook_add_chart(wb, LXW_CHART_COLUMN);
    for (int s = 1; s <= 2; s++) {
        lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
        chart_series_set_categories(se, t->sheet, 1, mc, XL_REPORT_MONTHS, mc);
        chart_series_set_values(se, t->sheet, 1, (lxw_col_t)(mc + s), XL_REPORT_MONTHS,
                                (lxw_col_t)(mc + s));
        chart_series_set_name_range(se, t->sheet, 0, (lxw_col_t)(mc + s));
    }
    chart_title_set_name(ch, xl_tr_in(XL_MSG_STAT_H_MOVES, "zh"));
    chart_axis_set_name(ch->y_axis, xl_tr_in(XL_MSG_RPT_W_PERSON_TIMES, "zh"));
    worksheet_insert_chart(ws, 15, 0, ch);
}

static int write_all(const xl_report_tables *rt, const char *tmp, xl_err *err)
{
    lxw_workbook_options opt = {.constant_memory = 0, .tmpdir = NULL, .use_zip64 = 0};
    lxw_workbook *wb = workbook_new_opt(tmp, &opt);
    if (!wb)
        return xl_err_set(err, XL_EFAIL, _(RPT_WRITE_FAIL_FMT), tmp, "");
    xlsx_formats f;
    formats_make(wb, &f);
    for (size_t i = 0; i < rt->ntables; i++) {
        lxw_worksheet *ws = write_table(wb, &rt->t[i], &f);
        if (ws && i == XL_TABLE_SUMMARY)
            add_chart(wb, ws, rt);
    }
    char title[64], company[32];
    snprintf(title, sizeof title, "%s", xl_tr_in(XL_MSG_RPT_W_TITLE, "zh"));
    snprintf(company, sizeof company, "%s", xl_tr_in(XL_MSG_APP_NAME, "zh"));
    workbook_set_properties(wb, &(lxw_doc_properties){.title = title, .company = company});
    errno = 0;
    lxw_error e = workbook_close(wb);
    int sys = errno;
    if (e != LXW_NO_ERROR) /* libxlsxwriter's own text is English: say what errno means */
        return xl_err_set(err, XL_EFAIL, _(RPT_WRITE_FAIL_FMT), tmp, xl_sys_reason(sys ? sys : EIO));
    return XL_OK;
}

static int write_all_cb(const char *tmp, void *ctx, xl_err *err)
{
    return write_all(ctx, tmp, err);
}

int xl_report_write_xlsx(const xl_report_tables *rt, const char *path, xl_err *err)
{
    return xl_file_write_by_name(path, write_all_cb, (void *)rt, err);
}
