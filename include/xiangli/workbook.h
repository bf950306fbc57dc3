/* workbook.h — the monthly workbook for the street office (街道报表) and its CSV variant.
 *
 * One set of tables (xl_report_tables) is built from the figures (report.h), the four
 * lists, the meetings, the responsible persons' record and the assessments; it is written
 * either as one .xlsx workbook (libxlsxwriter) or as one CSV file per table.
 *
 * Sheets, in this order (file names of the CSV variant in brackets):
 *   汇总 (summary.csv)          项目 | 数值 | 字段: the totals of `xiangli stats --json` (字段
 *                               names the JSON key; the numbers are equal, the rate rounded to
 *                               4 places as there), then the target, the buildings under it,
 *                               roundtable coverage, overdue actions, the day; beside them
 *                               月份 | 入住 | 搬离 for the 12 months, and a column chart of them
 *   楼栋登记 (buildings.csv)    per building, worst registration rate first
 *   迁入迁出 (moves.csv)        every move-in and move-out of the 12 months, by date
 *   四张清单 (lists.csv)        every list item
 *   小圆桌 (roundtables.csv)    every meeting of the 12 months
 *   责任人 (responsible.csv)    the first responsible persons' record
 *   考核 (assessment.csv)       only when assessments have been scored: per lane and quarter
 * Numbers are numbers, dates are dates (yyyy-mm-dd), rates are percentages (0.0%), the
 * header row is frozen and the columns have widths. ID and phone numbers are masked.
 * Files are written 0600 through a temporary file and a rename. */
#ifndef XL_WORKBOOK_H
#define XL_WORKBOOK_H

#include <stddef.h>

#include "xiangli/db.h"
#include "xiangli/report.h"

typedef enum {
    XL_CELL_EMPTY,
    XL_CELL_TEXT,
    XL_CELL_INT,
    XL_CELL_NUM,     /* a number with two decimals (scores) */
    XL_CELL_PCT,     /* a share 0..1 shown as a percentage */
    XL_CELL_DATE,    /* text "YYYY-MM-DD" written as a date */
} xl_cell_type;

typedef struct xl_cell {
    xl_cell_type type;
    double num;
    char *text;      /* TEXT and DATE */
} xl_cell;

#define XL_TABLE_MAX_COLS 24

typedef struct xl_table {
    const char *sheet;   /* sheet name (Chinese) */
    const char *file;    /* CSV file name */
    size_t ncols;
    const char *head[XL_TABLE_MAX_COLS];
    int width[XL_TABLE_MAX_COLS];   /* column widths in characters */
    xl_cell *cells;      /* nrows * ncols, row-major; the header is not a row */
    size_t nrows, cap;
} xl_table;

void xl_table_release(xl_table *t);
/* Cell (row, col); rows are added by xl_table_row. */
xl_cell *xl_table_cell(xl_table *t, size_t row, size_t col);
/* Appends an empty row and returns its index. */
size_t xl_table_row(xl_table *t);
void xl_table_text(xl_table *t, size_t row, size_t col, const char *s);
void xl_table_int(xl_table *t, size_t row, size_t col, long long v);
void xl_table_num(xl_table *t, size_t row, size_t col, double v, xl_cell_type type);
/* A date cell for a valid "YYYY-MM-DD" (the first 10 characters of s), else empty. */
void xl_table_date(xl_table *t, size_t row, size_t col, const char *s);

enum { XL_TABLE_SUMMARY, XL_TABLE_BUILDINGS, XL_TABLE_MOVES, XL_TABLE_LISTS,
       XL_TABLE_MEETINGS, XL_TABLE_RESPONSIBLE, XL_TABLE_ASSESSMENT, XL_TABLE_COUNT };

typedef struct xl_report_tables {
    xl_figures fig;
    xl_table t[XL_TABLE_COUNT];
    size_t ntables;      /* 6, or 7 with the assessments */
    size_t months_col;   /* summary: column of 月份 (the chart's data) */
} xl_report_tables;

/* Builds every table for opts (month: the last of the 12 months, "" = this month). */
int xl_report_tables_build(xl_db *db, const xl_report_opts *opts, xl_report_tables *rt,
                           xl_err *err);
void xl_report_tables_release(xl_report_tables *rt);

/* The workbook at path (.xlsx). */
int xl_report_write_xlsx(const xl_report_tables *rt, const char *path, xl_err *err);
/* One CSV per table into dir (created if missing): UTF-8 with BOM, CRLF, every field
 * quoted, formula characters defused, as export.h describes. */
int xl_report_write_csv(const xl_report_tables *rt, const char *dir, xl_err *err);

/* Both in one call, with an audit row "report.write" (file, month) in its own transaction
 * before the file appears. csv != 0: path is a directory. */
int xl_report_write(xl_db *db, const xl_report_opts *opts, const char *path, int csv,
                    xl_err *err);

#endif
