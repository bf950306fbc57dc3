/* sheet_internal.h — for the sheet readers only (sheet.c, sheet_xlsx.c, sheet_xls.c): the
 * cell collector every format fills, and the per-format book parts. */
#ifndef XL_SHEET_INTERNAL_H
#define XL_SHEET_INTERNAL_H

#include <stddef.h>

#include "xiangli/sheet.h"

/* Cells as a format hands them over (any order), and merged ranges; sheet_build_finish
 * turns them into the xl_sheet's rows (rules in sheet.h). Rows and columns are 0-based. */
typedef struct sheet_cell {
    size_t row, col, seq;
    char *text;
    int lost;
} sheet_cell;

typedef struct sheet_merge {
    size_t r1, c1, r2, c2;
} sheet_merge;

typedef struct sheet_build {
    sheet_cell *cells;
    size_t n, cap;
    sheet_merge *merges;
    size_t nmerges, capmerges;
    size_t max_rows, max_cols;
    int too_wide, too_long;
} sheet_build;

void sheet_build_init(sheet_build *b, const xl_csv_limits *lim);
void sheet_build_release(sheet_build *b);
/* Takes a copy of text. Cells beyond the limits are counted, not kept. */
void sheet_build_cell(sheet_build *b, size_t row, size_t col, const char *text, int lost);
void sheet_build_merge(sheet_build *b, size_t r1, size_t c1, size_t r2, size_t c2);
/* Fills s->t (name given) and s->lost; limit problems are recorded as errors. */
void sheet_build_finish(sheet_build *b, xl_sheet *s, const char *name);

/* One format's reader. open fills names (heap strings) and returns XL_OK or an error
 * with the user's message; read fills b from sheet i. */
typedef struct sheet_format {
    int (*open)(const char *path, void **state, char ***names, size_t *n, xl_err *err);
    int (*read)(void *state, size_t i, sheet_build *b, xl_sheet *s, xl_err *err);
    void (*close)(void *state);
} sheet_format;

extern const sheet_format xl_sheet_xlsx;
extern const sheet_format xl_sheet_xls;

/* "A12" → row 11, col 0. Returns 0 when not a cell reference. */
int xl_sheet_ref(const char *ref, size_t *row, size_t *col);

#endif
