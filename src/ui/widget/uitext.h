/* uitext.h — the one door through which text reaches the screen.
 * Widths are display columns (a Chinese character is two), never bytes. Invalid UTF-8 is
 * shown as U+FFFD, a cut is marked with "…", a double-width character is never split, and
 * nothing is written past maxcols or the window's right edge. */
#ifndef UI_UITEXT_H
#define UI_UITEXT_H

#include <curses.h>

/* Draws utf8 at (y, x) in at most maxcols columns with attribute attr.
 * Returns the number of columns written. */
int ui_text_put(WINDOW *w, int y, int x, int maxcols, const char *utf8, attr_t attr);
/* As ui_text_put, then pads with spaces (in attr) to exactly cols columns. */
int ui_text_pad(WINDOW *w, int y, int x, int cols, const char *utf8, attr_t attr);
/* Right-aligns utf8 so that it ends at column x_end (exclusive); returns the start column. */
int ui_text_right(WINDOW *w, int y, int x_end, int maxcols, const char *utf8, attr_t attr);
/* Fills cols columns at (y, x) with spaces in attr. */
void ui_text_fill(WINDOW *w, int y, int x, int cols, attr_t attr);
/* Wraps utf8 into lines of at most cols columns (at spaces when it can, else between
 * characters), drawing at most maxlines lines from row y. Returns the lines used; with
 * w == NULL only counts. */
int ui_text_wrap(WINDOW *w, int y, int x, int cols, int maxlines, const char *utf8,
                 attr_t attr);

/* snprintf for translated formats (messages.def *_FMT): out always ends in NUL. */
void ui_format(char *out, size_t size, const char *fmt, ...);

#endif
