/* termimg.c — terminal text (with SGR colours) to a bilevel image; see termimg.h. */
#include "termimg.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xiangli/mem.h"
#include "xiangli/text.h"

/* Colour state: -1 = the theme's default, 0 = light, 1 = dark. */
typedef struct ti_sgr {
    int fg, bg, reverse;
} ti_sgr;

typedef struct ti_page {
    unsigned char **line; /* per line: 2 bytes per cell (top, bottom), 1 = dark */
    int *cols;
    int nlines, cap;
    int maxcols;
} ti_page;

static int rgb_dark(int r, int g, int b)
{
    return 299 * r + 587 * g + 114 * b < 128000;
}

/* xterm's palette. */
static int index_dark(int n)
{
    static const unsigned char base[16][3] = {
        {0, 0, 0},       {205, 0, 0},   {0, 205, 0},   {205, 205, 0},
        {0, 0, 238},     {205, 0, 205}, {0, 205, 205}, {229, 229, 229},
        {127, 127, 127}, {255, 0, 0},   {0, 255, 0},   {255, 255, 0},
        {92, 92, 255},   {255, 0, 255}, {0, 255, 255}, {255, 255, 255},
    };
    if (n < 0 || n > 255)
        return 0;
    if (n < 16)
        return rgb_dark(base[n][0], base[n][1], base[n][2]);
    if (n >= 232)
        return 8 + 10 * (n - 232) < 128;
    n -= 16;
    int r = n / 36, g = (n / 6) % 6, b = n % 6;
    return rgb_dark(r ? 55 + 40 * r : 0, g ? 55 + 40 * g : 0, b ? 55 + 40 * b : 0);
}

/* 38;5;N or 38;2;R;G;B starting at p[i]; returns parameters consumed after p[i]. */
static int extended_colour(const int *p, int n, int i, int *out)
{
    if (i + 2 < n && p[i + 1] == 5) {
        *out = index_dark(p[i + 2]);
        return 2;
    }
    if (i + 4 < n && p[i + 1] == 2) {
        *out = rgb_dark(p[i + 2], p[i + 3], p[i + 4]);
        return 4;
    }
    return 0;
}

static void sgr_apply(ti_sgr *s, const int *p, int n)
{
    if (n == 0) {
        *s = (ti_sgr){-1, -1, 0};
        return;
    }
    for (int i = 0; i < n; i++) {
        int v = p[i];
        if (v == 0)
            *s = (ti_sgr){-1, -1, 0};
        else if (v == 7 || v == 27)
            s->reverse = v == 7;
        else if (v >= 30 && v <= 37)
            s->fg = index_dark(v - 30);
        else if (v >= 90 && v <= 97)
            s->fg = index_dark(v - 90 + 8);
        else if (v >= 40 && v <= 47)
            s->bg = index_dark(v - 40);
        else if (v >= 100 && v <= 107)
            s->bg = index_dark(v - 100 + 8);
        else if (v == 39 || v == 49)
            *(v == 39 ? &s->fg : &s->bg) = -1;
        else if (v == 38 || v == 48)
            i += extended_colour(p, n, i, v == 38 ? &s->fg : &s->bg);
    }
}

/* Parses an escape sequence at t (t[0] == ESC); returns bytes consumed. */
static size_t escape(const char *t, size_t len, ti_sgr *s)
{
    if (len < 2 || t[1] != '[')
        return len < 2 ? len : 2;
    int p[32], n = 0, cur = 0, have = 0;
    size_t i = 2;
    for (; i < len; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c >= '0' && c <= '9') {
            cur = cur * 10 + (c - '0');
            have = 1;
        } else if (c == ';' || c == ':') {
            if (n < 32)
                p[n++] = have ? cur : 0;
            cur = have = 0;
        } else if (c >= 0x40 && c <= 0x7E) {
            if (have && n < 32)
                p[n++] = cur;
            if (c == 'm')
                sgr_apply(s, p, n);
            return i + 1;
        }
    }
    return i;
}

static void page_newline(ti_page *pg)
{
    if (pg->nlines == pg->cap) {
        pg->cap = pg->cap ? pg->cap * 2 : 64;
        pg->line = xl_reallocarray(pg->line, (size_t)pg->cap, sizeof *pg->line);
        pg->cols = xl_reallocarray(pg->cols, (size_t)pg->cap, sizeof *pg->cols);
    }
    pg->line[pg->nlines] = NULL;
    pg->cols[pg->nlines++] = 0;
}

static void page_cell(ti_page *pg, int top, int bottom)
{
    int l = pg->nlines - 1, c = pg->cols[l]++;
    if ((c & (c - 1)) == 0) /* grow at powers of two */
        pg->line[l] = xl_reallocarray(pg->line[l], (size_t)(c ? 2 * c : 1), 2);
    pg->line[l][2 * c] = (unsigned char)top;
    pg->line[l][2 * c + 1] = (unsigned char)bottom;
    if (pg->cols[l] > pg->maxcols)
        pg->maxcols = pg->cols[l];
}

static void put_char(ti_page *pg, uint32_t cp, const ti_sgr *s, int dark_terminal)
{
    int fg = s->fg < 0 ? !dark_terminal : s->fg, bg = s->bg < 0 ? dark_terminal : s->bg;
    int ink = s->reverse ? bg : fg, paper = s->reverse ? fg : bg;
    int top = ink, bottom = ink;
    if (cp == ' ')
        top = bottom = paper;
    else if (cp == 0x2580) /* ▀ */
        bottom = paper;
    else if (cp == 0x2584) /* ▄ */
        top = paper;
    for (int w = xl_cp_width(cp); w > 0; w--)
        page_cell(pg, top, bottom);
}

/* Cells past the end of a line show the terminal's default background. */
static void page_to_bitmap(const ti_page *pg, int px, int blank_dark, xl_bitmap *out)
{
    xl_bitmap_init(out, pg->maxcols * px, pg->nlines * 2 * px);
    for (int l = 0; l < pg->nlines; l++) {
        for (int c = 0; c < pg->maxcols; c++) {
            for (int half = 0; half < 2; half++) {
                int dark = c < pg->cols[l] ? pg->line[l][2 * c + half] : blank_dark;
                if (dark)
                    xl_bitmap_fill(out, c * px, (2 * l + half) * px, px, px);
            }
        }
    }
}

int ti_convert(const char *text, size_t len, const ti_opts *o, xl_bitmap *out)
{
    ti_page pg = {0};
    ti_sgr s = {-1, -1, 0};
    page_newline(&pg);
    for (size_t i = 0; i < len;) {
        if (text[i] == '\x1b') {
            i += escape(text + i, len - i, &s);
            continue;
        }
        uint32_t cp;
        size_t k = xl_utf8_decode(text + i, len - i, &cp);
        i += k ? k : 1;
        if (cp == '\n')
            page_newline(&pg);
        else if (cp >= 0x20)
            put_char(&pg, cp, &s, o->dark_terminal);
    }
    int rc = pg.maxcols > 0 ? 0 : -1;
    if (rc == 0)
        page_to_bitmap(&pg, o->px > 0 ? o->px : 4, o->dark_terminal, out);
    for (int l = 0; l < pg.nlines; l++)
        free(pg.line[l]);
    free(pg.line);
    free(pg.cols);
    return rc;
}
