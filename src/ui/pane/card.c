/* card.c — the building card (楼栋卡片), opened over the map: who answers for the building,
 * its grid, its registration rate and every room with the people living there now. The
 * header stays put; the room table scrolls. e edits the building, r adds or edits a room,
 * D removes one (cardedit.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/pane/cform.h"
#include "ui/pane/lists_ui.h"
#include "ui/panes.h"
#include "ui/pane/qrview.h"
#include "ui/pane/register.h"
#include "ui/theme.h"
#include "ui/widget/listview.h"
#include "ui/widget/uitext.h"
#include "xiangli/building.h"
#include "xiangli/chase.h"
#include "xiangli/i18n.h"
#include "xiangli/lists.h"
#include "xiangli/mem.h"
#include "xiangli/model.h"
#include "xiangli/text.h"

/* One table row: a resident of a room (res >= 0) or an empty room (res == -1). */
typedef struct card_row {
    size_t room;
    long res;
    int first; /* first row of its room: the room number is shown */
} card_row;

typedef struct card_pane {
    int number;
    xl_building_card c;
    card_row *rows;
    size_t nrows;
    xl_list_page open;   /* the building's open items (the four lists) */
    ui_listview lv; /* over rows: the selected room row is where a signs in */
    const int *draw_cw; /* the column widths, while the rows draw */
    char title[64];
    char chased[160];   /* when the stale list was last chased, and how */
} card_pane;

/* X(column, heading message, width cap; 0 = none) in the order drawn. */
#define CARD_COLUMNS(X)      \
    X(ROOM, ROOM, 8)         \
    X(OCC, OCCUPANCY, 0)     \
    X(NAME, NAME, 16)        \
    X(ROLE, ROLE, 0)         \
    X(SINCE, SINCE, 0)       \
    X(ID, ID_NUMBER, 0)      \
    X(PHONE, PHONE, 0)

enum {
#define CARD_X(id, msg, cap) COL_##id,
    CARD_COLUMNS(CARD_X)
#undef CARD_X
    COL_COUNT
};

static const struct {
    xl_msg head;
    int cap;
} columns[COL_COUNT] = {
#define CARD_X(id, msg, cap) [COL_##id] = {XL_MSG_##msg, cap},
    CARD_COLUMNS(CARD_X)
#undef CARD_X
};

enum { HEADER_ROWS = 8, COL_GAP = 2 };

static const ui_action card_actions[] = {
    UI_ACT_UP, UI_ACT_DOWN, UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN, UI_ACT_FIRST, UI_ACT_LAST,
    UI_ACT_QR, UI_ACT_RESPONSIBLE, UI_ACT_BUILDING_EDIT, UI_ACT_ROOM_EDIT, UI_ACT_ROOM_REMOVE,
    UI_ACT_SIGNIN,
};
static const ui_action card_hints[] = {
    UI_ACT_SIGNIN, UI_ACT_DOWN, UI_ACT_HELP, UI_ACT_BACK, UI_ACT_QR, UI_ACT_RESPONSIBLE,
    UI_ACT_BUILDING_EDIT, UI_ACT_ROOM_EDIT,
};

static const char *role_label(const char *key) { return xl_role_label_of(key); }

static const char *or_none(const char *s)
{
    return s && *s ? s : _(NONE);
}

/* ---- rows ---- */

static void build_rows(card_pane *p)
{
    const xl_building_card *c = &p->c;
    free(p->rows);
    p->rows = xl_calloc(c->nrooms + c->nresidents + 1, sizeof *p->rows);
    p->nrows = 0;
    for (size_t r = 0; r < c->nrooms; r++) {
        int first = 1;
        for (size_t k = 0; k < c->nresidents; k++) {
            if (strcmp(c->residents[k].room, c->rooms[r].room) != 0)
                continue;
            p->rows[p->nrows++] = (card_row){r, (long)k, first};
            first = 0;
        }
        if (first)
            p->rows[p->nrows++] = (card_row){r, -1, 1};
    }
}

/* The text of one cell; buf holds formatted numbers. */
static const char *cell_text(const card_pane *p, const card_row *row, int col, char *buf,
                             size_t size)
{
    const xl_card_room *room = &p->c.rooms[row->room];
    const xl_card_resident *res = row->res >= 0 ? &p->c.residents[row->res] : NULL;
    switch (col) {
    case COL_ROOM: return row->first ? room->room : "";
    case COL_OCC:
        if (!row->first)
            return "";
        snprintf(buf, size, "%d/%d", room->residents, room->declared);
        return buf;
    case COL_NAME: return res ? res->name : _(ROOM_EMPTY);
    case COL_ROLE: return res ? role_label(res->role) : "";
    case COL_SINCE: return res ? res->moved_in : "";
    case COL_ID: return res ? res->id_masked : "";
    default: return res ? res->phone_masked : "";
    }
}

/* Column widths for a window width cols; a column that does not fit gets width 0. */
static void column_widths(const card_pane *p, int cols, int w[COL_COUNT])
{
    char buf[32];
    int total = 1;
    for (int c = 0; c < COL_COUNT; c++) {
        w[c] = xl_str_width(xl_tr(columns[c].head));
        for (size_t r = 0; r < p->nrows; r++) {
            if (c == COL_NAME && p->rows[r].res < 0)
                continue; /* "(nobody)" runs on over the empty columns */
            int cw = xl_str_width(cell_text(p, &p->rows[r], c, buf, sizeof buf));
            if (cw > w[c])
                w[c] = cw;
        }
        if (columns[c].cap && w[c] > columns[c].cap)
            w[c] = columns[c].cap;
        total += w[c] + COL_GAP;
    }
    for (int c = COL_COUNT - 1; c > COL_NAME && total > cols; c--) {
        total -= w[c] + COL_GAP; /* the rightmost columns go first */
        w[c] = 0;
    }
    if (total > cols)
        w[COL_NAME] = w[COL_NAME] - (total - cols) > 4 ? w[COL_NAME] - (total - cols) : 4;
}

/* ---- drawing ---- */

static void draw_values(WINDOW *w, int y, int x, const char *const *vals, int n, attr_t attr)
{
    for (int i = 0; i < n && x < getmaxx(w); i++) {
        if (!vals[i] || !*vals[i])
            continue;
        x += ui_text_put(w, y, x, getmaxx(w) - x, vals[i], attr) + COL_GAP;
    }
}

static void draw_field(WINDOW *w, int y, int label_w, xl_msg label, const char *const *vals,
                       int n, attr_t attr)
{
    ui_text_put(w, y, 1, label_w, xl_tr(label), ui_attr(UI_C_LABEL));
    draw_values(w, y, 1 + label_w + COL_GAP, vals, n, attr);
}

static int field_label_width(void)
{
    static const xl_msg labels[] = {XL_MSG_OWNER, XL_MSG_RESPONSIBLE, XL_MSG_PIONEER_GROUP,
                                    XL_MSG_MICRO_GRID, XL_MSG_REG_RATE};
    int width = 0;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (xl_str_width(xl_tr(labels[i])) > width)
            width = xl_str_width(xl_tr(labels[i]));
    return width;
}

static void draw_title(const card_pane *p, WINDOW *w)
{
    char floors[32];
    ui_format(floors, sizeof floors, _(FLOORS_FMT), p->c.floors);
    const char *vals[] = {p->c.s.lane, floors};
    int x = 1 + ui_text_put(w, 0, 1, getmaxx(w) - 2, p->title, ui_attr(UI_C_HEADING));
    draw_values(w, 0, x + COL_GAP, vals, 2, ui_attr(UI_C_LANE));
}

static void draw_header(const card_pane *p, WINDOW *w)
{
    const xl_building_card *c = &p->c;
    char resp[160], group[32], rate[64];
    int lw = field_label_width();
    ui_format(resp, sizeof resp, _(NAME_ROLE_FMT), or_none(c->resp_name), role_label(c->resp_role));
    if (c->s.pioneer_group > 0)
        ui_format(group, sizeof group, _(GROUP_FMT), c->s.pioneer_group);
    else
        snprintf(group, sizeof group, "%s", _(GROUP_NONE));
    if (c->s.declared > 0)
        ui_format(rate, sizeof rate, _(RATE_VALUE_FMT), c->s.residents, c->s.declared,
                  ui_percent(c->s.rate));
    else
        ui_format(rate, sizeof rate, _(RATE_VALUE_NONE_FMT), c->s.residents);
    const char *owner[] = {or_none(c->owner_name), c->owner_phone_masked};
    const char *rp[] = {c->resp_name[0] ? resp : _(NONE), c->resp_phone_masked, p->chased};
    const char *grid[] = {or_none(c->micro_grid), _(GRID_LEADER), or_none(c->grid_leader),
                          c->grid_leader_phone_masked};
    const char *gr[] = {group}, *rt[] = {rate};
    draw_title(p, w);
    draw_field(w, 2, lw, XL_MSG_OWNER, owner, 2, ui_attr(UI_C_NORMAL));
    draw_field(w, 3, lw, XL_MSG_RESPONSIBLE, rp, 3, ui_attr(UI_C_NORMAL) | A_BOLD);
    draw_field(w, 4, lw, XL_MSG_PIONEER_GROUP, gr, 1, ui_attr(UI_C_NORMAL));
    draw_field(w, 5, lw, XL_MSG_MICRO_GRID, grid, 4, ui_attr(UI_C_NORMAL));
    draw_field(w, 6, lw, XL_MSG_REG_RATE, rt, 1, ui_attr(ui_map_rate_role(&c->s)));
}

static void draw_row(const card_pane *p, WINDOW *w, int y, const card_row *row,
                     const int cw[COL_COUNT])
{
    char buf[32];
    int x = 1;
    for (int c = 0; c < COL_COUNT; c++) {
        if (cw[c] == 0)
            continue;
        attr_t attr = ui_attr(c == COL_ROOM ? UI_C_LABEL : UI_C_NORMAL);
        int width = cw[c];
        if (c == COL_NAME && row->res < 0) {
            attr = ui_attr(UI_C_DIM);
            width = getmaxx(w) - x;
        }
        ui_text_put(w, y, x, width, cell_text(p, row, c, buf, sizeof buf), attr);
        x += cw[c] + COL_GAP;
    }
}

static void draw_table_head(WINDOW *w, int y, const int cw[COL_COUNT])
{
    int x = 1;
    ui_text_fill(w, y, 0, getmaxx(w), ui_attr(UI_C_HEADING));
    for (int c = 0; c < COL_COUNT; c++) {
        if (cw[c] == 0)
            continue;
        ui_text_put(w, y, x, cw[c], xl_tr(columns[c].head), ui_attr(UI_C_HEADING));
        x += cw[c] + COL_GAP;
    }
}

/* "1-14/17" at the right of the title row when the table scrolls. */
static void draw_position(const card_pane *p, WINDOW *w)
{
    char pos[48];
    size_t last = p->lv.top + (size_t)p->lv.page;
    if (p->nrows <= (size_t)p->lv.page)
        return;
    snprintf(pos, sizeof pos, "%zu-%zu/%zu", p->lv.top + 1, last < p->nrows ? last : p->nrows,
             p->nrows);
    ui_text_right(w, 0, getmaxx(w) - 1, getmaxx(w) / 2, pos, ui_attr(UI_C_DIM));
}

static void clamp_top(card_pane *p)
{
    ui_listview_set_count(&p->lv, p->nrows);
}

/* The open items under the header: a heading and up to a quarter of the window's rows
 * (the rooms keep the rest). Returns the rows used. */
static int draw_open_items(const card_pane *p, WINDOW *w, int y)
{
    char head[128], line[512];
    int shown = (int)p->open.n, room = (getmaxy(w) - HEADER_ROWS) / 4;
    if (p->open.n == 0)
        return 0;
    if (shown > room)
        shown = room > 1 ? room : 1;
    ui_format(head, sizeof head, _(CARD_OPEN_ITEMS_FMT), p->open.n);
    ui_text_put(w, y, 1, getmaxx(w) - 2, head, ui_attr(UI_C_LABEL));
    for (int i = 0; i < shown; i++) {
        const xl_list_row *r = &p->open.rows[i];
        attr_t attr = ui_attr(r->overdue ? UI_C_WARN : UI_C_NORMAL);
        int sw = ui_item_status_short_width();
        snprintf(line, sizeof line, "%s  %s%s%s", xl_item_kind_label(r->kind), r->title,
                 r->due[0] ? "  " : "", r->due);
        ui_text_pad(w, y + 1 + i, 3, sw, ui_item_status_short(r->status, r->overdue), attr);
        ui_text_put(w, y + 1 + i, 4 + sw, getmaxx(w) - 5 - sw, line, attr);
    }
    return 1 + shown;
}

static void draw_room_row(void *ctx, WINDOW *w, int y, size_t i, int sel)
{
    const card_pane *p = ctx;
    draw_row(p, w, y, &p->rows[i], p->draw_cw);
    if (sel) {
        attr_t a = ui_attr(UI_C_SELECTED);
        mvwchgat(w, y, 0, getmaxx(w) - 1, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL);
    }
}

static void card_draw(void *self, WINDOW *w)
{
    card_pane *p = self;
    int cw[COL_COUNT];
    werase(w);
    draw_header(p, w);
    int head = HEADER_ROWS + draw_open_items(p, w, HEADER_ROWS - 1);
    clamp_top(p);
    ui_listview_resize(&p->lv, getmaxy(w) - head);
    column_widths(p, getmaxx(w) - 1, cw);
    draw_table_head(w, head - 1, cw);
    draw_position(p, w);
    p->draw_cw = cw;
    ui_listview_draw(&p->lv, w, head, draw_room_row, p);
}

/* ---- keys and life cycle ---- */

static int card_key(void *self, ui_app *app, int key)
{
    card_pane *p = self;
    ui_action act = UI_KEYS_MATCH(key, card_actions);
    switch (act) {
    case UI_ACT_QR: return ui_qrview_open(app, p->number);
    case UI_ACT_RESPONSIBLE: return ui_resp_open(app, p->number);
    case UI_ACT_SIGNIN:
        return ui_signin_open_at(app, p->number,
                                 p->nrows ? p->c.rooms[p->rows[p->lv.sel].room].room : NULL);
    case UI_ACT_BUILDING_EDIT: return ui_card_edit_building(app, p->number);
    case UI_ACT_ROOM_EDIT: return ui_card_room_ask(app, p->number);
    case UI_ACT_ROOM_REMOVE: return ui_card_room_remove_ask(app, p->number);
    default:
        clamp_top(p);
        return ui_listview_key(&p->lv, act) ? UI_REDRAW : UI_IGNORED;
    }
}

static int card_load(card_pane *p, ui_app *app)
{
    xl_building_card c;
    xl_err err;
    xl_err_clear(&err);
    memset(&c, 0, sizeof c);
    int rc = xl_building_card_load(ui_app_db(app), p->number, &c, &err);
    if (rc == XL_ENOTFOUND)
        ui_app_message(app, 1, _(E_NO_BUILDING_FMT), p->number);
    else if (rc != XL_OK)
        ui_app_message(app, 1, "%s", err.msg);
    if (rc != XL_OK) {
        xl_building_card_release(&c);
        return rc;
    }
    xl_building_card_release(&p->c);
    p->c = c;
    build_rows(p);
    xl_list_page_release(&p->open);
    if (xl_list_building_open(ui_app_db(app), p->number, &p->open, &err) != XL_OK)
        memset(&p->open, 0, sizeof p->open); /* the rooms still show */
    ui_format(p->title, sizeof p->title, _(BUILDING_FMT), p->number);
    xl_chase_last last;
    if (xl_chase_last_load(ui_app_db(app), p->number, &last, &err) == XL_OK && last.at[0])
        ui_format(p->chased, sizeof p->chased, _(CHASE_LAST_FMT), last.at,
                  xl_chase_outcome_label(last.outcome));
    else
        ui_format(p->chased, sizeof p->chased, "%s", _(CHASE_NEVER));
    return XL_OK;
}

static void card_reload(void *self, ui_app *app)
{
    card_load(self, app);
}

static const char *card_title(void *self)
{
    return ((card_pane *)self)->title;
}

static const char *card_help_title(void *self)
{
    return _(KEYS_CARD);
}

static void card_free(void *self)
{
    card_pane *p = self;
    xl_building_card_release(&p->c);
    xl_list_page_release(&p->open);
    free(p->rows);
    free(p);
}

static const pane_ops card_ops = {
    .title = card_title,
    .help_title = card_help_title,
    .draw = card_draw,
    .key = card_key,
    .reload = card_reload,
    .free = card_free,
    UI_PANE_KEYS(card_actions, card_hints),
};

int ui_card_open(ui_app *app, int number)
{
    card_pane *p = xl_calloc(1, sizeof *p);
    ui_listview_init(&p->lv, UI_LV_FILL); /* a room row is selected: a signs in there */
    p->number = number;
    if (card_load(p, app) != XL_OK) {
        card_free(p);
        return UI_REDRAW;
    }
    ui_app_push(app, (ui_pane){&card_ops, p});
    return UI_REDRAW;
}
