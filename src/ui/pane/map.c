/* map.c — the building map (楼栋地图): every building drawn by lane, coloured by an overlay
 * (registration rate, pioneer group, party-member households). The layout is computed from
 * the window size: a lane that does not fit in one screen row wraps onto the next. With no
 * buildings at all it shows the first-run steps instead (firstrun.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/panes.h"
#include "ui/pane/firstrun.h"
#include "ui/pane/qrview.h"
#include "ui/theme.h"
#include "ui/widget/uitext.h"
#include "xiangli/building.h"
#include "xiangli/i18n.h"
#include "xiangli/lists.h"
#include "xiangli/meeting.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

/* ---- overlays: X(ID, config name, title message) ---- */
#define MAP_OVERLAYS(X)                  \
    X(RATE, "rate", REG_RATE)            \
    X(PIONEER, "pioneer", PIONEER_GROUP) \
    X(PARTY, "party", PARTY_HOUSEHOLDS)  \
    X(ITEMS, "items", MAP_OV_ITEMS)      \
    X(ROUNDTABLE, "roundtable", PANE_ROUNDTABLE)

enum {
#define MAP_X(id, name, msg) OV_##id,
    MAP_OVERLAYS(MAP_X)
#undef MAP_X
    OV_COUNT
};

static const struct {
    const char *name;
    xl_msg title;
} overlays[OV_COUNT] = {
#define MAP_X(id, name, msg) [OV_##id] = {name, XL_MSG_##msg},
    MAP_OVERLAYS(MAP_X)
#undef MAP_X
};

/* One class of an overlay: its look, its marker character (readable without colour) and
 * its legend text. */
typedef struct ov_class {
    ui_color_role role;
    char marker;
    xl_msg label;
    int group; /* for GROUP_FMT labels, else 0; -1: the label takes [roundtable] stale_days */
} ov_class;

enum { CLASS_MAX = 4 };

static const ov_class classes[OV_COUNT][CLASS_MAX] = {
    [OV_RATE] = {{UI_C_RATE_LOW, '!', XL_MSG_RATE_LOW, 0},
                 {UI_C_RATE_MID, '~', XL_MSG_RATE_MID, 0},
                 {UI_C_RATE_HIGH, '.', XL_MSG_RATE_HIGH, 0},
                 {UI_C_DIM, '?', XL_MSG_RATE_NONE, 0}},
    [OV_PIONEER] = {{UI_C_GROUP_1, '-', XL_MSG_GROUP_FMT, 1},
                    {UI_C_GROUP_2, '=', XL_MSG_GROUP_FMT, 2},
                    {UI_C_GROUP_3, '#', XL_MSG_GROUP_FMT, 3},
                    {UI_C_CELL, ' ', XL_MSG_GROUP_NONE, 0}},
    [OV_PARTY] = {{UI_C_PARTY_YES, '*', XL_MSG_PARTY_HAS, 0},
                  {UI_C_CELL, ' ', XL_MSG_PARTY_NO, 0}},
    /* open problems (xl_list_building_counts): a safety hazard, another problem, none */
    [OV_ITEMS] = {{UI_C_RATE_LOW, '!', XL_MSG_MAP_HAZARD, 0},
                  {UI_C_RATE_MID, '~', XL_MSG_MAP_PROBLEM, 0},
                  {UI_C_CELL, ' ', XL_MSG_MAP_NO_PROBLEM, 0}},
    /* the last roundtable (xl_roundtable_ages): never, too long ago, lately */
    [OV_ROUNDTABLE] = {{UI_C_RATE_LOW, '!', XL_MSG_MAP_RT_NEVER, 0},
                       {UI_C_RATE_MID, '~', XL_MSG_MAP_RT_STALE_FMT, -1},
                       {UI_C_RATE_HIGH, '.', XL_MSG_MAP_RT_RECENT_FMT, -1}},
};
static const int nclasses[OV_COUNT] = {[OV_RATE] = 4, [OV_PIONEER] = 4, [OV_PARTY] = 2,
                                       [OV_ITEMS] = 3, [OV_ROUNDTABLE] = 3};
/* Classes shown in the legend only when some building has them. */
static const int optional_class[OV_COUNT] = {[OV_RATE] = 3, [OV_PIONEER] = 3, [OV_PARTY] = -1,
                                             [OV_ITEMS] = -1, [OV_ROUNDTABLE] = -1};

static int class_of(int overlay, const xl_building_summary *b)
{
    switch (overlay) {
    case OV_RATE:
        if (b->declared <= 0)
            return 3;
        return b->rate < 0.6 ? 0 : b->rate < 0.8 ? 1 : 2;
    case OV_PIONEER:
        return b->pioneer_group >= 1 && b->pioneer_group <= 3 ? b->pioneer_group - 1 : 3;
    case OV_PARTY:
        return b->party_households > 0 ? 0 : 1;
    default:
        return nclasses[overlay] - 1; /* the lists' overlays are classed by the pane (map_class) */
    }
}

int ui_percent(double rate)
{
    if (!(rate > 0.0))
        return 0;
    return rate >= 1.0 ? 100 : (int)(rate * 100.0 + 1e-9); /* floor: 79.9% is not 80% */
}

ui_color_role ui_map_rate_role(const xl_building_summary *b)
{
    return classes[OV_RATE][class_of(OV_RATE, b)].role;
}

/* ---- the pane ---- */

/* One screen row of the grid: part of a lane (count > 0) or a blank between lanes. */
typedef struct map_line {
    size_t first;
    int count;
    int lane_start; /* 1 on a lane's first row: its label is drawn */
} map_line;

typedef struct map_pane {
    xl_db *db;
    xl_building_summary *b;
    size_t n;
    size_t sel;
    int overlay;
    int present[CLASS_MAX]; /* classes of the current overlay that occur */
    /* layout, recomputed when the window size changes */
    map_line *lines;
    size_t nlines;
    size_t *line_of; /* building index -> line */
    /* the lists' overlays, per building index */
    xl_building_items *items;  /* open items (zero when none) */
    xl_roundtable_age *ages;   /* the last roundtable */
    int stale_days;
    xl_buildings_mark mark; /* the data as last read (mark.today empty: never read) */
    int lay_w, lay_h;
    int label_w, num_w, cell_w, per_row;
    int top;                /* first line shown */
    int grid_y, grid_h;     /* where the grid was drawn */
    char err[256];
} map_pane;

static const ui_action map_actions[] = {
    UI_ACT_UP,   UI_ACT_DOWN, UI_ACT_LEFT, UI_ACT_RIGHT,   UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN,
    UI_ACT_FIRST, UI_ACT_LAST, UI_ACT_OPEN, UI_ACT_GOTO, UI_ACT_OVERLAY, UI_ACT_QR,
    UI_ACT_FIRST_TEMPLATE, UI_ACT_FIRST_IMPORT,
};
static const ui_action map_hints[] = {
    UI_ACT_FIRST_TEMPLATE, UI_ACT_FIRST_IMPORT,
    UI_ACT_OPEN, UI_ACT_GOTO, UI_ACT_OVERLAY, UI_ACT_HELP, UI_ACT_BACK, UI_ACT_QR,
};

static int cmp_position(const void *pa, const void *pb)
{
    const xl_building_summary *a = pa, *b = pb;
    if (a->map_row != b->map_row)
        return a->map_row < b->map_row ? -1 : 1;
    if (a->map_col != b->map_col)
        return a->map_col < b->map_col ? -1 : 1;
    return (a->number > b->number) - (a->number < b->number);
}

static long find_number(const map_pane *m, int number)
{
    for (size_t i = 0; i < m->n; i++)
        if (m->b[i].number == number)
            return (long)i;
    return -1;
}

/* The class of building i in the current overlay. */
static int map_class(const map_pane *m, size_t i)
{
    if (m->overlay == OV_ITEMS && m->items)
        return m->items[i].open_hazards > 0 ? 0 : m->items[i].open_problems > 0 ? 1 : 2;
    if (m->overlay == OV_ROUNDTABLE && m->ages)
        return m->ages[i].days < 0 ? 0 : m->ages[i].stale ? 1 : 2;
    return class_of(m->overlay, &m->b[i]);
}

static void count_classes(map_pane *m)
{
    memset(m->present, 0, sizeof m->present);
    for (size_t i = 0; i < m->n; i++)
        m->present[map_class(m, i)] = 1;
}

/* ---- layout ---- */

static int digits(int v)
{
    int d = 1;
    while (v >= 10)
        v /= 10, d++;
    return d;
}

static void measure(map_pane *m, int width)
{
    int label = 4, maxnum = 1;
    for (size_t i = 0; i < m->n; i++) {
        int lw = xl_str_width(m->b[i].lane);
        if (lw > label)
            label = lw;
        if (m->b[i].number > maxnum)
            maxnum = m->b[i].number;
    }
    m->label_w = 1 + (label > 16 ? 16 : label) + 1;
    m->num_w = digits(maxnum);
    m->cell_w = m->num_w + 2; /* number, marker, gap (the last gap may fall off the edge) */
    m->per_row = (width - m->label_w + 1) / m->cell_w;
    if (m->per_row < 1)
        m->per_row = 1;
}

static size_t lane_end(const map_pane *m, size_t first)
{
    size_t i = first + 1;
    while (i < m->n && m->b[i].map_row == m->b[first].map_row)
        i++;
    return i;
}

/* Lines needed for all lanes; with gaps, one blank row between lanes. */
static size_t count_lines(const map_pane *m, int gaps)
{
    size_t lines = 0;
    for (size_t i = 0; i < m->n; i = lane_end(m, i)) {
        size_t len = lane_end(m, i) - i;
        lines += (len + (size_t)m->per_row - 1) / (size_t)m->per_row;
        if (gaps && i > 0)
            lines++;
    }
    return lines;
}

static void add_lane(map_pane *m, size_t first, size_t end, int gap)
{
    if (gap)
        m->lines[m->nlines++] = (map_line){first, 0, 0};
    for (size_t i = first; i < end; i += (size_t)m->per_row) {
        size_t cnt = end - i < (size_t)m->per_row ? end - i : (size_t)m->per_row;
        for (size_t k = i; k < i + cnt; k++)
            m->line_of[k] = m->nlines;
        m->lines[m->nlines++] = (map_line){i, (int)cnt, i == first};
    }
}

static void layout(map_pane *m, int width, int height)
{
    if (m->lay_w == width && m->lay_h == height && m->lines)
        return;
    measure(m, width);
    int gaps = count_lines(m, 1) <= (size_t)height;
    free(m->lines);
    free(m->line_of);
    m->lines = xl_calloc(count_lines(m, gaps) + 1, sizeof *m->lines);
    m->line_of = xl_calloc(m->n + 1, sizeof *m->line_of);
    m->nlines = 0;
    for (size_t i = 0; i < m->n; i = lane_end(m, i))
        add_lane(m, i, lane_end(m, i), gaps && i > 0);
    m->lay_w = width, m->lay_h = height;
}

static void scroll_to_selection(map_pane *m)
{
    long line = m->n ? (long)m->line_of[m->sel] : 0;
    if (m->n && m->lines[line].lane_start == 0 && line > 0 && line - 1 < m->top)
        line--; /* keep the lane's label row in view with its second row */
    if (line < m->top)
        m->top = (int)line;
    if (m->n && (long)m->line_of[m->sel] >= m->top + m->grid_h)
        m->top = (int)m->line_of[m->sel] - m->grid_h + 1;
    long max_top = (long)m->nlines - m->grid_h;
    if (m->top > max_top)
        m->top = max_top > 0 ? (int)max_top : 0;
    if (m->top < 0)
        m->top = 0;
}

/* ---- drawing ---- */

/* Draws text at *x if it fits before maxx (with a two-column gap after); 0 when it does not. */
static int put_part(WINDOW *w, int y, int *x, int maxx, const char *text, attr_t attr)
{
    int width = xl_str_width(text);
    if (*x + width > maxx)
        return 0;
    ui_text_put(w, y, *x, width, text, attr);
    *x += width + 2;
    return 1;
}

/* What the lists' overlays say about building i: "未办结问题 2（隐患 1）· 逾期行动 1",
 * "上次小圆桌 2025-03-02（268 天前）". Empty for the other overlays. */
static void overlay_info(const map_pane *m, size_t i, char *out, size_t size)
{
    out[0] = '\0';
    if (m->overlay == OV_ITEMS && m->items)
        ui_format(out, size, _(MAP_INFO_ITEMS_FMT), m->items[i].open_problems,
                  m->items[i].open_hazards, m->items[i].overdue_actions);
    else if (m->overlay == OV_ROUNDTABLE && m->ages && m->ages[i].days < 0)
        snprintf(out, size, "%s", _(MTG_STALE_NEVER));
    else if (m->overlay == OV_ROUNDTABLE && m->ages)
        ui_format(out, size, _(MAP_INFO_RT_FMT), m->ages[i].last, m->ages[i].days);
}

static void draw_info(map_pane *m, WINDOW *w, int width)
{
    const xl_building_summary *b = &m->b[m->sel];
    char buf[4][160], extra[160];
    int x = 1;
    overlay_info(m, m->sel, extra, sizeof extra);
    if (b->declared > 0)
        ui_format(buf[0], sizeof buf[0], _(INFO_RATE_FMT), b->residents, b->declared,
                  ui_percent(b->rate));
    else
        ui_format(buf[0], sizeof buf[0], _(INFO_RATE_NONE_FMT), b->residents);
    if (b->pioneer_group > 0)
        ui_format(buf[1], sizeof buf[1], _(STAT_GROUP_FMT), b->pioneer_group);
    else
        snprintf(buf[1], sizeof buf[1], "%s %s", _(PIONEER_GROUP), _(GROUP_NONE));
    ui_format(buf[2], sizeof buf[2], _(INFO_PARTY_FMT), b->party_households);
    ui_format(buf[3], sizeof buf[3], _(BUILDING_FMT), b->number);
    if (!put_part(w, 0, &x, width, buf[3], ui_attr(UI_C_HEADING)) ||
        !put_part(w, 0, &x, width, b->lane, ui_attr(UI_C_LANE)) ||
        (extra[0] && !put_part(w, 0, &x, width, extra, ui_attr(UI_C_LABEL))))
        return;
    for (int i = 0; i < 3; i++)
        if (!put_part(w, 0, &x, width, buf[i], ui_attr(UI_C_NORMAL)))
            return;
}

static void draw_cell(map_pane *m, WINDOW *w, int y, int x, size_t i)
{
    const ov_class *c = &classes[m->overlay][map_class(m, i)];
    char text[16];
    attr_t attr = ui_attr(c->role);
    if (i == m->sel)
        attr = (attr ^ A_REVERSE) | A_BOLD;
    snprintf(text, sizeof text, "%*d%c", m->num_w, m->b[i].number, c->marker);
    ui_text_put(w, y, x, m->cell_w - 1, text, attr);
}

static void draw_line(map_pane *m, WINDOW *w, int y, const map_line *ln)
{
    if (ln->lane_start)
        ui_text_put(w, y, 1, m->label_w - 2, m->b[ln->first].lane, ui_attr(UI_C_LANE));
    for (int k = 0; k < ln->count; k++)
        draw_cell(m, w, y, m->label_w + k * m->cell_w, ln->first + (size_t)k);
}

static void draw_legend_class(WINDOW *w, int y, int *x, int maxx, const ov_class *c, int days)
{
    char swatch[4] = {' ', c->marker, ' ', '\0'};
    char label[64];
    if (c->group)
        ui_format(label, sizeof label, xl_tr(c->label), c->group < 0 ? days : c->group);
    else
        snprintf(label, sizeof label, "%s", xl_tr(c->label));
    if (*x + 4 + xl_str_width(label) > maxx)
        return;
    ui_text_put(w, y, *x, 3, swatch, ui_attr(c->role));
    *x += 4;
    put_part(w, y, x, maxx, label, ui_attr(UI_C_NORMAL));
    *x += 1;
}

static void draw_legend(map_pane *m, WINDOW *w, int y, int width)
{
    char head[96], total[64];
    int x = 1;
    ui_format(head, sizeof head, _(OVERLAY_FMT), xl_tr(overlays[m->overlay].title));
    ui_format(total, sizeof total, _(BUILDINGS_TOTAL_FMT), m->n);
    put_part(w, y, &x, width - 1, head, ui_attr(UI_C_LABEL));
    x += 1;
    for (int k = 0; k < nclasses[m->overlay]; k++)
        if (k != optional_class[m->overlay] || m->present[k])
            draw_legend_class(w, y, &x, width - 1, &classes[m->overlay][k], m->stale_days);
    int right = width - 1 - xl_str_width(total); /* the count, when there is room */
    if (right >= x + 2)
        ui_text_put(w, y, right, width - right, total, ui_attr(UI_C_DIM));
}

static void map_draw(void *self, WINDOW *w)
{
    map_pane *m = self;
    int height = getmaxy(w), width = getmaxx(w);
    werase(w);
    if (m->n == 0 && !m->err[0]) {
        ui_firstrun_draw(w);
        return;
    }
    if (m->n == 0) {
        ui_text_wrap(w, 1, 2, width - 4, height - 2, m->err, ui_attr(UI_C_ERROR));
        return;
    }
    m->grid_y = 2, m->grid_h = height - 4;
    layout(m, width, m->grid_h);
    scroll_to_selection(m);
    draw_info(m, w, width);
    for (int r = 0; r < m->grid_h && (size_t)(m->top + r) < m->nlines; r++)
        draw_line(m, w, m->grid_y + r, &m->lines[m->top + r]);
    draw_legend(m, w, height - 1, width);
}

/* ---- movement ---- */

/* The line dir rows away from line, skipping the blanks between lanes. */
static size_t step_line(const map_pane *m, size_t line, int dir, int steps)
{
    while (steps-- > 0) {
        size_t next = line;
        do {
            if ((dir < 0 && next == 0) || (dir > 0 && next + 1 >= m->nlines))
                return line;
            next = dir < 0 ? next - 1 : next + 1;
        } while (m->lines[next].count == 0);
        line = next;
    }
    return line;
}

static void move_rows(map_pane *m, int dir, int steps)
{
    if (!m->lines)
        return;
    size_t line = m->line_of[m->sel];
    size_t col = m->sel - m->lines[line].first;
    const map_line *to = &m->lines[step_line(m, line, dir, steps)];
    m->sel = to->first + (col < (size_t)to->count ? col : (size_t)to->count - 1);
}

static void map_select(map_pane *m, ui_action act)
{
    int page = m->grid_h > 2 ? m->grid_h - 1 : 1;
    switch (act) {
    case UI_ACT_UP: move_rows(m, -1, 1); break;
    case UI_ACT_DOWN: move_rows(m, 1, 1); break;
    case UI_ACT_PAGE_UP: move_rows(m, -1, page); break;
    case UI_ACT_PAGE_DOWN: move_rows(m, 1, page); break;
    case UI_ACT_LEFT: m->sel -= m->sel > 0; break;
    case UI_ACT_RIGHT: m->sel += m->sel + 1 < m->n; break;
    case UI_ACT_FIRST: m->sel = 0; break;
    case UI_ACT_LAST: m->sel = m->n - 1; break;
    default: break;
    }
}

/* ---- keys ---- */

static void next_overlay(map_pane *m);

static int accept_digit(int ch)
{
    return ch >= '0' && ch <= '9';
}

static int goto_done(void *ctx, ui_app *app, const char *text)
{
    map_pane *m = ctx;
    if (!*text)
        return UI_REDRAW;
    int number = atoi(text);
    long i = find_number(m, number);
    if (i < 0) {
        ui_app_message(app, 1, _(E_NO_BUILDING_FMT), number);
        return UI_REDRAW;
    }
    m->sel = (size_t)i;
    return ui_card_open(app, number);
}

/* With no buildings only the first-run keys work; with buildings, all but those. */
static int map_offers(void *self, ui_action act)
{
    const map_pane *m = self;
    int first = act == UI_ACT_FIRST_TEMPLATE || act == UI_ACT_FIRST_IMPORT;
    return m->n == 0 ? first : !first;
}

static int map_key(void *self, ui_app *app, int key)
{
    map_pane *m = self;
    ui_action act = UI_KEYS_MATCH(key, map_actions);
    if (act == UI_ACT_NONE || !map_offers(m, act))
        return UI_IGNORED;
    if (m->n == 0)
        return ui_firstrun_key(app, act);
    switch (act) {
    case UI_ACT_OPEN:
        return ui_card_open(app, m->b[m->sel].number);
    case UI_ACT_QR:
        return ui_qrview_open(app, m->b[m->sel].number);
    case UI_ACT_OVERLAY:
        next_overlay(m);
        return UI_REDRAW;
    case UI_ACT_GOTO:
        ui_app_prompt(app, &(ui_prompt_spec){_(GOTO_PROMPT), 5, accept_digit, goto_done, m});
        return UI_REDRAW;
    default:
        map_select(m, act);
        return UI_REDRAW;
    }
}

/* Building index at window position (y, x), or -1. */
static long hit_test(const map_pane *m, int y, int x)
{
    long line = (long)m->top + (y - m->grid_y);
    if (!m->lines || y < m->grid_y || y >= m->grid_y + m->grid_h || line >= (long)m->nlines ||
        x < m->label_w)
        return -1;
    const map_line *ln = &m->lines[line];
    int col = (x - m->label_w) / m->cell_w;
    if (col >= ln->count || (x - m->label_w) % m->cell_w == m->cell_w - 1)
        return -1;
    return (long)ln->first + col;
}

static int map_mouse(void *self, ui_app *app, int y, int x, unsigned long bstate)
{
    map_pane *m = self;
    if (!(bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) || m->n == 0)
        return UI_IGNORED;
    if (y == m->grid_y + m->grid_h + 1) { /* the legend: next overlay */
        next_overlay(m);
        return UI_REDRAW;
    }
    long i = hit_test(m, y, x);
    if (i < 0)
        return UI_HANDLED;
    if ((size_t)i == m->sel)
        return ui_card_open(app, m->b[i].number);
    m->sel = (size_t)i;
    return UI_REDRAW;
}

/* ---- life cycle ---- */

/* Index + 1 in m->b of each building number (0: none), for placing the lists' figures,
 * which come in number order, in the map's order: tens of thousands of buildings at a
 * district's size, so one pass rather than a sort and a search for each. */
static size_t *index_by_number(const map_pane *m, int *max)
{
    *max = 0;
    for (size_t i = 0; i < m->n; i++)
        if (m->b[i].number > *max)
            *max = m->b[i].number;
    size_t *at = xl_calloc((size_t)*max + 1, sizeof *at);
    for (size_t i = 0; i < m->n; i++)
        if (m->b[i].number > 0)
            at[m->b[i].number] = i + 1;
    return at;
}

/* The lists' figures for each building of m->b (same order); none on error. */
static void load_items(map_pane *m)
{
    xl_building_items *counts = NULL;
    size_t n = 0;
    free(m->items);
    m->items = NULL;
    if (xl_list_building_counts(m->db, &counts, &n, NULL) != XL_OK)
        return;
    int max;
    size_t *at = index_by_number(m, &max);
    m->items = xl_calloc(m->n + 1, sizeof *m->items);
    for (size_t k = 0; k < n; k++)
        if (counts[k].building > 0 && counts[k].building <= max && at[counts[k].building])
            m->items[at[counts[k].building] - 1] = counts[k];
    free(at);
    free(counts);
}

static void load_ages(map_pane *m)
{
    xl_roundtable_age *ages = NULL;
    size_t n = 0;
    free(m->ages);
    m->ages = NULL;
    if (xl_roundtable_ages(m->db, m->stale_days, 0, &ages, &n, NULL) != XL_OK)
        return;
    int max;
    size_t *at = index_by_number(m, &max);
    m->ages = xl_calloc(m->n + 1, sizeof *m->ages);
    for (size_t i = 0; i < m->n; i++)
        m->ages[i] = (xl_roundtable_age){.building = m->b[i].number, .days = -1, .stale = 1};
    for (size_t k = 0; k < n; k++)
        if (ages[k].building > 0 && ages[k].building <= max && at[ages[k].building])
            m->ages[at[ages[k].building] - 1] = ages[k];
    free(at);
    free(ages);
}

/* The lists' figures are read only for their own overlay (when it is shown, and again each
 * time it comes round): at a district's size each is several milliseconds more on every
 * load of the map, for overlays most desks never show. */
static void load_overlay(map_pane *m)
{
    free(m->items);
    free(m->ages);
    m->items = NULL, m->ages = NULL;
    if (m->overlay == OV_ITEMS)
        load_items(m);
    else if (m->overlay == OV_ROUNDTABLE)
        load_ages(m);
    count_classes(m);
}

static void next_overlay(map_pane *m)
{
    m->overlay = (m->overlay + 1) % OV_COUNT;
    load_overlay(m);
}

/* Read again only what may have changed: the map is reloaded on coming back from a card or
 * to its tab, which at a district's size (tens of thousands of buildings) is worth skipping
 * when nothing was written. */
static void map_reload(void *self, ui_app *app)
{
    map_pane *m = self;
    xl_buildings_mark now;
    xl_buildings_mark_take(m->db, &now);
    if (m->mark.today[0] && xl_buildings_mark_same(&now, &m->mark))
        return;
    xl_building_summary *list = NULL;
    size_t n = 0;
    xl_err err;
    xl_err_clear(&err);
    if (xl_buildings_list(m->db, &list, &n, &err) != XL_OK) {
        xl_strlcpy_utf8(m->err, err.msg, sizeof m->err);
        ui_app_message(app, 1, "%s", err.msg);
        return;
    }
    int keep = m->n ? m->b[m->sel].number : -1;
    xl_qsort(list, n, sizeof *list, cmp_position);
    xl_buildings_free(m->b);
    m->b = list, m->n = n, m->sel = 0, m->err[0] = '\0';
    long i = find_number(m, keep);
    if (i >= 0)
        m->sel = (size_t)i;
    m->lay_w = -1;
    load_overlay(m);
    m->mark = now;
}

static const char *map_title(void *self)
{
    return _(PANE_MAP);
}

static void map_free(void *self)
{
    map_pane *m = self;
    xl_buildings_free(m->b);
    free(m->lines);
    free(m->line_of);
    free(m->items);
    free(m->ages);
    free(m);
}

static const pane_ops map_ops = {
    .title = map_title,
    .draw = map_draw,
    .key = map_key,
    .mouse = map_mouse,
    .reload = map_reload,
    .free = map_free,
    UI_PANE_KEYS(map_actions, map_hints),
    .offers = map_offers,
};

ui_pane ui_map_new(ui_app *app)
{
    map_pane *m = xl_calloc(1, sizeof *m);
    const char *want = ui_app_config(app)->map_overlay;
    m->db = ui_app_db(app);
    m->lay_w = -1;
    m->stale_days = ui_app_config(app)->roundtable_days;
    for (int i = 0; i < OV_COUNT; i++)
        if (strcmp(want, overlays[i].name) == 0)
            m->overlay = i;
    map_reload(m, app);
    return (ui_pane){&map_ops, m};
}
