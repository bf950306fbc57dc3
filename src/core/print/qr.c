/* qr.c — sign-in tokens, payloads, encoding and renderers for the "巷里一家" codes. */
#include "xiangli/qr.h"

#include <ctype.h>
#include <errno.h>
#include <png.h>
#include <qrencode.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#include "core/db/db_internal.h"
#include "xiangli/i18n.h"

/* ---- names ---- */

static const char ec_letters[] = {
#define XL_X(id, letter) letter,
    XL_QR_ECS(XL_X)
#undef XL_X
};

static const char *const style_keys[] = {
#define XL_X(id, key) key,
    XL_QR_STYLES(XL_X)
#undef XL_X
};

int xl_qr_ec_parse(const char *s)
{
    if (!s || !*s)
        return XL_QR_EC_M;
    if (s[1] != '\0')
        return -1;
    for (int i = 0; i < XL_QR_EC_COUNT; i++)
        if (toupper((unsigned char)s[0]) == ec_letters[i])
            return i;
    return -1;
}

char xl_qr_ec_letter(xl_qr_ec ec)
{
    return (unsigned)ec < XL_QR_EC_COUNT ? ec_letters[ec] : '?';
}

int xl_qr_style_parse(const char *s)
{
    if (!s || !*s)
        return XL_QR_STYLE_HALFBLOCK;
    for (int i = 0; i < XL_QR_STYLE_COUNT; i++)
        if (strcasecmp(s, style_keys[i]) == 0)
            return i;
    return -1;
}

const char *xl_qr_style_key(xl_qr_style style)
{
    return (unsigned)style < XL_QR_STYLE_COUNT ? style_keys[style] : "";
}

/* ---- tokens ---- */

static const char token_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static int random_bytes(unsigned char *buf, size_t n, xl_err *err)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = getrandom(buf + got, n - got, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return xl_err_field(err, "getrandom", "%s", _(SYS_E_RANDOM));
        got += (size_t)r;
    }
    return XL_OK;
}

/* 8 random bytes as unpadded base64url (11 characters). */
static int token_new(char out[XL_QR_TOKEN_SIZE], xl_err *err)
{
    unsigned char raw[8];
    if (random_bytes(raw, sizeof raw, err))
        return XL_EFAIL;
    uint64_t v = 0;
    for (size_t i = 0; i < sizeof raw; i++)
        v = (v << 8) | raw[i];
    for (int i = 0; i < XL_QR_TOKEN_LEN; i++) {
        out[i] = token_alphabet[v >> 58];
        v <<= 6;
    }
    out[XL_QR_TOKEN_LEN] = '\0';
    return XL_OK;
}

static int token_valid(const char *t)
{
    size_t n = strlen(t);
    return n >= 1 && n < XL_QR_TOKEN_SIZE && strspn(t, token_alphabet) == n;
}

/* XL_OK with out = "" when the building has no token yet. */
static int token_read(xl_db *db, int building, char out[XL_QR_TOKEN_SIZE], xl_err *err)
{
    out[0] = '\0';
    sqlite3_stmt *st = xl_db_prepare(db, "SELECT signin_token FROM building WHERE number = ?", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int(st, 1, building);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *t = xl_col_text(st, 0);
        rc = !*t || token_valid(t) ? XL_OK
             : xl_err_set(err, XL_EFAIL, _(QR_E_CODE_DAMAGED_FMT), building, building);
        if (rc == XL_OK)
            memcpy(out, t, strlen(t) + 1);
    } else if (rc == SQLITE_DONE) {
        rc = xl_err_no_building(err, NULL, building);
    } else {
        rc = xl_db_fail(db, "read sign-in token", err);
    }
    sqlite3_finalize(st);
    return rc;
}

/* Stores tok for the building inside the current transaction, with its audit row.
 * only_if_missing: leave an existing token alone (*changed = 0). */
static int token_store(xl_db *db, int building, const char *tok, int only_if_missing,
                       int *changed, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, only_if_missing
        ? "UPDATE building SET signin_token = ? WHERE number = ? "
          "AND (signin_token IS NULL OR signin_token = '')"
        : "UPDATE building SET signin_token = ? WHERE number = ?", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_text(st, 1, tok, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, building);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return xl_db_fail(db, "store sign-in token", err);
    *changed = sqlite3_changes(xl_db_handle(db)) > 0;
    if (!*changed)
        return only_if_missing ? XL_OK : xl_err_no_building(err, NULL, building);
    char id[16];
    snprintf(id, sizeof id, "%d", building);
    char detail[160];
    snprintf(detail, sizeof detail, only_if_missing ? _(QR_AUDIT_FIRST_FMT) : _(QR_AUDIT_NEW_FMT), building);
    return xl_db_audit(db, only_if_missing ? "qr.token.create" : "qr.rotate", "building", id,
                       detail, err);
}

typedef struct token_ctx {
    int building, only_if_missing, changed;
    const char *tok;
} token_ctx;

static int token_body(xl_db *db, void *ctx, xl_err *err)
{
    token_ctx *c = ctx;
    return token_store(db, c->building, c->tok, c->only_if_missing, &c->changed, err);
}

/* One transaction: a new token for the building. */
static int token_write(xl_db *db, int building, int only_if_missing, char out[XL_QR_TOKEN_SIZE],
                       xl_err *err)
{
    char tok[XL_QR_TOKEN_SIZE];
    if (token_new(tok, err))
        return XL_EFAIL;
    token_ctx c = {.building = building, .only_if_missing = only_if_missing, .tok = tok};
    int rc = xl_db_tx(db, token_body, &c, err);
    if (rc != XL_OK)
        return rc;
    int changed = c.changed;
    if (!changed) /* someone else created it meanwhile */
        return token_read(db, building, out, err);
    memcpy(out, tok, sizeof tok);
    return XL_OK;
}

int xl_qr_token(xl_db *db, int building, char out[XL_QR_TOKEN_SIZE], xl_err *err)
{
    int rc = token_read(db, building, out, err);
    if (rc != XL_OK || out[0])
        return rc;
    return token_write(db, building, 1, out, err);
}

int xl_qr_rotate(xl_db *db, int building, char new_token[XL_QR_TOKEN_SIZE], xl_err *err)
{
    char tok[XL_QR_TOKEN_SIZE];
    int rc = token_write(db, building, 0, tok, err);
    if (rc == XL_OK && new_token)
        memcpy(new_token, tok, sizeof tok);
    return rc;
}

/* Numbers of the buildings without a token (heap array). */
static int tokenless_list(xl_db *db, int **out, size_t *n, xl_err *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = xl_db_prepare(db, "SELECT number FROM building "
        "WHERE signin_token IS NULL OR signin_token = '' ORDER BY number", err);
    if (!st)
        return XL_EFAIL;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            *out = xl_reallocarray(*out, cap, sizeof **out);
        }
        (*out)[(*n)++] = sqlite3_column_int(st, 0);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "list buildings", err);
}

static int ensure_locked(xl_db *db, int *created, xl_err *err)
{
    int *numbers;
    size_t n;
    if (tokenless_list(db, &numbers, &n, err))
        return XL_EFAIL;
    int rc = XL_OK;
    for (size_t i = 0; i < n && rc == XL_OK; i++) {
        char tok[XL_QR_TOKEN_SIZE];
        int changed = 0;
        rc = token_new(tok, err);
        if (rc == XL_OK)
            rc = token_store(db, numbers[i], tok, 1, &changed, err);
        *created += changed;
    }
    free(numbers);
    return rc;
}

int xl_qr_tokens_ensure_all(xl_db *db, int *created, xl_err *err)
{
    int dummy = 0;
    if (!created)
        created = &dummy;
    *created = 0;
    if (xl_db_begin(db, err))
        return XL_EFAIL;
    if (ensure_locked(db, created, err)) {
        xl_db_rollback(db);
        *created = 0;
        return XL_EFAIL;
    }
    return xl_db_commit(db, err);
}

/* ---- payload ---- */

typedef enum { PH_BUILDING, PH_TOKEN, PH_UNKNOWN } placeholder;

static placeholder placeholder_kind(const char *name, size_t len)
{
    if (len == 8 && memcmp(name, "building", 8) == 0)
        return PH_BUILDING;
    if (len == 5 && memcmp(name, "token", 5) == 0)
        return PH_TOKEN;
    return PH_UNKNOWN;
}

/* Every byte printable ASCII and not a space. */
static int template_chars(const char *t, xl_err *err)
{
    for (size_t i = 0; t[i]; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c >= 0x80)
            return xl_err_set(err, XL_EFAIL, _(QR_E_TPL_NON_ASCII_FMT), i + 1);
        if (c <= ' ' || c == 0x7F)
            return xl_err_set(err, XL_EFAIL, _(QR_E_TPL_SPACE_FMT), i + 1);
    }
    return XL_OK;
}

/* Walks the template; appends the substitution to out when out is non-NULL. */
static int template_walk(const char *t, int building, const char *token, xl_buf *out,
                         xl_err *err)
{
    int has_token = 0;
    for (size_t i = 0; t[i];) {
        const char *close = t[i] == '{' ? strchr(t + i, '}') : NULL;
        if (t[i] == '}')
            return xl_err_set(err, XL_EFAIL, _(QR_E_TPL_STRAY_CLOSE_FMT), i + 1);
        if (t[i] == '{' && !close)
            return xl_err_set(err, XL_EFAIL, _(QR_E_TPL_UNCLOSED_FMT), i + 1);
        if (!close) {
            if (out)
                xl_buf_put(out, t + i, 1);
            i++;
            continue;
        }
        size_t len = (size_t)(close - (t + i + 1));
        placeholder ph = placeholder_kind(t + i + 1, len);
        if (ph == PH_UNKNOWN)
            return xl_err_set(err, XL_EFAIL, _(QR_E_TPL_PLACEHOLDER_FMT),
                              (int)(len > 40 ? 40 : len), t + i + 1, i + 1);
        has_token |= ph == PH_TOKEN;
        if (out && ph == PH_BUILDING)
            xl_buf_printf(out, "%d", building);
        else if (out)
            xl_buf_puts(out, token);
        i += len + 2;
    }
    if (!has_token)
        return xl_err_set(err, XL_EFAIL, "%s", _(QR_E_TPL_NO_TOKEN));
    return XL_OK;
}

int xl_qr_template_check(const char *tmpl, xl_err *err)
{
    if (!tmpl || !*tmpl)
        return xl_err_set(err, XL_EFAIL, "%s", _(QR_E_TPL_EMPTY));
    if (template_chars(tmpl, err))
        return XL_EFAIL;
    return template_walk(tmpl, 0, "", NULL, err);
}

int xl_qr_payload_build(const char *tmpl, int building, const char *token, xl_buf *out,
                        xl_err *err)
{
    if (xl_qr_template_check(tmpl, err))
        return XL_EFAIL;
    if (!token || !token_valid(token))
        return xl_err_set(err, XL_EFAIL, _(QR_E_CODE_DAMAGED_FMT), building, building);
    size_t start = out->len;
    if (template_walk(tmpl, building, token, out, err)) {
        out->len = start;
        out->data[start] = '\0';
        return XL_EFAIL;
    }
    return XL_OK;
}

int xl_qr_payload(xl_db *db, const char *tmpl, int building, xl_buf *out, xl_err *err)
{
    char tok[XL_QR_TOKEN_SIZE];
    if (xl_qr_template_check(tmpl, err))
        return XL_EFAIL;
    int rc = xl_qr_token(db, building, tok, err);
    if (rc != XL_OK)
        return rc;
    return xl_qr_payload_build(tmpl, building, tok, out, err);
}

int xl_qr_payload_matches(xl_db *db, const char *tmpl, int building, const char *payload)
{
    char tok[XL_QR_TOKEN_SIZE];
    if (!payload || token_read(db, building, tok, NULL) != XL_OK || !tok[0])
        return 0;
    xl_buf want;
    xl_buf_init(&want);
    int ok = xl_qr_payload_build(tmpl, building, tok, &want, NULL) == XL_OK &&
             strcmp(want.data, payload) == 0;
    xl_buf_release(&want);
    return ok;
}

/* ---- encoding ---- */

static QRecLevel ec_level(xl_qr_ec ec)
{
    static const QRecLevel levels[] = {QR_ECLEVEL_L, QR_ECLEVEL_M, QR_ECLEVEL_Q, QR_ECLEVEL_H};
    return (unsigned)ec < XL_QR_EC_COUNT ? levels[ec] : QR_ECLEVEL_M;
}

static int encode_fail(size_t n, xl_qr_ec ec, int e, xl_err *err)
{
    if (e == ERANGE)
        return xl_err_set(err, XL_EFAIL, _(SYS_E_QR_TOO_LONG_FMT), n, xl_qr_ec_letter(ec));
    return xl_err_set(err, XL_EFAIL, _(SYS_E_QR_FAILED_FMT), n, xl_sys_reason(e));
}

static void matrix_copy(const QRcode *code, xl_qr *qr)
{
    qr->version = code->version;
    qr->modules = code->width;
    qr->size = code->width + 2 * XL_QR_QUIET;
    qr->dark = xl_calloc((size_t)qr->size * (size_t)qr->size, 1);
    for (int y = 0; y < code->width; y++) {
        const unsigned char *src = code->data + (size_t)y * (size_t)code->width;
        unsigned char *dst = qr->dark + (size_t)(y + XL_QR_QUIET) * (size_t)qr->size + XL_QR_QUIET;
        for (int x = 0; x < code->width; x++)
            dst[x] = src[x] & 1;
    }
}

int xl_qr_encode(const char *payload, xl_qr_ec ec, xl_qr *qr, xl_err *err)
{
    memset(qr, 0, sizeof *qr);
    size_t n = payload ? strlen(payload) : 0;
    if (n == 0)
        return xl_err_set(err, XL_EFAIL, "%s", _(QR_E_EMPTY));
    if ((unsigned)ec >= XL_QR_EC_COUNT)
        return xl_err_set(err, XL_EFAIL, "%s", _(E_PROGRAM));
    errno = 0;
    QRcode *code = QRcode_encodeString(payload, 0, ec_level(ec), QR_MODE_8, 1);
    if (!code)
        return encode_fail(n, ec, errno, err);
    if (code->width <= 0 || code->version < 1 || !code->data) {
        QRcode_free(code);
        return xl_err_set(err, XL_EFAIL, _(SYS_E_QR_FAILED_FMT), n, _(E_PROGRAM));
    }
    qr->ec = ec;
    matrix_copy(code, qr);
    QRcode_free(code);
    return XL_OK;
}

void xl_qr_release(xl_qr *qr)
{
    if (!qr)
        return;
    free(qr->dark);
    memset(qr, 0, sizeof *qr);
}

int xl_qr_is_dark(const xl_qr *qr, int x, int y)
{
    if (x < 0 || y < 0 || x >= qr->size || y >= qr->size)
        return 0;
    return qr->dark[(size_t)y * (size_t)qr->size + (size_t)x];
}

/* ---- terminal geometry ---- */

void xl_qr_cells(int size, xl_qr_style style, int scale, int *rows, int *cols)
{
    if (scale < 1)
        scale = 1;
    if (style == XL_QR_STYLE_HALFBLOCK) {
        *rows = (size * scale + 1) / 2;
        *cols = size * scale;
    } else {
        *rows = size * scale;
        *cols = 2 * size * scale;
    }
}

int xl_qr_fit_scale(int size, xl_qr_style style, int rows, int cols)
{
    int s = 0;
    while (s < 64) {
        int r, c;
        xl_qr_cells(size, style, s + 1, &r, &c);
        if (r > rows || c > cols)
            break;
        s++;
    }
    return s;
}

int xl_qr_cell(const xl_qr *qr, xl_qr_style style, int scale, int row, int col)
{
    if (scale < 1)
        scale = 1;
    if (style == XL_QR_STYLE_HALFBLOCK) {
        int x = col / scale;
        return (xl_qr_is_dark(qr, x, (2 * row) / scale) ? XL_QR_CELL_TOP : 0) |
               (xl_qr_is_dark(qr, x, (2 * row + 1) / scale) ? XL_QR_CELL_BOTTOM : 0);
    }
    return xl_qr_is_dark(qr, col / (2 * scale), row / scale) ? XL_QR_CELL_TOP | XL_QR_CELL_BOTTOM : 0;
}

/* ---- text renderers ---- */

#define HB_UPPER "\xe2\x96\x80" /* ▀ */
#define HB_LOWER "\xe2\x96\x84" /* ▄ */
#define HB_FULL "\xe2\x96\x88"  /* █ */

static void text_row_halfblock(const xl_qr *qr, int row, int ink_light, xl_buf *out)
{
    for (int x = 0; x < qr->size; x++) {
        int top = xl_qr_is_dark(qr, x, 2 * row) != ink_light;
        int bottom = xl_qr_is_dark(qr, x, 2 * row + 1) != ink_light;
        xl_buf_puts(out, top && bottom ? HB_FULL : top ? HB_UPPER : bottom ? HB_LOWER : " ");
    }
}

static void text_row_double(const xl_qr *qr, int y, const char *ink, int ink_light, xl_buf *out)
{
    for (int x = 0; x < qr->size; x++)
        xl_buf_puts(out, (xl_qr_is_dark(qr, x, y) != ink_light) ? ink : "  ");
}

void xl_qr_render_text(const xl_qr *qr, xl_qr_style style, unsigned flags, xl_buf *out)
{
    int ink_light = (flags & XL_QR_TEXT_INK_LIGHT) != 0;
    int rows, cols;
    xl_qr_cells(qr->size, style, 1, &rows, &cols);
    for (int r = 0; r < rows; r++) {
        if (style == XL_QR_STYLE_HALFBLOCK)
            text_row_halfblock(qr, r, ink_light, out);
        else
            text_row_double(qr, r, style == XL_QR_STYLE_ASCII ? "##" : HB_FULL HB_FULL,
                            ink_light, out);
        xl_buf_put(out, "\n", 1);
    }
}

/* SGR colour for a module: 0 black, 7 white; base 30 foreground, 40 background. */
static void sgr_cell(xl_buf *out, int *cur_fg, int *cur_bg, int fg, int bg)
{
    if (fg == *cur_fg && bg == *cur_bg)
        return;
    if (fg >= 0 && bg >= 0)
        xl_buf_printf(out, "\x1b[%d;%dm", 30 + fg, 40 + bg);
    else
        xl_buf_printf(out, "\x1b[%dm", 40 + bg);
    *cur_fg = fg;
    *cur_bg = bg;
}

void xl_qr_render_ansi(const xl_qr *qr, xl_qr_style style, xl_buf *out)
{
    int rows, cols;
    xl_qr_cells(qr->size, style, 1, &rows, &cols);
    for (int r = 0; r < rows; r++) {
        int fg = -2, bg = -2;
        for (int x = 0; x < qr->size; x++) {
            int half = style == XL_QR_STYLE_HALFBLOCK;
            int bits = xl_qr_cell(qr, style, 1, r, half ? x : 2 * x);
            if (half) {
                sgr_cell(out, &fg, &bg, bits & XL_QR_CELL_TOP ? 0 : 7, bits & XL_QR_CELL_BOTTOM ? 0 : 7);
                xl_buf_puts(out, HB_UPPER);
            } else {
                sgr_cell(out, &fg, &bg, -1, bits ? 0 : 7);
                xl_buf_puts(out, "  ");
            }
        }
        xl_buf_puts(out, "\x1b[0m\n");
    }
}

/* ---- SVG ---- */

void xl_qr_svg_path(const xl_qr *qr, xl_buf *out)
{
    for (int y = 0; y < qr->size; y++) {
        for (int x = 0; x < qr->size;) {
            if (!xl_qr_is_dark(qr, x, y)) {
                x++;
                continue;
            }
            int run = 1;
            while (xl_qr_is_dark(qr, x + run, y))
                run++;
            xl_buf_printf(out, "M%d %dh%dv1h-%dz", x, y, run, run);
            x += run;
        }
    }
}

void xl_qr_render_svg(const xl_qr *qr, int px_per_module, xl_buf *out)
{
    if (px_per_module < 1)
        px_per_module = 1;
    int px = qr->size * px_per_module;
    xl_buf_printf(out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" height=\"%d\" "
        "viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">\n"
        "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n<path fill=\"#000\" d=\"",
        px, px, qr->size, qr->size, qr->size, qr->size);
    xl_qr_svg_path(qr, out);
    xl_buf_puts(out, "\"/>\n</svg>\n");
}

/* ---- bilevel bitmap and PNG ---- */

void xl_bitmap_init(xl_bitmap *bm, int w, int h)
{
    bm->w = w > 0 ? w : 1;
    bm->h = h > 0 ? h : 1;
    bm->stride = ((size_t)bm->w + 7) / 8;
    bm->px = xl_calloc(bm->stride, (size_t)bm->h);
}

void xl_bitmap_release(xl_bitmap *bm)
{
    if (!bm)
        return;
    free(bm->px);
    memset(bm, 0, sizeof *bm);
}

/* Inks pixels [x0, x1) of one row: the partial bytes at either end by mask, whole bytes
 * between by memset (a poster's glyphs and code are ~750,000 fills of several rows each). */
static void fill_span(unsigned char *row, int x0, int x1)
{
    int b0 = x0 >> 3, b1 = (x1 - 1) >> 3;
    unsigned char head = (unsigned char)(0xFFu >> (x0 & 7));
    unsigned char tail = (unsigned char)(0xFF00u >> (((x1 - 1) & 7) + 1));
    if (b0 == b1) {
        row[b0] |= head & tail;
        return;
    }
    row[b0] |= head;
    if (b1 - b0 > 1)
        memset(row + b0 + 1, 0xFF, (size_t)(b1 - b0 - 1));
    row[b1] |= tail;
}

void xl_bitmap_fill(xl_bitmap *bm, int x, int y, int w, int h)
{
    int x0 = x < 0 ? 0 : x, y0 = y < 0 ? 0 : y;
    int x1 = x + w > bm->w ? bm->w : x + w, y1 = y + h > bm->h ? bm->h : y + h;
    for (int r = y0; r < y1 && x0 < x1; r++)
        fill_span(bm->px + (size_t)r * bm->stride, x0, x1);
}

int xl_bitmap_get(const xl_bitmap *bm, int x, int y)
{
    if (x < 0 || y < 0 || x >= bm->w || y >= bm->h)
        return 0;
    return (bm->px[(size_t)y * bm->stride + (size_t)(x >> 3)] >> (7 - (x & 7))) & 1;
}

static void png_sink(png_structp png, png_bytep data, size_t n)
{
    xl_buf_put(png_get_io_ptr(png), (const char *)data, n);
}

static void png_nop_flush(png_structp png) { (void)png; }

static void png_on_error(png_structp png, png_const_charp msg)
{
    char *dst = png_get_error_ptr(png);
    snprintf(dst, 200, "%s", msg ? msg : "error");
    png_longjmp(png, 1);
}

static void png_on_warning(png_structp png, png_const_charp msg) { (void)png, (void)msg; }

/* A two-colour palette, entry 0 white and 1 black: the bitmap's own bits (1 = ink) are the
 * pixels, so each row goes to libpng as it is, with no inverted copy (one A4 poster at
 * 300 dpi is 3,508 rows of 310 bytes). */
static void png_body(png_structp png, png_infop info, const xl_bitmap *bm, int dpi, xl_buf *out)
{
    static const png_color ink[2] = {{255, 255, 255}, {0, 0, 0}};
    png_set_write_fn(png, out, png_sink, png_nop_flush);
    png_set_IHDR(png, info, (png_uint_32)bm->w, (png_uint_32)bm->h, 1, PNG_COLOR_TYPE_PALETTE,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_PLTE(png, info, ink, 2);
    if (dpi > 0) {
        png_uint_32 ppm = (png_uint_32)(dpi / 0.0254 + 0.5);
        png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
    }
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_compression_level(png, 1); /* bilevel pages compress well even so: 326 A4 posters in ~1.5 s */
    png_write_info(png, info);
    for (int y = 0; y < bm->h; y++)
        png_write_row(png, bm->px + (size_t)y * bm->stride);
    png_write_end(png, info);
}

int xl_bitmap_png(const xl_bitmap *bm, int dpi, xl_buf *out, xl_err *err)
{
    char msg[200] = "";
    if (!bm || !bm->px || bm->w <= 0 || bm->h <= 0)
        return xl_err_field(err, "png", "%s", _(E_PROGRAM));
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, msg, png_on_error, png_on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        return xl_err_field(err, "png", "%s", _(DB_WHY_NOMEM));
    }
    size_t start = out->len;
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        out->len = start;
        out->data[start] = '\0';
        return xl_err_field(err, "png", _(PNG_E_FMT), msg);
    }
    png_body(png, info, bm, dpi, out);
    png_destroy_write_struct(&png, &info);
    return XL_OK;
}

int xl_qr_render_png(const xl_qr *qr, int px_per_module, xl_buf *out, xl_err *err)
{
    if (px_per_module < 1 || px_per_module > 100)
        return xl_err_set(err, XL_EUSAGE, _(QR_E_PX_FMT), px_per_module);
    xl_bitmap bm;
    xl_bitmap_init(&bm, qr->size * px_per_module, qr->size * px_per_module);
    for (int y = 0; y < qr->size; y++)
        for (int x = 0; x < qr->size; x++)
            if (xl_qr_is_dark(qr, x, y))
                xl_bitmap_fill(&bm, x * px_per_module, y * px_per_module, px_per_module, px_per_module);
    int rc = xl_bitmap_png(&bm, 0, out, err);
    xl_bitmap_release(&bm);
    return rc;
}
