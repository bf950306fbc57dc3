/* table.c — the tables of the workbook (workbook.h): typed cells, grown a row at a time. */
#include "xiangli/workbook.h"

#include <stdlib.h>
#include <string.h>

#include "xiangli/date.h"
#include "xiangli/mem.h"

void xl_table_release(xl_table *t)
{
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i].text);
    free(t->cells);
    t->cells = NULL;
    t->nrows = t->cap = 0;
}

xl_cell *xl_table_cell(xl_table *t, size_t row, size_t col)
{
    return &t->cells[row * t->ncols + col];
}

size_t xl_table_row(xl_table *t)
{
    if (t->nrows == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->cells = xl_reallocarray(t->cells, t->cap * t->ncols, sizeof *t->cells);
    }
    memset(&t->cells[t->nrows * t->ncols], 0, t->ncols * sizeof *t->cells);
    return t->nrows++;
}

static xl_cell *fresh(xl_table *t, size_t row, size_t col, xl_cell_type type)
{
    xl_cell *c = xl_table_cell(t, row, col);
    free(c->text);
    memset(c, 0, sizeof *c);
    c->type = type;
    return c;
}

void xl_table_text(xl_table *t, size_t row, size_t col, const char *s)
{
    if (s && *s)
        fresh(t, row, col, XL_CELL_TEXT)->text = xl_strdup(s);
}

void xl_table_int(xl_table *t, size_t row, size_t col, long long v)
{
    fresh(t, row, col, XL_CELL_INT)->num = (double)v;
}

void xl_table_num(xl_table *t, size_t row, size_t col, double v, xl_cell_type type)
{
    fresh(t, row, col, type)->num = v;
}

void xl_table_date(xl_table *t, size_t row, size_t col, const char *s)
{
    char d[11];
    if (!s || strlen(s) < 10)
        return;
    memcpy(d, s, 10);
    d[10] = '\0';
    if (xl_date_valid(d))
        fresh(t, row, col, XL_CELL_DATE)->text = xl_strdup(d);
}
