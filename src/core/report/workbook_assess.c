/* workbook_assess.c — the workbook's 考核 sheet: every lane in every quarter scored, with its
 * total, rank, missing criteria and the change from the quarter before (workbook.h). */
#include "xiangli/workbook.h"

#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "xiangli/assess.h"

static const xl_msg heads[] = {XL_MSG_RPT_W_QUARTER, XL_MSG_LANE, XL_MSG_ASSESS_H_TOTAL,
    XL_MSG_ASSESS_H_RANK, XL_MSG_RPT_W_SCORED, XL_MSG_RPT_W_MISSING, XL_MSG_RPT_W_PREV_TOTAL,
    XL_MSG_ASSESS_H_CHANGE};
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
    xl_report_table_setup(t, XL_MSG_ASSESS_TITLE, "assessment.csv", heads, widths,
                          sizeof heads / sizeof heads[0]);
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
