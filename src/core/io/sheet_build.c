/* sheet_build.c — cells from any workbook format into an xl_sheet's rows: merged ranges
 * filled, blank rows dropped, rows made equally wide, limits kept (sheet.h). */
#include <stdlib.h>
#include <string.h>

#include "sheet_internal.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"

#define MERGE_FILL_MAX 200000 /* cells a merged range may fill (a whole-sheet merge is not data) */

void sheet_build_init(sheet_build *b, const xl_csv_limits *lim)
{
    memset(b, 0, sizeof *b);
    b->max_rows = lim->max_rows;
    b->max_cols = lim->max_fields;
}

void sheet_build_release(sheet_build *b)
{
    for (size_t i = 0; i < b->n; i++)
        free(b->cells[i].text);
    free(b->cells);
    free(b->merges);
    memset(b, 0, sizeof *b);
}

static void push(sheet_build *b, size_t row, size_t col, char *text, int lost)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 1024;
        b->cells = xl_reallocarray(b->cells, b->cap, sizeof *b->cells);
    }
    b->cells[b->n] = (sheet_cell){.row = row, .col = col, .seq = b->n, .text = text, .lost = lost};
    b->n++;
}

void sheet_build_cell(sheet_build *b, size_t row, size_t col, const char *text, int lost)
{
    if (!text || !text[0])
        return;
    if (col >= b->max_cols) {
        b->too_wide = 1;
        return;
    }
    if (row >= b->max_rows + 64) { /* rows of a header and blank rows are not counted */
        b->too_long = 1;
        return;
    }
    push(b, row, col, xl_strdup(text), lost);
}

void sheet_build_merge(sheet_build *b, size_t r1, size_t c1, size_t r2, size_t c2)
{
    if (r2 < r1 || c2 < c1)
        return;
    if (b->nmerges == b->capmerges) {
        b->capmerges = b->capmerges ? b->capmerges * 2 : 16;
        b->merges = xl_reallocarray(b->merges, b->capmerges, sizeof *b->merges);
    }
    b->merges[b->nmerges++] = (sheet_merge){r1, c1, r2, c2};
}

static int by_place(const void *x, const void *y)
{
    const sheet_cell *a = x, *c = y;
    if (a->row != c->row)
        return a->row < c->row ? -1 : 1;
    if (a->col != c->col)
        return a->col < c->col ? -1 : 1;
    return (a->seq > c->seq) - (a->seq < c->seq);
}

/* In the first n cells (sorted). */
static const sheet_cell *find(const sheet_build *b, size_t n, size_t row, size_t col)
{
    sheet_cell key = {.row = row, .col = col, .seq = 0};
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (by_place(&b->cells[mid], &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && b->cells[lo].row == row && b->cells[lo].col == col ? &b->cells[lo] : NULL;
}

/* Every merged range repeats its top-left value (cells already sorted). */
static void fill_merges(sheet_build *b)
{
    size_t budget = MERGE_FILL_MAX, last_row = b->n ? b->cells[b->n - 1].row : 0;
    size_t sorted = b->n;
    for (size_t m = 0; m < b->nmerges; m++) {
        sheet_merge g = b->merges[m];
        const sheet_cell *tl = find(b, sorted, g.r1, g.c1);
        char *text = tl ? xl_strdup(tl->text) : NULL;
        int lost = tl ? tl->lost : 0;
        for (size_t r = g.r1; text && r <= g.r2 && r <= last_row; r++)
            for (size_t c = g.c1; c <= g.c2 && c < b->max_cols && budget; c++, budget--)
                if (r != g.r1 || c != g.c1)
                    push(b, r, c, xl_strdup(text), lost);
        free(text);
    }
}

/* After sorting: one cell per place, the first written one kept. */
static void dedupe(sheet_build *b)
{
    size_t w = 0;
    for (size_t i = 0; i < b->n; i++) {
        if (w && b->cells[w - 1].row == b->cells[i].row && b->cells[w - 1].col == b->cells[i].col) {
            free(b->cells[i].text);
            continue;
        }
        b->cells[w++] = b->cells[i];
    }
    b->n = w;
}

static size_t width(const sheet_build *b)
{
    size_t w = 0;
    for (size_t i = 0; i < b->n; i++)
        if (b->cells[i].col + 1 > w)
            w = b->cells[i].col + 1;
    return w;
}

static void note_lost(xl_sheet *s, const sheet_cell *c)
{
    s->lost = xl_reallocarray(s->lost, s->nlost + 1, sizeof *s->lost);
    s->lost[s->nlost++] = (xl_sheet_cell){.line = c->row + 1, .field = c->col};
}

/* The arena: every row's fields, each NUL-terminated, "" for a missing cell. */
static void lay_out(sheet_build *b, xl_sheet *s, size_t w, xl_buf *arena, size_t **offs,
                    size_t *nrows)
{
    size_t nr = 0;
    for (size_t i = 0; i < b->n && nr <= b->max_rows;) {
        size_t row = b->cells[i].row;
        *offs = xl_reallocarray(*offs, (nr + 1) * (w + 1), sizeof **offs);
        size_t *o = *offs + nr * (w + 1);
        o[0] = row + 1;
        for (size_t c = 0; c < w; c++) {
            o[c + 1] = arena->len;
            if (i < b->n && b->cells[i].row == row && b->cells[i].col == c) {
                if (b->cells[i].lost)
                    note_lost(s, &b->cells[i]);
                xl_buf_puts(arena, b->cells[i++].text);
            }
            xl_buf_put(arena, "", 1);
        }
        nr++;
    }
    *nrows = nr;
}

static void commit(xl_sheet *s, xl_buf *arena, const size_t *offs, size_t nr, size_t w)
{
    xl_csv *t = &s->t;
    t->text = arena->data ? arena->data : xl_calloc(1, 1);
    t->fieldv = xl_calloc(nr * w + 1, sizeof *t->fieldv);
    t->rows = xl_calloc(nr + 1, sizeof *t->rows);
    for (size_t r = 0; r < nr; r++) {
        const size_t *o = offs + r * (w + 1);
        for (size_t c = 0; c < w; c++)
            t->fieldv[r * w + c] = t->text + o[c + 1];
        t->rows[r] = (xl_csv_row){.line = o[0], .nfields = w, .fields = t->fieldv + r * w};
    }
    t->nrows = nr;
}

static void drop_blank_cells(sheet_build *b)
{
    size_t w = 0;
    for (size_t i = 0; i < b->n; i++) {
        char *text = b->cells[i].text;
        xl_csv_trim(text);
        if (text[0])
            b->cells[w++] = b->cells[i];
        else
            free(text);
    }
    b->n = w;
}

void sheet_build_finish(sheet_build *b, xl_sheet *s, const char *name)
{
    xl_csv *t = &s->t;
    free(t->name);
    t->name = xl_strdup(name);
    t->encoding = "UTF-8";
    xl_qsort(b->cells, b->n, sizeof *b->cells, by_place);
    dedupe(b);
    fill_merges(b);
    xl_qsort(b->cells, b->n, sizeof *b->cells, by_place);
    dedupe(b);
    drop_blank_cells(b);
    size_t w = width(b), nr = 0, *offs = NULL;
    xl_buf arena;
    xl_buf_init(&arena);
    lay_out(b, s, w, &arena, &offs, &nr);
    commit(s, &arena, offs, nr, w);
    free(offs);
    if (b->too_wide)
        xl_csv_add_problem(t, 0, NULL, 0, _(SHEET_E_TOO_WIDE_FMT), b->max_cols);
    if (b->too_long || nr > b->max_rows)
        xl_csv_add_problem(t, 0, NULL, 0, _(SHEET_E_TOO_LONG_FMT), b->max_rows);
    if (nr == 0)
        xl_csv_add_problem(t, 0, NULL, 0, "%s", _(CSV_E_EMPTY));
}
