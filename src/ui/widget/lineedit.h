/* lineedit.h — the one line editor (as htop's LineEditor): a UTF-8 text in the caller's
 * buffer, edited by characters (a Chinese character is one character, two columns), the
 * cursor moved by characters and shown by columns, a limit in characters. The status-line
 * prompt and the form's text fields both edit through it. */
#ifndef UI_WIDGET_LINEEDIT_H
#define UI_WIDGET_LINEEDIT_H

#include <curses.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ui_lineedit {
    char *text;                 /* the caller's buffer, UTF-8, always NUL-terminated */
    size_t size;                /* its size in bytes */
    size_t cur, scroll;         /* byte offsets of the cursor and of the first shown char */
    int max_chars;              /* at most this many characters; 0 = as many as fit */
    int (*accept)(uint32_t cp); /* which characters may be typed; NULL = printable */
} ui_lineedit;

/* Replaces the text (cut to the limits, never inside a character); the cursor at its end. */
void ui_lineedit_set(ui_lineedit *le, const char *text);
/* Characters, Backspace, Delete, Left/Right, Home/End (^A/^E), ^U (clear). Returns 1 when
 * the text changed, 0 when the key moved the cursor or was refused, -1 when it is not an
 * editing key. */
int ui_lineedit_key(ui_lineedit *le, int key);
/* Draws the text in a box of width columns at (y, x), scrolled so that the cursor shows;
 * returns the cursor's column. */
int ui_lineedit_draw(WINDOW *w, int y, int x, int width, ui_lineedit *le, attr_t attr);
/* Characters in the text; display columns of the n bytes at s. */
size_t ui_lineedit_chars(const char *s);
int ui_lineedit_span_width(const char *s, size_t n);
/* 1 for a character one may type into a text (printable, not a function key). */
int ui_key_printable(int key);

#endif
