/* report_internal.h — small helpers shared by src/core/report/ (not a public header). */
#ifndef XL_REPORT_INTERNAL_H
#define XL_REPORT_INTERNAL_H

#include <stddef.h>

#include "core/db/db_internal.h"
#include "xiangli/mem.h"

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

#endif
