/* register.c — 登记: the register of residents as a table that scrolls through all of it.
 * Rows come from an xl_register_view a window at a time (the screen's rows and a page either
 * side), never the whole table. Filters (building, role, state, moved-out history) are single
 * keys shown with their values on the top line; `/` searches as you type through xl_lookup
 * (name, pinyin, building, room, phone or ID tail) and the table shows the hits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/widget/form.h"
#include "ui/panes.h"
#include "ui/pane/register.h"
#include "ui/theme.h"
#include "ui/widget/listview.h"
#include "ui/widget/uitext.h"
#include "xiangli/building.h"
#include "xiangli/i18n.h"
#include "xiangli/lookup.h"
#include "xiangli/mem.h"
#include "xiangli/model.h"
#include "xiangli/text.h"

enum {
    SEARCH_LIMIT = 200,
    HEAD_ROWS = 2,  /* the filter line and the column heads */
    FOOT_ROWS = 1,  /* the search line */
    SEARCH_BOX = 24,
    NAME_NARROW = 8,
    NAME_WIDE = 16,
    PLACE_W = 8,    /* "326-1001" */
};

/* X(column, heading message, drop order when the window is narrow: 0 never, highest first) */
#define REG_COLUMNS(X)         \
    X(NAME, NAME, 0)           \
    X(PLACE, REG_COL_PLACE, 0) \
    X(ROLE, ROLE, 2)           \
    X(SINCE, SINCE, 3)         \
    X(OUT, REG_F_MOVED_OUT, 4)     \
    X(PHONE, PHONE, 6)         \
    X(ID, ID_NUMBER, 7)        \
    X(STATE, REG_COL_STATE, 8)

enum {
#define REG_X(id, msg, drop) COL_##id,
    REG_COLUMNS(REG_X)
#undef REG_X
    COL_COUNT
};

static const struct {
    xl_msg head;
    int drop;
} columns[COL_COUNT] = {
#define REG_X(id, msg, drop) [COL_##id] = {XL_MSG_##msg, drop},
    REG_COLUMNS(REG_X)
#undef REG_X
};

typedef enum { SR_OK, SR_NONE, SR_ROOM_HINT, SR_NO_PLACE, SR_ERROR } search_state;

typedef struct reg_pane {
    xl_db *db;
    xl_register_filter filter;
    xl_register_view *view;
    size_t count;               /* rows matching the filter */
    xl_register_row *win;       /* rows [win_off, win_off + win_n) of the register */
    size_t win_off, win_n, win_cap;
    int win_valid;
    /* search */
    int searching;              /* the search line has the keys */
    ui_field query;
    xl_register_row *hits;      /* xl_lookup's hits as rows */
    size_t nhits;
    int hits_more;              /* the query found more than SEARCH_LIMIT */
    search_state sstate;
    int show_hits;
    /* position */
    ui_listview lv;             /* over the rows (or the hits) */
    const struct reg_layout *draw_layout; /* the columns, while the table draws */
    int cur_y, cur_x;
    char err[512];
} reg_pane;

typedef struct reg_layout {
    int w[COL_COUNT];
    int gap;
} reg_layout;

static const ui_action reg_actions[] = {
    UI_ACT_UP,      UI_ACT_DOWN,  UI_ACT_PAGE_UP,         UI_ACT_PAGE_DOWN,
    UI_ACT_FIRST,   UI_ACT_LAST,  UI_ACT_OPEN_PERSON,     UI_ACT_SEARCH,
    UI_ACT_SIGNIN,  UI_ACT_FILTER_BUILDING, UI_ACT_FILTER_ROLE, UI_ACT_FILTER_STATE,
    UI_ACT_HISTORY, UI_ACT_CLEAR, UI_ACT_STALE,           UI_ACT_IMPORT,
    UI_ACT_PENDING, UI_ACT_AUDIT,
};
static const ui_action reg_hints[] = {
    UI_ACT_SEARCH, UI_ACT_OPEN_PERSON, UI_ACT_SIGNIN, UI_ACT_STALE, UI_ACT_HELP, UI_ACT_BACK,
    UI_ACT_IMPORT,  UI_ACT_AUDIT,
};

/* ---- rows ---- */

static size_t rows_total(const reg_pane *p)
{
    return p->show_hits ? p->nhits : p->count;
}

/* The list widget follows the rows shown: the register's or the search's. */
static void clamp(reg_pane *p)
{
    ui_listview_set_count(&p->lv, rows_total(p));
}

/* Reads the window around the rows on screen when they are not all held. */
static void ensure_window(reg_pane *p)
{
    size_t page = p->lv.page > 0 ? (size_t)p->lv.page : 1, end = p->lv.top + page, n = 0;
    xl_err err;
    if (end > p->count)
        end = p->count;
    if (p->show_hits || !p->view ||
        (p->win_valid && p->lv.top >= p->win_off && end <= p->win_off + p->win_n))
        return;
    size_t off = p->lv.top > page ? p->lv.top - page : 0, lim = 3 * page;
    if (lim > p->win_cap) {
        p->win = xl_reallocarray(p->win, lim, sizeof *p->win);
        p->win_cap = lim;
    }
    xl_err_clear(&err);
    p->win_valid = 0;
    if (xl_register_view_window(p->view, off, lim, p->win, &n, &err) != XL_OK) {
        xl_strlcpy_utf8(p->err, err.msg, sizeof p->err);
        return;
    }
    p->win_off = off, p->win_n = n, p->win_valid = 1;
}

static const xl_register_row *row_at(reg_pane *p, size_t i)
{
    if (p->show_hits)
        return i < p->nhits ? &p->hits[i] : NULL;
    if (!p->win_valid || i < p->win_off || i >= p->win_off + p->win_n)
        return NULL;
    return &p->win[i - p->win_off];
}

static void count_rows(reg_pane *p)
{
    xl_err err;
    xl_err_clear(&err);
    p->win_valid = 0;
    if (!p->view)
        return;
    if (xl_register_view_count(p->view, &p->count, &err) != XL_OK) {
        p->count = 0;
        xl_strlcpy_utf8(p->err, err.msg, sizeof p->err);
    }
}

static void open_view(reg_pane *p)
{
    xl_err err;
    xl_err_clear(&err);
    xl_register_view_close(p->view);
    p->view = NULL;
    p->err[0] = '\0';
    p->lv.sel = p->lv.top = 0;
    if (xl_register_view_open(p->db, &p->filter, &p->view, &err) != XL_OK)
        xl_strlcpy_utf8(p->err, err.msg, sizeof p->err);
    count_rows(p);
}

/* ---- search ---- */

static void hit_to_row(const xl_hit *h, xl_register_row *r)
{
    memset(r, 0, sizeof *r);
    r->person_id = h->person_id;
    xl_strlcpy_utf8(r->name, h->name, sizeof r->name);
    r->building = h->building;
    xl_strlcpy_utf8(r->room, h->room, sizeof r->room);
    xl_strlcpy_utf8(r->role, h->role, sizeof r->role);
    xl_strlcpy_utf8(r->moved_in, h->moved_in, sizeof r->moved_in);
    xl_strlcpy_utf8(r->moved_out, h->moved_out, sizeof r->moved_out);
    xl_strlcpy_utf8(r->phone_masked, h->phone_masked, sizeof r->phone_masked);
    xl_strlcpy_utf8(r->id_masked, h->id_masked, sizeof r->id_masked);
    r->complete = h->complete;
}

static void hits_clear(reg_pane *p)
{
    free(p->hits);
    p->hits = NULL;
    p->nhits = 0;
    p->hits_more = 0;
}

static search_state state_of(int rc, const char *query)
{
    if (rc == XL_EUSAGE)
        return strchr(query, '-') ? SR_ROOM_HINT : SR_NONE;
    if (rc == XL_ENOTFOUND)
        return SR_NO_PLACE;
    return SR_ERROR;
}

/* Runs the query as it stands; an empty one shows the register again. */
static void run_search(reg_pane *p)
{
    xl_lookup_result res;
    xl_err err;
    xl_err_clear(&err);
    hits_clear(p);
    p->lv.sel = p->lv.top = 0;
    p->show_hits = strspn(p->query.text, " ") < strlen(p->query.text); /* not blank */
    p->sstate = SR_OK;
    if (!p->show_hits)
        return;
    int rc = xl_lookup(p->db, p->query.text, SEARCH_LIMIT + 1, &res, &err);
    if (rc != XL_OK) {
        p->sstate = state_of(rc, p->query.text);
        if (p->sstate == SR_ERROR)
            xl_strlcpy_utf8(p->err, err.msg, sizeof p->err);
        return;
    }
    p->hits_more = res.n > SEARCH_LIMIT;
    p->nhits = p->hits_more ? SEARCH_LIMIT : res.n;
    p->hits = xl_calloc(p->nhits + 1, sizeof *p->hits);
    for (size_t i = 0; i < p->nhits; i++)
        hit_to_row(&res.hits[i], &p->hits[i]);
    p->sstate = res.n ? SR_OK : SR_NONE;
    xl_lookup_release(&res);
}

static void search_clear(reg_pane *p)
{
    ui_field_set(&p->query, "");
    p->searching = 0;
    p->show_hits = 0;
    p->sstate = SR_OK;
    p->err[0] = '\0';
    hits_clear(p);
    p->lv.sel = p->lv.top = 0;
}

/* ---- layout ---- */

static int widest(const char *const *labels, int n)
{
    int width = 0;
    for (int i = 0; i < n; i++)
        if (xl_str_width(labels[i]) > width)
            width = xl_str_width(labels[i]);
    return width;
}

static int value_width(int col)
{
    const char *states[] = {_(REG_STATE_COMPLETE), _(REG_STATE_INCOMPLETE)};
    switch (col) {
    case COL_NAME: return NAME_NARROW;
    case COL_PLACE: return PLACE_W;
    case COL_ROLE: return widest(ui_role_choices(), XL_ROLE_COUNT);
    case COL_SINCE: case COL_OUT: return 10;
    case COL_PHONE: return 11;
    case COL_ID: return 18;
    default: return widest(states, 2);
    }
}

static int layout_total(const reg_layout *l)
{
    int total = 1, shown = 0;
    for (int c = 0; c < COL_COUNT; c++)
        if (l->w[c] > 0)
            total += l->w[c], shown++;
    return total + (shown > 1 ? (shown - 1) * l->gap : 0);
}

static void drop_one(reg_layout *l)
{
    int worst = -1;
    for (int c = 0; c < COL_COUNT; c++)
        if (l->w[c] > 0 && columns[c].drop > 0 && (worst < 0 || columns[c].drop > columns[worst].drop))
            worst = c;
    if (worst >= 0)
        l->w[worst] = 0;
    else
        l->w[COL_NAME] = 4; /* nothing left to drop: only a very narrow window gets here */
}

/* Column widths for cols columns: two-column gaps when they fit, else one; then the columns
 * that matter least go; what is left over widens the name. Widths come from the headings and
 * the widest value a column can hold, so they do not jump while scrolling. */
static void layout_columns(const reg_pane *p, int cols, reg_layout *l)
{
    int show_out = p->show_hits || p->filter.include_history;
    for (int c = 0; c < COL_COUNT; c++) {
        int head = xl_str_width(xl_tr(columns[c].head)), val = value_width(c);
        l->w[c] = head > val ? head : val;
    }
    if (!show_out)
        l->w[COL_OUT] = 0;
    l->gap = 2;
    if (layout_total(l) > cols)
        l->gap = 1;
    for (int guard = 0; layout_total(l) > cols && guard < COL_COUNT; guard++)
        drop_one(l);
    int extra = cols - layout_total(l);
    if (extra > 0)
        l->w[COL_NAME] += extra < NAME_WIDE - l->w[COL_NAME] ? extra : NAME_WIDE - l->w[COL_NAME];
}

/* ---- drawing ---- */

static const char *cell_text(const xl_register_row *r, int col, char *buf, size_t size)
{
    switch (col) {
    case COL_NAME: return r->name;
    case COL_PLACE: ui_place_format(buf, size, r->building, r->room); return buf;
    case COL_ROLE: return ui_role_label(r->role);
    case COL_SINCE: return r->moved_in;
    case COL_OUT: return r->moved_out;
    case COL_PHONE: return r->phone_masked;
    case COL_ID: return r->id_masked;
    default:
        if (r->complete < 0)
            return "";
        return r->complete ? _(REG_STATE_COMPLETE) : _(REG_STATE_INCOMPLETE);
    }
}

static void draw_row(WINDOW *w, int y, const xl_register_row *r, const reg_layout *l, int selected)
{
    char buf[48];
    attr_t base = ui_attr(selected ? UI_C_SELECTED : r->moved_out[0] ? UI_C_DIM : UI_C_NORMAL);
    int x = 1;
    if (selected)
        ui_text_fill(w, y, 0, getmaxx(w), base);
    for (int c = 0; c < COL_COUNT; c++) {
        if (l->w[c] == 0)
            continue;
        attr_t attr = base;
        if (c == COL_STATE && r->complete == 0 && !selected)
            attr = ui_attr(UI_C_WARN);
        ui_text_put(w, y, x, l->w[c], cell_text(r, c, buf, sizeof buf), attr);
        x += l->w[c] + l->gap;
    }
}

static void draw_heads(WINDOW *w, int y, const reg_layout *l)
{
    int x = 1;
    ui_text_fill(w, y, 0, getmaxx(w), ui_attr(UI_C_HEADING));
    for (int c = 0; c < COL_COUNT; c++) {
        if (l->w[c] == 0)
            continue;
        ui_text_put(w, y, x, l->w[c], xl_tr(columns[c].head), ui_attr(UI_C_HEADING));
        x += l->w[c] + l->gap;
    }
}

/* "b 楼栋 全部": the key, what it filters and the value now; returns the next column. */
static int draw_filter(WINDOW *w, int x, int maxx, ui_action act, xl_msg label, const char *value,
                       int active)
{
    char key[16], text[96];
    ui_keys_first(act, key, sizeof key);
    ui_format(text, sizeof text, "%s %s", xl_tr(label), value);
    if (x + xl_str_width(key) + 1 + xl_str_width(text) > maxx)
        return x;
    x += ui_text_put(w, 0, x, maxx - x, key, ui_attr(UI_C_STATUS_KEY)) + 1;
    x += ui_text_put(w, 0, x, maxx - x, text, ui_attr(active ? UI_C_HEADING : UI_C_NORMAL));
    return x + 3;
}

static void draw_filters(const reg_pane *p, WINDOW *w, int maxx)
{
    char building[32];
    const xl_register_filter *f = &p->filter;
    const char *states[] = {_(REG_ALL), _(REG_STATE_COMPLETE), _(REG_STATE_INCOMPLETE)};
    int x = 1;
    if (p->show_hits) {
        ui_text_put(w, 0, 1, maxx - 1, _(REG_SEARCH_RESULTS), ui_attr(UI_C_HEADING));
        return;
    }
    if (f->building > 0)
        ui_format(building, sizeof building, _(BUILDING_FMT), f->building);
    else
        snprintf(building, sizeof building, "%s", _(REG_ALL));
    x = draw_filter(w, x, maxx, UI_ACT_FILTER_BUILDING, XL_MSG_BUILDING, building,
                    f->building > 0);
    x = draw_filter(w, x, maxx, UI_ACT_FILTER_ROLE, XL_MSG_ROLE,
                    f->role >= 0 ? ui_role_choices()[f->role] : _(REG_ALL), f->role >= 0);
    x = draw_filter(w, x, maxx, UI_ACT_FILTER_STATE, XL_MSG_PEND_COL_STATE, states[f->state],
                    f->state != XL_REG_ALL);
    draw_filter(w, x, maxx, UI_ACT_HISTORY, XL_MSG_REG_FILTER_HISTORY,
                f->include_history ? _(REG_HISTORY_SHOWN) : _(REG_HISTORY_HIDDEN),
                f->include_history);
}

/* "第 N / M 条" at the right of the top line; returns where it starts. */
static int draw_position(const reg_pane *p, WINDOW *w)
{
    char pos[64];
    size_t total = rows_total(p);
    if (total == 0)
        return getmaxx(w);
    ui_format(pos, sizeof pos, _(REG_POS_FMT), p->lv.sel + 1, total);
    return ui_text_right(w, 0, getmaxx(w) - 1, getmaxx(w) / 2, pos, ui_attr(UI_C_DIM));
}

static const char *search_status(const reg_pane *p, char *buf, size_t size, ui_color_role *role)
{
    *role = UI_C_DIM;
    if (!p->show_hits)
        return p->searching ? _(REG_SEARCH_TYPING) : "";
    switch (p->sstate) {
    case SR_OK:
        *role = UI_C_NORMAL;
        if (p->hits_more)
            ui_format(buf, size, _(REG_SEARCH_MORE_FMT), (size_t)SEARCH_LIMIT);
        else
            ui_format(buf, size, _(REG_SEARCH_HITS_FMT), p->nhits);
        return buf;
    case SR_ROOM_HINT: return _(REG_SEARCH_ROOM_HINT);
    case SR_NO_PLACE: return _(REG_SEARCH_NO_PLACE); /* dim: "127-30" on the way to 127-302 */
    case SR_ERROR: *role = UI_C_WARN; return p->err;
    default: *role = UI_C_WARN; return _(PICK_NOTHING);
    }
}

static void draw_search(reg_pane *p, WINDOW *w, int y)
{
    char buf[128];
    ui_color_role role;
    int maxx = getmaxx(w) - 1, x = 1;
    p->cur_y = -1;
    if (!p->searching && !p->show_hits) {
        ui_text_put(w, y, 1, maxx - 1, _(REG_SEARCH_PLACEHOLDER), ui_attr(UI_C_DIM));
        return;
    }
    x += ui_text_put(w, y, x, maxx - x, _(REG_SEARCH_LABEL), ui_attr(UI_C_LABEL));
    if (p->searching) {
        p->query.width = SEARCH_BOX < maxx - x - 10 ? SEARCH_BOX : maxx - x - 10;
        p->cur_x = ui_field_draw_text(w, y, x, &p->query, 1);
        p->cur_y = y;
        x += p->query.width + 2;
    } else {
        x += ui_text_put(w, y, x, maxx - x, p->query.text, ui_attr(UI_C_HEADING)) + 2;
    }
    const char *status = search_status(p, buf, sizeof buf, &role);
    x += ui_text_put(w, y, x, maxx - x, status, ui_attr(role));
    if (!p->searching)
        ui_text_put(w, y, x + 3, maxx - x - 3, _(REG_SEARCH_CLEAR), ui_attr(UI_C_DIM));
}

static void draw_table_row(void *ctx, WINDOW *w, int y, size_t i, int sel)
{
    reg_pane *p = ctx;
    const xl_register_row *row = row_at(p, i);
    if (row)
        draw_row(w, y, row, p->draw_layout, sel);
}

static void draw_table(reg_pane *p, WINDOW *w, const reg_layout *l)
{
    const char *empty = p->show_hits ? "" : _(REG_EMPTY);
    if (p->err[0] && (!p->show_hits || p->sstate == SR_ERROR)) {
        ui_text_wrap(w, HEAD_ROWS, 1, getmaxx(w) - 2, p->lv.page, p->err, ui_attr(UI_C_ERROR));
        return;
    }
    if (rows_total(p) == 0) {
        ui_text_wrap(w, HEAD_ROWS + 1, 2, getmaxx(w) - 4, p->lv.page, empty, ui_attr(UI_C_DIM));
        return;
    }
    ensure_window(p);
    p->draw_layout = l;
    ui_listview_draw(&p->lv, w, HEAD_ROWS, draw_table_row, p);
}

static void reg_draw(void *self, WINDOW *w)
{
    reg_pane *p = self;
    reg_layout l;
    werase(w);
    ui_listview_resize(&p->lv, getmaxy(w) - HEAD_ROWS - FOOT_ROWS);
    clamp(p);
    layout_columns(p, getmaxx(w) - 1, &l);
    int right = draw_position(p, w);
    draw_filters(p, w, right - 2);
    draw_heads(w, 1, &l);
    draw_table(p, w, &l);
    draw_search(p, w, getmaxy(w) - 1);
}

static int reg_cursor(void *self, int *y, int *x)
{
    reg_pane *p = self;
    if (!p->searching || p->cur_y < 0)
        return 0;
    *y = p->cur_y, *x = p->cur_x;
    return 1;
}

/* ---- keys ---- */

static void move_sel(reg_pane *p, ui_action act)
{
    clamp(p);
    ui_listview_key(&p->lv, act);
}

static int is_move(ui_action act)
{
    return act == UI_ACT_UP || act == UI_ACT_DOWN || act == UI_ACT_PAGE_UP ||
           act == UI_ACT_PAGE_DOWN || act == UI_ACT_FIRST || act == UI_ACT_LAST;
}

/* a: after a search (who lives in 127-302), the selected row's building and room; else the
 * building filter's building. */
static int sign_in(reg_pane *p, ui_app *app)
{
    ensure_window(p);
    const xl_register_row *r = p->show_hits && rows_total(p) ? row_at(p, p->lv.sel) : NULL;
    int building;
    char room[9], end;
    if (r && !r->moved_out[0])
        return ui_signin_open_at(app, r->building, r->room);
    /* an empty room searched for as 127-302 */
    if (p->show_hits && sscanf(p->query.text, " %d-%8[0-9A-Za-z] %c", &building, room, &end) == 2)
        return ui_signin_open_at(app, building, room);
    return ui_signin_open(app, p->filter.building);
}

static int open_selected(reg_pane *p, ui_app *app)
{
    ensure_window(p);
    const xl_register_row *r = rows_total(p) ? row_at(p, p->lv.sel) : NULL;
    return r ? ui_person_open(app, r->person_id) : UI_HANDLED;
}

/* Keys while the search line has them: typing edits the query (searching again at once),
 * the arrow and page keys move in the hits, Enter keeps them, Esc clears. */
static int search_key(reg_pane *p, int key)
{
    if (key == UI_KEY_ESC) {
        search_clear(p);
        return UI_REDRAW;
    }
    if (key == '\n' || key == '\r' || key == UI_KEY_FN(KEY_ENTER)) {
        p->searching = 0;
        return UI_REDRAW;
    }
    int r = ui_field_edit(&p->query, key);
    if (r > 0)
        run_search(p);
    if (r >= 0)
        return UI_REDRAW;
    ui_action act = UI_KEYS_MATCH(key, reg_actions);
    if (key >= UI_KEY_FN(0) && is_move(act)) {
        move_sel(p, act);
        return UI_REDRAW;
    }
    return UI_IGNORED;
}

static int accept_digit(int ch)
{
    return ch >= '0' && ch <= '9';
}

static int building_done(void *ctx, ui_app *app, const char *text)
{
    reg_pane *p = ctx;
    int number = *text ? atoi(text) : 0;
    if (number > 0 && !xl_building_exists(p->db, number)) {
        ui_app_message(app, 1, _(E_NO_BUILDING_FMT), number);
        return UI_REDRAW;
    }
    search_clear(p);
    p->filter.building = number;
    open_view(p);
    return UI_REDRAW;
}

static void filter_changed(reg_pane *p)
{
    search_clear(p);
    open_view(p);
}

static int filter_key(reg_pane *p, ui_app *app, ui_action act)
{
    xl_register_filter *f = &p->filter;
    switch (act) {
    case UI_ACT_FILTER_BUILDING:
        ui_app_prompt(app, &(ui_prompt_spec){_(REG_BUILDING_PROMPT), 4, accept_digit,
                                             building_done, p});
        return UI_REDRAW;
    case UI_ACT_FILTER_ROLE: f->role = f->role + 1 >= XL_ROLE_COUNT ? -1 : f->role + 1; break;
    case UI_ACT_FILTER_STATE: f->state = (xl_reg_state)((f->state + 1) % 3); break;
    case UI_ACT_HISTORY: f->include_history = !f->include_history; break;
    default:
        *f = XL_REGISTER_FILTER_ALL;
        ui_app_message(app, 0, "%s", _(REG_FILTERS_CLEARED));
        break;
    }
    filter_changed(p);
    return UI_REDRAW;
}

static int reg_key(void *self, ui_app *app, int key)
{
    reg_pane *p = self;
    if (p->searching)
        return search_key(p, key);
    if (key == UI_KEY_ESC && p->show_hits) {
        search_clear(p);
        return UI_REDRAW;
    }
    ui_action act = UI_KEYS_MATCH(key, reg_actions);
    if (is_move(act)) {
        move_sel(p, act);
        return UI_REDRAW;
    }
    switch (act) {
    case UI_ACT_OPEN_PERSON: return open_selected(p, app);
    case UI_ACT_SEARCH: p->searching = 1; return UI_REDRAW;
    case UI_ACT_SIGNIN: return sign_in(p, app);
    case UI_ACT_STALE: return ui_stale_open(app);
    case UI_ACT_IMPORT: return ui_import_open(app);
    case UI_ACT_PENDING: return ui_pending_open(app);
    case UI_ACT_AUDIT: return ui_audit_open(app);
    case UI_ACT_FILTER_BUILDING: case UI_ACT_FILTER_ROLE: case UI_ACT_FILTER_STATE:
    case UI_ACT_HISTORY: case UI_ACT_CLEAR:
        return filter_key(p, app, act);
    default: return UI_IGNORED;
    }
}

static int reg_mouse(void *self, ui_app *app, int y, int x, unsigned long bstate)
{
    reg_pane *p = self;
    (void)x;
    if (!(bstate & BUTTON1_PRESSED))
        return UI_IGNORED;
    if (y == HEAD_ROWS + p->lv.page) { /* the search line */
        p->searching = 1;
        return UI_REDRAW;
    }
    size_t i;
    if (!ui_listview_row_at(&p->lv, y - HEAD_ROWS, &i))
        return UI_HANDLED;
    if (i == p->lv.sel)
        return open_selected(p, app);
    ui_listview_select(&p->lv, i);
    return UI_REDRAW;
}

/* ---- life cycle ---- */

/* The id that stays with a row across reloads: the residency, or the person for a hit. */
static int64_t row_key(reg_pane *p, size_t i)
{
    const xl_register_row *r = row_at(p, i);
    return !r ? 0 : p->show_hits ? r->person_id : r->residency_id;
}

/* Puts the selection back on the row with key when it is in the rows held, else leaves it
 * at the same position. */
static void find_key(reg_pane *p, int64_t key)
{
    size_t from = p->show_hits ? 0 : p->win_off;
    size_t to = p->show_hits ? p->nhits : p->win_off + p->win_n;
    if (key == 0 || row_key(p, p->lv.sel) == key)
        return;
    for (size_t i = from; i < to; i++)
        if (row_key(p, i) == key) {
            p->lv.sel = i;
            return;
        }
}

/* The data may have changed (a sign-in, a sign-out, another desk or the phone server):
 * count again, read the window again, search again, keeping the selected row selected as
 * far as it still exists. */
static void reg_reload(void *self, ui_app *app)
{
    reg_pane *p = self;
    size_t sel = p->lv.sel, top = p->lv.top;
    (void)app;
    ensure_window(p);
    int64_t key = row_key(p, sel);
    p->err[0] = '\0';
    count_rows(p);
    if (p->show_hits)
        run_search(p);
    p->lv.sel = sel, p->lv.top = top;
    clamp(p);
    ensure_window(p);
    find_key(p, key);
    clamp(p);
}

static const char *reg_title(void *self)
{
    (void)self;
    return _(PANE_REGISTER);
}

static const char *reg_help_title(void *self)
{
    (void)self;
    return _(KEYS_REGISTER);
}

static void reg_free(void *self)
{
    reg_pane *p = self;
    xl_register_view_close(p->view);
    free(p->win);
    hits_clear(p);
    free(p);
}

static const pane_ops reg_ops = {
    .title = reg_title,
    .help_title = reg_help_title,
    .draw = reg_draw,
    .key = reg_key,
    .mouse = reg_mouse,
    .reload = reg_reload,
    .free = reg_free,
    UI_PANE_KEYS(reg_actions, reg_hints),
    .cursor = reg_cursor,
};

ui_pane ui_register_new(ui_app *app)
{
    reg_pane *p = xl_calloc(1, sizeof *p);
    ui_listview_init(&p->lv, UI_LV_FILL);
    p->db = ui_app_db(app);
    p->filter = XL_REGISTER_FILTER_ALL;
    p->query.kind = UI_FIELD_TEXT;
    p->query.max_chars = 32;
    p->query.width = SEARCH_BOX;
    p->cur_y = -1;
    open_view(p);
    return (ui_pane){&reg_ops, p};
}
