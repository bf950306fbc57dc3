/* listview.h — the one list widget (as calcurse's listbox, htop's Panel): a number of rows,
 * the selected one, the first one shown, paging, Home/End, rows that cannot be selected
 * (headings) skipped, and the selection kept in view when the window changes size. A pane
 * keeps its own rows and says, through a draw callback, how one row looks. */
#ifndef UI_WIDGET_LISTVIEW_H
#define UI_WIDGET_LISTVIEW_H

#include <curses.h>
#include <stddef.h>

#include "ui/keys.h"

enum {
    UI_LV_FILL = 1 << 0,     /* the last page stays full: no empty rows under the end */
    UI_LV_HEADINGS = 1 << 1, /* a heading just above the selection is kept in view with it */
    UI_LV_SCROLL = 1 << 2,   /* no selection: the keys move the view (a text to read) */
};

typedef struct ui_listview {
    size_t count; /* rows */
    size_t sel;   /* the selected row; count when none can be selected */
    size_t top;   /* the first row shown */
    int page;     /* rows shown, from the last ui_listview_resize (0: not shown yet) */
    int step;     /* rows a page key moves; 0: a page less one row */
    int row_lines; /* screen lines a row takes; 0: one */
    unsigned flags;
    /* NULL: every row can be selected; else says whether row i can (rows: the pane's). */
    int (*selectable)(const void *rows, size_t i);
    const void *rows;
} ui_listview;

/* One row at window line y; selected: it is the selection. */
typedef void (*ui_listview_draw_row)(void *ctx, WINDOW *w, int y, size_t i, int selected);

/* An empty list without selection rules; flags UI_LV_*. */
void ui_listview_init(ui_listview *lv, unsigned flags);
/* New rows: count of them; the selection stays where it was (clamped, on a selectable row). */
void ui_listview_set_count(ui_listview *lv, size_t count);
/* Back to the first selectable row, scrolled to the top. */
void ui_listview_reset(ui_listview *lv);
/* The list has lines screen lines now (rows of row_lines lines each): keeps the selection
 * in view. */
void ui_listview_resize(ui_listview *lv, int lines);
/* Selects row i (clamped; a heading: the next row that can be), keeping it in view. */
void ui_listview_select(ui_listview *lv, size_t i);
/* Up, Down, PgUp, PgDn, Home and End; returns 1 when act is one of them. */
int ui_listview_key(ui_listview *lv, ui_action act);
/* Moves the selection (or the view, UI_LV_SCROLL) by delta rows. */
void ui_listview_move(ui_listview *lv, long delta);
/* 1 and *i the selected row when there is one. */
int ui_listview_current(const ui_listview *lv, size_t *i);
/* The row at screen line line of the list's area (0 = its first line); 0 when none is there. */
int ui_listview_row_at(const ui_listview *lv, int line, size_t *i);
/* Draws the rows in view from window line y, one draw_row call each; returns lines drawn. */
int ui_listview_draw(const ui_listview *lv, WINDOW *w, int y, ui_listview_draw_row draw_row,
                     void *ctx);

#endif
