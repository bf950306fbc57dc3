/* bigtext.c — block-character type from Unifont glyphs (see bigtext.h). */
#include "ui/widget/bigtext.h"

#include <string.h>

#include "ui/widget/uitext.h"
#include "xiangli/text.h"

enum { LINE_GAP = 1, MAX_LINE_BYTES = 4 * 512 + 8 };

/* Pixel columns -> screen columns, pixel rows -> screen rows. */
static int scale_cols(ui_big_scale s, int px)
{
    return s == UI_BIG_FULL ? 2 * px : s == UI_BIG_QUARTER ? (px + 1) / 2 : px;
}

static int glyph_rows(ui_big_scale s)
{
    return s == UI_BIG_FULL ? XL_GLYPH_ROWS : XL_GLYPH_ROWS / 2;
}

static int line_pixels(const xl_bigfont *font, const char *s, size_t n);

/* Breaks text into lines of at most cols screen columns; 0 when a character is missing or
 * wider than a line, or there are more than UI_BIG_MAX_LINES lines. */
static int wrap(const xl_bigfont *font, const char *text, ui_big_scale s, int cols,
                ui_big_layout *l)
{
    size_t len = strlen(text), at = 0;
    int width = 0, widest = 0;
    l->nlines = 1, l->start[0] = 0;
    while (at < len) {
        uint32_t cp;
        size_t used = xl_utf8_decode(text + at, len - at, &cp);
        const xl_glyph *g = xl_bigfont_glyph(font, cp);
        if (!g || scale_cols(s, g->width) > cols)
            return 0;
        if (width + scale_cols(s, g->width) > cols) {
            if (l->nlines == UI_BIG_MAX_LINES)
                return 0;
            l->start[l->nlines++] = (int)at;
            width = 0;
        }
        width += scale_cols(s, g->width);
        widest = width > widest ? width : widest;
        at += used;
    }
    l->start[l->nlines] = (int)len;
    l->cols = widest;
    l->rows = l->nlines * glyph_rows(s) + (l->nlines - 1) * LINE_GAP;
    l->scale = s;
    return 1;
}

/* The same number of lines as the greedy wrap, each as short as it can be: the lines come
 * out of even width, and the last one never holds a lone character. */
static int wrap_balanced(const xl_bigfont *font, const char *text, ui_big_scale s, int cols,
                         ui_big_layout *l)
{
    if (!wrap(font, text, s, cols, l))
        return 0;
    int n = l->nlines, step = scale_cols(s, 8);
    if (n < 2)
        return 1;
    int total = scale_cols(s, line_pixels(font, text, strlen(text)));
    for (int width = total / n; width < cols; width += step) {
        ui_big_layout try;
        memset(&try, 0, sizeof try);
        if (wrap(font, text, s, width, &try) && try.nlines == n) {
            *l = try;
            return 1;
        }
    }
    return 1;
}

int ui_big_fit(const xl_bigfont *font, const char *text, int cols, int rows,
               ui_big_layout *out)
{
    memset(out, 0, sizeof *out);
    if (!font || !text || !*text || cols <= 0 || rows <= 0)
        return 0;
    static const ui_big_scale tries[] = {UI_BIG_FULL, UI_BIG_HALF, UI_BIG_QUARTER};
    for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
        ui_big_layout l;
        memset(&l, 0, sizeof l);
        if (wrap_balanced(font, text, tries[i], cols, &l) && l.rows <= rows) {
            *out = l;
            return 1;
        }
    }
    return 0;
}

/* The quadrant block for four pixels: top left, top right, bottom left, bottom right. */
static const char *quarter_cell(int tl, int tr, int bl, int br)
{
    static const char *const cells[16] = {
        " ", "\xe2\x96\x97", "\xe2\x96\x96", "\xe2\x96\x84", "\xe2\x96\x9d", "\xe2\x96\x90",
        "\xe2\x96\x9e", "\xe2\x96\x9f", "\xe2\x96\x98", "\xe2\x96\x9a", "\xe2\x96\x8c",
        "\xe2\x96\x99", "\xe2\x96\x80", "\xe2\x96\x9c", "\xe2\x96\x9b", "\xe2\x96\x88",
    };
    return cells[!!tl * 8 + !!tr * 4 + !!bl * 2 + !!br];
}

static const char *quarter_at(const xl_glyph *g, int x, int row)
{
    int right = x + 1 < g->width;
    return quarter_cell(xl_glyph_pixel(g, x, 2 * row), right && xl_glyph_pixel(g, x + 1, 2 * row),
                        xl_glyph_pixel(g, x, 2 * row + 1),
                        right && xl_glyph_pixel(g, x + 1, 2 * row + 1));
}

/* The block character for a top and a bottom pixel (half blocks). */
static const char *half_cell(int top, int bottom)
{
    static const char *const cells[4] = {" ", "\xe2\x96\x84", "\xe2\x96\x80", "\xe2\x96\x88"};
    return cells[top * 2 + bottom]; /* space, ▄, ▀, █ */
}

/* One screen row of a line of glyphs, as UTF-8; row is the screen row inside the line. */
static void render_row(const xl_bigfont *font, const char *s, size_t n, ui_big_scale sc,
                       int row, char *out, size_t size)
{
    size_t at = 0, o = 0;
    out[0] = '\0';
    while (at < n) {
        uint32_t cp;
        at += xl_utf8_decode(s + at, n - at, &cp);
        const xl_glyph *g = xl_bigfont_glyph(font, cp);
        for (int x = 0; g && x < g->width && o + 8 < size; x += sc == UI_BIG_QUARTER ? 2 : 1) {
            const char *cell;
            if (sc == UI_BIG_QUARTER)
                cell = quarter_at(g, x, row);
            else if (sc == UI_BIG_FULL)
                cell = xl_glyph_pixel(g, x, row) ? "\xe2\x96\x88\xe2\x96\x88" : "  ";
            else
                cell = half_cell(xl_glyph_pixel(g, x, 2 * row), xl_glyph_pixel(g, x, 2 * row + 1));
            size_t k = strlen(cell);
            memcpy(out + o, cell, k);
            o += k;
        }
    }
    out[o] = '\0';
}

/* Pixel width of the n bytes at s. */
static int line_pixels(const xl_bigfont *font, const char *s, size_t n)
{
    size_t at = 0;
    int px = 0;
    while (at < n) {
        uint32_t cp;
        at += xl_utf8_decode(s + at, n - at, &cp);
        const xl_glyph *g = xl_bigfont_glyph(font, cp);
        px += g ? g->width : 0;
    }
    return px;
}

void ui_big_draw(WINDOW *w, int y, int x, int cols, const xl_bigfont *font, const char *text,
                 const ui_big_layout *l, attr_t attr)
{
    char buf[MAX_LINE_BYTES];
    if (l->scale == UI_BIG_NONE)
        return;
    for (int i = 0; i < l->nlines; i++) {
        const char *s = text + l->start[i];
        size_t n = (size_t)(l->start[i + 1] - l->start[i]);
        int left = x + (cols - scale_cols(l->scale, line_pixels(font, s, n))) / 2;
        int top = y + i * (glyph_rows(l->scale) + LINE_GAP);
        for (int r = 0; r < glyph_rows(l->scale); r++) {
            render_row(font, s, n, l->scale, r, buf, sizeof buf);
            ui_text_put(w, top + r, left, cols, buf, attr);
        }
    }
}
