/* bigfont.c — the few Unifont glyphs a text needs (see bigfont.h). */
#include "xiangli/bigfont.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

struct xl_bigfont {
    xl_glyph *glyphs; /* sorted by code point */
    size_t n;
};

const char *xl_bigfont_path(const char *path)
{
    const char *env = getenv("XIANGLI_UNIFONT");
    if (path && *path)
        return path;
    return env && *env ? env : XL_BIGFONT_DEFAULT_PATH;
}

static int cmp_cp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The distinct code points of utf8, sorted; returns how many (at most cap). */
static size_t wanted_points(const char *utf8, uint32_t *out, size_t cap)
{
    size_t n = 0, len = strlen(utf8 ? utf8 : "");
    const char *s = utf8 ? utf8 : "";
    while (len > 0 && n < cap) {
        uint32_t cp;
        size_t used = xl_utf8_decode(s, len, &cp);
        out[n++] = cp;
        s += used, len -= used;
    }
    xl_qsort(out, n, sizeof *out, cmp_cp);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || out[k - 1] != out[i])
            out[k++] = out[i];
    return k;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* "XXXX:" at the start of line: the code point, and where the bits begin; 0 if malformed. */
static int parse_point(const char *line, uint32_t *cp, const char **bits)
{
    uint32_t v = 0;
    int digits = 0;
    for (; hexval(line[digits]) >= 0 && digits < 6; digits++)
        v = v * 16 + (uint32_t)hexval(line[digits]);
    if (digits < 4 || line[digits] != ':')
        return 0;
    *cp = v;
    *bits = line + digits + 1;
    return 1;
}

/* Fills g from 32 or 64 hex digits; 0 if they are not that. */
static int parse_bits(const char *bits, xl_glyph *g)
{
    size_t nd = 0;
    while (hexval(bits[nd]) >= 0)
        nd++;
    if (nd != 32 && nd != 64)
        return 0;
    g->width = nd == 32 ? 8 : 16;
    size_t per_row = nd / XL_GLYPH_ROWS; /* 2 or 4 digits */
    for (int r = 0; r < XL_GLYPH_ROWS; r++) {
        unsigned v = 0;
        for (size_t k = 0; k < per_row; k++)
            v = v * 16 + (unsigned)hexval(bits[(size_t)r * per_row + k]);
        g->rows[r] = (uint16_t)(per_row == 2 ? v << 8 : v);
    }
    return 1;
}

typedef struct scan_state {
    const uint32_t *want;
    size_t nwant;
    size_t lines;  /* well-formed glyph lines seen */
} scan_state;

/* Reads the file, keeping the wanted glyphs in f (in file order). */
static void scan_file(FILE *fp, scan_state *st, xl_bigfont *f)
{
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, fp) > 0 && f->n < st->nwant) {
        uint32_t cp;
        const char *bits;
        xl_glyph g;
        if (!parse_point(line, &cp, &bits) || !parse_bits(bits, &g))
            continue;
        st->lines++;
        if (!bsearch(&cp, st->want, st->nwant, sizeof *st->want, cmp_cp))
            continue;
        g.cp = cp;
        f->glyphs[f->n++] = g;
    }
    free(line);
}

/* Sorts the glyphs (cp is their first member) and keeps one of any repeated point. */
static void sort_glyphs(xl_bigfont *f)
{
    size_t k = 0;
    xl_qsort(f->glyphs, f->n, sizeof *f->glyphs, cmp_cp);
    for (size_t i = 0; i < f->n; i++)
        if (k == 0 || f->glyphs[k - 1].cp != f->glyphs[i].cp)
            f->glyphs[k++] = f->glyphs[i];
    f->n = k;
}

int xl_bigfont_load(const char *path, const char *utf8, xl_bigfont **out, xl_err *err)
{
    const char *file = xl_bigfont_path(path);
    uint32_t *want = xl_calloc(XL_BIGFONT_MAX_CHARS, sizeof *want);
    scan_state st = {want, wanted_points(utf8, want, XL_BIGFONT_MAX_CHARS), 0};
    *out = NULL;
    FILE *fp = fopen(file, "r");
    if (!fp) {
        int e = errno;
        free(want);
        return xl_err_set(err, XL_EFAIL, _(SYS_E_FONT_FMT), file, xl_sys_reason(e));
    }
    xl_bigfont *f = xl_calloc(1, sizeof *f);
    f->glyphs = xl_calloc(st.nwant + 1, sizeof *f->glyphs);
    scan_file(fp, &st, f);
    fclose(fp);
    sort_glyphs(f);
    free(want);
    if (st.lines == 0 && st.nwant > 0) {
        xl_bigfont_free(f);
        return xl_err_set(err, XL_EFAIL, _(FONT_E_NO_GLYPHS_FMT), file);
    }
    *out = f;
    return XL_OK;
}

void xl_bigfont_free(xl_bigfont *f)
{
    if (!f)
        return;
    free(f->glyphs);
    free(f);
}

size_t xl_bigfont_count(const xl_bigfont *f)
{
    return f ? f->n : 0;
}

const xl_glyph *xl_bigfont_glyph(const xl_bigfont *f, uint32_t cp)
{
    if (!f || f->n == 0)
        return NULL;
    xl_glyph key = {.cp = cp};
    return bsearch(&key, f->glyphs, f->n, sizeof *f->glyphs, cmp_cp);
}

int xl_glyph_pixel(const xl_glyph *g, int x, int y)
{
    if (!g || x < 0 || y < 0 || x >= g->width || y >= XL_GLYPH_ROWS)
        return 0;
    return (g->rows[y] >> (15 - x)) & 1;
}

int xl_bigfont_text_width(const xl_bigfont *f, const char *utf8)
{
    size_t len = strlen(utf8 ? utf8 : "");
    const char *s = utf8 ? utf8 : "";
    int width = 0;
    if (!f)
        return -1;
    while (len > 0) {
        uint32_t cp;
        size_t used = xl_utf8_decode(s, len, &cp);
        const xl_glyph *g = xl_bigfont_glyph(f, cp);
        if (!g)
            return -1;
        width += g->width;
        s += used, len -= used;
    }
    return width;
}
