/* workbook_assess.c — the workbook's 考核 sheet: every lane in every quarter scored, with its
 * total, rank, missing criteria and the change from the quarter before (workbook.h). */
#include "xiangli/workbook.h"

#include <stdlib.h>
#include <string.h>

#include "xiangli/assess.h"

int xl_report_assessment_table(xl_db *db, xl_report_tables *rt, xl_err *err);
void xl_report_table_setup(xl_table *t, const char *sheet, const char *file,
                           const char *const *heads, const int *widths);

static const char *const heads[] = {"季度", "弄", "总分", "排名", "已评项数", "缺项",
    "上季度总分", "变化", NULL};
static const int widths[] = {10, 12, 10, 8, 10, 8, 12, 10};

static void add_rows(xl_table *t, const xl_assess_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const xl_assess_row *a = &rows[i];
        size_t r = xl_table_row(t);
        xl_table_text(t, r, 0, a->quarter);
        xl_table_text(t, r, 1, a->lane);
        if (a->total >= 0)
            xl_table_num(t, r, 2, a->total, XL_CELL_NUM);
        if (a->rank > 0)
            xl_table_int(t, r, 3, a->rank);
        xl_table_int(t, r, 4, a->scored);
        xl_table_int(t, r, 5, a->missing);
        if (a->prev_total >= 0)
            xl_table_num(t, r, 6, a->prev_total, XL_CELL_NUM);
        if (a->prev_total >= 0 && a->total >= 0)
            xl_table_num(t, r, 7, a->total - a->prev_total, XL_CELL_NUM);
    }
}

int xl_report_assessment_table(xl_db *db, xl_report_tables *rt, xl_err *err)
{
    char (*qs)[8] = NULL;
    size_t nq = 0;
    if (xl_assess_quarters(db, &qs, &nq, err))
        return XL_EFAIL;
    if (nq == 0) {
        free(qs);
        return XL_OK; /* nothing scored yet: no 考核 sheet */
    }
    xl_criteria crit;
    int rc = xl_criteria_load(db, &crit, err);
    xl_table *t = &rt->t[XL_TABLE_ASSESSMENT];
    xl_report_table_setup(t, "考核", "assessment.csv", heads, widths);
    for (size_t i = 0; rc == XL_OK && i < nq; i++) {
        xl_assess_row *rows = NULL;
        size_t n = 0;
        rc = xl_assess_quarter(db, &crit, qs[i], &rows, &n, err);
        add_rows(t, rows, n);
        free(rows);
    }
    xl_criteria_release(&crit);
    free(qs);
    rt->ntables = XL_TABLE_ASSESSMENT + 1;
    return rc;
}
