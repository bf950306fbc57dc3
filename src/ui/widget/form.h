/* form.h — a form: labelled fields one under another, each with its problem shown beside it
 * in the warning colour (wrapped on rows under the field when it does not fit beside it). Text fields edit UTF-8 by characters (Chinese arrives as one wide
 * character from get_wch; Backspace deletes one character; the cursor moves by characters
 * and is placed by display columns); choice fields show every option and cycle with
 * Left/Right or Space (when the options do not fit the line, only the chosen one, as
 * "‹ 租客 › 3/5").
 *
 * A filled text field that the focus arrives on is shown selected: typing replaces it, any
 * other editing key (arrows, Backspace, Home/End) keeps it to be edited.
 *
 * Keys (keys.h): Enter/F2 submit, Down next field, Up previous field, ^U empties a text
 * field; and the global keys in their form meaning: Tab/S-Tab next/previous field (never
 * another tab: that would throw the form away), Esc cancel (asks first when something was
 * typed). Printable keys never leak to the global keys while a form is open: typing q or 2
 * into a name does not quit or switch tabs.
 *
 * A form is opened as a pane over the current one (ui_form_open). What it is for lives in a
 * ui_form_spec: submit() checks and saves, and says what to do next (UI_BACK closes the form,
 * and the pane below is reloaded by the app). */
#ifndef UI_FORM_H
#define UI_FORM_H

#include <stddef.h>
#include <stdint.h>

#include "ui/pane.h"
#include "ui/widget/lineedit.h"

enum { UI_FIELD_TEXT_MAX = 256, UI_FIELD_MSG_MAX = 320 };

typedef enum { UI_FIELD_TEXT, UI_FIELD_CHOICE } ui_field_kind;

typedef struct ui_field {
    /* set up by the caller */
    const char *label;             /* translated */
    ui_field_kind kind;
    int width;                     /* text: columns of the box (the text scrolls inside) */
    int max_chars;                 /* text: at most this many characters */
    int (*accept)(uint32_t cp);    /* text: which characters may be typed; NULL = printable */
    const char *const *choices;    /* choice: translated labels */
    int nchoices;
    const char *note;              /* dim note after the field ("YYYY-MM-DD"), or NULL */
    int note_warn;                 /* the note is a warning (warning colour), not a hint */
    int date;                      /* text: a date, rewritten as YYYY-MM-DD (xl_date_read)
                                    * when it reads as one, on leaving it and on submit */
    /* state */
    int fresh;                     /* focus just arrived on a filled field: the first
                                    * character typed replaces the text (shown selected) */
    char text[UI_FIELD_TEXT_MAX];  /* UTF-8 */
    size_t cur, scroll;            /* byte offsets of the cursor and of the first shown char */
    int choice;
    char msg[UI_FIELD_MSG_MAX];    /* the problem shown beside the field, "" when fine */
} ui_field;

/* Replaces a text field's text (cut to its limits) and puts the cursor at its end. */
void ui_field_set(ui_field *fl, const char *text);
/* Edits a text field with key (characters, Backspace, Delete, Left/Right, Home/End, ^U).
 * Returns 1 when the text changed, 0 when the key moved the cursor or was refused,
 * -1 when the key is not an editing key. */
int ui_field_edit(ui_field *fl, int key);
/* Draws a text field's box at (y, x); returns the cursor column. */
int ui_field_draw_text(WINDOW *w, int y, int x, ui_field *fl, int focused);

typedef struct ui_form ui_form;

typedef struct ui_form_spec {
    const char *help_title;
    /* Enter/F2: checks and saves; sets the fields' msg on problems. Returns key flags. */
    int (*submit)(void *ctx, ui_app *app, ui_form *f);
    /* Optional: sees each key first; UI_IGNORED lets the form handle it. */
    int (*key)(void *ctx, ui_app *app, ui_form *f, int key);
    /* Optional: after field i changed (text typed or choice cycled). */
    void (*changed)(void *ctx, ui_app *app, ui_form *f, size_t i);
    /* Optional: draws below the fields from row y in at most rows rows. */
    void (*draw)(void *ctx, ui_form *f, WINDOW *w, int y, int rows);
    /* Optional: frees ctx when the form closes. */
    void (*free)(void *ctx);
} ui_form_spec;

/* Opens a form over the current pane with a copy of fields[0..n). The app owns it from now
 * on; ctx is passed to the spec's functions and freed with spec->free. Returns the form
 * (valid until it closes) so the caller can fill it; when too many panes are open the form
 * is not shown (ctx is freed) and the pointer is to a stand-in that takes the filling. */
ui_form *ui_form_open(ui_app *app, const ui_form_spec *spec, void *ctx, const char *title,
                      const ui_field *fields, size_t n);
ui_field *ui_form_field(ui_form *f, size_t i);
size_t ui_form_focus(const ui_form *f);
void ui_form_set_focus(ui_form *f, size_t i);
/* Text shown under the title (what the form is about), wrapped. */
void ui_form_set_intro(ui_form *f, const char *text);
/* Text shown under the fields: warn = 1 in the warning colour. */
void ui_form_set_note(ui_form *f, const char *text, int warn);
/* Sets the note to "有 N 项需要修改" and keeps N following the fields' messages as they
 * are corrected (0: the note goes); returns N and focuses the first field with a problem. */
size_t ui_form_show_problem_count(ui_form *f);
/* Clears every field's msg and the note. */
void ui_form_clear_msgs(ui_form *f);
/* Focuses the first field with a msg; returns how many have one. */
size_t ui_form_focus_first_problem(ui_form *f);
/* 1 once something has been typed or chosen. */
int ui_form_dirty(const ui_form *f);

#endif
