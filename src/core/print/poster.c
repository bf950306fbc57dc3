/* poster.c — A4 door posters (SVG text, PNG via libpng with GNU Unifont glyphs). */
#include "xiangli/poster.h"
#include "xiangli/fileio.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/db/db_internal.h"
#include "xiangli/i18n.h"
#include "xiangli/idcard.h"
#include "xiangli/text.h"

/* ---- building facts ---- */

#define INFO_SQL                                                                           \
    "SELECT b.number, l.name, COALESCE(p.name, ''), b.responsible_role, COALESCE(p.phone, '') " \
    "FROM building b JOIN lane l ON l.id = b.lane_id "                                      \
    "LEFT JOIN person p ON p.id = b.responsible_id WHERE b.number = ?"

int xl_poster_info_load(xl_db *db, int building, xl_poster_info *info, xl_err *err)
{
    memset(info, 0, sizeof *info);
    sqlite3_stmt *st = xl_db_prepare(db, INFO_SQL, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int(st, 1, building);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        info->building = sqlite3_column_int(st, 0);
        xl_strlcpy_utf8(info->lane, xl_col_text(st, 1), sizeof info->lane);
        xl_strlcpy_utf8(info->resp_name, xl_col_text(st, 2), sizeof info->resp_name);
        xl_strlcpy_utf8(info->resp_role, xl_col_text(st, 3), sizeof info->resp_role);
        xl_mask_phone(xl_col_text(st, 4), info->resp_phone_masked, sizeof info->resp_phone_masked);
        rc = XL_OK;
    } else {
        rc = rc == SQLITE_DONE ? xl_err_no_building(err, NULL, building)
                               : xl_db_fail(db, "building for poster", err);
    }
    sqlite3_finalize(st);
    return rc;
}

/* ---- GNU Unifont (.hex: "XXXX:" then 32 or 64 hex digits, 16 rows of 8 or 16 pixels) ---- */

#define GLYPH_BYTES 33 /* width, then 16 rows of two bytes (MSB leftmost) */
#define FONT_CPS 0x10000

struct xl_font {
    uint32_t *index;       /* code point -> 1 + glyph number, 0 = absent */
    unsigned char *glyphs;
    size_t n, cap;
};

static int hexval(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10
         : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Parses "hh" pairs into bytes; returns 0 on a bad digit. */
static int hex_bytes(const char *s, unsigned char *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return 0;
        out[i] = (unsigned char)(hi << 4 | lo);
    }
    return 1;
}

static void font_add(xl_font *f, uint32_t cp, const char *bits, size_t nbits)
{
    unsigned char raw[32];
    if ((nbits != 32 && nbits != 64) || f->index[cp] || !hex_bytes(bits, raw, nbits / 2))
        return;
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 4096;
        f->glyphs = xl_reallocarray(f->glyphs, f->cap, GLYPH_BYTES);
    }
    unsigned char *g = f->glyphs + f->n * GLYPH_BYTES;
    memset(g, 0, GLYPH_BYTES);
    g[0] = nbits == 32 ? 8 : 16;
    for (int r = 0; r < 16; r++) {
        g[1 + 2 * r] = nbits == 32 ? raw[r] : raw[2 * r];
        g[2 + 2 * r] = nbits == 32 ? 0 : raw[2 * r + 1];
    }
    f->index[cp] = (uint32_t)++f->n;
}

/* One line "XXXX:bits"; anything else (or outside plane 0) is skipped. */
static void font_line(xl_font *f, const char *line, size_t len)
{
    const char *colon = memchr(line, ':', len);
    if (!colon || colon == line || colon - line > 6)
        return;
    uint32_t cp = 0;
    for (const char *p = line; p < colon; p++) {
        int v = hexval(*p);
        if (v < 0)
            return;
        cp = cp << 4 | (uint32_t)v;
    }
    size_t nbits = len - (size_t)(colon + 1 - line);
    while (nbits > 0 && (colon[nbits] == '\r' || colon[nbits] == '\n'))
        nbits--;
    if (cp < FONT_CPS)
        font_add(f, cp, colon + 1, nbits);
}

static int read_whole(const char *path, xl_buf *b, xl_err *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return xl_err_set(err, XL_ENOTFOUND, _(FIO_E_READ_FMT), path, xl_sys_reason(errno));
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, fp)) > 0)
        xl_buf_put(b, tmp, n);
    int bad = ferror(fp);
    fclose(fp);
    return bad ? xl_err_set(err, XL_EFAIL, _(FIO_E_READ_FMT), path, xl_sys_reason(EIO)) : XL_OK;
}

int xl_font_load(const char *path, xl_font **out, xl_err *err)
{
    *out = NULL;
    const char *env = getenv("XIANGLI_UNIFONT");
    if (!path)
        path = env && *env ? env : XL_UNIFONT_PATH;
    xl_buf b;
    xl_buf_init(&b);
    int rc = read_whole(path, &b, err);
    xl_font *f = xl_calloc(1, sizeof *f);
    f->index = xl_calloc(FONT_CPS, sizeof *f->index);
    for (size_t off = 0; rc == XL_OK && off < b.len;) {
        const char *nl = memchr(b.data + off, '\n', b.len - off);
        size_t len = nl ? (size_t)(nl - (b.data + off)) : b.len - off;
        font_line(f, b.data + off, len);
        off += len + 1;
    }
    xl_buf_release(&b);
    if (rc == XL_OK && f->n == 0)
        rc = xl_err_set(err, XL_EFAIL, _(FONT_E_NO_GLYPHS_FMT), path);
    if (rc != XL_OK) {
        xl_font_free(f);
        return rc;
    }
    *out = f;
    return XL_OK;
}

void xl_font_free(xl_font *font)
{
    if (!font)
        return;
    free(font->index);
    free(font->glyphs);
    free(font);
}

static const unsigned char *font_glyph(const xl_font *f, uint32_t cp)
{
    static const uint32_t fallbacks[] = {0xFFFD, '?'};
    if (cp < FONT_CPS && f->index[cp])
        return f->glyphs + (f->index[cp] - 1) * GLYPH_BYTES;
    for (size_t i = 0; i < sizeof fallbacks / sizeof fallbacks[0]; i++)
        if (f->index[fallbacks[i]])
            return f->glyphs + (f->index[fallbacks[i]] - 1) * GLYPH_BYTES;
    return NULL;
}

int xl_font_text_width(const xl_font *font, const char *utf8)
{
    int w = 0;
    size_t n = strlen(utf8);
    while (n > 0) {
        uint32_t cp;
        size_t k = xl_utf8_decode(utf8, n, &cp);
        const unsigned char *g = font_glyph(font, cp);
        w += g ? g[0] : 8;
        utf8 += k, n -= k;
    }
    return w;
}

/* ---- layout (millimetres on A4, shared by SVG and PNG) ---- */

#define PAGE_W 210.0
#define PAGE_H 297.0
#define TEXT_MAX_W 180.0
#define QR_CODE_W 130.0   /* the symbol without its quiet zone: 13 cm, scannable at arm's length */
#define QR_MAX_W 180.0    /* with the quiet zone */
#define QR_TOP 82.0
#define FONT_LIST "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', SimHei, " \
                  "'Microsoft YaHei', sans-serif"

enum { LINE_COMMUNITY, LINE_BUILDING, LINE_SIGN, LINE_HINT, LINE_RESP, LINE_FOOTER, LINE_COUNT };

typedef struct poster_line {
    double baseline, size;   /* mm */
    int bold;
    char text[512];
} poster_line;

typedef struct poster_layout {
    poster_line line[LINE_COUNT];
    double qr_x, qr_y, module; /* top-left of the quiet zone; module size, mm */
} poster_layout;

static void line_set(poster_line *l, double baseline, double size, int bold, const char *text)
{
    l->baseline = baseline;
    l->bold = bold;
    xl_strlcpy_utf8(l->text, text, sizeof l->text);
    /* A Chinese character is about 1 em wide, Latin about half: shrink long lines to fit. */
    double est = xl_str_width(l->text) * size / 2.0;
    l->size = est > TEXT_MAX_W ? size * TEXT_MAX_W / est : size;
}

static void layout_texts(const xl_poster_info *info, const char *community, poster_layout *L)
{
    char buf[512];
    if (community && *community)
        snprintf(buf, sizeof buf, _(POSTER_COMMUNITY_FMT), community);
    else
        snprintf(buf, sizeof buf, "%s", _(APP_NAME));
    line_set(&L->line[LINE_COMMUNITY], 18, 9, 0, buf);
    snprintf(buf, sizeof buf, _(BUILDING_FMT), info->building);
    line_set(&L->line[LINE_BUILDING], 46, 26, 1, buf);
    line_set(&L->line[LINE_SIGN], 64, 13, 1, _(POSTER_SIGN));
    line_set(&L->line[LINE_HINT], 75, 5.5, 0, _(POSTER_HINT));
    snprintf(buf, sizeof buf, _(POSTER_RESP_FMT),
             info->resp_name[0] ? info->resp_name : _(QR_NOBODY), info->resp_phone_masked);
    line_set(&L->line[LINE_RESP], 0, 7, 0, buf);
    snprintf(buf, sizeof buf, _(PDF_POSTER_FOOTER_FMT), info->lane, info->building);
    line_set(&L->line[LINE_FOOTER], 0, 4, 0, buf);
}

static void layout_make(const xl_poster_info *info, const char *community, const xl_qr *qr,
                        poster_layout *L)
{
    memset(L, 0, sizeof *L);
    layout_texts(info, community, L);
    L->module = QR_CODE_W / qr->modules;
    if (L->module * qr->size > QR_MAX_W)
        L->module = QR_MAX_W / qr->size;
    double w = L->module * qr->size;
    L->qr_x = (PAGE_W - w) / 2.0;
    L->qr_y = QR_TOP;
    L->line[LINE_RESP].baseline = QR_TOP + w + 10.0;
    L->line[LINE_FOOTER].baseline = L->line[LINE_RESP].baseline + 9.0;
}

/* ---- SVG ---- */

static void xml_text(xl_buf *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': xl_buf_puts(out, "&amp;"); break;
        case '<': xl_buf_puts(out, "&lt;"); break;
        case '>': xl_buf_puts(out, "&gt;"); break;
        case '"': xl_buf_puts(out, "&quot;"); break;
        default:
            if ((unsigned char)*s >= 0x20 || *s == '\t')
                xl_buf_put(out, s, 1);
        }
    }
}

static void svg_line(xl_buf *out, const poster_line *l)
{
    xl_buf_printf(out, "<text x=\"%.1f\" y=\"%.2f\" font-size=\"%.2f\"%s>", PAGE_W / 2,
                  l->baseline, l->size, l->bold ? " font-weight=\"bold\"" : "");
    xml_text(out, l->text);
    xl_buf_puts(out, "</text>\n");
}

void xl_poster_svg(const xl_poster_info *info, const char *community, const xl_qr *qr, xl_buf *out)
{
    poster_layout L;
    layout_make(info, community, qr, &L);
    double w = L.module * qr->size;
    xl_buf_printf(out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"210mm\" height=\"297mm\" "
        "viewBox=\"0 0 210 297\">\n"
        "<rect width=\"210\" height=\"297\" fill=\"#fff\"/>\n"
        "<g fill=\"#000\" text-anchor=\"middle\" font-family=\"%s\">\n", FONT_LIST);
    for (int i = 0; i < LINE_COUNT; i++)
        svg_line(out, &L.line[i]);
    xl_buf_printf(out, "</g>\n<svg x=\"%.3f\" y=\"%.3f\" width=\"%.3f\" height=\"%.3f\" "
                  "viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">\n"
                  "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n<path fill=\"#000\" d=\"",
                  L.qr_x, L.qr_y, w, w, qr->size, qr->size, qr->size, qr->size);
    xl_qr_svg_path(qr, out);
    xl_buf_puts(out, "\"/>\n</svg>\n</svg>\n");
}

/* ---- PNG ---- */

typedef struct raster {
    xl_bitmap bm;
    double ppmm; /* pixels per millimetre */
} raster;

/* One glyph, each font pixel an s x s block; bold thickens every run by half a pixel. */
static void draw_glyph(xl_bitmap *bm, const unsigned char *g, int x, int top, int s, int bold)
{
    int extra = bold ? (s + 1) / 2 : 0;
    for (int r = 0; r < 16; r++) {
        unsigned bits = (unsigned)g[1 + 2 * r] << 8 | g[2 + 2 * r];
        for (int c = 0; c < g[0];) {
            if (!(bits & (0x8000u >> c))) {
                c++;
                continue;
            }
            int run = 1;
            while (c + run < g[0] && (bits & (0x8000u >> (c + run))))
                run++;
            xl_bitmap_fill(bm, x + c * s, top + r * s, run * s + extra, s + extra);
            c += run;
        }
    }
}

/* Centred text; one font pixel becomes an s x s block. Glyph rows 0..13 sit above the
 * baseline. */
static void draw_line(raster *R, const xl_font *f, const poster_line *l)
{
    int width = xl_font_text_width(f, l->text);
    int s = (int)(l->size * R->ppmm / 16.0 + 0.5);
    int max_w = (int)(TEXT_MAX_W * R->ppmm);
    if (s < 1)
        s = 1;
    while (s > 1 && width * s > max_w)
        s--;
    int x = (R->bm.w - width * s) / 2;
    int top = (int)(l->baseline * R->ppmm) - 14 * s;
    size_t n = strlen(l->text);
    for (const char *p = l->text; n > 0;) {
        uint32_t cp;
        size_t k = xl_utf8_decode(p, n, &cp);
        const unsigned char *g = font_glyph(f, cp);
        if (g)
            draw_glyph(&R->bm, g, x, top, s, l->bold);
        x += (g ? g[0] : 8) * s;
        p += k, n -= k;
    }
}

/* Without a font: the building number in built-in 5x7 digits. */
static void draw_number(raster *R, int number, double baseline, double size)
{
    static const unsigned char digits[10][7] = {
        {0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E}, {0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E},
        {0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F}, {0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E},
        {0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02}, {0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E},
        {0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E}, {0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08},
        {0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E}, {0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C},
    };
    char text[16];
    int n = snprintf(text, sizeof text, "%d", number);
    int s = (int)(size * R->ppmm / 8.0);
    s = s < 1 ? 1 : s;
    int x = (R->bm.w - n * 6 * s) / 2, top = (int)(baseline * R->ppmm) - 7 * s;
    for (int i = 0; i < n; i++, x += 6 * s)
        for (int r = 0; r < 7; r++)
            for (int c = 0; c < 5; c++)
                if (digits[text[i] - '0'][r] & (0x10 >> c))
                    xl_bitmap_fill(&R->bm, x + c * s, top + r * s, s, s);
}

/* The code on whole pixels per module, centred on the page. */
static void draw_code(raster *R, const xl_qr *qr, const poster_layout *L)
{
    int m = (int)(L->module * R->ppmm);
    m = m < 1 ? 1 : m;
    int x0 = (R->bm.w - qr->size * m) / 2, y0 = (int)(L->qr_y * R->ppmm);
    for (int y = 0; y < qr->size; y++) {
        for (int x = 0; x < qr->size;) {
            int run = 0;
            while (xl_qr_is_dark(qr, x + run, y))
                run++;
            if (run)
                xl_bitmap_fill(&R->bm, x0 + x * m, y0 + y * m, run * m, m);
            x += run ? run : 1;
        }
    }
}

int xl_poster_png(const xl_poster_info *info, const char *community, const xl_qr *qr,
                  const xl_font *font, int dpi, xl_buf *out, xl_err *err)
{
    if (dpi < 72 || dpi > 600)
        return xl_err_set(err, XL_EUSAGE, _(POSTER_E_DPI_FMT), dpi);
    poster_layout L;
    layout_make(info, community, qr, &L);
    raster R = {.ppmm = dpi / 25.4};
    xl_bitmap_init(&R.bm, (int)(PAGE_W * R.ppmm + 0.5), (int)(PAGE_H * R.ppmm + 0.5));
    for (int i = 0; font && i < LINE_COUNT; i++)
        draw_line(&R, font, &L.line[i]);
    if (!font)
        draw_number(&R, info->building, L.line[LINE_BUILDING].baseline, L.line[LINE_BUILDING].size);
    draw_code(&R, qr, &L);
    int rc = xl_bitmap_png(&R.bm, dpi, out, err);
    xl_bitmap_release(&R.bm);
    return rc;
}

/* ---- files ---- */

int xl_poster_file_write(const char *path, const char *data, size_t len, xl_err *err)
{
    return xl_file_write(path, data, len, 0600, err);
}

int xl_poster_dir_make(const char *path, xl_err *err)
{
    return xl_mkdir_p(path, 0700, err);
}

void xl_poster_default_dir(char *out, size_t size)
{
    const char *home = getenv("HOME");
    snprintf(out, size, "%s/xiangli-posters", home && *home ? home : ".");
}

/* ---- batches ---- */

typedef struct poster_run {
    xl_db *db;
    const xl_poster_job *job;
    xl_font *font;
    xl_poster_result *res;
    unsigned file_flags; /* XL_FILE_BATCH for --all: one sync at the end */
} poster_run;

/* One poster file of one format into out (not yet written). */
static int render_one(const poster_run *run, const xl_poster_info *info, const xl_qr *qr, int fmt,
                      xl_buf *out, xl_err *err)
{
    const xl_poster_job *job = run->job;
    if (fmt == XL_POSTER_SVG) {
        xl_poster_svg(info, job->community, qr, out);
        return XL_OK;
    }
    return xl_poster_png(info, job->community, qr, run->font, job->dpi ? job->dpi : 300, out, err);
}

static void poster_path(const poster_run *run, int building, int fmt, char *out, size_t size)
{
    snprintf(out, size, "%s/poster-%03d.%s", run->job->dir, building,
             fmt == XL_POSTER_SVG ? "svg" : "png");
}

/* One building's posters, loaded from the database (the calling thread's part). */
typedef struct poster_item {
    xl_poster_info info;
    xl_qr qr;
    int rc;        /* of loading, then of drawing and writing */
    int files;     /* written */
    xl_err err;
} poster_item;

static int item_load(poster_run *run, int building, poster_item *it)
{
    xl_buf payload;
    xl_buf_init(&payload);
    memset(it, 0, sizeof *it);
    it->rc = xl_poster_info_load(run->db, building, &it->info, &it->err);
    if (it->rc == XL_OK)
        it->rc = xl_qr_payload(run->db, run->job->url_template, building, &payload, &it->err);
    if (it->rc == XL_OK)
        it->rc = xl_qr_encode(payload.data, run->job->ec, &it->qr, &it->err);
    xl_buf_release(&payload);
    return it->rc;
}

/* Draws and writes one loaded building's files (no database: safe on a worker thread). */
static void item_write(const poster_run *run, poster_item *it)
{
    for (int fmt = XL_POSTER_SVG; it->rc == XL_OK && fmt <= XL_POSTER_PNG; fmt <<= 1) {
        if (!(run->job->formats & (unsigned)fmt))
            continue;
        xl_buf b;
        xl_buf_init(&b);
        char path[4096];
        poster_path(run, it->info.building, fmt, path, sizeof path);
        it->rc = render_one(run, &it->info, &it->qr, fmt, &b, &it->err);
        if (it->rc == XL_OK)
            it->rc = xl_file_write_opt(path, b.data, b.len, 0600, run->file_flags, &it->err);
        xl_buf_release(&b);
        it->files += it->rc == XL_OK;
    }
}

/* The results of items in order, as if written one by one: the first failure stops. */
static int item_account(poster_run *run, poster_item *it, xl_err *err)
{
    run->res->files += it->files;
    if (it->files) {
        int fmt = (run->job->formats & XL_POSTER_PNG) && it->files == 2 ? XL_POSTER_PNG
                  : (run->job->formats & XL_POSTER_SVG) ? XL_POSTER_SVG : XL_POSTER_PNG;
        poster_path(run, it->info.building, fmt, run->res->last_path, sizeof run->res->last_path);
    }
    run->res->buildings += it->rc == XL_OK;
    xl_qr_release(&it->qr);
    if (it->rc != XL_OK && err)
        *err = it->err;
    return it->rc;
}

static int write_building(poster_run *run, int building, xl_err *err)
{
    poster_item it;
    if (item_load(run, building, &it) == XL_OK)
        item_write(run, &it);
    return item_account(run, &it, err);
}

/* ---- a batch: loaded in order on this thread, drawn and written by two threads ---- */

#define CHUNK 32
#define WORKERS 2

typedef struct chunk_work {
    const poster_run *run;
    poster_item *items;
    size_t n;
    atomic_size_t next;
} chunk_work;

static void *chunk_worker(void *p)
{
    chunk_work *w = p;
    size_t i;
    while ((i = atomic_fetch_add(&w->next, 1)) < w->n)
        if (w->items[i].rc == XL_OK)
            item_write(w->run, &w->items[i]);
    return NULL;
}

/* Draws and writes items[0..n) on WORKERS threads (this one included). */
static void chunk_write(const poster_run *run, poster_item *items, size_t n)
{
    chunk_work w = {.run = run, .items = items, .n = n};
    atomic_init(&w.next, 0);
    pthread_t t[WORKERS - 1];
    int started[WORKERS - 1] = {0};
    for (int k = 0; k < WORKERS - 1 && n > 1; k++)
        started[k] = pthread_create(&t[k], NULL, chunk_worker, &w) == 0;
    chunk_worker(&w);
    for (int k = 0; k < WORKERS - 1; k++)
        if (started[k])
            pthread_join(t[k], NULL);
}

/* Building numbers, all or one lane's (by name or id). */
static int batch_list(xl_db *db, const char *lane, int **out, size_t *n, xl_err *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = xl_db_prepare(db, "SELECT b.number FROM building b JOIN lane l "
        "ON l.id = b.lane_id WHERE ?1 IS NULL OR l.name = ?1 OR CAST(l.id AS TEXT) = ?1 "
        "ORDER BY b.number", err);
    if (!st)
        return XL_EFAIL;
    if (lane && *lane)
        sqlite3_bind_text(st, 1, lane, -1, SQLITE_TRANSIENT);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 128;
            *out = xl_reallocarray(*out, cap, sizeof **out);
        }
        (*out)[(*n)++] = sqlite3_column_int(st, 0);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return xl_db_fail(db, "list buildings", err);
    if (*n == 0 && lane && *lane)
        return xl_err_set(err, XL_ENOTFOUND, _(E_NO_LANE_BUILDINGS_FMT), lane);
    return *n ? XL_OK : xl_err_set(err, XL_ENOTFOUND, "%s", _(E_NO_BUILDINGS));
}

static int write_batch(poster_run *run, xl_err *err)
{
    int *numbers = NULL;
    size_t n = 0;
    int rc = batch_list(run->db, run->job->lane, &numbers, &n, err);
    if (rc == XL_OK)
        rc = xl_qr_tokens_ensure_all(run->db, NULL, err);
    run->file_flags = XL_FILE_BATCH;
    poster_item *items = xl_calloc(CHUNK, sizeof *items);
    for (size_t i = 0; rc == XL_OK && i < n && !run->res->cancelled;) {
        size_t k = 0;
        for (; k < CHUNK && i + k < n; k++) {
            if (run->job->progress && run->job->progress((int)(i + k), (int)n, run->job->progress_ctx)) {
                run->res->cancelled = 1;
                break;
            }
            if (item_load(run, numbers[i + k], &items[k]) != XL_OK) {
                k++;
                break;
            }
        }
        chunk_write(run, items, k);
        for (size_t j = 0; j < k; j++) {
            int one = item_account(run, &items[j], rc == XL_OK ? err : NULL);
            if (rc == XL_OK)
                rc = one;
        }
        i += k;
    }
    free(items);
    free(numbers);
    /* the files written so far, synced once (also when cancelled or failed part-way) */
    if (run->res->files && xl_file_batch_sync(run->job->dir, rc == XL_OK ? err : NULL) && rc == XL_OK)
        rc = XL_EFAIL;
    return rc;
}

static int job_check(const xl_poster_job *job, xl_err *err)
{
    if (!job->dir || !*job->dir)
        return xl_err_set(err, XL_EUSAGE, "%s", _(POSTER_E_NO_DIR));
    if (!(job->formats & (XL_POSTER_SVG | XL_POSTER_PNG)))
        return xl_err_set(err, XL_EUSAGE, "%s", _(POSTER_E_NO_FORMAT));
    return xl_qr_template_check(job->url_template, err);
}

int xl_posters_write(xl_db *db, const xl_poster_job *job, int building, xl_poster_result *res,
                     xl_err *err)
{
    memset(res, 0, sizeof *res);
    poster_run run = {.db = db, .job = job, .font = NULL, .res = res};
    int rc = job_check(job, err);
    if (rc == XL_OK)
        rc = xl_poster_dir_make(job->dir, err);
    if (rc == XL_OK && (job->formats & XL_POSTER_PNG))
        res->font_missing = xl_font_load(job->font_path, &run.font, NULL) != XL_OK;
    if (rc == XL_OK)
        rc = building > 0 ? write_building(&run, building, err) : write_batch(&run, err);
    xl_font_free(run.font);
    return rc;
}
