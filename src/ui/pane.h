/* pane.h — the pane interface. A pane is a struct with a table of functions (as tig's
 * view_ops): it draws itself into the window it is given and answers keys with flags; only
 * the app loop draws (wnoutrefresh per window, one doupdate). */
#ifndef UI_PANE_H
#define UI_PANE_H

#include <curses.h>
#include <stddef.h>
#include <stdint.h>

#include "ui/keys.h"
#include "xiangli/config.h"
#include "xiangli/db.h"

/* What a key or mouse handler did; the app loop acts on the flags (like htop's Action.h). */
enum {
    UI_IGNORED = 0,      /* not mine: the app tries its global keys */
    UI_HANDLED = 1 << 0, /* taken, nothing on screen changed */
    UI_REDRAW = 1 << 1,  /* redraw the screen */
    UI_RELOAD = 1 << 2,  /* data changed: reload the pane, then redraw */
    UI_QUIT = 1 << 3,    /* leave the program */
    UI_BACK = 1 << 4,    /* close this pane (overlays) */
};

typedef struct ui_app ui_app;

typedef struct pane_ops {
    const char *(*title)(void *self);
    /* Heading of the pane's keys in the help; NULL = the title. */
    const char *(*help_title)(void *self);
    void (*draw)(void *self, WINDOW *w);
    /* key: a character or UI_KEY_FN(code) (keys.h). */
    int (*key)(void *self, ui_app *app, int key);
    /* y, x relative to the pane's window; bstate from curses' MEVENT. */
    int (*mouse)(void *self, ui_app *app, int y, int x, unsigned long bstate);
    /* Re-reads the pane's rows from the core. */
    void (*reload)(void *self, ui_app *app);
    void (*free)(void *self);
    /* The pane's own actions, in help order, and the few shown as status-bar hints. */
    const ui_action *actions;
    size_t nactions;
    const ui_action *hints;
    size_t nhints;
    /* Optional: where the terminal cursor stands (a text being typed), relative to the
     * pane's window; returns 0 when the pane shows no cursor. */
    int (*cursor)(void *self, int *y, int *x);
    /* Optional: called about four times a second while no key comes (a clock on screen);
     * returns key flags (UI_REDRAW when what it shows has changed). */
    int (*tick)(void *self, ui_app *app);
    /* 1: the pane has the whole terminal (no tab bar, no status line), e.g. the
     * roundtable's presentation on a shared screen. */
    int fullscreen;
    /* Optional: 1 while the pane holds typed work that closing it would lose (a form with
     * input); the app asks before quitting then. */
    int (*unsaved)(void *self);
    /* Optional: 0 for an action of the pane's table that does not work right now (the edit
     * keys of a closed meeting); the help and the hints leave it out. NULL: all work. */
    int (*offers)(void *self, ui_action act);
} pane_ops;

/* In a pane_ops table: its actions and hints (arrays), counted. */
#define UI_PANE_KEYS(acts, hs)                                         \
    .actions = (acts), .nactions = sizeof(acts) / sizeof((acts)[0]), \
    .hints = (hs), .nhints = sizeof(hs) / sizeof((hs)[0])

typedef struct ui_pane {
    const pane_ops *ops;
    void *self;
} ui_pane;

/* 1 when the pane's action works now (its offers() says so, or it has none). */
int ui_pane_offers(const ui_pane *p, ui_action act);

/* What the app offers its panes. */
xl_db *ui_app_db(ui_app *app);
const xl_config *ui_app_config(ui_app *app);
/* Shows a message in the status line until the next key; fmt is printf-style. */
void ui_app_message(ui_app *app, int is_error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A long job's step: shows text in the status line at once (the loop is not drawing now)
 * and reads the keys typed meanwhile without waiting. Returns 1 when one of them was Esc
 * (the job should stop); other keys typed during the job are dropped. */
int ui_app_progress(ui_app *app, const char *text);
/* Opens p over the current tab; q/Esc (UI_BACK) closes it. The app owns p from now on.
 * Returns 0 when too many panes are open already: p has been freed then. */
int ui_app_push(ui_app *app, ui_pane p);

/* A pane's own overlay (a picker, a list dropped over other fields) has closed: the next
 * draw repaints every window whole, so no half-covered character stays behind. */
void ui_app_repaint(ui_app *app);

/* A one-line prompt in the status line. accept() says which characters may be typed;
 * done() gets the text on Enter (not on Esc) and returns key flags; what it needs to know
 * comes through ctx (never a file-level static). The label is copied. With max_chars 1 the
 * first accepted key is the answer. */
typedef struct ui_prompt_spec {
    const char *label;
    size_t max_chars;
    int (*accept)(int ch);
    int (*done)(void *ctx, ui_app *app, const char *text);
    void *ctx;
} ui_prompt_spec;
void ui_app_prompt(ui_app *app, const ui_prompt_spec *spec);

/* The one yes/no question, in the status line, in the office's words: the question, then
 * "按 y 确认，n 取消". y calls yes(ctx, app, id) and returns its flags; n or Esc says
 * cancelled (when not NULL). The question is copied. */
typedef struct ui_confirm_spec {
    const char *question;
    int (*yes)(void *ctx, ui_app *app, int64_t id);
    void *ctx;
    int64_t id;            /* the record asked about, for yes() */
    const char *cancelled; /* said on n / Esc; NULL: nothing */
} ui_confirm_spec;
void ui_app_confirm(ui_app *app, const ui_confirm_spec *spec);

#endif
