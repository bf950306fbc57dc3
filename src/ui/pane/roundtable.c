/* roundtable.c — 小圆桌: the meetings (running first, then planned soonest first, then closed
 * latest first), closing a meeting into its minutes file, and the buildings that have had
 * no roundtable for a while. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/pane/lists_ui.h"
#include "ui/panes.h"
#include "ui/widget/picker.h"
#include "ui/theme.h"
#include "ui/widget/listview.h"
#include "ui/widget/uitext.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/poster.h"
#include "xiangli/text.h"

enum { HEAD_Y = 1, ROWS_Y = 2, GAP = 2, WIDE = 120 };

/* The status filter cycles: X(id, mask, label message). */
#define MTG_STATUS_FILTERS(X)                                                          \
    X(ALL, 0, REG_ALL)                                                              \
    X(OPEN, XL_MEETING_STATUS_BIT(XL_MEETING_PLANNED) |                                \
                XL_MEETING_STATUS_BIT(XL_MEETING_RUNNING), MTG_F_OPEN)                 \
    X(CLOSED, XL_MEETING_STATUS_BIT(XL_MEETING_CLOSED), MTG_STATUS_CLOSED)

enum {
#define MS_X(id, mask, msg) MF_##id,
    MTG_STATUS_FILTERS(MS_X)
#undef MS_X
    MF_COUNT
};

static const struct {
    unsigned mask;
    xl_msg label;
} mtg_filters[MF_COUNT] = {
#define MS_X(id, mask, msg) [MF_##id] = {mask, XL_MSG_##msg},
    MTG_STATUS_FILTERS(MS_X)
#undef MS_X
};

typedef struct rt_pane {
    xl_db *db;
    xl_meeting_page page;
    size_t count[XL_MEETING_STATUS_COUNT];
    ui_listview lv;    /* over the meetings */
    const int *draw_cw; /* the column widths, while the rows draw */
    int status;        /* MF_* */
    int building;      /* 0 any */
    int64_t open_out;  /* a meeting just planned: opened when the form closes */
    int plan_out;      /* a building chosen in the stale list: plan its roundtable */
    char err[256];
} rt_pane;

static const ui_action rt_actions[] = {
    UI_ACT_UP, UI_ACT_DOWN, UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN, UI_ACT_FIRST, UI_ACT_LAST,
    UI_ACT_MTG_OPEN, UI_ACT_MTG_NEW, UI_ACT_MTG_PRESENT, UI_ACT_MTG_CLOSE, UI_ACT_MTG_STALE,
    UI_ACT_FILTER_STATUS, UI_ACT_FILTER_BUILDING,
};
static const ui_action rt_hints[] = {
    UI_ACT_MTG_OPEN, UI_ACT_MTG_NEW, UI_ACT_MTG_PRESENT, UI_ACT_MTG_CLOSE, UI_ACT_MTG_STALE,
    UI_ACT_HELP, UI_ACT_BACK,
};

/* ---- loading ---- */

/* Counts the meetings by status, then keeps those the status filter wants (one query for
 * both: the meeting list is the slow part). */
static void count_and_filter(rt_pane *p)
{
    unsigned mask = mtg_filters[p->status].mask;
    size_t kept = 0;
    memset(p->count, 0, sizeof p->count);
    for (size_t i = 0; i < p->page.n; i++) {
        xl_meeting_status st = p->page.rows[i].status;
        if ((unsigned)st < XL_MEETING_STATUS_COUNT)
            p->count[st]++;
        if (!mask || (mask & XL_MEETING_STATUS_BIT(st)))
            p->page.rows[kept++] = p->page.rows[i];
    }
    p->page.n = kept;
}

static void rt_reload(void *self, ui_app *app)
{
    rt_pane *p = self;
    xl_meeting_filter f;
    xl_meeting_page page;
    xl_err err;
    xl_err_clear(&err);
    xl_meeting_filter_init(&f);
    f.building = p->building;
    int64_t keep = p->lv.sel < p->page.n ? p->page.rows[p->lv.sel].id : 0;
    if (xl_meeting_list(p->db, &f, 0, 0, &page, &err) != XL_OK) {
        xl_strlcpy_utf8(p->err, err.msg, sizeof p->err);
        ui_app_message(app, 1, "%s", err.msg);
        return;
    }
    xl_meeting_page_release(&p->page);
    p->page = page, p->err[0] = '\0', p->lv.sel = 0;
    count_and_filter(p);
    int64_t want = p->open_out ? p->open_out : keep;
    for (size_t i = 0; i < p->page.n; i++)
        if (p->page.rows[i].id == want)
            p->lv.sel = i;
    if (p->open_out) { /* planned a moment ago: on to its agenda */
        p->open_out = 0;
        ui_meeting_view_open(app, want);
    } else if (p->plan_out) { /* chosen in the list of buildings without a roundtable */
        int building = p->plan_out;
        p->plan_out = 0;
        ui_meeting_plan_open(app, building, &p->open_out);
    }
}

/* ---- drawing ---- */

static const char *status_short(xl_meeting_status s)
{
    static const xl_msg labels[XL_MEETING_STATUS_COUNT] = {
        [XL_MEETING_PLANNED] = XL_MSG_MTG_SHORT_PLANNED,
        [XL_MEETING_RUNNING] = XL_MSG_MTG_SHORT_RUNNING,
        [XL_MEETING_CLOSED] = XL_MSG_MTG_SHORT_CLOSED,
    };
    return (unsigned)s < XL_MEETING_STATUS_COUNT ? xl_tr(labels[s]) : "?";
}

static void draw_summary(const rt_pane *p, WINDOW *w)
{
    char text[256], bld[48] = "";
    if (p->building > 0)
        ui_format(bld, sizeof bld, _(BUILDING_FMT), p->building);
    ui_format(text, sizeof text, _(MTG_SUMMARY_FMT), p->count[XL_MEETING_RUNNING],
              p->count[XL_MEETING_PLANNED], p->count[XL_MEETING_CLOSED]);
    int x = 1 + ui_text_put(w, 0, 1, getmaxx(w) - 2, text, ui_attr(UI_C_NORMAL)) + GAP;
    x += ui_text_put(w, 0, x, getmaxx(w) - 1 - x, _(PEND_COL_STATE), ui_attr(UI_C_LABEL)) + 1;
    x += ui_text_put(w, 0, x, getmaxx(w) - 1 - x, xl_tr(mtg_filters[p->status].label),
                     ui_attr(p->status ? UI_C_SELECTED : UI_C_NORMAL)) + GAP;
    x += ui_text_put(w, 0, x, getmaxx(w) - 1 - x, _(BUILDING), ui_attr(UI_C_LABEL)) + 1;
    ui_text_put(w, 0, x, getmaxx(w) - 1 - x, bld[0] ? bld : _(REG_ALL),
                ui_attr(bld[0] ? UI_C_SELECTED : UI_C_NORMAL));
}

/* X(column, heading message, width; 0 = the rest) */
#define RT_COLUMNS(X)                 \
    X(STATUS, PEND_COL_STATE, 4)      \
    X(TIME, MTG_F_TIME, 16)         \
    X(KIND, MTG_F_KIND, 10)         \
    X(TITLE, MTG_COL_TITLE, 0)        \
    X(PLACE, MTG_F_PLACE, 24)       \
    X(HOST, MTG_COL_HOST, 12)         \
    X(COUNTS, MTG_COL_COUNTS, 11)

enum {
#define RC_X(id, msg, width) RC_##id,
    RT_COLUMNS(RC_X)
#undef RC_X
    RC_COUNT
};

static const struct {
    xl_msg head;
    int width;
} rt_columns[RC_COUNT] = {
#define RC_X(id, msg, width) [RC_##id] = {XL_MSG_##msg, width},
    RT_COLUMNS(RC_X)
#undef RC_X
};

static void column_widths(int cols, int w[RC_COUNT])
{
    int used = 0;
    for (int c = 0; c < RC_COUNT; c++) {
        w[c] = rt_columns[c].width;
        if (c != RC_TITLE && xl_str_width(xl_tr(rt_columns[c].head)) > w[c])
            w[c] = xl_str_width(xl_tr(rt_columns[c].head));
        used += w[c] + GAP;
    }
    if (cols < WIDE) { /* the title names the kind, and mostly the place, already */
        used -= w[RC_KIND] + GAP + w[RC_PLACE] + GAP;
        w[RC_KIND] = w[RC_PLACE] = 0;
    }
    w[RC_TITLE] = cols - used;
}

static const char *cell_text(const xl_meeting_row *r, int c, char *buf, size_t size)
{
    switch (c) {
    case RC_STATUS: return status_short(r->status);
    case RC_TIME: return r->starts_at;
    case RC_KIND: return xl_meeting_kind_label(r->kind);
    case RC_TITLE: return r->title;
    case RC_PLACE: return r->place;
    case RC_HOST: return r->host_name;
    default:
        ui_format(buf, size, _(MTG_COUNTS_FMT), r->nagenda, r->nattendees);
        return buf;
    }
}

static void draw_row(WINDOW *w, int y, const xl_meeting_row *r, int on, const int cw[RC_COUNT])
{
    char buf[64];
    ui_color_role role = r->status == XL_MEETING_RUNNING ? UI_C_LABEL
                         : r->status == XL_MEETING_CLOSED ? UI_C_DIM : UI_C_NORMAL;
    attr_t attr = ui_attr(on ? UI_C_SELECTED : role);
    int x = 1;
    ui_text_fill(w, y, 0, getmaxx(w), on ? attr : ui_attr(UI_C_NORMAL));
    for (int c = 0; c < RC_COUNT; c++) {
        if (cw[c] <= 0)
            continue;
        ui_text_put(w, y, x, cw[c], cell_text(r, c, buf, sizeof buf), attr);
        x += cw[c] + GAP;
    }
}

static void draw_head(WINDOW *w, int y, const int cw[RC_COUNT])
{
    int x = 1;
    ui_text_fill(w, y, 0, getmaxx(w), ui_attr(UI_C_HEADING));
    for (int c = 0; c < RC_COUNT; c++) {
        if (cw[c] <= 0)
            continue;
        ui_text_put(w, y, x, cw[c], xl_tr(rt_columns[c].head), ui_attr(UI_C_HEADING));
        x += cw[c] + GAP;
    }
}

static void clamp(rt_pane *p)
{
    ui_listview_set_count(&p->lv, p->page.n);
}

static void draw_meeting(void *ctx, WINDOW *w, int y, size_t i, int sel)
{
    const rt_pane *p = ctx;
    draw_row(w, y, &p->page.rows[i], sel, p->draw_cw);
}

static void rt_draw(void *self, WINDOW *w)
{
    rt_pane *p = self;
    int cw[RC_COUNT];
    werase(w);
    ui_listview_resize(&p->lv, getmaxy(w) - ROWS_Y - 1);
    column_widths(getmaxx(w) - 1, cw);
    clamp(p);
    draw_summary(p, w);
    draw_head(w, HEAD_Y, cw);
    if (p->page.n == 0)
        ui_text_wrap(w, ROWS_Y, 2, getmaxx(w) - 4, 3, p->err[0] ? p->err : _(MTG_EMPTY),
                     ui_attr(p->err[0] ? UI_C_ERROR : UI_C_DIM));
    p->draw_cw = cw;
    ui_listview_draw(&p->lv, w, ROWS_Y, draw_meeting, p);
    if (p->lv.sel < p->page.n) {
        const xl_meeting_row *r = &p->page.rows[p->lv.sel];
        char line[512];
        ui_format(line, sizeof line, _(MTG_DETAIL_FMT), r->title, xl_meeting_kind_label(r->kind),
                  xl_meeting_status_label(r->status), r->place[0] ? r->place : _(NONE));
        ui_text_fill(w, getmaxy(w) - 1, 0, getmaxx(w), ui_attr(UI_C_PANEL));
        ui_text_put(w, getmaxy(w) - 1, 1, getmaxx(w) - 2, line, ui_attr(UI_C_PANEL));
    }
}

/* ---- keys ---- */

static int accept_digit(int ch)
{
    return ch >= '0' && ch <= '9';
}

static int building_done(void *ctx, ui_app *app, const char *text)
{
    rt_pane *p = ctx;
    p->building = *text ? atoi(text) : 0;
    rt_reload(p, app);
    return UI_REDRAW;
}

/* Presenting and closing are for a meeting that is not closed yet. */
static int rt_offers(void *self, ui_action act)
{
    const rt_pane *p = self;
    if (act != UI_ACT_MTG_PRESENT && act != UI_ACT_MTG_CLOSE)
        return 1;
    return p->lv.sel >= p->page.n || p->page.rows[p->lv.sel].status != XL_MEETING_CLOSED;
}

static int meeting_key(rt_pane *p, ui_app *app, ui_action act)
{
    if (act == UI_ACT_MTG_NEW)
        return ui_meeting_plan_open(app, p->building, &p->open_out);
    if (act == UI_ACT_MTG_STALE)
        return ui_stale_buildings_open(app, &p->plan_out);
    if (p->lv.sel >= p->page.n) {
        ui_app_message(app, 0, "%s", _(MTG_NOTHING_SELECTED));
        return UI_REDRAW;
    }
    int64_t id = p->page.rows[p->lv.sel].id;
    if (!rt_offers(p, act)) {
        ui_app_message(app, 1, "%s", _(MTG_E_READ_ONLY));
        return UI_REDRAW;
    }
    switch (act) {
    case UI_ACT_MTG_OPEN: return ui_meeting_view_open(app, id);
    case UI_ACT_MTG_PRESENT: return ui_present_open(app, id);
    default: return ui_meeting_close_ask(app, id);
    }
}

static int rt_key(void *self, ui_app *app, int key)
{
    rt_pane *p = self;
    ui_action act = UI_KEYS_MATCH(key, rt_actions);
    clamp(p);
    if (ui_listview_key(&p->lv, act))
        return UI_REDRAW;
    switch (act) {
    case UI_ACT_NONE: return UI_IGNORED;
    case UI_ACT_FILTER_STATUS:
        p->status = (p->status + 1) % MF_COUNT;
        rt_reload(p, app);
        return UI_REDRAW;
    case UI_ACT_FILTER_BUILDING:
        ui_app_prompt(app, &(ui_prompt_spec){_(REG_BUILDING_PROMPT), 5, accept_digit,
                                             building_done, p});
        return UI_REDRAW;
    default: return meeting_key(p, app, act);
    }
}

static int rt_mouse(void *self, ui_app *app, int y, int x, unsigned long bstate)
{
    rt_pane *p = self;
    size_t i;
    (void)x;
    if (!(bstate & BUTTON1_PRESSED) || !ui_listview_row_at(&p->lv, y - ROWS_Y, &i))
        return UI_IGNORED;
    if (i == p->lv.sel)
        return ui_meeting_view_open(app, p->page.rows[i].id);
    ui_listview_select(&p->lv, i);
    return UI_REDRAW;
}

/* ---- life cycle ---- */

static const char *rt_title(void *self)
{
    return _(PANE_ROUNDTABLE);
}

static const char *rt_help_title(void *self)
{
    return _(KEYS_ROUNDTABLE);
}

static void rt_free(void *self)
{
    rt_pane *p = self;
    xl_meeting_page_release(&p->page);
    free(p);
}

static const pane_ops rt_ops = {
    .title = rt_title,
    .help_title = rt_help_title,
    .draw = rt_draw,
    .key = rt_key,
    .mouse = rt_mouse,
    .reload = rt_reload,
    .free = rt_free,
    UI_PANE_KEYS(rt_actions, rt_hints),
    .offers = rt_offers,
};

ui_pane ui_roundtable_new(ui_app *app)
{
    rt_pane *p = xl_calloc(1, sizeof *p);
    ui_listview_init(&p->lv, 0);
    p->db = ui_app_db(app);
    rt_reload(p, app);
    return (ui_pane){&rt_ops, p};
}

/* ---- closing a meeting: minutes into the database and into a file ---- */


/* "~/xiangli-minutes/…" for a path under $HOME: shorter, and what the officer knows. */
static const char *home_relative(const char *path)
{
    static char out[4352];
    const char *home = getenv("HOME");
    size_t len = home ? strlen(home) : 0;
    if (len > 1 && strncmp(path, home, len) == 0 && path[len] == '/') {
        snprintf(out, sizeof out, "~%s", path + len);
        return out;
    }
    return path;
}

static int export_minutes(ui_app *app, int64_t id)
{
    xl_meeting m;
    char dir[4096], name[128], path[4352];
    xl_err err;
    xl_err_clear(&err);
    memset(&m, 0, sizeof m);
    if (xl_meeting_load(ui_app_db(app), id, &m, &err) != XL_OK)
        goto fail;
    ui_minutes_dir(ui_app_config(app)->backup_dir, dir, sizeof dir);
    xl_meeting_minutes_filename(&m, name, sizeof name);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (xl_poster_dir_make(dir, &err) != XL_OK ||
        xl_meeting_export_minutes(ui_app_db(app), id, path, &err) != XL_OK)
        goto fail;
    ui_app_message(app, 0, _(MTG_CLOSED_FMT), home_relative(path));
    xl_meeting_release(&m);
    return UI_RELOAD | UI_REDRAW;
fail:
    ui_app_message(app, 1, _(MTG_EXPORT_FAILED_FMT), err.msg);
    xl_meeting_release(&m);
    return UI_RELOAD | UI_REDRAW;
}

/* y to "close and write the minutes?": id is the meeting. */
static int close_yes(void *ctx, ui_app *app, int64_t id)
{
    xl_err err;
    xl_err_clear(&err);
    (void)ctx;
    if (xl_meeting_close(ui_app_db(app), id, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        return UI_REDRAW;
    }
    return export_minutes(app, id);
}

int ui_meeting_close_ask(ui_app *app, int64_t meeting)
{
    ui_meeting_glance g;
    if (!ui_meeting_glance_load(app, meeting, _(MTG_CLOSE_ASK_FMT), &g))
        return UI_REDRAW;
    if (g.status != XL_MEETING_RUNNING) {
        ui_app_message(app, 1, "%s", g.status == XL_MEETING_CLOSED ? _(MTG_ALREADY_CLOSED)
                                                                   : _(MTG_NOT_STARTED));
        return UI_REDRAW;
    }
    ui_app_confirm(app, &(ui_confirm_spec){.question = g.question, .yes = close_yes, .id = meeting,
                                           .cancelled = _(MTG_CLOSE_CANCELLED)});
    return UI_REDRAW;
}

/* ---- buildings without a roundtable ---- */

typedef struct stale_pick {
    int *plan_out;
    int days;
} stale_pick;

static void stale_fill(void *ctx, ui_app *app, const char *query, ui_pick_rows *out)
{
    stale_pick *s = ctx;
    xl_roundtable_age *ages = NULL;
    size_t n = 0;
    char num[16];
    if (xl_roundtable_ages(ui_app_db(app), s->days, 1, &ages, &n, NULL) != XL_OK)
        return;
    for (size_t i = 0; i < n; i++) {
        snprintf(num, sizeof num, "%d", ages[i].building);
        if (query[0] && strncmp(num, query, strlen(query)) != 0)
            continue;
        ui_pick_row *r = ui_pick_add(out);
        r->id = ages[i].building;
        ui_format(r->text, sizeof r->text, _(BUILDING_FMT), ages[i].building);
        if (ages[i].days < 0)
            snprintf(r->note, sizeof r->note, "%s", _(MTG_STALE_NEVER));
        else
            ui_format(r->note, sizeof r->note, _(MTG_STALE_LAST_FMT), ages[i].last, ages[i].days);
    }
    free(ages);
}

static int stale_choose(void *ctx, ui_app *app, ui_pick_row *row)
{
    stale_pick *s = ctx;
    (void)app;
    *s->plan_out = (int)row->id; /* the pane below plans it once this list has closed */
    return UI_BACK;
}

int ui_stale_buildings_open(ui_app *app, int *plan_out)
{
    stale_pick *s = xl_calloc(1, sizeof *s);
    xl_roundtable_age *ages = NULL;
    size_t n = 0;
    char title[160];
    s->plan_out = plan_out;
    s->days = ui_app_config(app)->roundtable_days;
    if (xl_roundtable_ages(ui_app_db(app), s->days, 1, &ages, &n, NULL) != XL_OK)
        n = 0;
    free(ages);
    ui_format(title, sizeof title, _(MTG_STALE_TITLE_FMT), s->days, n);
    ui_pick_spec spec = {
        .title = title,
        .help_title = _(KEYS_PICK),
        .intro = _(MTG_STALE_INTRO),
        .fill = stale_fill,
        .choose = stale_choose,
        .free = free,
    };
    ui_pick_open(app, &spec, s);
    return UI_REDRAW;
}
