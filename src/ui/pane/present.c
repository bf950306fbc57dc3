/* present.c — 放映: a running meeting on the shared screen, one agenda item at a time.
 * The whole terminal, high contrast: the item's title in big block characters (bigtext.h;
 * normal text when it does not fit or the font is missing), where it stands in the chain
 * (the linked problem / demand / empowerment), the item's timer against its minutes and the
 * agenda's progress. The officer steps through the items (Right/Space, Left), types notes
 * (n) and the decision (d) on the bottom line, and turns the decision into an action (a:
 * owner, Enter, due date, Enter) without leaving the screen.
 * XIANGLI_FROZEN_CLOCK=1 stops the timer at 00:00 (screen tests). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/widget/bigtext.h"
#include "ui/widget/form.h"
#include "ui/pane/lists_ui.h"
#include "ui/pane/register.h"
#include "ui/theme.h"
#include "ui/widget/uitext.h"
#include "xiangli/date.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

enum { MARGIN = 2, CHAIN_LINES = 3, TEXT_LINES = 2, OWNER_ROWS = 6, DUE_DAYS = 7 };

typedef enum { IN_NONE, IN_NOTE, IN_DECISION, IN_OWNER, IN_DUE } input_mode;

typedef struct present {
    int64_t id;
    xl_meeting m;
    size_t cur;              /* agenda entry shown */
    xl_bigfont *font;        /* NULL: normal text only */
    double *spent;           /* seconds spent on each entry before it was last shown */
    size_t nspent;
    double shown_at;         /* when the current entry was shown (monotonic) */
    int frozen;
    long drawn_secs;         /* the timer as last drawn */
    xl_chain chain;          /* of the current entry's list item */
    input_mode mode;
    ui_field input;
    ui_party_pick owner;
    char msg[512];
    int msg_error;
    int cur_y, cur_x;        /* the typing cursor, -1 none */
} present;

static const ui_action show_actions[] = {
    UI_ACT_SHOW_NEXT, UI_ACT_SHOW_PREV, UI_ACT_SHOW_NOTE, UI_ACT_SHOW_DECISION,
    UI_ACT_SHOW_ACTION,
};
/* The keys on the bottom line; q/Esc (the app's "back") leaves the presentation. */
static const ui_action show_keys[] = {
    UI_ACT_SHOW_NEXT, UI_ACT_SHOW_PREV, UI_ACT_SHOW_NOTE, UI_ACT_SHOW_DECISION,
    UI_ACT_SHOW_ACTION, UI_ACT_BACK,
};

/* ---- the clock ---- */

static double now_seconds(const present *p)
{
    struct timespec ts;
    if (p->frozen || clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return 0.0;
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long item_seconds(const present *p)
{
    double spent = p->cur < p->nspent ? p->spent[p->cur] : 0.0;
    return (long)(spent + now_seconds(p) - p->shown_at);
}

static void show_entry(present *p, size_t i)
{
    double now = now_seconds(p);
    if (p->cur < p->nspent)
        p->spent[p->cur] += now - p->shown_at;
    p->cur = i;
    p->shown_at = now;
}

/* ---- where a presentation was left (for as long as the program runs) ---- */

enum { KEPT_MAX = 8 };

/* The item shown and the time spent on each, per meeting, kept when the presentation is
 * left so that coming back resumes there. */
static struct kept_show {
    int64_t id;
    size_t cur, n;
    double *spent;
} kept[KEPT_MAX];

static struct kept_show *kept_slot(int64_t id)
{
    struct kept_show *free_slot = NULL;
    for (size_t i = 0; i < KEPT_MAX; i++) {
        if (kept[i].id == id)
            return &kept[i];
        if (!kept[i].id && !free_slot)
            free_slot = &kept[i];
    }
    if (!free_slot) { /* full: the oldest place goes */
        free(kept[0].spent);
        memmove(&kept[0], &kept[1], (KEPT_MAX - 1) * sizeof kept[0]);
        free_slot = &kept[KEPT_MAX - 1];
        memset(free_slot, 0, sizeof *free_slot);
    }
    return free_slot;
}

static void keep_place(present *p)
{
    struct kept_show *k = kept_slot(p->id);
    show_entry(p, p->cur); /* the current item's time so far into spent[] */
    free(k->spent);
    k->id = p->id;
    k->cur = p->cur;
    k->n = p->nspent;
    k->spent = p->nspent ? xl_reallocarray(NULL, p->nspent, sizeof *k->spent) : NULL;
    if (k->spent)
        memcpy(k->spent, p->spent, p->nspent * sizeof *p->spent);
}

static void resume_place(present *p)
{
    for (size_t i = 0; i < KEPT_MAX; i++) {
        if (kept[i].id != p->id)
            continue;
        size_t n = kept[i].n < p->nspent ? kept[i].n : p->nspent;
        if (n)
            memcpy(p->spent, kept[i].spent, n * sizeof *p->spent);
        p->cur = kept[i].cur < p->m.nagenda ? kept[i].cur : 0;
    }
}

/* ---- loading ---- */

static void load_chain(present *p, ui_app *app)
{
    const xl_agenda_entry *e = p->cur < p->m.nagenda ? &p->m.agenda[p->cur] : NULL;
    xl_chain_release(&p->chain);
    memset(&p->chain, 0, sizeof p->chain);
    if (e && e->list_item &&
        xl_list_chain(ui_app_db(app), e->list_item, XL_CHAIN_LINEAGE, &p->chain, NULL) != XL_OK)
        memset(&p->chain, 0, sizeof p->chain);
}

static void load_font(present *p)
{
    xl_buf titles;
    xl_err err;
    xl_err_clear(&err);
    xl_buf_init(&titles);
    for (size_t i = 0; i < p->m.nagenda; i++)
        xl_buf_puts(&titles, p->m.agenda[i].title);
    xl_bigfont_free(p->font);
    p->font = NULL;
    if (xl_bigfont_load(NULL, titles.data ? titles.data : "", &p->font, &err) != XL_OK) {
        ui_format(p->msg, sizeof p->msg, _(SHOW_NO_FONT_FMT), err.msg);
        p->msg_error = 1;
    }
    xl_buf_release(&titles);
}

static int load_meeting(present *p, ui_app *app)
{
    xl_meeting m;
    xl_err err;
    xl_err_clear(&err);
    if (xl_meeting_load(ui_app_db(app), p->id, &m, &err) != XL_OK) {
        ui_format(p->msg, sizeof p->msg, "%s", err.msg);
        p->msg_error = 1;
        return XL_EFAIL;
    }
    xl_meeting_release(&p->m);
    p->m = m;
    if (p->nspent < m.nagenda) {
        p->spent = xl_reallocarray(p->spent, m.nagenda, sizeof *p->spent);
        memset(p->spent + p->nspent, 0, (m.nagenda - p->nspent) * sizeof *p->spent);
        p->nspent = m.nagenda;
    }
    if (p->cur >= m.nagenda)
        p->cur = m.nagenda ? m.nagenda - 1 : 0;
    load_chain(p, app);
    return XL_OK;
}

static void say(present *p, int error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void say(present *p, int error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->msg, sizeof p->msg, fmt, ap);
    va_end(ap);
    p->msg_error = error;
}

/* ---- drawing: the top ---- */

static void fill(WINDOW *w, int y, ui_color_role role)
{
    ui_text_fill(w, y, 0, getmaxx(w), ui_attr(role));
}

static void draw_top(present *p, WINDOW *w)
{
    char head[768], attend[256], pos[64];
    int cols = getmaxx(w);
    snprintf(head, sizeof head, "%s · %s · %s", p->m.title, p->m.starts_at, p->m.place);
    ui_attend_summary(&p->m.counts, attend, sizeof attend);
    if (xl_str_width(attend) > cols / 2) /* the roles when there is room */
        ui_format(attend, sizeof attend, _(SHOW_ATTEND_FMT), p->m.counts.total);
    int right = ui_text_right(w, 0, cols - MARGIN, cols / 2, attend, ui_attr(UI_C_SHOW_DIM));
    ui_text_put(w, 0, MARGIN, right - MARGIN - 2, head, ui_attr(UI_C_SHOW_DIM));
    ui_format(pos, sizeof pos, _(SHOW_POS_FMT), p->cur + 1, p->m.nagenda);
    int x = MARGIN + ui_text_put(w, 1, MARGIN, cols, pos, ui_attr(UI_C_SHOW)) + 2;
    int bar = cols - MARGIN - x, done = (int)((p->cur + 1) * (size_t)bar / p->m.nagenda);
    for (int i = 0; i < bar; i++) /* █ done, ░ to come: reads without colour too */
        ui_text_put(w, 1, x + i, 1, i < done ? "\xe2\x96\x88" : "\xe2\x96\x91",
                    ui_attr(i < done ? UI_C_SHOW : UI_C_SHOW_DIM));
}

/* "问题 · 127号楼 · 待办" above the title. */
static void draw_kind_line(present *p, WINDOW *w, int y)
{
    const xl_agenda_entry *e = &p->m.agenda[p->cur];
    char line[512];
    if (e->item_kind >= 0)
        snprintf(line, sizeof line, "%s #%lld · %s", xl_item_kind_label((xl_item_kind)e->item_kind),
                 (long long)e->list_item, xl_item_status_label(e->item_status));
    else
        snprintf(line, sizeof line, "%s", _(MTG_MIN_FREE_ITEM));
    int width = xl_str_width(line);
    ui_text_put(w, y, (getmaxx(w) - width) / 2, getmaxx(w), line, ui_attr(UI_C_SHOW_ACCENT));
}

/* ---- drawing: the title, big when it fits ---- */

static int draw_title(present *p, WINDOW *w, int y, int rows)
{
    const char *title = p->m.agenda[p->cur].title;
    int cols = getmaxx(w) - 2 * MARGIN;
    ui_big_layout l;
    if (p->font && ui_big_fit(p->font, title, getmaxx(w), rows, &l)) { /* edge to edge */
        ui_big_draw(w, y + (rows - l.rows) / 2, 0, getmaxx(w), p->font, title, &l,
                    ui_attr(UI_C_SHOW));
        return rows;
    }
    /* normal text: bold and reversed, centred, wrapped */
    int lines = ui_text_wrap(NULL, 0, 0, cols - 4, rows, title, 0);
    int top = y + (rows - lines) / 2;
    for (int i = 0; i < lines; i++)
        fill(w, top + i, UI_C_SHOW_BAR);
    ui_text_wrap(w, top, MARGIN + 2, cols - 4, lines, title, ui_attr(UI_C_SHOW_BAR) | A_BOLD);
    return rows;
}

/* ---- drawing: under the title ---- */

/* The chain's problem, demand and empowerment other than the item itself: "需求：清理楼道". */
static int chain_lines(const present *p, char lines[CHAIN_LINES][512])
{
    int n = 0;
    const xl_agenda_entry *e = &p->m.agenda[p->cur];
    for (int k = XL_ITEM_PROBLEM; k <= XL_ITEM_EMPOWERMENT && n < CHAIN_LINES; k++) {
        const xl_list_row *first = NULL;
        int count = 0;
        for (size_t i = 0; i < p->chain.n; i++)
            if ((int)p->chain.items[i].kind == k && p->chain.items[i].id != e->list_item)
                first = first ? first : &p->chain.items[i], count++;
        if (!first)
            continue;
        if (count > 1)
            ui_format(lines[n++], 512, _(SHOW_CHAIN_MORE_FMT),
                      xl_item_kind_label((xl_item_kind)k), first->title, count - 1);
        else
            ui_format(lines[n++], 512, _(REG_E_FIELD_FMT), xl_item_kind_label((xl_item_kind)k),
                      first->title);
    }
    return n;
}

static void draw_timer(present *p, WINDOW *w, int y)
{
    const xl_agenda_entry *e = &p->m.agenda[p->cur];
    long secs = item_seconds(p), limit = (long)e->minutes * 60;
    char text[128];
    p->drawn_secs = secs;
    if (secs > limit)
        ui_format(text, sizeof text, _(SHOW_TIMER_OVER_FMT), secs / 60, secs % 60, e->minutes,
                  (secs - limit) / 60, (secs - limit) % 60);
    else
        ui_format(text, sizeof text, _(SHOW_TIMER_FMT), secs / 60, secs % 60, e->minutes);
    ui_text_put(w, y, MARGIN, getmaxx(w) - 2 * MARGIN, text,
                ui_attr(secs > limit ? UI_C_SHOW_ACCENT : UI_C_SHOW));
}

/* "记录：…" with the latest lines of a text; returns the rows used. */
static int draw_labelled(WINDOW *w, int y, int rows, xl_msg label, const char *text)
{
    int lw = xl_str_width(xl_tr(label)), cols = getmaxx(w) - 2 * MARGIN - lw;
    if (!text[0] || rows <= 0)
        return 0;
    int lines = ui_text_wrap(NULL, 0, 0, cols, 100, text, 0);
    const char *from = text;
    while (lines > rows && strchr(from, '\n')) { /* the latest notes when they do not all fit */
        from = strchr(from, '\n') + 1;
        lines = ui_text_wrap(NULL, 0, 0, cols, 100, from, 0);
    }
    ui_text_put(w, y, MARGIN, lw, xl_tr(label), ui_attr(UI_C_SHOW_ACCENT));
    return ui_text_wrap(w, y, MARGIN + lw, cols, rows, from, ui_attr(UI_C_SHOW));
}

static int draw_actions(present *p, WINDOW *w, int y, int rows)
{
    const xl_agenda_entry *e = &p->m.agenda[p->cur];
    char line[512];
    int used = 0;
    for (size_t i = 0; i < e->nactions && used < rows; i++, used++) {
        const xl_agenda_action *a = &e->actions[i];
        ui_format(line, sizeof line, _(SHOW_ACTION_LINE_FMT), (long long)a->id, a->title,
                  a->owner_name, a->due);
        ui_text_put(w, y + used, MARGIN, getmaxx(w) - 2 * MARGIN, line, ui_attr(UI_C_SHOW));
    }
    return used;
}

/* ---- drawing: the bottom line (keys, a message, or what is being typed) ---- */

static const xl_msg input_labels[] = {
    [IN_NOTE] = XL_MSG_SHOW_NOTES, [IN_DECISION] = XL_MSG_SHOW_DECISION,
    [IN_OWNER] = XL_MSG_SHOW_IN_OWNER, [IN_DUE] = XL_MSG_SHOW_IN_DUE,
};

static void draw_input(present *p, WINDOW *w, int y)
{
    int x = MARGIN;
    fill(w, y, UI_C_SHOW_BAR);
    x += ui_text_put(w, y, x, getmaxx(w), xl_tr(input_labels[p->mode]), ui_attr(UI_C_SHOW_BAR));
    p->input.width = getmaxx(w) - x - 2 * MARGIN - 20;
    p->cur_x = ui_field_draw_text(w, y, x, &p->input, 1);
    p->cur_y = y;
    ui_text_right(w, y, getmaxx(w) - MARGIN, 20, _(SHOW_IN_KEYS), ui_attr(UI_C_SHOW_BAR));
    if (p->mode == IN_OWNER && y > OWNER_ROWS + 1) {
        for (int r = y - OWNER_ROWS - 1; r < y; r++)
            fill(w, r, UI_C_SHOW_DIM);
        ui_party_pick_draw(&p->owner, w, y - OWNER_ROWS - 1, MARGIN, getmaxx(w) - 2 * MARGIN,
                           OWNER_ROWS + 1, _(ITEM_OWNER_LIST));
    }
}

static void draw_keys(present *p, WINDOW *w, int y)
{
    char key[32];
    int x = MARGIN;
    if (p->msg[0]) /* on its own row: the keys stay on theirs */
        ui_text_put(w, y - 1, MARGIN, getmaxx(w) - 2 * MARGIN, p->msg,
                    ui_attr(p->msg_error ? UI_C_ERROR : UI_C_SHOW_ACCENT));
    for (size_t i = 0; i < sizeof show_keys / sizeof show_keys[0]; i++) {
        ui_action act = show_keys[i];
        const char *label = act == UI_ACT_BACK ? _(HINT_SHOW_LEAVE) : ui_keys_hint(act);
        ui_keys_first(act, key, sizeof key);
        if (x + xl_str_width(key) + 1 + xl_str_width(label) > getmaxx(w) - MARGIN)
            break;
        x += ui_text_put(w, y, x, getmaxx(w), key, ui_attr(UI_C_SHOW_ACCENT)) + 1;
        x += ui_text_put(w, y, x, getmaxx(w), label, ui_attr(UI_C_SHOW_DIM)) + 2;
    }
}

/* Rows the part under the title needs. */
static int lower_rows(const present *p, int nchain)
{
    const xl_agenda_entry *e = &p->m.agenda[p->cur];
    int rows = nchain + 1 + 1 + 1; /* chain, gap, timer, gap */
    rows += e->notes[0] ? TEXT_LINES : 0;
    rows += e->decision[0] ? TEXT_LINES : 0;
    rows += e->nactions ? (int)(e->nactions < 2 ? e->nactions : 2) : 0;
    return rows + 1; /* the bottom line */
}

static void draw_lower(present *p, WINDOW *w, int y, char chain[CHAIN_LINES][512], int nchain)
{
    const xl_agenda_entry *e = &p->m.agenda[p->cur];
    for (int i = 0; i < nchain; i++)
        ui_text_put(w, y++, MARGIN, getmaxx(w) - 2 * MARGIN, chain[i], ui_attr(UI_C_SHOW_DIM));
    draw_timer(p, w, ++y);
    y += 2;
    y += draw_labelled(w, y, TEXT_LINES, XL_MSG_SHOW_NOTES, e->notes);
    y += draw_labelled(w, y, TEXT_LINES, XL_MSG_SHOW_DECISION, e->decision);
    draw_actions(p, w, y, 2);
}

static void show_draw(void *self, WINDOW *w)
{
    present *p = self;
    char chain[CHAIN_LINES][512];
    int height = getmaxy(w);
    wbkgdset(w, ' ' | ui_attr(UI_C_SHOW_DIM));
    werase(w);
    p->cur_y = p->cur_x = -1;
    if (p->m.nagenda == 0) {
        ui_text_wrap(w, 1, MARGIN, getmaxx(w) - 2 * MARGIN, 3, _(SHOW_NO_AGENDA), ui_attr(UI_C_SHOW));
        return;
    }
    draw_top(p, w);
    draw_kind_line(p, w, 3);
    int nchain = chain_lines(p, chain);
    int lower = lower_rows(p, nchain);
    int title_rows = height - 6 - lower; /* the last two rows: a message, the keys */
    draw_title(p, w, 5, title_rows > 1 ? title_rows : 1);
    draw_lower(p, w, 5 + (title_rows > 1 ? title_rows : 1) + 1, chain, nchain);
    if (p->mode != IN_NONE)
        draw_input(p, w, height - 1);
    else
        draw_keys(p, w, height - 1);
}

static int show_cursor(void *self, int *y, int *x)
{
    present *p = self;
    if (p->mode == IN_NONE || p->cur_y < 0)
        return 0;
    *y = p->cur_y, *x = p->cur_x;
    return 1;
}

/* ---- typing: notes, the decision, the action's owner and due date ---- */

static void start_input(present *p, input_mode mode, const char *text, int max_chars)
{
    p->mode = mode;
    memset(&p->input, 0, sizeof p->input);
    p->input.kind = UI_FIELD_TEXT;
    p->input.max_chars = max_chars;
    p->input.width = 40;
    if (mode == IN_DUE)
        p->input.accept = ui_accept_date;
    ui_field_set(&p->input, text);
    p->msg[0] = '\0';
}

static int saved(present *p, ui_app *app, int rc, const xl_err *err, const char *ok)
{
    if (rc != XL_OK) {
        say(p, 1, "%s", err->msg);
        return UI_REDRAW;
    }
    p->mode = IN_NONE;
    load_meeting(p, app);
    say(p, 0, "%s", ok);
    return UI_REDRAW;
}

static int save_note(present *p, ui_app *app, const xl_agenda_entry *e)
{
    xl_buf notes;
    xl_err err;
    xl_err_clear(&err);
    if (!p->input.text[0]) {
        p->mode = IN_NONE;
        return UI_REDRAW;
    }
    xl_buf_init(&notes);
    xl_buf_printf(&notes, "%s%s%s", e->notes, e->notes[0] ? "\n" : "", p->input.text);
    int rc = xl_agenda_set_notes(ui_app_db(app), e->id, notes.data, &err);
    xl_buf_release(&notes);
    return saved(p, app, rc, &err, _(SHOW_NOTE_SAVED));
}

static int make_action(present *p, ui_app *app, const xl_agenda_entry *e)
{
    int64_t id;
    char ok[512];
    xl_err err;
    xl_err_clear(&err);
    char due[11];
    xl_date_status st = xl_date_read(p->input.text, due);
    if (st != XL_DATE_OK) {
        say(p, 1, "%s", xl_date_problem(st));
        return UI_REDRAW;
    }
    ui_field_set(&p->input, due);
    int rc = xl_meeting_decision_to_action(ui_app_db(app), e->id, NULL, p->owner.chosen,
                                           p->input.text, &id, &err);
    ui_format(ok, sizeof ok, _(SHOW_ACTION_MADE_FMT), (long long)id, p->owner.chosen_name,
              p->input.text);
    return saved(p, app, rc, &err, ok);
}

static int owner_chosen(present *p)
{
    char due[11];
    if (p->owner.chosen.kind == XL_PARTY_NONE) {
        say(p, 1, "%s", _(ITEM_E_OWNER_PICK));
        return UI_REDRAW;
    }
    ui_date_after_today(DUE_DAYS, due);
    start_input(p, IN_DUE, due, 10);
    return UI_REDRAW;
}

static int input_enter(present *p, ui_app *app)
{
    const xl_agenda_entry *e = &p->m.agenda[p->cur];
    xl_err err;
    xl_err_clear(&err);
    switch (p->mode) {
    case IN_NOTE: return save_note(p, app, e);
    case IN_DECISION:
        return saved(p, app, xl_agenda_set_decision(ui_app_db(app), e->id, p->input.text, &err),
                     &err, _(SHOW_DECISION_SAVED));
    case IN_OWNER: return owner_chosen(p);
    default: return make_action(p, app, e);
    }
}

static int input_key(present *p, ui_app *app, int key)
{
    if (key == UI_KEY_ESC) {
        p->mode = IN_NONE;
        return UI_REDRAW;
    }
    if (key == '\n' || key == '\r' || key == UI_KEY_FN(KEY_ENTER))
        return input_enter(p, app);
    /* one line, no other field: Up/Down move in the owner's hits here */
    int pick = key == UI_KEY_FN(KEY_UP) ? UI_KEY_FN(KEY_PPAGE)
               : key == UI_KEY_FN(KEY_DOWN) ? UI_KEY_FN(KEY_NPAGE) : key;
    if (p->mode == IN_OWNER && ui_party_pick_key(&p->owner, pick))
        return UI_REDRAW;
    if (ui_field_edit(&p->input, key) > 0 && p->mode == IN_OWNER)
        ui_party_pick_search(&p->owner, ui_app_db(app), p->input.text);
    return UI_REDRAW; /* while typing, every key is the text's (q, 2, ? included) */
}

/* ---- keys ---- */

static int start_action(present *p, ui_app *app)
{
    const xl_agenda_entry *e = &p->m.agenda[p->cur];
    if (!e->decision[0]) {
        say(p, 1, "%s", _(SHOW_NEED_DECISION));
        return UI_REDRAW;
    }
    start_input(p, IN_OWNER, "", 30);
    ui_party_pick_init(&p->owner, xl_party_none(), NULL);
    ui_party_pick_search(&p->owner, ui_app_db(app), "");
    return UI_REDRAW;
}

static int step(present *p, ui_app *app, int dir)
{
    if ((dir < 0 && p->cur == 0) || (dir > 0 && p->cur + 1 >= p->m.nagenda)) {
        say(p, 0, "%s", dir < 0 ? _(SHOW_AT_FIRST) : _(SHOW_AT_LAST));
        return UI_REDRAW;
    }
    show_entry(p, dir < 0 ? p->cur - 1 : p->cur + 1);
    p->msg[0] = '\0';
    load_chain(p, app);
    return UI_REDRAW;
}

/* While presenting, only the presentation's keys act: Tab, S-Tab and 1-9 would drop to
 * another pane on the shared screen. Back, help and Ctrl+L go on to the app. */
static int pane_key_or_ignored(int key)
{
    switch (ui_keys_global(key)) {
    case UI_ACT_NEXT_PANE:
    case UI_ACT_PREV_PANE:
    case UI_ACT_PANE_N: return UI_HANDLED;
    default: return UI_IGNORED;
    }
}

static int show_offers(void *self, ui_action act)
{
    (void)self;
    return act != UI_ACT_NEXT_PANE && act != UI_ACT_PREV_PANE && act != UI_ACT_PANE_N;
}

static int show_key(void *self, ui_app *app, int key)
{
    present *p = self;
    if (p->mode != IN_NONE)
        return input_key(p, app, key);
    if (p->m.nagenda == 0)
        return ui_keys_global(key) == UI_ACT_BACK ? UI_BACK : UI_IGNORED;
    switch (UI_KEYS_MATCH(key, show_actions)) {
    case UI_ACT_SHOW_NEXT: return step(p, app, 1);
    case UI_ACT_SHOW_PREV: return step(p, app, -1);
    case UI_ACT_SHOW_NOTE: start_input(p, IN_NOTE, "", XL_AGENDA_NOTES_MAX); return UI_REDRAW;
    case UI_ACT_SHOW_DECISION:
        start_input(p, IN_DECISION, p->m.agenda[p->cur].decision, XL_AGENDA_DECISION_MAX);
        return UI_REDRAW;
    case UI_ACT_SHOW_ACTION: return start_action(p, app);
    default: return pane_key_or_ignored(key); /* q and Esc: "back" leaves the presentation */
    }
}

static int show_tick(void *self, ui_app *app)
{
    present *p = self;
    (void)app;
    return p->m.nagenda > 0 && item_seconds(p) != p->drawn_secs ? UI_REDRAW : UI_HANDLED;
}

/* ---- life cycle ---- */

static const char *show_title(void *self)
{
    return ((present *)self)->m.title;
}

static const char *show_help_title(void *self)
{
    return _(KEYS_PRESENT);
}

static void show_free(void *self)
{
    present *p = self;
    if (p->m.nagenda)
        keep_place(p);
    xl_meeting_release(&p->m);
    xl_chain_release(&p->chain);
    xl_bigfont_free(p->font);
    free(p->spent);
    free(p);
}

static const pane_ops show_ops = {
    .title = show_title,
    .help_title = show_help_title,
    .draw = show_draw,
    .key = show_key,
    .free = show_free,
    .actions = show_actions,
    .nactions = sizeof show_actions / sizeof show_actions[0],
    .cursor = show_cursor,
    .tick = show_tick,
    .offers = show_offers,
    .fullscreen = 1,
};

static int open_running(ui_app *app, int64_t id)
{
    present *p = xl_calloc(1, sizeof *p);
    const char *frozen = getenv("XIANGLI_FROZEN_CLOCK");
    p->id = id;
    p->frozen = frozen && *frozen && strcmp(frozen, "0") != 0;
    if (load_meeting(p, app) != XL_OK) {
        ui_app_message(app, 1, "%s", p->msg);
        show_free(p);
        return UI_REDRAW;
    }
    load_font(p);
    resume_place(p);
    load_chain(p, app);
    p->shown_at = now_seconds(p);
    ui_app_push(app, (ui_pane){&show_ops, p});
    return UI_REDRAW;
}

/* y to "start and present?": id is the meeting. */
static int start_yes(void *ctx, ui_app *app, int64_t id)
{
    xl_err err;
    xl_err_clear(&err);
    (void)ctx;
    if (xl_meeting_start(ui_app_db(app), id, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        return UI_REDRAW;
    }
    return open_running(app, id);
}

int ui_present_open(ui_app *app, int64_t meeting)
{
    ui_meeting_glance g;
    if (!ui_meeting_glance_load(app, meeting, _(SHOW_START_ASK_FMT), &g))
        return UI_REDRAW;
    if (g.status == XL_MEETING_CLOSED || g.nagenda == 0) {
        ui_app_message(app, 1, "%s", g.status == XL_MEETING_CLOSED ? _(MTG_ALREADY_CLOSED)
                                                                   : _(SHOW_NO_AGENDA));
        return UI_REDRAW;
    }
    if (g.status == XL_MEETING_RUNNING)
        return open_running(app, meeting);
    ui_app_confirm(app, &(ui_confirm_spec){.question = g.question, .yes = start_yes, .id = meeting});
    return UI_REDRAW;
}
