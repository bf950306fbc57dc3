/* bigfont.h — glyphs from GNU Unifont's .hex file (Debian package `unifont`) for large type
 * on the shared screen. Only the glyphs a text needs are loaded: the file is read once, each
 * line "XXXX:" followed by 32 hex digits (8 x 16 pixels) or 64 (16 x 16). No curses here:
 * the caller decides how pixels become characters. */
#ifndef XL_BIGFONT_H
#define XL_BIGFONT_H

#include <stddef.h>
#include <stdint.h>
#include "xiangli/err.h"

#define XL_BIGFONT_DEFAULT_PATH "/usr/share/unifont/unifont.hex"
#define XL_GLYPH_ROWS 16
#define XL_BIGFONT_MAX_CHARS 4096 /* distinct code points one load asks for */

typedef struct xl_glyph {
    uint32_t cp;
    int width;                     /* 8 or 16 pixels */
    uint16_t rows[XL_GLYPH_ROWS];  /* bit 15 is the leftmost pixel */
} xl_glyph;

typedef struct xl_bigfont xl_bigfont;

/* The file used: path when given and not empty, else $XIANGLI_UNIFONT when set and not
 * empty, else XL_BIGFONT_DEFAULT_PATH. */
const char *xl_bigfont_path(const char *path);
/* Loads the glyphs of the code points in utf8 (invalid UTF-8 asks for U+FFFD). Code points
 * the file lacks are simply absent. A file that cannot be opened, or holds no glyph line at
 * all, is XL_EFAIL with a message naming it, and *out is NULL. */
int xl_bigfont_load(const char *path, const char *utf8, xl_bigfont **out, xl_err *err);
void xl_bigfont_free(xl_bigfont *f);
/* Number of glyphs loaded. */
size_t xl_bigfont_count(const xl_bigfont *f);
/* The glyph of cp, NULL when not loaded. */
const xl_glyph *xl_bigfont_glyph(const xl_bigfont *f, uint32_t cp);
/* 1 if pixel (x, y) of g is ink; 0 outside the glyph. */
int xl_glyph_pixel(const xl_glyph *g, int x, int y);
/* Width of utf8 in pixels; -1 when some character has no glyph (or f is NULL). */
int xl_bigfont_text_width(const xl_bigfont *f, const char *utf8);

#endif
