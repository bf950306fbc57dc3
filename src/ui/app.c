/* app.c — the application loop: tab bar, the current pane (and panes opened over it), the
 * status line, the help overlay, the prompt, mouse and resize. Handlers only return flags;
 * this loop alone draws, with wnoutrefresh per window and one doupdate. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ui/help.h"
#include "ui/panes.h"
#include "ui/theme.h"
#include "ui/ui.h"
#include "ui/widget/lineedit.h"
#include "ui/widget/uitext.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/pending.h"
#include "xiangli/text.h"

enum {
    MIN_COLS = 80,
    MIN_LINES = 24,
    MAX_TABS = 9,
    MAX_DEPTH = 8,
    TICK_MS = 400,  /* wake up this often to notice a signal and other desks' changes */
    SHARED_MS = 400, /* look at most this often whether another process changed the data */
    CLOCK_MS = 250, /* and this often while a pane shows a clock (pane_ops.tick) */
};

typedef struct ui_prompt_state {
    int active;
    ui_prompt_spec spec;
    char label[512];  /* the spec's label, copied */
    char text[64];
    ui_lineedit edit; /* over text */
    ui_confirm_spec confirm; /* a yes/no question when confirm.yes is set */
    char cancelled[256];
} ui_prompt_state;

struct ui_app {
    xl_db *db;
    const xl_config *cfg;
    SCREEN *screen;
    WINDOW *tabw, *body, *statw;
    WINDOW *full; /* the whole terminal, for a fullscreen pane */
    ui_pane tabs[MAX_TABS];
    int ntabs, cur;
    int backup_due;             /* the daily backup, made once the first frame is on screen */
    ui_pane stack[MAX_DEPTH]; /* panes opened over the current tab */
    int depth;
    int help, small, quit, dirty;
    /* What lies over the panes (help, prompt, panes opened, the tab) when last drawn: when it
     * changes, whatever an overlay covered is repainted whole (see repaint_if_uncovered). */
    unsigned layers;
    int repaint;
    int ask_quit; /* "quit and lose the form's input?" is on screen */
    char msg[512];
    int msg_error;
    ui_prompt_state prompt;
    int tab_x[MAX_TABS + 1]; /* where each tab starts on the tab bar, for clicks */
    char today[11];
    size_t pending;           /* phone submissions waiting (the 待确认 badge) */
    struct timespec checked;  /* when the database was last asked for others' changes */
};

/* The tabs, in order (keys 1..N), from the tab list in panes.h. */
static ui_pane (*const tab_panes[])(ui_app *app) = {
#define UI_TAB_ENTRY(name, title) ui_##name##_new,
    UI_TABS(UI_TAB_ENTRY)
#undef UI_TAB_ENTRY
};
static const xl_msg tab_titles[] = {
#define UI_TAB_TITLE(name, title) XL_MSG_##title,
    UI_TABS(UI_TAB_TITLE)
#undef UI_TAB_TITLE
};

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
    got_signal = sig;
}

/* ---- what panes may ask ---- */

xl_db *ui_app_db(ui_app *app)
{
    return app->db;
}

const xl_config *ui_app_config(ui_app *app)
{
    return app->cfg;
}

void ui_app_message(ui_app *app, int is_error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->msg, sizeof app->msg, fmt, ap);
    va_end(ap);
    app->msg_error = is_error;
}

int ui_app_progress(ui_app *app, const char *text)
{
    int key, esc = 0;
    if (app->small)
        return 0;
    werase(app->statw);
    ui_text_pad(app->statw, 0, 0, COLS, text, ui_attr(UI_C_MESSAGE));
    wnoutrefresh(app->statw);
    doupdate();
    wtimeout(stdscr, 0);
    while ((key = ui_key_read(stdscr)) >= 0)
        esc |= key == UI_KEY_ESC;
    return esc;
}

int ui_app_push(ui_app *app, ui_pane p)
{
    if (app->depth >= MAX_DEPTH) {
        p.ops->free(p.self);
        return 0;
    }
    app->stack[app->depth++] = p;
    return 1;
}

void ui_app_prompt(ui_app *app, const ui_prompt_spec *spec)
{
    ui_prompt_state *pr = &app->prompt;
    *pr = (ui_prompt_state){.active = 1, .spec = *spec};
    xl_strlcpy_utf8(pr->label, spec->label ? spec->label : "", sizeof pr->label);
    pr->spec.label = pr->label;
    if (pr->spec.max_chars >= sizeof pr->text / 4)
        pr->spec.max_chars = sizeof pr->text / 4 - 1;
    pr->edit = (ui_lineedit){.text = pr->text, .size = sizeof pr->text,
                             .max_chars = (int)pr->spec.max_chars};
}

/* The fatal hook: give the terminal back before core aborts (out of memory). */
static void restore_terminal(void)
{
    endwin();
}

void ui_app_confirm(ui_app *app, const ui_confirm_spec *spec)
{
    ui_prompt_state *pr = &app->prompt;
    ui_app_prompt(app, &(ui_prompt_spec){.label = ""});
    ui_format(pr->label, sizeof pr->label, "%s%s", spec->question, _(CONFIRM_KEYS));
    pr->confirm = *spec;
    xl_strlcpy_utf8(pr->cancelled, spec->cancelled ? spec->cancelled : "", sizeof pr->cancelled);
}

/* 1 when a pane opened over the tab holds typed work (a form with input). */
static int has_unsaved(const ui_app *a)
{
    for (int d = 0; d < a->depth; d++)
        if (a->stack[d].ops->unsaved && a->stack[d].ops->unsaved(a->stack[d].self))
            return 1;
    return 0;
}

/* q on the too-small screen, Ctrl+C, SIGTERM: quit at once, or ask first when typed work
 * would be lost. */
static void request_quit(ui_app *a)
{
    if (has_unsaved(a))
        a->ask_quit = 1;
    else
        a->quit = 1;
}

int ui_pane_offers(const ui_pane *p, ui_action act)
{
    return !p->ops->offers || p->ops->offers(p->self, act);
}

static ui_pane *top_pane(ui_app *a)
{
    return a->depth > 0 ? &a->stack[a->depth - 1] : &a->tabs[a->cur];
}

static void pop_pane(ui_app *a)
{
    if (a->depth == 0)
        return;
    ui_pane *p = &a->stack[--a->depth];
    p->ops->free(p->self);
}

/* A tab is built (its constructor loads it) the first time it is shown: at a million
 * residents the statistics alone take seconds, and the first frame needs only the map. */
static int tab_build(ui_app *a, int tab)
{
    if (a->tabs[tab].ops)
        return 0;
    a->tabs[tab] = tab_panes[tab](a);
    return 1;
}

static const char *tab_title(const ui_app *a, int tab)
{
    const ui_pane *p = &a->tabs[tab];
    return p->ops ? p->ops->title(p->self) : xl_tr(tab_titles[tab]);
}

static void switch_tab(ui_app *a, int tab)
{
    if (tab < 0 || tab >= a->ntabs)
        return;
    while (a->depth > 0)
        pop_pane(a);
    a->cur = tab;
    if (tab_build(a, tab))
        return; /* just loaded */
    ui_pane *p = top_pane(a);
    if (p->ops->reload)
        p->ops->reload(p->self, a);
}

/* ---- windows ---- */

static void free_windows(ui_app *a)
{
    WINDOW **wins[] = {&a->tabw, &a->body, &a->statw, &a->full};
    for (size_t i = 0; i < sizeof wins / sizeof wins[0]; i++) {
        if (*wins[i])
            delwin(*wins[i]);
        *wins[i] = NULL;
    }
}

static void make_windows(ui_app *a)
{
    free_windows(a);
    /* Keys are read from stdscr, and reading refreshes a touched stdscr: after a resize it
     * is touched, and would blank the new columns over our windows. Settle it first. */
    werase(stdscr);
    wnoutrefresh(stdscr);
    a->small = COLS < MIN_COLS || LINES < MIN_LINES;
    a->repaint = 1;
    if (a->small)
        return;
    a->tabw = newwin(1, COLS, 0, 0);
    a->body = newwin(LINES - 2, COLS, 1, 0);
    a->statw = newwin(1, COLS, LINES - 1, 0);
    a->full = newwin(LINES, COLS, 0, 0);
    if (!a->tabw || !a->body || !a->statw || !a->full) {
        free_windows(a);
        a->small = 1;
        return;
    }
    wbkgdset(a->body, ' ' | ui_attr(UI_C_NORMAL));
    wbkgdset(a->tabw, ' ' | ui_attr(UI_C_TAB));
    wbkgdset(a->statw, ' ' | ui_attr(UI_C_STATUS));
    wbkgdset(a->full, ' ' | ui_attr(UI_C_NORMAL));
}

/* ---- drawing ---- */

/* Columns the tab bar needs; compact: the tabs other than the current one show only
 * their number (so the path of open panes still fits at 80 columns). */
static int tabs_width(ui_app *a, int compact)
{
    char label[96];
    int w = xl_str_width(_(APP_NAME)) + 3;
    for (int i = 0; i < a->ntabs; i++) {
        if (compact && i != a->cur)
            snprintf(label, sizeof label, " %d ", i + 1);
        else
            snprintf(label, sizeof label, " %d %s ", i + 1, tab_title(a, i));
        w += xl_str_width(label) + 1;
    }
    for (int d = 0; d < a->depth; d++) {
        snprintf(label, sizeof label, "> %s ", a->stack[d].ops->title(a->stack[d].self));
        w += xl_str_width(label);
    }
    return w;
}

static void draw_tabs(ui_app *a)
{
    WINDOW *w = a->tabw;
    char label[96];
    int compact = a->depth > 0 && tabs_width(a, 0) > COLS;
    werase(w);
    snprintf(label, sizeof label, " %s ", _(APP_NAME));
    int x = ui_text_put(w, 0, 0, COLS, label, ui_attr(UI_C_TITLE)) + 1;
    for (int i = 0; i < a->ntabs; i++) {
        if (compact && i != a->cur)
            snprintf(label, sizeof label, " %d ", i + 1);
        else
            snprintf(label, sizeof label, " %d %s ", i + 1, tab_title(a, i));
        a->tab_x[i] = x;
        x += ui_text_put(w, 0, x, COLS - x, label,
                         ui_attr(i == a->cur ? UI_C_TAB_ACTIVE : UI_C_TAB)) + 1;
    }
    a->tab_x[a->ntabs] = x;
    for (int d = 0; d < a->depth; d++) {
        snprintf(label, sizeof label, "> %s ", a->stack[d].ops->title(a->stack[d].self));
        x += ui_text_put(w, 0, x, COLS - x, label, ui_attr(UI_C_TAB));
    }
}

/* The hints of the current pane: "Enter 打开  g 跳转 ..." up to maxx. */
static void draw_hints(ui_app *a, int maxx)
{
    const ui_pane *p = top_pane(a);
    const pane_ops *ops = p->ops;
    char key[32];
    int x = 1;
    for (size_t i = 0; i < ops->nhints; i++) {
        ui_action act = ops->hints[i];
        if (!ui_pane_offers(p, act))
            continue;
        const char *label = act == UI_ACT_BACK && a->depth == 0 ? _(QUIT) : ui_keys_hint(act);
        ui_keys_first(act, key, sizeof key);
        int need = xl_str_width(key) + 1 + xl_str_width(label);
        if (x + need > maxx)
            continue; /* a shorter hint further on may still fit */
        x += ui_text_put(a->statw, 0, x, need, key, ui_attr(UI_C_STATUS_KEY)) + 1;
        x += ui_text_put(a->statw, 0, x, maxx - x, label, ui_attr(UI_C_STATUS)) + 2;
    }
}

/* The prompt; returns the cursor column. */
static int draw_prompt(ui_app *a, int maxx)
{
    ui_prompt_state *pr = &a->prompt;
    int x = ui_text_put(a->statw, 0, 0, maxx, pr->spec.label, ui_attr(UI_C_PROMPT));
    int end = x + ui_text_put(a->statw, 0, x, maxx - x, pr->text, ui_attr(UI_C_PROMPT));
    ui_text_fill(a->statw, 0, end, 1, ui_attr(UI_C_PROMPT));
    return x + ui_lineedit_span_width(pr->text, pr->edit.cur);
}

/* "待确认 N" left of the date while phone submissions wait; returns its width (plus a gap),
 * drawing it ending at column end unless measure_only. */
static int draw_badge(ui_app *a, int end, int measure_only)
{
    char badge[48];
    if (a->pending == 0)
        return 0;
    ui_format(badge, sizeof badge, _(PEND_BADGE_FMT), a->pending);
    int w = xl_str_width(badge) + 2;
    if (!measure_only && end - w >= COLS / 2)
        ui_text_put(a->statw, 0, end - w, w - 1, badge, ui_attr(UI_C_WARN));
    return w;
}

/* Returns the cursor column when a prompt is open, else -1. */
static int draw_status(ui_app *a)
{
    char right[200];
    int cursor = -1;
    werase(a->statw);
    snprintf(right, sizeof right, "%s%s%s %s ", a->cfg->community,
             a->cfg->community[0] ? "  " : "", _(TODAY), a->today);
    int rx = COLS - xl_str_width(right) - draw_badge(a, COLS - xl_str_width(right), 1);
    if (rx < COLS / 2)
        rx = COLS / 2;
    const char *left = a->prompt.active ? a->prompt.label : a->msg;
    if (left[0] && xl_str_width(left) + (a->prompt.active ? 2 : 0) >= rx - 1)
        rx = COLS + 1; /* a long message or question (a file's path) takes the whole line */
    ui_text_put(a->statw, 0, rx, COLS - rx, right, ui_attr(UI_C_STATUS));
    if (rx < COLS)
        draw_badge(a, COLS - xl_str_width(right), 0);
    if (a->ask_quit)
        ui_text_pad(a->statw, 0, 0, rx - 1, _(QUIT_UNSAVED), ui_attr(UI_C_PROMPT));
    else if (a->prompt.active)
        cursor = draw_prompt(a, rx - 1);
    else if (a->msg[0])
        ui_text_pad(a->statw, 0, 0, rx - 1, a->msg,
                    ui_attr(a->msg_error ? UI_C_ERROR : UI_C_MESSAGE));
    else
        draw_hints(a, rx - 2);
    return cursor;
}

static void draw_too_small(const ui_app *a)
{
    char text[256];
    werase(stdscr);
    ui_format(text, sizeof text, _(TOO_SMALL_FMT), MIN_COLS, MIN_LINES, COLS, LINES);
    int lines = ui_text_wrap(NULL, 0, 0, COLS - 2, LINES, text, 0);
    int y = (LINES - lines - 2) / 2;
    ui_text_wrap(stdscr, y, 1, COLS - 2, LINES, text, ui_attr(UI_C_NORMAL));
    if (a->ask_quit)
        ui_text_wrap(stdscr, y + lines + 1, 1, COLS - 2, 3, _(QUIT_UNSAVED), ui_attr(UI_C_PROMPT));
    else
        ui_text_put(stdscr, y + lines + 1, 1, COLS - 2, _(SMALL_QUIT), ui_attr(UI_C_DIM));
    wnoutrefresh(stdscr);
}

/* A fullscreen pane: no tab bar, no status line; the help still opens over it. */
static void draw_full(ui_app *a, ui_pane *p)
{
    int y = -1, x = -1;
    p->ops->draw(p->self, a->full);
    if (a->help)
        ui_help_draw(a->full, p, a->cfg->mouse);
    int cursor = !a->help && p->ops->cursor && p->ops->cursor(p->self, &y, &x);
    if (cursor)
        wmove(a->full, y, x);
    wnoutrefresh(a->full);
    curs_set(cursor ? 1 : 0);
    doupdate();
}

/* Help, prompt, pushed panes, the tab and fullscreen, as one number. */
static unsigned layer_signature(const ui_app *a)
{
    const ui_pane *p = a->depth > 0 ? &a->stack[a->depth - 1] : &a->tabs[a->cur];
    return (unsigned)a->help | (unsigned)a->prompt.active << 1 | (unsigned)a->depth << 2 |
           (unsigned)a->cur << 6 | (unsigned)p->ops->fullscreen << 10;
}

/* An overlay that closes leaves half-covered double-width characters behind ("杜巷 弄",
 * "1 3") when only the changed cells are sent: the terminal erased the whole character, the
 * curses screen still believes half of it is there. So when the layers change (or a pane said
 * an overlay of its own closed), every window is redrawn whole (as Ctrl+L does, without the
 * blank flash). */
static void repaint_if_uncovered(ui_app *a)
{
    unsigned now = layer_signature(a);
    if (now == a->layers && !a->repaint)
        return;
    a->layers = now;
    a->repaint = 0;
    if (a->help)
        return; /* opening the help: only what it covers changes, as drawn before */
    WINDOW *wins[] = {a->tabw, a->body, a->statw, a->full};
    for (size_t i = 0; i < sizeof wins / sizeof wins[0]; i++)
        if (wins[i])
            redrawwin(wins[i]);
}

void ui_app_repaint(ui_app *app)
{
    app->repaint = 1;
}

static void draw_all(ui_app *a)
{
    if (!a->small)
        repaint_if_uncovered(a);
    if (a->small) {
        curs_set(0);
        draw_too_small(a);
        doupdate();
        return;
    }
    ui_pane *p = top_pane(a);
    if (p->ops->fullscreen) {
        draw_full(a, p);
        return;
    }
    draw_tabs(a);
    p->ops->draw(p->self, a->body);
    if (a->help)
        ui_help_draw(a->body, p, a->cfg->mouse);
    int cursor = draw_status(a), py = -1, px = -1;
    int pane_cursor = cursor < 0 && !a->help && p->ops->cursor && p->ops->cursor(p->self, &py, &px);
    wnoutrefresh(a->tabw);
    if (cursor >= 0)
        wmove(a->statw, 0, cursor);
    if (pane_cursor) { /* the window refreshed last places the terminal's cursor */
        wnoutrefresh(a->statw);
        wmove(a->body, py, px);
        wnoutrefresh(a->body);
    } else {
        wnoutrefresh(a->body);
        wnoutrefresh(a->statw);
    }
    curs_set(cursor >= 0 || pane_cursor ? 1 : 0);
    doupdate();
}

/* ---- what other processes change ---- */

static void count_pending(ui_app *a)
{
    size_t n = 0;
    xl_err err;
    xl_err_clear(&err);
    if (xl_pending_count(a->db, a->cfg->pending_days > 0 ? a->cfg->pending_days : 14, &n, &err) == XL_OK)
        a->pending = n;
}

static long ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)(t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Another desk, the phone server or a CLI import committed: the pane on screen reads its
 * rows again (keeping its selection; a form being typed has no reload and stays as it is)
 * and the badge is counted again. */
static void notice_changes(ui_app *a)
{
    if (ms_since(&a->checked) < SHARED_MS)
        return;
    clock_gettime(CLOCK_MONOTONIC, &a->checked);
    if (!xl_db_changed(a->db))
        return;
    ui_pane *p = top_pane(a);
    if (!a->small && p->ops->reload)
        p->ops->reload(p->self, a);
    count_pending(a);
    a->dirty = 1;
}

/* ---- keys ---- */

static void apply(ui_app *a, int flags)
{
    if (flags & (UI_RELOAD | UI_BACK))
        count_pending(a);
    if (flags & UI_RELOAD) {
        ui_pane *p = top_pane(a);
        if (p->ops->reload)
            p->ops->reload(p->self, a);
    }
    if (flags & UI_BACK) {
        if (a->depth > 0) {
            pop_pane(a);
            /* what was closed may have changed the data (a sign-in form, a sign-out):
             * the pane under it shows the figures as they are now */
            ui_pane *p = top_pane(a);
            if (p->ops->reload)
                p->ops->reload(p->self, a);
        } else {
            a->quit = 1;
        }
    }
    if (flags & UI_QUIT)
        a->quit = 1;
}

/* y answers yes, n or Esc no; other keys wait for one of them. */
static int confirm_key(ui_app *a, int key)
{
    ui_prompt_state *pr = &a->prompt;
    int answer = ui_keys_answer(key);
    if (answer < 0)
        return UI_HANDLED;
    pr->active = 0;
    if (answer)
        return pr->confirm.yes(pr->confirm.ctx, a, pr->confirm.id);
    if (pr->cancelled[0])
        ui_app_message(a, 0, "%s", pr->cancelled);
    return UI_REDRAW;
}

static int prompt_key(ui_app *a, int key)
{
    ui_prompt_state *pr = &a->prompt;
    if (pr->confirm.yes)
        return confirm_key(a, key);
    if (key == UI_KEY_ESC) {
        pr->active = 0;
    } else if (key == '\n' || key == '\r' || key == UI_KEY_FN(KEY_ENTER)) {
        pr->active = 0;
        return pr->spec.done(pr->spec.ctx, a, pr->text);
    } else if (!ui_key_printable(key) || pr->spec.accept(key)) {
        int typed = ui_lineedit_key(&pr->edit, key) > 0 && ui_key_printable(key);
        if (typed && pr->spec.max_chars == 1) { /* a one-key answer needs no Enter */
            pr->active = 0;
            return pr->spec.done(pr->spec.ctx, a, pr->text);
        }
    }
    return UI_REDRAW;
}

static int global_key(ui_app *a, int key)
{
    switch (ui_keys_global(key)) {
    case UI_ACT_HELP: a->help = 1; return UI_REDRAW;
    case UI_ACT_BACK: return UI_BACK;
    case UI_ACT_NEXT_PANE: switch_tab(a, (a->cur + 1) % a->ntabs); return UI_REDRAW;
    case UI_ACT_PREV_PANE: switch_tab(a, (a->cur + a->ntabs - 1) % a->ntabs); return UI_REDRAW;
    case UI_ACT_PANE_N: switch_tab(a, key - '1'); return UI_REDRAW;
    case UI_ACT_REDRAW: clearok(curscr, TRUE); return UI_REDRAW;
    default: return UI_HANDLED;
    }
}

static void on_mouse(ui_app *a)
{
    MEVENT ev;
    if (getmouse(&ev) != OK || a->small || a->prompt.active || top_pane(a)->ops->fullscreen)
        return;
    if (a->help) {
        a->help = 0;
        return;
    }
    if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) { /* the wheel moves like Up/Down */
        ui_pane *p = top_pane(a);
        int key = UI_KEY_FN(ev.bstate & BUTTON4_PRESSED ? KEY_UP : KEY_DOWN);
        apply(a, p->ops->key(p->self, a, key));
        return;
    }
    if (ev.y == 0 && has_unsaved(a)) { /* a tab click would close the form */
        ui_app_message(a, 1, "%s", _(TAB_UNSAVED));
        return;
    }
    if (ev.y == 0) {
        for (int i = 0; i < a->ntabs; i++)
            if (ev.x >= a->tab_x[i] && ev.x < a->tab_x[i + 1])
                switch_tab(a, i);
        return;
    }
    ui_pane *p = top_pane(a);
    if (ev.y < LINES - 1 && p->ops->mouse)
        apply(a, p->ops->mouse(p->self, a, ev.y - 1, ev.x, (unsigned long)ev.bstate));
}

/* The answer to "quit and lose the form's input?": y quits, n or Esc goes back to the form. */
static void quit_answer(ui_app *a, int key)
{
    int answer = ui_keys_answer(key);
    if (answer == 1)
        a->quit = 1;
    else if (answer == 0)
        a->ask_quit = 0;
}

static void on_key(ui_app *a, int key)
{
    a->dirty = 1;
    if (key == UI_KEY_FN(KEY_RESIZE)) {
        make_windows(a);
        return;
    }
    a->msg[0] = '\0';
    if (key == UI_KEY_ESC)
        a->repaint = 1; /* Esc closes overlays, the panes' own ones too */
    if (a->ask_quit) {
        quit_answer(a, key);
        return;
    }
    if (a->small) {
        if (ui_keys_global(key) == UI_ACT_BACK)
            request_quit(a);
        return;
    }
    if (key == UI_KEY_FN(KEY_MOUSE)) {
        on_mouse(a);
        return;
    }
    if (a->help) {
        a->help = 0;
        return;
    }
    if (a->prompt.active) {
        apply(a, prompt_key(a, key));
        return;
    }
    ui_pane *p = top_pane(a);
    int flags = p->ops->key(p->self, a, key);
    if (flags == UI_IGNORED)
        flags = global_key(a, key);
    if (flags == UI_HANDLED)
        a->dirty = 0;
    apply(a, flags);
}

/* No key came: a pane with a clock may want to redraw. */
static void on_tick(ui_app *a)
{
    ui_pane *p = top_pane(a);
    if (a->small || a->prompt.active || a->ask_quit || !p->ops->tick)
        return;
    int flags = p->ops->tick(p->self, a);
    if (flags & ~UI_HANDLED)
        a->dirty = 1;
    apply(a, flags);
}

/* A signal arrived (the handler only set the flag): SIGHUP (the terminal is gone) ends the
 * program; Ctrl+C or SIGTERM ask first when a form holds input, and a second one while asking
 * ends it. */
static void on_signal_caught(ui_app *a)
{
    int sig = got_signal;
    got_signal = 0;
    a->dirty = 1;
    if (sig == SIGHUP || a->ask_quit)
        a->quit = 1;
    else
        request_quit(a);
}

static int daily_backup(ui_app *a);

static void run_loop(ui_app *a)
{
    a->dirty = 1;
    while (!a->quit) {
        if (got_signal)
            on_signal_caught(a);
        if (a->quit)
            break;
        if (a->dirty)
            draw_all(a);
        a->dirty = 0;
        if (a->backup_due) {
            a->backup_due = 0;
            a->dirty = daily_backup(a); /* a failure is said in the status line */
            continue;
        }
        wtimeout(stdscr, top_pane(a)->ops->tick ? CLOCK_MS : TICK_MS);
        int key = ui_key_read(stdscr);
        if (key >= 0)
            on_key(a, key);
        else
            on_tick(a);
        notice_changes(a);
    }
}

/* ---- start and stop ---- */

/* SIGINT, SIGTERM and SIGHUP end the loop (the handler only sets a flag; the loop asks first
 * when typed work would be lost), so the terminal is restored on the way out; the caller's
 * own handlers come back afterwards. */
static const int caught_signals[] = {SIGINT, SIGTERM, SIGHUP};
static struct sigaction saved_actions[sizeof caught_signals / sizeof caught_signals[0]];

static void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    got_signal = 0;
    for (size_t i = 0; i < sizeof caught_signals / sizeof caught_signals[0]; i++)
        sigaction(caught_signals[i], &sa, &saved_actions[i]);
}

static void release_signals(void)
{
    for (size_t i = 0; i < sizeof caught_signals / sizeof caught_signals[0]; i++)
        sigaction(caught_signals[i], &saved_actions[i], NULL);
}

static int start_curses(ui_app *a, xl_err *err)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
        return xl_err_set(err, XL_EFAIL, "%s", _(NEED_TTY));
    a->screen = newterm(NULL, stdout, stdin);
    if (!a->screen)
        return xl_err_set(err, XL_EFAIL, _(TERM_FAIL_FMT), getenv("TERM") ? getenv("TERM") : "");
    set_escdelay(25);
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    wtimeout(stdscr, TICK_MS);
    curs_set(0);
    ui_theme_init(a->cfg->theme);
    ui_keys_init();
    if (a->cfg->mouse) {
        mouseinterval(0);
        mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    }
    wnoutrefresh(stdscr);
    catch_signals();
    xl_set_fatal_hook(restore_terminal);
    return XL_OK;
}

/* From inside a write that waits for another desk's lock (core's busy hook): say so in the
 * status line at once. Only the status window is drawn: no pane is asked for rows now. The
 * write's own outcome replaces the message when it ends. */
static void on_db_busy(void *ctx)
{
    ui_app *a = ctx;
    if (!a->statw || a->prompt.active)
        return;
    ui_app_message(a, 0, "%s", _(DB_BUSY_WAIT));
    draw_status(a);
    wnoutrefresh(a->statw);
    doupdate();
}

static void stop(ui_app *a)
{
    xl_db_on_busy(a->db, NULL, NULL);
    while (a->depth > 0)
        pop_pane(a);
    for (int i = 0; i < a->ntabs; i++)
        if (a->tabs[i].ops)
            a->tabs[i].ops->free(a->tabs[i].self);
    free_windows(a);
    if (a->screen) {
        xl_set_fatal_hook(NULL);
        endwin();
        delscreen(a->screen);
        release_signals();
    }
}

/* Once a day, when the first desk starts: a checked copy into [backup] directory, keeping
 * the newest [backup] keep. Silent when it works; a failure is said in the status line. */
static int daily_backup(ui_app *a)
{
    char *made = NULL;
    xl_err err;
    xl_err_clear(&err);
    int failed = xl_db_backup_daily(a->db, a->cfg->backup_dir, a->cfg->backup_keep, &made, &err) != XL_OK;
    if (failed)
        ui_app_message(a, 1, _(BAK_DAILY_FAIL_FMT), err.msg);
    free(made);
    return failed;
}

int ui_run(xl_db *db, const xl_config *cfg, xl_err *err)
{
    ui_app a;
    memset(&a, 0, sizeof a);
    a.db = db, a.cfg = cfg;
    xl_today(a.today);
    if (start_curses(&a, err) != XL_OK)
        return XL_EFAIL;
    a.ntabs = (int)(sizeof tab_panes / sizeof tab_panes[0]);
    if (a.ntabs > MAX_TABS)
        a.ntabs = MAX_TABS;
    tab_build(&a, 0);
    make_windows(&a);
    xl_db_on_busy(a.db, on_db_busy, &a);
    a.backup_due = 1; /* after the first frame: a copy of a large register takes seconds */
    if (!cfg->operator_login[0])
        ui_onduty_open(&a);
    count_pending(&a);
    xl_db_changed(a.db); /* takes note of where the data stands */
    clock_gettime(CLOCK_MONOTONIC, &a.checked);
    run_loop(&a);
    stop(&a);
    return XL_OK;
}
