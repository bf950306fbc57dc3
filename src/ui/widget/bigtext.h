/* bigtext.h — large type for the shared screen: a text drawn with block characters from
 * Unifont glyphs (xiangli/bigfont.h), big enough to read across a room.
 *   half  ▀ ▄ █: one column per pixel, two pixel rows per cell (a Chinese character is
 *         16 columns by 8 rows);
 *   full  █ twice per pixel, one row per pixel row (32 columns by 16 rows), for big screens;
 *   quarter ▘▝▖▗ and their combinations: two by two pixels per cell (8 columns by 8 rows),
 *         so that 80x24 still shows a title of nine characters, or two lines.
 * A text is wrapped between characters over lines of balanced width (never one character
 * left alone on the last line); when even quarter blocks do not fit, or a character has no
 * glyph, the caller falls back to normal text. */
#ifndef UI_BIGTEXT_H
#define UI_BIGTEXT_H

#include <curses.h>

#include "xiangli/bigfont.h"

typedef enum { UI_BIG_NONE, UI_BIG_QUARTER, UI_BIG_HALF, UI_BIG_FULL } ui_big_scale;

enum { UI_BIG_MAX_LINES = 8 };

typedef struct ui_big_layout {
    ui_big_scale scale;
    int nlines;
    int rows, cols;                     /* cells used */
    int start[UI_BIG_MAX_LINES + 1];    /* byte offset where each line starts (and the end) */
} ui_big_layout;

/* Lays text out in at most cols x rows cells: full blocks when they fit, else half blocks;
 * scale UI_BIG_NONE (and 0 returned) when neither fits or a glyph is missing. */
int ui_big_fit(const xl_bigfont *font, const char *text, int cols, int rows,
               ui_big_layout *out);
/* Draws a laid-out text from row y, each line centred in cols columns from x. */
void ui_big_draw(WINDOW *w, int y, int x, int cols, const xl_bigfont *font, const char *text,
                 const ui_big_layout *l, attr_t attr);

#endif
