/* lists.c — 清单: the four lists (问题 / 需求 / 赋能 / 行动). On a wide window they stand side
 * by side, one column each; on a narrow one they are tabs ([ ] or Left/Right switch). A
 * filter line on top (category, building, owner, status, overdue, a title search); overdue
 * actions in the alert colour with a '!' mark that reads without colour; the selected item's
 * particulars on the bottom line. */
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
#include "xiangli/lists.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

enum {
    KINDS = XL_ITEM_KIND_COUNT,
    WIDE_COLS = 160,  /* from this width the four lists stand side by side */
    ROWS_Y = 3,       /* first row of items */
    GAP = 2,
};

/* The status filter cycles through these: X(id, mask, label message). */
#define LIST_STATUS_FILTERS(X)                                                     \
    X(ACTIVE, XL_STATUS_ACTIVE, LIST_F_ACTIVE)                                     \
    X(ALL, 0, REG_ALL)                                                          \
    X(OPEN, XL_STATUS_BIT(XL_ITEM_OPEN), LIST_STATUS_OPEN)                         \
    X(IN_PROGRESS, XL_STATUS_BIT(XL_ITEM_IN_PROGRESS), LIST_STATUS_IN_PROGRESS)    \
    X(DONE, XL_STATUS_BIT(XL_ITEM_DONE), LIST_STATUS_DONE)                         \
    X(DROPPED, XL_STATUS_BIT(XL_ITEM_DROPPED), LIST_STATUS_DROPPED)

enum {
#define LS_X(id, mask, msg) SF_##id,
    LIST_STATUS_FILTERS(LS_X)
#undef LS_X
    SF_COUNT
};

static const struct {
    unsigned mask;
    xl_msg label;
} status_filters[SF_COUNT] = {
#define LS_X(id, mask, msg) [SF_##id] = {mask, XL_MSG_##msg},
    LIST_STATUS_FILTERS(LS_X)
#undef LS_X
};

typedef struct lists_pane {
    xl_db *db;
    xl_list_page page;        /* every row of the filter, all kinds */
    size_t *idx[KINDS];       /* rows of each kind, in the page's order */
    size_t nidx[KINDS];
    ui_listview lv[KINDS];
    int draw_kind, draw_x, draw_cols; /* what the rows draw into, while they draw */
    const int *draw_cw;
    int64_t sel_id[KINDS];    /* kept across reloads */
    int cur;                  /* the list shown (narrow) or focused (wide) */
    int wide, rows;           /* of the last draw */
    /* the filter */
    int category;             /* -1 any */
    int building;             /* 0 any */
    xl_party owner;
    char owner_name[96];
    int status;               /* SF_* */
    int overdue;
    char text[64];
    int64_t select_new;       /* an item just made (written by the editor) */
    char err[256];
} lists_pane;

static const ui_action lists_actions[] = {
    UI_ACT_UP,           UI_ACT_DOWN,          UI_ACT_PAGE_UP,        UI_ACT_PAGE_DOWN,
    UI_ACT_LIST_SWITCH,  UI_ACT_ITEM_OPEN,     UI_ACT_ITEM_NEW,
    UI_ACT_ITEM_EDIT,    UI_ACT_ITEM_STATUS,   UI_ACT_ITEM_LINK,      UI_ACT_ITEM_FOLLOW,
    UI_ACT_FILTER_CATEGORY,
    UI_ACT_FILTER_BUILDING, UI_ACT_FILTER_OWNER, UI_ACT_FILTER_STATUS, UI_ACT_FILTER_OVERDUE,
    UI_ACT_LIST_SEARCH,  UI_ACT_CLEAR,
};
static const ui_action lists_hints[] = {
    UI_ACT_ITEM_OPEN, UI_ACT_ITEM_NEW, UI_ACT_ITEM_LINK, UI_ACT_LIST_SWITCH, UI_ACT_FILTER_OVERDUE,
    UI_ACT_ITEM_STATUS, UI_ACT_HELP, UI_ACT_BACK,
};

/* ---- rows ---- */

static const xl_list_row *row_at(const lists_pane *p, int kind, size_t i)
{
    return i < p->nidx[kind] ? &p->page.rows[p->idx[kind][i]] : NULL;
}

static const xl_list_row *selected(const lists_pane *p)
{
    return row_at(p, p->cur, p->lv[p->cur].sel);
}

static void remember_selection(lists_pane *p)
{
    for (int k = 0; k < KINDS; k++) {
        const xl_list_row *r = row_at(p, k, p->lv[k].sel);
        p->sel_id[k] = r ? r->id : 0;
    }
}

static void split_by_kind(lists_pane *p)
{
    for (int k = 0; k < KINDS; k++) {
        free(p->idx[k]);
        p->idx[k] = xl_calloc(p->page.n + 1, sizeof *p->idx[k]);
        p->nidx[k] = 0;
    }
    for (size_t i = 0; i < p->page.n; i++) {
        int k = (int)p->page.rows[i].kind;
        p->idx[k][p->nidx[k]++] = i;
    }
}

/* Selects the row with id in its kind's list; 1 if found. */
static int select_id(lists_pane *p, int64_t id, int make_current)
{
    for (int k = 0; k < KINDS; k++)
        for (size_t i = 0; i < p->nidx[k]; i++)
            if (row_at(p, k, i)->id == id) {
                p->lv[k].sel = i;
                if (make_current)
                    p->cur = k;
                return 1;
            }
    return 0;
}

static void restore_selection(lists_pane *p)
{
    for (int k = 0; k < KINDS; k++) {
        p->lv[k].sel = 0;
        if (p->sel_id[k])
            select_id(p, p->sel_id[k], 0);
    }
    if (p->select_new && select_id(p, p->select_new, 1))
        p->select_new = 0;
}

static void make_filter(const lists_pane *p, xl_list_filter *f)
{
    xl_list_filter_init(f);
    f->kind = -1;
    f->category = p->category >= 0 ? xl_category_key((size_t)p->category) : NULL;
    f->building = p->building;
    f->owner = p->owner;
    f->status_mask = status_filters[p->status].mask;
    f->overdue_only = p->overdue;
    f->text = p->text;
}

static void lists_reload(void *self, ui_app *app)
{
    lists_pane *p = self;
    xl_list_filter f;
    xl_list_page page;
    xl_err err;
    xl_err_clear(&err);
    make_filter(p, &f);
    if (xl_list_query(p->db, &f, 0, 0, &page, &err) != XL_OK) {
        xl_strlcpy_utf8(p->err, err.msg, sizeof p->err);
        ui_app_message(app, 1, "%s", err.msg);
        return;
    }
    remember_selection(p);
    xl_list_page_release(&p->page);
    p->page = page;
    p->err[0] = '\0';
    split_by_kind(p);
    restore_selection(p);
}

/* ---- the filter line ---- */

static const char *category_value(const lists_pane *p)
{
    return p->category >= 0 ? xl_category_label((size_t)p->category) : _(REG_ALL);
}

/* "类别 全部": the label, then the value (highlighted when it narrows the lists). */
static void draw_filter_part(WINDOW *w, int *x, xl_msg label, const char *value, int narrowed)
{
    int maxx = getmaxx(w) - 1;
    if (*x >= maxx)
        return;
    *x += ui_text_put(w, 0, *x, maxx - *x, xl_tr(label), ui_attr(UI_C_LABEL)) + 1;
    *x += ui_text_put(w, 0, *x, maxx - *x, value,
                      ui_attr(narrowed ? UI_C_SELECTED : UI_C_NORMAL)) + GAP;
}

static void draw_filters(const lists_pane *p, WINDOW *w)
{
    char bld[32], text[96];
    int x = 1;
    if (p->building > 0)
        ui_format(bld, sizeof bld, _(BUILDING_FMT), p->building);
    draw_filter_part(w, &x, XL_MSG_LIST_COL_CATEGORY, category_value(p), p->category >= 0);
    draw_filter_part(w, &x, XL_MSG_BUILDING, p->building > 0 ? bld : _(REG_ALL),
                     p->building > 0);
    draw_filter_part(w, &x, XL_MSG_LIST_COL_OWNER,
                     p->owner.kind != XL_PARTY_NONE ? p->owner_name : _(REG_ALL),
                     p->owner.kind != XL_PARTY_NONE);
    draw_filter_part(w, &x, XL_MSG_PEND_COL_STATE, xl_tr(status_filters[p->status].label),
                     p->status != SF_ACTIVE);
    if (p->overdue)
        draw_filter_part(w, &x, XL_MSG_LIST_OVERDUE, _(LIST_F_ONLY), 1);
    if (p->text[0]) {
        ui_format(text, sizeof text, _(LIST_F_TEXT_FMT), p->text);
        draw_filter_part(w, &x, XL_MSG_HINT_SEARCH, text, 1);
    }
}

/* "问题 12" / "行动 40（逾期 8）" */
static void kind_heading(const lists_pane *p, int k, char *out, size_t size)
{
    if (k == XL_ITEM_ACTION && p->page.overdue > 0)
        ui_format(out, size, _(LIST_HEAD_OVERDUE_FMT), xl_item_kind_label((xl_item_kind)k),
                  p->page.per_kind[k], p->page.overdue);
    else
        ui_format(out, size, _(LIST_HEAD_FMT), xl_item_kind_label((xl_item_kind)k),
                  p->page.per_kind[k]);
}

static void draw_tabs(const lists_pane *p, WINDOW *w)
{
    char label[96], text[100];
    int x = 1;
    for (int k = 0; k < KINDS; k++) {
        kind_heading(p, k, label, sizeof label);
        snprintf(text, sizeof text, k == p->cur ? "[%s]" : " %s ", label);
        x += ui_text_put(w, 1, x, getmaxx(w) - 1 - x, text,
                         ui_attr(k == p->cur ? UI_C_TAB_ACTIVE : UI_C_TAB)) + 1;
    }
}

/* ---- the narrow table: one list ---- */

/* X(column, heading message, width cap) */
#define LIST_COLUMNS(X)           \
    X(STATUS, PEND_COL_STATE, 0) \
    X(TITLE, LIST_COL_TITLE, 0)   \
    X(CAT, LIST_COL_CATEGORY, 12) \
    X(WHERE, ITEM_F_BUILDINGS, 10)  \
    X(OWNER, LIST_COL_OWNER, 12)  \
    X(DUE, LIST_COL_DUE, 10)

enum {
#define LC_X(id, msg, cap) LC_##id,
    LIST_COLUMNS(LC_X)
#undef LC_X
    LC_COUNT
};

static const struct {
    xl_msg head;
    int cap;
} list_columns[LC_COUNT] = {
#define LC_X(id, msg, cap) [LC_##id] = {XL_MSG_##msg, cap},
    LIST_COLUMNS(LC_X)
#undef LC_X
};

static const char *cell_text(const xl_list_row *r, int col, char *buf, size_t size)
{
    switch (col) {
    case LC_STATUS: return ui_item_status_short(r->status, r->overdue);
    case LC_TITLE: return r->title;
    case LC_CAT: return xl_category_label_of(r->category);
    case LC_WHERE: ui_item_where(buf, size, r->building, r->nbuildings); return buf;
    case LC_OWNER: return r->owner_name;
    default:
        return r->due;
    }
}

/* The widest category label, up to cap (wider ones are cut with a mark). */
static int category_width(int cap)
{
    int width = 0;
    for (size_t i = 0; i < xl_category_count(); i++)
        if (xl_str_width(xl_category_label(i)) > width)
            width = xl_str_width(xl_category_label(i));
    return width < cap ? width : cap;
}

/* Column widths for width cols; the title takes what is left (the category, then the
 * owner, give way when the window is narrow). */
static void column_widths(int cols, int w[LC_COUNT])
{
    int used = 0;
    for (int c = 0; c < LC_COUNT; c++) {
        w[c] = c == LC_STATUS ? ui_item_status_short_width()
               : c == LC_CAT  ? category_width(list_columns[c].cap)
                              : list_columns[c].cap;
        if (xl_str_width(xl_tr(list_columns[c].head)) > w[c])
            w[c] = xl_str_width(xl_tr(list_columns[c].head));
        used += c == LC_TITLE ? GAP : w[c] + GAP;
    }
    w[LC_TITLE] = cols - used;
    static const int drop[] = {LC_CAT, LC_OWNER}; /* the filter line names the category */
    for (size_t i = 0; i < sizeof drop / sizeof drop[0] && w[LC_TITLE] < 28; i++) {
        w[LC_TITLE] += w[drop[i]] + GAP;
        w[drop[i]] = 0;
    }
}

static attr_t row_attr(const xl_list_row *r, int on)
{
    if (on)
        return ui_attr(UI_C_SELECTED);
    if (r->overdue)
        return ui_attr(UI_C_WARN);
    if (r->status == XL_ITEM_DONE || r->status == XL_ITEM_DROPPED)
        return ui_attr(UI_C_DIM);
    return ui_attr(UI_C_NORMAL);
}

static void draw_narrow_row(WINDOW *w, int y, const xl_list_row *r, int on, const int cw[LC_COUNT])
{
    char buf[64];
    attr_t attr = row_attr(r, on);
    int x = 1;
    ui_text_fill(w, y, 0, getmaxx(w), on ? attr : ui_attr(UI_C_NORMAL));
    for (int c = 0; c < LC_COUNT; c++) {
        if (cw[c] <= 0)
            continue;
        ui_text_put(w, y, x, cw[c], cell_text(r, c, buf, sizeof buf),
                    attr | (c == LC_STATUS && r->overdue ? A_BOLD : 0));
        x += cw[c] + GAP;
    }
}

static void draw_narrow_head(WINDOW *w, int y, const int cw[LC_COUNT])
{
    int x = 1;
    ui_text_fill(w, y, 0, getmaxx(w), ui_attr(UI_C_HEADING));
    for (int c = 0; c < LC_COUNT; c++) {
        if (cw[c] <= 0)
            continue;
        ui_text_put(w, y, x, cw[c], xl_tr(list_columns[c].head), ui_attr(UI_C_HEADING));
        x += cw[c] + GAP;
    }
}

static void clamp_top(lists_pane *p, int k)
{
    ui_listview_resize(&p->lv[k], p->rows);
    ui_listview_set_count(&p->lv[k], p->nidx[k]);
}

static void draw_wide_row(WINDOW *w, int y, int x, int cols, const xl_list_row *r, int on);

/* One row of kind draw_kind (narrow: the current kind in columns; wide: a column). */
static void draw_item_row(void *ctx, WINDOW *w, int y, size_t i, int on)
{
    const lists_pane *p = ctx;
    const xl_list_row *r = row_at(p, p->draw_kind, i);
    if (p->wide)
        draw_wide_row(w, y, p->draw_x, p->draw_cols, r, p->draw_kind == p->cur && on);
    else
        draw_narrow_row(w, y, r, on, p->draw_cw);
}

static void draw_empty(const lists_pane *p, WINDOW *w, int y, int x, int cols)
{
    ui_text_wrap(w, y, x, cols, 3, p->err[0] ? p->err : _(LIST_EMPTY),
                 ui_attr(p->err[0] ? UI_C_ERROR : UI_C_DIM));
}

static void draw_narrow(lists_pane *p, WINDOW *w)
{
    int cw[LC_COUNT], k = p->cur;
    column_widths(getmaxx(w) - 1, cw);
    draw_tabs(p, w);
    draw_narrow_head(w, ROWS_Y - 1, cw);
    clamp_top(p, k);
    if (p->nidx[k] == 0)
        draw_empty(p, w, ROWS_Y, 3, getmaxx(w) - 4);
    p->draw_kind = k, p->draw_cw = cw;
    ui_listview_draw(&p->lv[k], w, ROWS_Y, draw_item_row, p);
}

/* ---- the wide table: four columns ---- */

static void draw_wide_row(WINDOW *w, int y, int x, int cols, const xl_list_row *r, int on)
{
    char where[48], due[16] = "";
    attr_t attr = row_attr(r, on);
    int sw = ui_item_status_short_width();
    ui_item_where(where, sizeof where, r->building, r->nbuildings);
    if (r->due[0]) /* the year goes first when the column is narrow */
        snprintf(due, sizeof due, "%s", cols >= 44 ? r->due : r->due + 5);
    ui_text_fill(w, y, x, cols, on ? attr : ui_attr(UI_C_NORMAL));
    ui_text_put(w, y, x, sw, ui_item_status_short(r->status, r->overdue),
                attr | (r->overdue ? A_BOLD : 0));
    int right = x + cols;
    if (due[0])
        right = ui_text_right(w, y, right, 10, due, attr) - 1;
    right = ui_text_right(w, y, right, 10, where, on ? attr : ui_attr(UI_C_DIM)) - 1;
    ui_text_put(w, y, x + sw + 1, right - x - sw - 2, r->title, attr);
}

static void draw_wide_column(lists_pane *p, WINDOW *w, int k, int x, int cols)
{
    char head[96];
    kind_heading(p, k, head, sizeof head);
    ui_text_pad(w, ROWS_Y - 1, x, cols, head, ui_attr(k == p->cur ? UI_C_TAB_ACTIVE : UI_C_TAB));
    clamp_top(p, k);
    if (p->nidx[k] == 0)
        draw_empty(p, w, ROWS_Y, x + 1, cols - 2);
    p->draw_kind = k, p->draw_x = x, p->draw_cols = cols;
    ui_listview_draw(&p->lv[k], w, ROWS_Y, draw_item_row, p);
}

static void draw_wide(lists_pane *p, WINDOW *w)
{
    int cols = (getmaxx(w) - 1 - (KINDS - 1) * GAP) / KINDS;
    for (int k = 0; k < KINDS; k++)
        draw_wide_column(p, w, k, 1 + k * (cols + GAP), cols);
}

/* ---- the bottom line: the selected item ---- */

static void draw_detail(const lists_pane *p, WINDOW *w, int y)
{
    const xl_list_row *r = selected(p);
    char text[512], where[48];
    if (!r)
        return;
    ui_item_where(where, sizeof where, r->building, r->nbuildings);
    ui_format(text, sizeof text, _(LIST_DETAIL_FMT), (long long)r->id,
              xl_item_kind_label(r->kind), r->title, where, xl_category_label_of(r->category),
              ui_item_status_text(r->status, r->overdue), r->owner_name[0] ? r->owner_name : _(NONE),
              r->due[0] ? r->due : _(NONE), r->nup + r->ndown);
    ui_text_fill(w, y, 0, getmaxx(w), ui_attr(UI_C_PANEL));
    ui_text_put(w, y, 1, getmaxx(w) - 2, text, ui_attr(UI_C_PANEL));
}

static void lists_draw(void *self, WINDOW *w)
{
    lists_pane *p = self;
    werase(w);
    p->wide = getmaxx(w) >= WIDE_COLS;
    p->rows = getmaxy(w) - ROWS_Y - 1;
    if (p->rows < 1)
        p->rows = 1;
    draw_filters(p, w);
    if (p->wide)
        draw_wide(p, w);
    else
        draw_narrow(p, w);
    draw_detail(p, w, getmaxy(w) - 1);
}

/* ---- filters ---- */

static int filter_changed(lists_pane *p, ui_app *app)
{
    lists_reload(p, app);
    return UI_REDRAW;
}

static int building_done(void *ctx, ui_app *app, const char *text)
{
    lists_pane *p = ctx;
    p->building = *text ? atoi(text) : 0;
    return filter_changed(p, app);
}

static int search_done(void *ctx, ui_app *app, const char *text)
{
    lists_pane *p = ctx;
    xl_strlcpy_utf8(p->text, text, sizeof p->text);
    return filter_changed(p, app);
}

static int accept_digit(int ch)
{
    return ch >= '0' && ch <= '9';
}

static int accept_text(int ch)
{
    return ch >= 0x20 && ch != 0x7f;
}

static void owner_fill(void *ctx, ui_app *app, const char *query, ui_pick_rows *out)
{
    ui_party_pick pick;
    ui_party_pick_init(&pick, xl_party_none(), NULL);
    ui_party_pick_search(&pick, ui_app_db(app), query);
    ui_pick_row *all = ui_pick_add(out);
    all->tag = XL_PARTY_NONE;
    snprintf(all->text, sizeof all->text, "%s", _(LIST_F_ANY_OWNER));
    for (size_t i = 0; i < pick.n; i++) {
        ui_pick_row *r = ui_pick_add(out);
        r->id = pick.hits[i].who.id;
        r->tag = (int)pick.hits[i].who.kind;
        snprintf(r->text, sizeof r->text, "%s", pick.hits[i].name);
        snprintf(r->note, sizeof r->note, "%s", pick.hits[i].note);
    }
    (void)ctx;
}

static int owner_choose(void *ctx, ui_app *app, ui_pick_row *row)
{
    lists_pane *p = ctx;
    p->owner = (xl_party){(xl_party_kind)row->tag, row->id};
    xl_strlcpy_utf8(p->owner_name, row->tag == XL_PARTY_NONE ? "" : row->text,
                    sizeof p->owner_name);
    lists_reload(p, app);
    return UI_BACK;
}

static int pick_owner(lists_pane *p, ui_app *app)
{
    ui_pick_spec spec = {
        .title = _(ACT_FILTER_OWNER),
        .intro = _(LIST_OWNER_PICK_INTRO),
        .fill = owner_fill,
        .choose = owner_choose,
    };
    ui_pick_open(app, &spec, p);
    return UI_REDRAW;
}

static int filter_key(lists_pane *p, ui_app *app, ui_action act)
{
    switch (act) {
    case UI_ACT_FILTER_CATEGORY:
        p->category = p->category + 1 < (int)xl_category_count() ? p->category + 1 : -1;
        return filter_changed(p, app);
    case UI_ACT_FILTER_STATUS:
        p->status = (p->status + 1) % SF_COUNT;
        return filter_changed(p, app);
    case UI_ACT_FILTER_OVERDUE:
        p->overdue = !p->overdue;
        if (p->overdue)
            p->cur = XL_ITEM_ACTION;
        return filter_changed(p, app);
    case UI_ACT_FILTER_BUILDING:
        ui_app_prompt(app, &(ui_prompt_spec){_(REG_BUILDING_PROMPT), 5, accept_digit,
                                             building_done, p});
        return UI_REDRAW;
    case UI_ACT_LIST_SEARCH:
        ui_app_prompt(app, &(ui_prompt_spec){_(LIST_SEARCH_PROMPT), 15, accept_text,
                                             search_done, p});
        return UI_REDRAW;
    case UI_ACT_FILTER_OWNER:
        return pick_owner(p, app);
    default: /* UI_ACT_CLEAR */
        p->category = -1, p->building = 0, p->owner = xl_party_none(), p->status = SF_ACTIVE;
        p->overdue = 0, p->text[0] = '\0';
        ui_app_message(app, 0, "%s", _(REG_FILTERS_CLEARED));
        return filter_changed(p, app);
    }
}

/* ---- keys ---- */


/* N: a new item of the next kind, linked from the selected one (as in the item view). */
static int follow(ui_app *app, const lists_pane *p, const xl_list_row *r)
{
    if ((xl_item_kind)p->cur == XL_ITEM_ACTION) {
        ui_app_message(app, 0, "%s", _(ITEM_FOLLOW_LAST));
        return UI_REDRAW;
    }
    return ui_item_follow_open(app, r->id);
}

static int item_key(lists_pane *p, ui_app *app, ui_action act)
{
    const xl_list_row *r = selected(p);
    if (act == UI_ACT_ITEM_NEW)
        return ui_item_new_open(app, (xl_item_kind)p->cur, p->building, &p->select_new);
    if (!r) {
        ui_app_message(app, 0, "%s", _(LIST_NOTHING_SELECTED));
        return UI_REDRAW;
    }
    switch (act) {
    case UI_ACT_ITEM_OPEN: return ui_item_view_open(app, r->id);
    case UI_ACT_ITEM_EDIT: return ui_item_edit_open(app, r->id);
    case UI_ACT_ITEM_STATUS: return ui_item_status_open(app, r->id);
    case UI_ACT_ITEM_FOLLOW: return follow(app, p, r);
    default: return ui_item_link_open(app, r->id);
    }
}

static int lists_key(void *self, ui_app *app, int key)
{
    lists_pane *p = self;
    ui_action act = UI_KEYS_MATCH(key, lists_actions);
    switch (act) {
    case UI_ACT_NONE: return UI_IGNORED;
    case UI_ACT_UP: case UI_ACT_DOWN: case UI_ACT_PAGE_UP: case UI_ACT_PAGE_DOWN:
        clamp_top(p, p->cur);
        ui_listview_key(&p->lv[p->cur], act);
        return UI_REDRAW;
    case UI_ACT_LIST_SWITCH: /* Left and [ go back, Right and ] on */
        p->cur = (p->cur + (key == '[' || key == UI_KEY_FN(KEY_LEFT) ? KINDS - 1 : 1)) % KINDS;
        return UI_REDRAW;
    case UI_ACT_ITEM_OPEN: case UI_ACT_ITEM_NEW: case UI_ACT_ITEM_EDIT:
    case UI_ACT_ITEM_STATUS: case UI_ACT_ITEM_LINK: case UI_ACT_ITEM_FOLLOW:
        return item_key(p, app, act);
    default: return filter_key(p, app, act);
    }
}

/* A click on a list's heading shows that list; on a row selects it, a second click opens it. */
static int lists_mouse(void *self, ui_app *app, int y, int x, unsigned long bstate)
{
    lists_pane *p = self;
    int k = p->cur;
    if (!(bstate & BUTTON1_PRESSED))
        return UI_IGNORED;
    if (p->wide) {
        int cols = (COLS - 1 - (KINDS - 1) * GAP) / KINDS;
        k = (x - 1) / (cols + GAP);
        if (k < 0 || k >= KINDS)
            return UI_HANDLED;
    }
    if (y < ROWS_Y) {
        p->cur = p->wide ? k : p->cur;
        return UI_REDRAW;
    }
    size_t i = p->lv[k].top + (size_t)(y - ROWS_Y);
    if (y >= ROWS_Y + p->rows || i >= p->nidx[k])
        return UI_HANDLED;
    if (k == p->cur && i == p->lv[k].sel)
        return ui_item_view_open(app, row_at(p, k, i)->id);
    p->cur = k, p->lv[k].sel = i;
    return UI_REDRAW;
}

/* ---- life cycle ---- */

static const char *lists_title(void *self)
{
    return _(PANE_LISTS);
}

static const char *lists_help_title(void *self)
{
    return _(KEYS_LISTS);
}

static void lists_free(void *self)
{
    lists_pane *p = self;
    xl_list_page_release(&p->page);
    for (int k = 0; k < KINDS; k++)
        free(p->idx[k]);
    free(p);
}

static const pane_ops lists_ops = {
    .title = lists_title,
    .help_title = lists_help_title,
    .draw = lists_draw,
    .key = lists_key,
    .mouse = lists_mouse,
    .reload = lists_reload,
    .free = lists_free,
    UI_PANE_KEYS(lists_actions, lists_hints),
};

ui_pane ui_lists_new(ui_app *app)
{
    lists_pane *p = xl_calloc(1, sizeof *p);
    p->db = ui_app_db(app);
    for (int k = 0; k < KINDS; k++)
        ui_listview_init(&p->lv[k], UI_LV_FILL);
    p->category = -1;
    p->status = SF_ACTIVE;
    lists_reload(p, app);
    return (ui_pane){&lists_ops, p};
}
