/* stats.c — 统计: the monthly figures (report.h) on one scrolling page: residents by role,
 * the registration rate against the target and the buildings under it (worst first, with
 * their first responsible person), move-ins and move-outs of the last 12 months as bars,
 * home provinces, open list items, overdue actions by owner, roundtable coverage by lane and
 * pioneer group. Every figure line opens the rows behind it (Enter): a building its card, a
 * month the people who moved. a = assessment, r = responsible persons' record, w = write
 * the workbook for the street office. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/pane/rows.h"
#include "ui/pane/stats_ui.h"
#include "ui/panes.h"
#include "ui/theme.h"
#include "ui/widget/uitext.h"
#include "xiangli/i18n.h"
#include "xiangli/lists.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

enum { MAX_BUILDINGS = 12, MAX_PROVINCES = 8, LABEL_W = 14 };

typedef struct stat_line {
    line_kind kind;
    size_t idx;
    int msg;            /* L_HEAD / L_TEXT: what it says */
} stat_line;

typedef struct stats_pane {
    xl_db *db;
    xl_report_opts opts;
    xl_figures f;
    int loaded;
    stat_line *lines;
    size_t n, cap, sel, top;
    int page;
    char err[512];
} stats_pane;

static const ui_action stats_actions[] = {
    UI_ACT_UP, UI_ACT_DOWN, UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN, UI_ACT_FIRST, UI_ACT_LAST,
    UI_ACT_OPEN, UI_ACT_STAT_ASSESS, UI_ACT_STAT_RESP, UI_ACT_STAT_REPORT,
};
static const ui_action stats_hints[] = {
    UI_ACT_OPEN, UI_ACT_STAT_ASSESS, UI_ACT_STAT_RESP, UI_ACT_STAT_REPORT, UI_ACT_HELP,
    UI_ACT_BACK,
};

static void add(stats_pane *p, line_kind k, size_t idx, int msg)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 64;
        p->lines = xl_reallocarray(p->lines, p->cap, sizeof *p->lines);
    }
    p->lines[p->n++] = (stat_line){k, idx, msg};
}

static void build_people(stats_pane *p)
{
    add(p, L_HEAD, 0, XL_MSG_STAT_H_PEOPLE);
    for (size_t r = 0; r < 4; r++)
        add(p, L_ROLE, r, 0);
    add(p, L_BLANK, 0, 0);
    add(p, L_HEAD, 0, XL_MSG_STAT_H_RATE);
    add(p, L_TEXT, 0, T_TARGET);
    size_t shown = 0;
    for (size_t i = 0; i < p->f.nbuildings && shown < MAX_BUILDINGS; i++, shown++)
        if (p->f.buildings[i].rate < p->opts.target || shown < 3)
            add(p, L_BUILDING, i, 0);
    if (p->f.below_target > MAX_BUILDINGS)
        add(p, L_TEXT, 0, T_BELOW_MORE);
    add(p, L_BLANK, 0, 0);
}

static void build_rest(stats_pane *p)
{
    add(p, L_HEAD, 0, XL_MSG_STAT_H_MOVES);
    for (size_t i = 0; i < XL_REPORT_MONTHS; i++)
        add(p, L_MONTH, i, 0);
    add(p, L_BLANK, 0, 0);
    add(p, L_HEAD, 0, XL_MSG_STAT_H_PROVINCES);
    for (size_t i = 0; i < p->f.nprovinces && i < MAX_PROVINCES; i++)
        add(p, L_PROVINCE, i, 0);
    add(p, L_BLANK, 0, 0);
    add(p, L_HEAD, 0, XL_MSG_STAT_H_ITEMS);
    for (size_t i = 0; i < p->f.nitems; i++)
        add(p, L_ITEMS, i, 0);
    add(p, L_BLANK, 0, 0);
    add(p, L_HEAD, 0, XL_MSG_STAT_H_OVERDUE);
    if (p->f.noverdue == 0)
        add(p, L_TEXT, 0, T_NO_OVERDUE);
    for (size_t i = 0; i < p->f.noverdue; i++)
        add(p, L_OVERDUE, i, 0);
    add(p, L_BLANK, 0, 0);
    add(p, L_HEAD, 0, XL_MSG_STAT_H_COVER);
    add(p, L_TEXT, 0, T_COVER);
    for (size_t i = 0; i < p->f.ncover; i++)
        add(p, L_COVER, i, 0);
}

static int selectable(const stat_line *l)
{
    return l->kind != L_HEAD && l->kind != L_TEXT && l->kind != L_BLANK;
}

static size_t snap(const stats_pane *p, size_t i, int dir)
{
    for (size_t k = i; k < p->n && dir > 0; k++)
        if (selectable(&p->lines[k]))
            return k;
    for (size_t k = (i < p->n ? i : p->n) + 1; k-- > 0;)
        if (k < p->n && selectable(&p->lines[k]))
            return k;
    return dir > 0 && i > 0 ? snap(p, i - 1, -1) : 0;
}

/* ---- drawing ---- */

static void stats_draw(void *self, WINDOW *w)
{
    stats_pane *p = self;
    werase(w);
    p->page = getmaxy(w) > 1 ? getmaxy(w) : 1;
    if (p->err[0]) {
        ui_text_wrap(w, 1, 1, getmaxx(w) - 2, getmaxy(w) - 2, p->err, ui_attr(UI_C_ERROR));
        return;
    }
    if (p->sel < p->top)
        p->top = p->sel > 0 && !selectable(&p->lines[p->sel - 1]) ? p->sel - 1 : p->sel;
    if (p->sel >= p->top + (size_t)p->page)
        p->top = p->sel - (size_t)p->page + 1;
    for (int k = 0; k < p->page && p->top + (size_t)k < p->n; k++) {
        size_t i = p->top + (size_t)k;
        const stat_line *l = &p->lines[i];
        attr_t a = ui_attr(i == p->sel ? UI_C_SELECTED : UI_C_NORMAL);
        if (i == p->sel)
            ui_text_fill(w, k, 0, getmaxx(w), a);
        ui_stats_draw_line(&p->f, &p->opts, w, k, l->kind, l->idx, l->msg, a);
    }
}

/* ---- keys ---- */

static int stats_key(void *self, ui_app *app, int key)
{
    stats_pane *p = self;
    size_t page = p->page > 2 ? (size_t)p->page - 2 : 1;
    switch (ui_keys_match(key, stats_actions, sizeof stats_actions / sizeof stats_actions[0])) {
    case UI_ACT_NONE: return UI_IGNORED;
    case UI_ACT_UP: p->sel = p->sel > 0 ? snap(p, p->sel - 1, -1) : p->sel; break;
    case UI_ACT_DOWN: p->sel = snap(p, p->sel + 1 < p->n ? p->sel + 1 : p->sel, 1); break;
    case UI_ACT_PAGE_UP: p->sel = snap(p, p->sel > page ? p->sel - page : 0, -1); break;
    case UI_ACT_PAGE_DOWN: p->sel = snap(p, p->sel + page < p->n ? p->sel + page : p->n - 1, 1); break;
    case UI_ACT_FIRST: p->sel = snap(p, 0, 1); p->top = 0; break;
    case UI_ACT_LAST: p->sel = snap(p, p->n ? p->n - 1 : 0, -1); break;
    case UI_ACT_OPEN:
        return p->sel < p->n ? ui_stats_open_line(app, &p->f, &p->opts, p->lines[p->sel].kind,
                                                  p->lines[p->sel].idx) : UI_HANDLED;
    case UI_ACT_STAT_ASSESS: return ui_assess_open(app);
    case UI_ACT_STAT_RESP: return ui_resp_record_open(app);
    case UI_ACT_STAT_REPORT: return ui_report_write_ask(app);
    default: return UI_HANDLED;
    }
    return UI_REDRAW;
}

/* ---- life cycle ---- */

static void stats_reload(void *self, ui_app *app)
{
    stats_pane *p = self;
    xl_err err;
    xl_err_clear(&err);
    if (p->loaded)
        xl_figures_release(&p->f);
    p->loaded = 0;
    p->n = 0;
    if (xl_figures_load(p->db, &p->opts, &p->f, &err) != XL_OK) {
        xl_strlcpy_utf8(p->err, err.msg, sizeof p->err);
        ui_app_message(app, 1, "%s", err.msg);
        return;
    }
    p->loaded = 1;
    p->err[0] = '\0';
    build_people(p);
    build_rest(p);
    p->sel = snap(p, p->sel, 1);
}

static const char *stats_title(void *self)
{
    (void)self;
    return _(STAT_TITLE);
}

static void stats_free(void *self)
{
    stats_pane *p = self;
    if (p->loaded)
        xl_figures_release(&p->f);
    free(p->lines);
    free(p);
}

static const pane_ops stats_ops = {
    .title = stats_title,
    .draw = stats_draw,
    .key = stats_key,
    .reload = stats_reload,
    .free = stats_free,
    .actions = stats_actions,
    .nactions = sizeof stats_actions / sizeof stats_actions[0],
    .hints = stats_hints,
    .nhints = sizeof stats_hints / sizeof stats_hints[0],
};

void ui_stats_opts(ui_app *app, xl_report_opts *o)
{
    const xl_config *c = ui_app_config(app);
    xl_report_opts_init(o);
    o->target = c->target_rate;
    o->roundtable_days = c->roundtable_days > 0 ? c->roundtable_days : 365;
    o->stale_days = c->stale_days > 0 ? c->stale_days : 180;
}

ui_pane ui_stats_new(ui_app *app)
{
    stats_pane *p = xl_calloc(1, sizeof *p);
    p->db = ui_app_db(app);
    ui_stats_opts(app, &p->opts);
    stats_reload(p, app);
    return (ui_pane){&stats_ops, p};
}
