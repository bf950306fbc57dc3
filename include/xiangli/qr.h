/* qr.h — the "巷里一家" sign-in codes: per-building tokens, the payload made from the
 * [signin] url_template, encoding with libqrencode, and pure renderers (text, ANSI, SVG,
 * PNG) that write into an xl_buf. No curses here: ui/qrview.c draws cells itself and asks
 * this module only for the matrix and the cell size a style needs. */
#ifndef XL_QR_H
#define XL_QR_H

#include <stddef.h>
#include "xiangli/db.h"
#include "xiangli/mem.h"

/* Modules of light margin around the symbol (ISO/IEC 18004 asks for 4). */
#define XL_QR_QUIET 4
/* Token: 8 random bytes as unpadded base64url, 11 characters, plus NUL. */
#define XL_QR_TOKEN_LEN 11
#define XL_QR_TOKEN_SIZE (XL_QR_TOKEN_LEN + 1)

/* Error-correction levels, declared once: id, config letter. */
#define XL_QR_ECS(X) X(L, 'L') X(M, 'M') X(Q, 'Q') X(H, 'H')
typedef enum {
#define XL_X(id, letter) XL_QR_EC_##id,
    XL_QR_ECS(XL_X)
#undef XL_X
    XL_QR_EC_COUNT
} xl_qr_ec;

/* Drawing styles, declared once: id, config key. */
#define XL_QR_STYLES(X)            \
    X(HALFBLOCK, "halfblock")      \
    X(FULLWIDTH, "fullwidth")      \
    X(ASCII, "ascii")
typedef enum {
#define XL_X(id, key) XL_QR_STYLE_##id,
    XL_QR_STYLES(XL_X)
#undef XL_X
    XL_QR_STYLE_COUNT
} xl_qr_style;

/* "L"/"M"/"Q"/"H" (case-insensitive); -1 if unknown. NULL or "" gives M, the default. */
int xl_qr_ec_parse(const char *s);
char xl_qr_ec_letter(xl_qr_ec ec);
/* "halfblock"/"fullwidth"/"ascii"; -1 if unknown. NULL or "" gives halfblock. */
int xl_qr_style_parse(const char *s);
const char *xl_qr_style_key(xl_qr_style style);

/* ---- tokens (each write is one transaction with its audit row) ---- */

/* The building's token; creates one on first use (audit "qr.token.create").
 * XL_ENOTFOUND if there is no such building. */
int xl_qr_token(xl_db *db, int building, char out[XL_QR_TOKEN_SIZE], xl_err *err);
/* Gives every building that has none a token, in one transaction (one audit row each). */
int xl_qr_tokens_ensure_all(xl_db *db, int *created, xl_err *err);
/* Replaces the token, so printed codes stop matching (audit "qr.rotate").
 * new_token may be NULL. */
int xl_qr_rotate(xl_db *db, int building, char new_token[XL_QR_TOKEN_SIZE], xl_err *err);

/* ---- payload ---- */

/* Checks a url_template: printable ASCII, no spaces, only {building} and {token}
 * placeholders, {token} present. Message names the column of the first problem. */
int xl_qr_template_check(const char *tmpl, xl_err *err);
/* Substitutes into tmpl; out is appended to. */
int xl_qr_payload_build(const char *tmpl, int building, const char *token, xl_buf *out,
                        xl_err *err);
/* The building's current payload (creating its token if needed). */
int xl_qr_payload(xl_db *db, const char *tmpl, int building, xl_buf *out, xl_err *err);
/* 1 if payload is exactly what the building's code holds now, 0 if not (or no token). */
int xl_qr_payload_matches(xl_db *db, const char *tmpl, int building, const char *payload);

/* ---- the matrix ---- */

typedef struct xl_qr {
    int version;           /* 1..40 */
    xl_qr_ec ec;
    int modules;           /* symbol width in modules, without quiet zone */
    int size;              /* modules + 2 * XL_QR_QUIET */
    unsigned char *dark;   /* size * size, row-major, 1 = dark; quiet zone included */
} xl_qr;

/* Encodes payload in byte mode, case-sensitive, smallest version. On a too-long payload:
 * "payload N bytes is too long for a QR code at level X; shorten [signin] url_template". */
int xl_qr_encode(const char *payload, xl_qr_ec ec, xl_qr *qr, xl_err *err);
void xl_qr_release(xl_qr *qr);
/* 1 if module (x, y) is dark; outside the matrix is light. Coordinates include the quiet zone. */
int xl_qr_is_dark(const xl_qr *qr, int x, int y);

/* Terminal cells the whole code (quiet zone included) needs in a style at a scale (1 =
 * smallest: halfblock puts one module per column and two per row; fullwidth and ascii use
 * two columns and one row per module). */
void xl_qr_cells(int size, xl_qr_style style, int scale, int *rows, int *cols);
/* Largest scale (>= 1) at which the code fits rows x cols; 0 if it does not fit at all. */
int xl_qr_fit_scale(int size, xl_qr_style style, int rows, int cols);
/* Which modules cover terminal cell (row, col) of the code drawn in a style at a scale:
 * bit 1 = the cell's top half is dark, bit 2 = its bottom half is dark (fullwidth and
 * ascii cells are whole modules: both bits or none). */
enum { XL_QR_CELL_TOP = 1, XL_QR_CELL_BOTTOM = 2 };
int xl_qr_cell(const xl_qr *qr, xl_qr_style style, int scale, int row, int col);

/* ---- renderers (append to out) ---- */

/* Plain text, one line per row, '\n' ended.
 *   halfblock: ▀ ▄ █ and space, two modules per character cell;
 *   fullwidth: "██" or two spaces per module;  ascii: "##" or two spaces per module.
 * Plain text cannot force colours, so flags say which modules get ink:
 *   0                      ink marks DARK modules: reads right on paper or a terminal with
 *                          dark text on a light background ("utf8i" in the CLI);
 *   XL_QR_TEXT_INK_LIGHT   ink marks LIGHT modules: reads right on the usual terminal with
 *                          light text on a dark background (like `qrencode -t UTF8`; the
 *                          CLI's "utf8"). */
enum { XL_QR_TEXT_INK_LIGHT = 1 };
void xl_qr_render_text(const xl_qr *qr, xl_qr_style style, unsigned flags, xl_buf *out);
/* Text with SGR colours forcing dark-on-light whatever the terminal's theme:
 *   halfblock: ▀ with foreground 30/37 (top module) and background 40/47 (bottom);
 *   fullwidth and ascii: two spaces per module on background 40 (dark) or 47 (light).
 * Every line ends with SGR 0. */
void xl_qr_render_ansi(const xl_qr *qr, xl_qr_style style, xl_buf *out);
/* The dark modules as SVG path data in module units (quiet zone included in coordinates),
 * one horizontal run per subpath. */
void xl_qr_svg_path(const xl_qr *qr, xl_buf *out);
/* A standalone SVG document, px_per_module user units per module, white background. */
void xl_qr_render_svg(const xl_qr *qr, int px_per_module, xl_buf *out);
/* A bilevel PNG, px_per_module pixels per module. */
int xl_qr_render_png(const xl_qr *qr, int px_per_module, xl_buf *out, xl_err *err);

/* ---- bilevel raster (used by the PNG code and the poster) ---- */

typedef struct xl_bitmap {
    int w, h;
    size_t stride;        /* bytes per row */
    unsigned char *px;    /* stride * h bytes, one bit per pixel, MSB leftmost, 1 = ink */
} xl_bitmap;

/* All paper (white). w and h must be positive. */
void xl_bitmap_init(xl_bitmap *bm, int w, int h);
void xl_bitmap_release(xl_bitmap *bm);
/* Inks a rectangle, clipped to the bitmap. */
void xl_bitmap_fill(xl_bitmap *bm, int x, int y, int w, int h);
int xl_bitmap_get(const xl_bitmap *bm, int x, int y);
/* 1-bit greyscale PNG; dpi > 0 records the print resolution (pHYs). */
int xl_bitmap_png(const xl_bitmap *bm, int dpi, xl_buf *out, xl_err *err);

#endif
