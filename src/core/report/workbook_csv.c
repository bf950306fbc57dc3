/* workbook_csv.c — the workbook's tables as CSV files for offices without Excel
 * (workbook.h), by the rules of export.h: UTF-8 with a BOM, CRLF, every field quoted,
 * a leading apostrophe before a text that starts like a formula. Rates are decimals with
 * four places (as `stats --json`), dates YYYY-MM-DD. */
#include "xiangli/workbook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xiangli/mem.h"
#include "xiangli/fileio.h"
#include "xiangli/poster.h"

static void field(xl_buf *out, const char *s, int first)
{
    if (!first)
        xl_buf_puts(out, ",");
    xl_buf_puts(out, "\"");
    if (s && strchr("=+-@\t\r", s[0]) && s[0])
        xl_buf_puts(out, "'");
    for (; s && *s; s++)
        xl_buf_put(out, *s == '"' ? "\"\"" : s, *s == '"' ? 2 : 1);
    xl_buf_puts(out, "\"");
}

static void cell_text(const xl_cell *c, char *buf, size_t size)
{
    switch (c->type) {
    case XL_CELL_EMPTY: buf[0] = '\0'; break;
    case XL_CELL_TEXT:
    case XL_CELL_DATE: snprintf(buf, size, "%s", c->text); break;
    case XL_CELL_INT: snprintf(buf, size, "%.0f", c->num); break;
    case XL_CELL_NUM: snprintf(buf, size, "%.2f", c->num); break;
    case XL_CELL_PCT: snprintf(buf, size, "%.4f", c->num); break;
    }
}

static void table_csv(const xl_table *t, xl_buf *out)
{
    xl_buf_puts(out, "\xEF\xBB\xBF");
    for (size_t c = 0; c < t->ncols; c++)
        field(out, t->head[c], c == 0);
    xl_buf_puts(out, "\r\n");
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            const xl_cell *cell = &t->cells[r * t->ncols + c];
            char num[64];
            cell_text(cell, num, sizeof num);
            field(out, cell->type == XL_CELL_TEXT ? cell->text : num, c == 0);
        }
        xl_buf_puts(out, "\r\n");
    }
}

int xl_report_write_csv(const xl_report_tables *rt, const char *dir, xl_err *err)
{
    if (xl_poster_dir_make(dir, err))
        return XL_EFAIL;
    int rc = XL_OK;
    for (size_t i = 0; rc == XL_OK && i < rt->ntables; i++) {
        xl_buf b;
        xl_buf_init(&b);
        table_csv(&rt->t[i], &b);
        char *path = xl_asprintf("%s/%s", dir, rt->t[i].file);
        rc = xl_file_write(path, b.data, b.len, 0600, err);
        free(path);
        xl_buf_release(&b);
    }
    return rc;
}
