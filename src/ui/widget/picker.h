/* picker.h — a list to choose from, opened over the current pane. Typing narrows it (every
 * printable key goes to the search line, so q or 2 never quit or switch tabs); Up/Down and
 * PgUp/PgDn move; Enter chooses. A checklist ticks and unticks with Space (the caller saves
 * each tick at once) and closes with Enter or Esc. */
#ifndef UI_PICKER_H
#define UI_PICKER_H

#include <stddef.h>
#include <stdint.h>

#include "ui/pane.h"

typedef struct ui_pick_row {
    int64_t id;
    int tag;          /* the caller's kind of row */
    int heading;      /* a group heading: shown, never chosen */
    int checked;      /* checklists */
    char text[400];
    char note[160];   /* dim, after the text */
} ui_pick_row;

typedef struct ui_pick_rows {
    ui_pick_row *rows;
    size_t n, cap;
} ui_pick_rows;

/* Appends a blank row. */
ui_pick_row *ui_pick_add(ui_pick_rows *r);

typedef struct ui_pick_spec {
    const char *title;        /* on the tab bar and at the top */
    const char *help_title;   /* NULL = title */
    int checklist;
    /* Fills out with the rows for the typed text (at open and after each change). */
    void (*fill)(void *ctx, ui_app *app, const char *query, ui_pick_rows *out);
    /* Enter on a row (or Space in a checklist: the row's checked flag is the caller's to
     * set). Returns key flags; UI_BACK closes the picker. */
    int (*choose)(void *ctx, ui_app *app, ui_pick_row *row);
    /* Optional: one line under the search (what Enter does), and under the rows. */
    const char *intro;
    /* Optional: a line at the bottom (what has been ticked so far). */
    void (*footer)(void *ctx, char *out, size_t size);
    void (*free)(void *ctx);
} ui_pick_spec;

/* The app owns the picker from now on; ctx is freed with spec->free when it closes. */
void ui_pick_open(ui_app *app, const ui_pick_spec *spec, void *ctx);

#endif
