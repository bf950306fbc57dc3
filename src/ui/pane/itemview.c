/* itemview.c — one list item (事项): its particulars, the chain it belongs to (problem →
 * demand → empowerment → actions; Up/Down choose a member, Enter goes to it, q comes back)
 * and its history from the audit (PgUp/PgDn). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/pane/lists_ui.h"
#include "ui/theme.h"
#include "ui/widget/listview.h"
#include "ui/widget/uitext.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/report.h"
#include "xiangli/text.h"

enum { BACK_MAX = 32, LABEL_GAP = 2, DETAIL_LINES = 3, ROW_MAX = 110 };

typedef struct item_view {
    int64_t id;
    int64_t back[BACK_MAX];   /* the items this view came from by Enter */
    int nback;
    xl_list_item it;
    xl_chain chain;
    xl_history_row *hist;
    size_t nhist;
    ui_listview chain_lv;     /* over the chain's members, in tree order */
    size_t *order;            /* row -> index in chain.items: each under what it answers */
    int *depth;               /* row -> links from the chain's root */
    ui_listview hist_lv;      /* over the history, newest first: a text to scroll */
    char title[64];
} item_view;

static const ui_action view_actions[] = {
    UI_ACT_UP, UI_ACT_DOWN, UI_ACT_CHAIN_JUMP, UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN,
    UI_ACT_ITEM_EDIT, UI_ACT_ITEM_STATUS, UI_ACT_ITEM_LINK, UI_ACT_ITEM_FOLLOW,
};
static const ui_action view_hints[] = {
    UI_ACT_CHAIN_JUMP, UI_ACT_ITEM_EDIT, UI_ACT_ITEM_STATUS, UI_ACT_ITEM_LINK,
    UI_ACT_ITEM_FOLLOW, UI_ACT_HELP, UI_ACT_BACK,
};

/* ---- loading ---- */

static int linked(const xl_chain *c, int64_t from, int64_t to)
{
    for (size_t k = 0; k < c->nlinks; k++)
        if (c->links[k].from == from && c->links[k].to == to)
            return 1;
    return 0;
}

static int has_parent(const xl_chain *c, size_t i)
{
    for (size_t j = 0; j < c->n; j++)
        if (j != i && linked(c, c->items[j].id, c->items[i].id))
            return 1;
    return 0;
}

static void visit(item_view *v, size_t i, int d, char *placed, size_t *k)
{
    placed[i] = 1;
    v->order[*k] = i, v->depth[*k] = d, (*k)++;
    for (size_t j = 0; j < v->chain.n; j++)
        if (!placed[j] && linked(&v->chain, v->chain.items[i].id, v->chain.items[j].id))
            visit(v, j, d + 1, placed, k);
}

/* Tree order: each item right under the item it is linked to (the first one, when it
 * answers two), indented one step deeper; the roots in the chain's order. */
static void chain_order(item_view *v)
{
    size_t n = v->chain.n, k = 0;
    char *placed = xl_calloc(n + 1, 1);
    free(v->order), free(v->depth);
    v->order = xl_calloc(n + 1, sizeof *v->order);
    v->depth = xl_calloc(n + 1, sizeof *v->depth);
    for (int pass = 0; pass < 2; pass++) /* roots first; then anything a cycle would hide */
        for (size_t i = 0; i < n; i++)
            if (!placed[i] && (pass || !has_parent(&v->chain, i)))
                visit(v, i, 0, placed, &k);
    free(placed);
}

static const xl_list_row *chain_row(const item_view *v, size_t row)
{
    return &v->chain.items[v->order[row]];
}

static void view_release(item_view *v)
{
    xl_chain_release(&v->chain);
    free(v->hist);
    v->hist = NULL;
    v->nhist = 0;
}

static int view_load(item_view *v, ui_app *app, int64_t id)
{
    xl_db *db = ui_app_db(app);
    xl_list_item it;
    xl_chain chain;
    xl_history_row *hist = NULL;
    size_t nhist = 0;
    xl_err err;
    xl_err_clear(&err);
    memset(&chain, 0, sizeof chain);
    if (xl_list_item_load(db, id, &it, &err) != XL_OK ||
        xl_list_chain(db, id, XL_CHAIN_LINEAGE, &chain, &err) != XL_OK ||
        xl_list_history(db, id, &hist, &nhist, &err) != XL_OK) {
        xl_chain_release(&chain);
        ui_app_message(app, 1, "%s", err.msg);
        return XL_EFAIL;
    }
    view_release(v);
    v->id = id, v->it = it, v->chain = chain, v->hist = hist, v->nhist = nhist;
    v->chain_lv.sel = v->chain_lv.top = v->hist_lv.top = 0;
    chain_order(v);
    for (size_t i = 0; i < chain.n; i++)
        if (chain_row(v, i)->id == id)
            v->chain_lv.sel = i;
    ui_listview_set_count(&v->chain_lv, chain.n);
    ui_listview_set_count(&v->hist_lv, nhist);
    snprintf(v->title, sizeof v->title, "%s #%lld", xl_item_kind_label(it.kind), (long long)id);
    return XL_OK;
}

/* ---- drawing ---- */

static int label_width(void)
{
    static const xl_msg labels[] = {XL_MSG_LIST_COL_CATEGORY, XL_MSG_ITEM_F_BUILDINGS,
                                    XL_MSG_ITEM_RAISED, XL_MSG_LIST_COL_OWNER,
                                    XL_MSG_LIST_COL_DUE, XL_MSG_ITEM_DETAIL,
                                    XL_MSG_ITEM_MEETING, XL_MSG_ITEM_CLOSING};
    int width = 0;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (xl_str_width(xl_tr(labels[i])) > width)
            width = xl_str_width(xl_tr(labels[i]));
    return width;
}

/* "label  value" at (y, x). */
static void put_pair(WINDOW *w, int y, int x, int lw, xl_msg label, const char *value, attr_t attr)
{
    int maxx = getmaxx(w) - 1;
    if (x >= maxx)
        return;
    ui_text_put(w, y, x, lw, xl_tr(label), ui_attr(UI_C_LABEL));
    ui_text_put(w, y, x + lw + LABEL_GAP, maxx - x - lw - LABEL_GAP, value, attr);
}

static void where_text(const xl_list_item *it, char *out, size_t size)
{
    char nums[256];
    size_t used = 0;
    if (it->nbuildings == 0) {
        snprintf(out, size, "%s", _(LIST_WHOLE_COMMUNITY));
        return;
    }
    nums[0] = '\0';
    for (size_t i = 0; i < it->nbuildings && used < sizeof nums; i++) {
        int k = snprintf(nums + used, sizeof nums - used, "%s%d", i ? _(LIST_SEP) : "",
                         it->buildings[i]);
        used += k > 0 ? (size_t)k : 0;
    }
    ui_format(out, size, _(ITEM_BUILDINGS_FMT), nums);
}

static int draw_particulars(item_view *v, WINDOW *w)
{
    const xl_list_item *it = &v->it;
    char where[128], raised[160], due[48];
    const char *owner = it->owner_name[0] ? it->owner_name : _(NONE);
    int lw = label_width(), y = 2;
    where_text(it, where, sizeof where);
    snprintf(raised, sizeof raised, "%s%s%s", it->raised_at, it->raised_by_name[0] ? "  " : "",
             it->raised_by_name);
    snprintf(due, sizeof due, "%s%s%s", it->due[0] ? it->due : _(NONE), it->overdue ? "  " : "",
             it->overdue ? ui_item_status_text(it->status, 1) : "");
    /* two columns: the second starts after the widest value of the first */
    int first = xl_str_width(xl_category_label_of(it->category));
    first = xl_str_width(owner) > first ? xl_str_width(owner) : first;
    first = xl_str_width(raised) > first ? xl_str_width(raised) : first;
    int x2 = 1 + lw + LABEL_GAP + first + 2 * LABEL_GAP;
    if (x2 > getmaxx(w) / 2 + 4)
        x2 = getmaxx(w) / 2 + 4;
    put_pair(w, y, 1, lw, XL_MSG_LIST_COL_CATEGORY, xl_category_label_of(it->category),
             ui_attr(UI_C_NORMAL));
    put_pair(w, y++, x2, lw, XL_MSG_ITEM_F_BUILDINGS, where, ui_attr(UI_C_NORMAL));
    put_pair(w, y, 1, lw, XL_MSG_LIST_COL_OWNER, owner, ui_attr(UI_C_NORMAL) | A_BOLD);
    put_pair(w, y++, x2, lw, XL_MSG_LIST_COL_DUE, due,
             ui_attr(it->overdue ? UI_C_WARN : UI_C_NORMAL));
    put_pair(w, y, 1, lw, XL_MSG_ITEM_RAISED, raised, ui_attr(UI_C_NORMAL));
    if (it->source_meeting_title[0])
        put_pair(w, y, x2, lw, XL_MSG_ITEM_MEETING, it->source_meeting_title, ui_attr(UI_C_NORMAL));
    y++;
    ui_text_put(w, y, 1, lw, _(ITEM_DETAIL), ui_attr(UI_C_LABEL));
    int lines = ui_text_wrap(w, y, 1 + lw + LABEL_GAP, getmaxx(w) - lw - 4, DETAIL_LINES,
                             it->detail[0] ? it->detail : _(NONE), ui_attr(UI_C_NORMAL));
    y += lines > 0 ? lines : 1;
    if (it->closing_note[0]) {
        ui_text_put(w, y, 1, lw, _(ITEM_CLOSING), ui_attr(UI_C_LABEL));
        ui_text_put(w, y++, 1 + lw + LABEL_GAP, getmaxx(w) - lw - 4, it->closing_note,
                    ui_attr(UI_C_DIM));
    }
    return y;
}

static void draw_heading(item_view *v, WINDOW *w)
{
    char head[512], status[96];
    ui_format(head, sizeof head, _(ITEM_HEAD_FMT), (long long)v->id,
              xl_item_kind_label(v->it.kind), v->it.title);
    snprintf(status, sizeof status, "%s", ui_item_status_text(v->it.status, v->it.overdue));
    int right = ui_text_right(w, 0, getmaxx(w) - 1, 20, status,
                              ui_attr(v->it.overdue ? UI_C_WARN : UI_C_LABEL));
    ui_text_put(w, 0, 1, right - 3, head, ui_attr(UI_C_HEADING));
}

static int kind_width(void)
{
    int width = 0;
    for (int k = 0; k < XL_ITEM_KIND_COUNT; k++)
        if (xl_str_width(xl_item_kind_label((xl_item_kind)k)) > width)
            width = xl_str_width(xl_item_kind_label((xl_item_kind)k));
    return width;
}

/* The widest status text (overdue included), so that a long one moves no column. */
static int status_width(void)
{
    int width = 0;
    for (int s = 0; s < XL_ITEM_STATUS_COUNT; s++)
        for (int o = 0; o < 2; o++) {
            int sw = xl_str_width(ui_item_status_text((xl_item_status)s, o));
            width = sw > width ? sw : width;
        }
    return width;
}

static void draw_chain_row(void *ctx, WINDOW *w, int y, size_t i, int on)
{
    const item_view *v = ctx;
    const xl_list_row *r = chain_row(v, i);
    char where[48], id[24];
    int self = r->id == v->id, x = 1;
    int width = (getmaxx(w) < ROW_MAX ? getmaxx(w) : ROW_MAX) - 2; /* readable when wide */
    attr_t attr = ui_attr(on ? UI_C_SELECTED : r->overdue ? UI_C_WARN : UI_C_NORMAL);
    ui_item_where(where, sizeof where, r->building, r->nbuildings);
    snprintf(id, sizeof id, "#%lld", (long long)r->id);
    ui_text_fill(w, y, 0, getmaxx(w), on ? attr : ui_attr(UI_C_NORMAL));
    x += ui_text_put(w, y, x, 2, self ? "*" : on ? ">" : " ", attr | A_BOLD) + 1;
    x += 2 * v->depth[i]; /* under the item it is linked to */
    x += ui_text_pad(w, y, x, kind_width(), xl_item_kind_label(r->kind), attr | A_BOLD) + 2;
    x += ui_text_pad(w, y, x, 6, id, attr) + 1;
    int sw = status_width(), right = width + 1 - sw; /* the columns stay put */
    ui_text_put(w, y, right, sw, ui_item_status_text(r->status, r->overdue), attr);
    right = ui_text_right(w, y, right - 2, 10, where, on ? attr : ui_attr(UI_C_DIM));
    ui_text_put(w, y, x, right - 2 - x, r->title, attr | (self ? A_BOLD : 0));
}

static int draw_chain(item_view *v, WINDOW *w, int y, int rows)
{
    ui_text_pad(w, y, 0, getmaxx(w), _(ITEM_CHAIN_HEAD), ui_attr(UI_C_HEADING));
    ui_listview_resize(&v->chain_lv, rows - 1);
    int r = ui_listview_draw(&v->chain_lv, w, y + 1, draw_chain_row, v);
    if (v->chain.n <= 1) /* only the item itself */
        ui_text_put(w, y + 1 + r++, 3, getmaxx(w) - 4, _(ITEM_CHAIN_NONE), ui_attr(UI_C_DIM));
    return y + 1 + r;
}

static const char *history_action(const char *action)
{
    static const struct { const char *key; xl_msg label; } names[] = {
        {"list.create", XL_MSG_HIST_CREATE},   {"list.update", XL_MSG_HIST_UPDATE},
        {"list.status", XL_MSG_HIST_STATUS},   {"list.link", XL_MSG_HIST_LINK},
        {"list.unlink", XL_MSG_HIST_UNLINK},   {"list.from_decision", XL_MSG_HIST_DECISION},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(action, names[i].key) == 0)
            return xl_tr(names[i].label);
    return action;
}

static void draw_history_row(void *ctx, WINDOW *w, int y, size_t i, int sel)
{
    const item_view *v = ctx;
    const xl_history_row *h = &v->hist[v->nhist - 1 - i];
    char at[24], detail[1200], line[sizeof detail + 80];
    int x = 1;
    (void)sel;
    snprintf(at, sizeof at, "%.16s", h->at); /* to the minute */
    x += ui_text_put(w, y, x, 16, at, ui_attr(UI_C_DIM)) + 2;
    x += ui_text_pad(w, y, x, 8, history_action(h->action), ui_attr(UI_C_LABEL)) + 1;
    xl_audit_words(h->detail, detail, sizeof detail); /* the officer's words (report.h) */
    snprintf(line, sizeof line, "%s  %s", h->operator_login, detail);
    ui_text_put(w, y, x, getmaxx(w) - 1 - x, line, ui_attr(UI_C_NORMAL));
}

static void draw_history(item_view *v, WINDOW *w, int y, int rows)
{
    char head[96];
    ui_format(head, sizeof head, _(ITEM_HISTORY_FMT), v->nhist);
    ui_text_pad(w, y, 0, getmaxx(w), head, ui_attr(UI_C_HEADING));
    ui_listview_resize(&v->hist_lv, rows - 1);
    if (v->nhist == 0)
        ui_text_put(w, y + 1, 3, getmaxx(w) - 4, _(ITEM_HISTORY_NONE), ui_attr(UI_C_DIM));
    ui_listview_draw(&v->hist_lv, w, y + 1, draw_history_row, v);
}

static void view_draw(void *self, WINDOW *w)
{
    item_view *v = self;
    int height = getmaxy(w);
    werase(w);
    draw_heading(v, w);
    int y = draw_particulars(v, w) + 1;
    int left = height - y;
    int chain_rows = (int)v->chain.n + 1 + (v->chain.n <= 1);
    if (chain_rows > left - 3)
        chain_rows = left - 3 > 2 ? left - 3 : 2;
    y = draw_chain(v, w, y, chain_rows) + 1;
    if (height - y >= 2)
        draw_history(v, w, y, height - y);
}

/* ---- keys ---- */

static int jump(item_view *v, ui_app *app)
{
    if (v->chain_lv.sel >= v->chain.n || chain_row(v, v->chain_lv.sel)->id == v->id)
        return UI_HANDLED;
    int64_t from = v->id, to = chain_row(v, v->chain_lv.sel)->id;
    if (view_load(v, app, to) != XL_OK)
        return UI_REDRAW;
    if (v->nback == BACK_MAX)
        memmove(v->back, v->back + 1, (BACK_MAX - 1) * sizeof v->back[0]), v->nback--;
    v->back[v->nback++] = from;
    return UI_REDRAW;
}

static int follow(item_view *v, ui_app *app);

static int view_key(void *self, ui_app *app, int key)
{
    item_view *v = self;
    if (ui_keys_global(key) == UI_ACT_BACK && key != UI_KEY_ESC && v->nback > 0) {
        view_load(v, app, v->back[--v->nback]); /* q: back along the chain first */
        return UI_REDRAW;
    }
    ui_action act = UI_KEYS_MATCH(key, view_actions);
    switch (act) {
    case UI_ACT_UP: case UI_ACT_DOWN: ui_listview_key(&v->chain_lv, act); return UI_REDRAW;
    case UI_ACT_PAGE_UP: case UI_ACT_PAGE_DOWN: ui_listview_key(&v->hist_lv, act); return UI_REDRAW;
    case UI_ACT_CHAIN_JUMP: return jump(v, app);
    case UI_ACT_ITEM_EDIT: return ui_item_edit_open(app, v->id);
    case UI_ACT_ITEM_STATUS: return ui_item_status_open(app, v->id);
    case UI_ACT_ITEM_LINK: return ui_item_link_open(app, v->id);
    case UI_ACT_ITEM_FOLLOW: return follow(v, app);
    default: return UI_IGNORED;
    }
}

/* N: a new item of the next kind, linked from this one (a problem's demand, ...). */
static int follow(item_view *v, ui_app *app)
{
    if (v->it.kind == XL_ITEM_ACTION) {
        ui_app_message(app, 0, "%s", _(ITEM_FOLLOW_LAST));
        return UI_REDRAW;
    }
    return ui_item_follow_open(app, v->id);
}

/* ---- life cycle ---- */

static void view_reload(void *self, ui_app *app)
{
    item_view *v = self;
    size_t sel = v->chain_lv.sel, hist_top = v->hist_lv.top;
    if (view_load(v, app, v->id) != XL_OK)
        return;
    if (sel < v->chain.n)
        ui_listview_select(&v->chain_lv, sel);
    v->hist_lv.top = hist_top;
    ui_listview_set_count(&v->hist_lv, v->nhist);
}

static const char *view_title(void *self)
{
    return ((item_view *)self)->title;
}

static const char *view_help_title(void *self)
{
    return _(KEYS_ITEM);
}

static void view_free(void *self)
{
    item_view *v = self;
    view_release(v);
    free(v->order), free(v->depth);
    free(v);
}

static const pane_ops view_ops = {
    .title = view_title,
    .help_title = view_help_title,
    .draw = view_draw,
    .key = view_key,
    .reload = view_reload,
    .free = view_free,
    UI_PANE_KEYS(view_actions, view_hints),
};

int ui_item_view_open(ui_app *app, int64_t id)
{
    item_view *v = xl_calloc(1, sizeof *v);
    ui_listview_init(&v->chain_lv, UI_LV_FILL); /* the chain's area grows with the chain */
    ui_listview_init(&v->hist_lv, UI_LV_SCROLL | UI_LV_FILL);
    if (view_load(v, app, id) != XL_OK) {
        view_free(v);
        return UI_REDRAW;
    }
    ui_app_push(app, (ui_pane){&view_ops, v});
    return UI_REDRAW;
}
