/* report_internal.h — small helpers shared by src/core/report/ (not a public header). */
#ifndef XL_REPORT_INTERNAL_H
#define XL_REPORT_INTERNAL_H

#include <stddef.h>

#include "core/db/db_internal.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/workbook.h"

/* Makes room for one more element in *arr (n used, *cap allocated), doubling. */
#define XL_GROW(arr, n, cap)                                                \
    do {                                                                    \
        if ((n) == (cap)) {                                                 \
            (cap) = (cap) ? (cap) * 2 : 16;                                 \
            (arr) = xl_reallocarray((arr), (cap), sizeof *(arr));           \
        }                                                                   \
    } while (0)

/* "YYYY-MM" of today's date, or of the month before/after m by delta months. */
void xl_report_month_add(const char *m, int delta, char out[8]);

/* Runs st (already bound) to the end, calling row() per row; finalizes st. */
typedef void (*xl_row_fn)(sqlite3_stmt *st, void *ctx);
int xl_report_each(xl_db *db, sqlite3_stmt *st, xl_row_fn row, void *ctx, const char *what,
                   xl_err *err);

/* A role key's label (业主 …) in the current language, or in a given one ("zh" for the
 * street office's workbook); the key itself when unknown. */
const char *xl_report_role_label(const char *key);
const char *xl_report_role_label_in(const char *key, const char *lang);

/* The workbook's tables (workbook_tables.c): heads are message ids, shown in Chinese whatever
 * the UI language (the workbook goes to the street office); XL_MSG_COUNT is an empty head. */
#define XL_WB_LANG "zh"
#define XL_WB(id) xl_tr_in(XL_MSG_##id, XL_WB_LANG)
void xl_report_table_setup(xl_table *t, xl_msg sheet, const char *file, const xl_msg *heads,
                           const int *widths, size_t ncols);
int xl_report_tables_more(xl_db *db, xl_report_tables *rt, xl_err *err);
int xl_report_assessment_table(xl_db *db, xl_report_tables *rt, xl_err *err);

#endif
