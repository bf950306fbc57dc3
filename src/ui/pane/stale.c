/* stale.c — 长期未确认: open tenancies with no confirmation for [register] stale_days days
 * (the forgotten sign-outs), grouped by building under the first responsible person's name
 * and masked phone, so the office can ask the landlord. y confirms "still living here",
 * o signs out (at the last confirmed date, editable), Enter opens the person's card; b and r
 * narrow the list to the selected building or first responsible person; Y and O confirm or
 * sign out the selected building's whole list (one transaction, after calling the
 * landlord); P writes the selected person's chase list for the grid worker's round. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/panes.h"
#include "ui/pane/register.h"
#include "ui/theme.h"
#include "ui/widget/listview.h"
#include "ui/widget/uitext.h"
#include "xiangli/chase.h"
#include "xiangli/config.h"
#include "xiangli/fileio.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/model.h"
#include "xiangli/text.h"

enum { HEAD_ROWS = 3, INDENT = 3, GAP = 2 };

/* One screen line: a building's heading (row < 0) or one tenancy. */
typedef struct stale_line {
    size_t group;
    long row;
} stale_line;

typedef struct stale_pane {
    xl_db *db;
    int days;
    xl_stale_list list;
    stale_line *lines;
    size_t nlines;
    ui_listview lv; /* over lines: the headings cannot be selected */
    char err[512];
    int only_building;      /* 0 = every building */
    char only_resp[100];    /* "" = every first responsible person */
} stale_pane;

/* X(column, heading message) of a tenancy line */
#define STALE_COLUMNS(X)       \
    X(ROOM, ROOM)              \
    X(NAME, NAME)              \
    X(SINCE, SINCE)            \
    X(LAST, REG_STALE_LAST)    \
    X(DAYS, REG_STALE_DAYS_HEAD) \
    X(PHONE, PHONE)

enum {
#define ST_X(id, msg) SC_##id,
    STALE_COLUMNS(ST_X)
#undef ST_X
    SC_COUNT
};

static const xl_msg stale_heads[SC_COUNT] = {
#define ST_X(id, msg) [SC_##id] = XL_MSG_##msg,
    STALE_COLUMNS(ST_X)
#undef ST_X
};

static const ui_action stale_actions[] = {
    UI_ACT_UP, UI_ACT_DOWN, UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN, UI_ACT_FIRST, UI_ACT_LAST,
    UI_ACT_CONFIRM, UI_ACT_SIGNOUT, UI_ACT_OPEN_PERSON, UI_ACT_STALE_BY_BUILDING,
    UI_ACT_STALE_BY_RESP, UI_ACT_STALE_CONFIRM_ALL, UI_ACT_STALE_SIGNOUT_ALL,
    UI_ACT_STALE_CHASE_LIST,
};
static const ui_action stale_hints[] = {
    UI_ACT_CONFIRM, UI_ACT_SIGNOUT, UI_ACT_STALE_BY_BUILDING, UI_ACT_STALE_BY_RESP,
    UI_ACT_STALE_CONFIRM_ALL, UI_ACT_STALE_CHASE_LIST, UI_ACT_HELP,
};

/* ---- lines ---- */

static void build_lines(stale_pane *p)
{
    const xl_stale_list *l = &p->list;
    free(p->lines);
    p->lines = xl_calloc(l->ngroups + l->nrows + 1, sizeof *p->lines);
    p->nlines = 0;
    for (size_t g = 0; g < l->ngroups; g++) {
        if ((p->only_building && l->groups[g].building != p->only_building) ||
            (p->only_resp[0] && strcmp(l->groups[g].resp_name, p->only_resp) != 0))
            continue;
        p->lines[p->nlines++] = (stale_line){g, -1};
        for (size_t k = 0; k < l->groups[g].count; k++)
            p->lines[p->nlines++] = (stale_line){g, (long)(l->groups[g].first + k)};
    }
}

static int is_tenancy(const void *rows, size_t i)
{
    const stale_pane *p = rows;
    return p->lines[i].row >= 0;
}

static const xl_stale_row *selected(const stale_pane *p)
{
    size_t i;
    if (!ui_listview_current(&p->lv, &i))
        return NULL;
    return &p->list.rows[p->lines[i].row];
}

/* ---- drawing ---- */

static int col_width(int c)
{
    static const int values[SC_COUNT] = {[SC_ROOM] = 4, [SC_NAME] = 10, [SC_SINCE] = 10,
                                         [SC_LAST] = 10, [SC_DAYS] = 7, [SC_PHONE] = 11};
    int head = xl_str_width(xl_tr(stale_heads[c]));
    return head > values[c] ? head : values[c];
}

static void draw_heads(WINDOW *w, int y)
{
    int x = INDENT;
    ui_text_fill(w, y, 0, getmaxx(w), ui_attr(UI_C_HEADING));
    for (int c = 0; c < SC_COUNT; c++) {
        ui_text_put(w, y, x, col_width(c), xl_tr(stale_heads[c]), ui_attr(UI_C_HEADING));
        x += col_width(c) + GAP;
    }
}

static void draw_group(const stale_pane *p, WINDOW *w, int y, const xl_stale_group *g)
{
    char title[32], who[200], count[32];
    int maxx = getmaxx(w) - 1, x = 1;
    ui_format(title, sizeof title, _(BUILDING_FMT), g->building);
    if (g->resp_name[0])
        ui_format(who, sizeof who, _(NAME_ROLE_FMT), g->resp_name, ui_role_label(g->resp_role));
    else
        snprintf(who, sizeof who, "%s", _(NONE));
    ui_format(count, sizeof count, _(REG_STALE_COUNT_FMT), g->count);
    (void)p;
    x += ui_text_put(w, y, x, maxx - x, title, ui_attr(UI_C_LANE)) + GAP;
    x += ui_text_put(w, y, x, maxx - x, _(RESPONSIBLE), ui_attr(UI_C_LABEL)) + 1;
    x += ui_text_put(w, y, x, maxx - x, who, ui_attr(UI_C_NORMAL)) + 1;
    x += ui_text_put(w, y, x, maxx - x, g->resp_phone_masked, ui_attr(UI_C_NORMAL)) + GAP;
    ui_text_put(w, y, x, maxx - x, count, ui_attr(UI_C_DIM));
}

static void draw_row(WINDOW *w, int y, const xl_stale_row *r, int sel)
{
    char days[32];
    const char *cells[SC_COUNT] = {r->room, r->name, r->moved_in, r->last_seen, days,
                                   r->phone_masked};
    attr_t attr = ui_attr(sel ? UI_C_SELECTED : UI_C_NORMAL);
    int x = INDENT;
    ui_format(days, sizeof days, _(REG_STALE_DAYS_FMT), r->days);
    if (sel)
        ui_text_fill(w, y, 0, getmaxx(w), attr);
    for (int c = 0; c < SC_COUNT; c++) {
        int width = col_width(c) < getmaxx(w) - 1 - x ? col_width(c) : getmaxx(w) - 1 - x;
        ui_text_put(w, y, x, width, cells[c], attr);
        x += col_width(c) + GAP;
    }
}

static void draw_top(const stale_pane *p, WINDOW *w)
{
    char head[200];
    ui_format(head, sizeof head, _(REG_STALE_HEAD_FMT), p->days, p->list.nrows, p->list.ngroups);
    ui_text_put(w, 0, 1, getmaxx(w) - 2, head, ui_attr(UI_C_HEADING));
    char only[160];
    if (p->only_building)
        ui_format(only, sizeof only, _(STALE_FILTER_BUILDING_FMT), p->only_building);
    else if (p->only_resp[0])
        ui_format(only, sizeof only, _(STALE_FILTER_RESP_FMT), p->only_resp);
    ui_text_put(w, 1, 1, getmaxx(w) - 2, p->only_building || p->only_resp[0] ? only : _(REG_STALE_ADVICE),
                ui_attr(p->only_building || p->only_resp[0] ? UI_C_WARN : UI_C_DIM));
}

static void draw_line(void *ctx, WINDOW *w, int y, size_t i, int sel)
{
    const stale_pane *p = ctx;
    const stale_line *ln = &p->lines[i];
    if (ln->row < 0)
        draw_group(p, w, y, &p->list.groups[ln->group]);
    else
        draw_row(w, y, &p->list.rows[ln->row], sel);
}

static void stale_draw(void *self, WINDOW *w)
{
    stale_pane *p = self;
    char none[160];
    werase(w);
    ui_listview_resize(&p->lv, getmaxy(w) - HEAD_ROWS);
    if (p->err[0]) {
        ui_text_wrap(w, 1, 1, getmaxx(w) - 2, getmaxy(w) - 2, p->err, ui_attr(UI_C_ERROR));
        return;
    }
    if (p->list.nrows == 0) {
        ui_format(none, sizeof none, _(REG_STALE_NONE_FMT), p->days);
        ui_text_put(w, 1, 2, getmaxx(w) - 3, none, ui_attr(UI_C_NORMAL));
        return;
    }
    draw_top(p, w);
    draw_heads(w, 2);
    ui_listview_draw(&p->lv, w, HEAD_ROWS, draw_line, p);
}

/* ---- keys ---- */

static int confirm(stale_pane *p, ui_app *app, const xl_stale_row *r)
{
    xl_err err;
    int building = p->list.groups[p->lines[p->lv.sel].group].building;
    xl_err_clear(&err);
    if (xl_residency_confirm(p->db, r->residency_id, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        return UI_REDRAW;
    }
    ui_app_message(app, 0, _(REG_CONFIRMED_FMT), r->name, building, r->room);
    return UI_RELOAD;
}

static int sign_out(stale_pane *p, ui_app *app, const xl_stale_row *r)
{
    ui_signout_who who = {r->residency_id, r->name, p->list.groups[p->lines[p->lv.sel].group].building,
                          r->room, xl_role_key(XL_ROLE_TENANT), r->moved_in, r->last_seen};
    return ui_signout_open(app, &who);
}

static const xl_stale_group *selected_group(const stale_pane *p)
{
    size_t i;
    return ui_listview_current(&p->lv, &i) ? &p->list.groups[p->lines[i].group] : NULL;
}

static void relist(stale_pane *p)
{
    build_lines(p);
    ui_listview_set_count(&p->lv, p->nlines);
    ui_listview_reset(&p->lv);
}

/* b / r: only the selected building, or the selected person's buildings; again: all. */
static int narrow(stale_pane *p, ui_action act)
{
    const xl_stale_group *g = selected_group(p);
    int was = p->only_building || p->only_resp[0];
    p->only_building = 0;
    p->only_resp[0] = '\0';
    if (g && !was && act == UI_ACT_STALE_BY_BUILDING)
        p->only_building = g->building;
    if (g && !was && act == UI_ACT_STALE_BY_RESP)
        xl_strlcpy_utf8(p->only_resp, g->resp_name, sizeof p->only_resp);
    relist(p);
    return UI_REDRAW;
}

static int whole_yes(void *ctx, ui_app *app, int64_t building)
{
    stale_pane *p = ctx;
    xl_err err;
    int count = 0, signout = building < 0, number = (int)(signout ? -building : building);
    xl_err_clear(&err);
    int rc = signout ? xl_chase_signout_building(p->db, p->days, number, &count, &err)
                     : xl_chase_confirm_building(p->db, p->days, number, &count, &err);
    if (rc != XL_OK)
        ui_app_message(app, 1, "%s", err.msg);
    else
        ui_app_message(app, 0, signout ? _(STALE_SIGNED_OUT_ALL_FMT) : _(STALE_CONFIRMED_ALL_FMT),
                       number, count);
    return UI_RELOAD;
}

/* Y / O: the selected building's whole list, after asking (the id says which: < 0 signs out). */
static int whole_building(stale_pane *p, ui_app *app, int signout)
{
    static char question[256];
    const xl_stale_group *g = selected_group(p);
    if (!g)
        return UI_HANDLED;
    ui_format(question, sizeof question,
              signout ? _(STALE_ASK_SIGNOUT_ALL_FMT) : _(STALE_ASK_CONFIRM_ALL_FMT), g->building,
              (int)g->count);
    ui_app_confirm(app, &(ui_confirm_spec){.question = question, .yes = whole_yes, .ctx = p,
                                           .id = signout ? -g->building : g->building});
    return UI_REDRAW;
}

/* P: the selected first responsible person's chase list, as CSV under ~/xiangli-reports. */
static int chase_list(stale_pane *p, ui_app *app)
{
    const xl_stale_group *g = selected_group(p);
    char dir[4096], path[4400], today[11];
    xl_err err;
    int rows = 0;
    if (!g)
        return UI_HANDLED;
    xl_err_clear(&err);
    xl_today(today);
    const char *home = getenv("HOME");
    snprintf(dir, sizeof dir, "%s/xiangli-reports", home && *home ? home : ".");
    snprintf(path, sizeof path, "%s/催办单-%s-%s.csv", dir, g->resp_name[0] ? g->resp_name : _(NONE),
             today);
    if (xl_mkdir_p(dir, 0700, &err) ||
        xl_chase_list_write(p->db, p->days, g->resp_name, path, &rows, &err))
        ui_app_message(app, 1, "%s", err.msg);
    else
        ui_app_message(app, 0, _(STALE_LIST_DONE_FMT), rows, path + strlen(dir) + 1);
    return UI_REDRAW;
}

static int stale_key(void *self, ui_app *app, int key)
{
    stale_pane *p = self;
    const xl_stale_row *r = selected(p);
    ui_action act = UI_KEYS_MATCH(key, stale_actions);
    switch (act) {
    case UI_ACT_NONE: return UI_IGNORED;
    case UI_ACT_CONFIRM: return r ? confirm(p, app, r) : UI_HANDLED;
    case UI_ACT_SIGNOUT: return r ? sign_out(p, app, r) : UI_HANDLED;
    case UI_ACT_OPEN_PERSON: return r ? ui_person_open(app, r->person_id) : UI_HANDLED;
    case UI_ACT_STALE_BY_BUILDING:
    case UI_ACT_STALE_BY_RESP: return narrow(p, act);
    case UI_ACT_STALE_CONFIRM_ALL: return whole_building(p, app, 0);
    case UI_ACT_STALE_SIGNOUT_ALL: return whole_building(p, app, 1);
    case UI_ACT_STALE_CHASE_LIST: return chase_list(p, app);
    default: ui_listview_key(&p->lv, act); return UI_REDRAW;
    }
}

static int stale_mouse(void *self, ui_app *app, int y, int x, unsigned long bstate)
{
    stale_pane *p = self;
    (void)x;
    if (!(bstate & BUTTON1_PRESSED) || y < HEAD_ROWS)
        return UI_IGNORED;
    size_t i;
    if (!ui_listview_row_at(&p->lv, y - HEAD_ROWS, &i) || p->lines[i].row < 0)
        return UI_HANDLED;
    if (i == p->lv.sel)
        return ui_person_open(app, p->list.rows[p->lines[i].row].person_id);
    ui_listview_select(&p->lv, i);
    return UI_REDRAW;
}

/* ---- life cycle ---- */

static void stale_reload(void *self, ui_app *app)
{
    stale_pane *p = self;
    xl_stale_list list;
    xl_err err;
    xl_err_clear(&err);
    memset(&list, 0, sizeof list);
    if (xl_stale_list_load(p->db, p->days, &list, &err) != XL_OK) {
        xl_strlcpy_utf8(p->err, err.msg, sizeof p->err);
        ui_app_message(app, 1, "%s", err.msg);
        xl_stale_list_release(&list);
        return;
    }
    xl_stale_list_release(&p->list);
    p->list = list;
    p->err[0] = '\0';
    build_lines(p);
    ui_listview_set_count(&p->lv, p->nlines);
}

static const char *stale_title(void *self)
{
    (void)self;
    return _(KEYS_STALE);
}

static const char *stale_help_title(void *self)
{
    (void)self;
    return _(KEYS_STALE);
}

static void stale_free(void *self)
{
    stale_pane *p = self;
    xl_stale_list_release(&p->list);
    free(p->lines);
    free(p);
}

static const pane_ops stale_ops = {
    .title = stale_title,
    .help_title = stale_help_title,
    .draw = stale_draw,
    .key = stale_key,
    .mouse = stale_mouse,
    .reload = stale_reload,
    .free = stale_free,
    UI_PANE_KEYS(stale_actions, stale_hints),
};

int ui_stale_open(ui_app *app)
{
    stale_pane *p = xl_calloc(1, sizeof *p);
    p->db = ui_app_db(app);
    ui_listview_init(&p->lv, UI_LV_HEADINGS);
    p->lv.selectable = is_tenancy, p->lv.rows = p;
    p->days = ui_app_config(app)->stale_days > 0 ? ui_app_config(app)->stale_days : 180;
    stale_reload(p, app);
    ui_app_push(app, (ui_pane){&stale_ops, p});
    return UI_REDRAW;
}
