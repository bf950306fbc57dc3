/* rows.c — a table of rows over the current pane (rows.h). */
#include "ui/pane/rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/pane/lists_ui.h"
#include "ui/pane/register.h"
#include "ui/panes.h"
#include "ui/theme.h"
#include "ui/widget/uitext.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

enum { HEAD_ROWS = 3, GAP = 2, MAX_COL = 30, MAX_ACTS = 16 };

typedef struct rows_pane {
    const ui_rows_spec *spec;
    void *ctx;
    xl_behind rows;
    char intro[512];
    int width[XL_BEHIND_COLS];
    size_t sel, top;
    int page;
    ui_action acts[MAX_ACTS], hints[MAX_ACTS];
    size_t nacts, nhints;
    pane_ops ops;
} rows_pane;

static const ui_action base_acts[] = {UI_ACT_UP, UI_ACT_DOWN, UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN,
                                      UI_ACT_FIRST, UI_ACT_LAST, UI_ACT_OPEN};

static void widths(rows_pane *p)
{
    for (int c = 0; c < XL_BEHIND_COLS; c++) {
        int w = p->rows.head[c] ? xl_str_width(p->rows.head[c]) : 0;
        for (size_t r = 0; r < p->rows.nrows; r++) {
            int cw = xl_str_width(p->rows.rows[r].col[c]);
            w = cw > w ? cw : w;
        }
        p->width[c] = w > MAX_COL ? MAX_COL : w;
    }
}

static void draw_line(rows_pane *p, WINDOW *w, int y, const char *const *cells, attr_t attr)
{
    int x = 1, maxx = getmaxx(w) - 1;
    for (int c = 0; c < XL_BEHIND_COLS && p->rows.head[c] && x < maxx; c++) {
        int cw = p->width[c] < maxx - x ? p->width[c] : maxx - x;
        ui_text_put(w, y, x, cw, cells[c], attr);
        x += p->width[c] + GAP;
    }
}

static void rows_draw(void *self, WINDOW *w)
{
    rows_pane *p = self;
    werase(w);
    p->page = getmaxy(w) - HEAD_ROWS > 1 ? getmaxy(w) - HEAD_ROWS : 1;
    ui_text_put(w, 0, 1, getmaxx(w) - 2, p->intro, ui_attr(UI_C_HEADING));
    ui_text_fill(w, 2, 0, getmaxx(w), ui_attr(UI_C_HEADING));
    draw_line(p, w, 2, p->rows.head, ui_attr(UI_C_HEADING));
    if (p->rows.nrows == 0)
        ui_text_put(w, HEAD_ROWS, 2, getmaxx(w) - 3, _(NONE), ui_attr(UI_C_DIM));
    if (p->sel < p->top)
        p->top = p->sel;
    if (p->sel >= p->top + (size_t)p->page)
        p->top = p->sel - (size_t)p->page + 1;
    for (int k = 0; k < p->page && p->top + (size_t)k < p->rows.nrows; k++) {
        size_t i = p->top + (size_t)k;
        const char *cells[XL_BEHIND_COLS];
        for (int c = 0; c < XL_BEHIND_COLS; c++)
            cells[c] = p->rows.rows[i].col[c];
        attr_t a = ui_attr(i == p->sel ? UI_C_SELECTED : UI_C_NORMAL);
        if (i == p->sel)
            ui_text_fill(w, HEAD_ROWS + k, 0, getmaxx(w), a);
        draw_line(p, w, HEAD_ROWS + k, cells, a);
    }
}

static int open_row(rows_pane *p, ui_app *app)
{
    if (p->sel >= p->rows.nrows)
        return UI_HANDLED;
    const xl_behind_row *r = &p->rows.rows[p->sel];
    if (p->spec->open)
        return p->spec->open(p->ctx, app, r);
    if (r->item_id)
        return ui_item_view_open(app, r->item_id);
    if (r->person_id)
        return ui_person_open(app, r->person_id);
    return r->building ? ui_card_open(app, r->building) : UI_HANDLED;
}

static int rows_key(void *self, ui_app *app, int key)
{
    rows_pane *p = self;
    size_t n = p->rows.nrows, page = p->page > 1 ? (size_t)p->page - 1 : 1;
    ui_action act = ui_keys_match(key, p->acts, p->nacts);
    switch (act) {
    case UI_ACT_NONE: return UI_IGNORED;
    case UI_ACT_UP: p->sel -= p->sel > 0; return UI_REDRAW;
    case UI_ACT_DOWN: p->sel += p->sel + 1 < n; return UI_REDRAW;
    case UI_ACT_PAGE_UP: p->sel = p->sel > page ? p->sel - page : 0; return UI_REDRAW;
    case UI_ACT_PAGE_DOWN: p->sel = p->sel + page < n ? p->sel + page : (n ? n - 1 : 0); return UI_REDRAW;
    case UI_ACT_FIRST: p->sel = 0; return UI_REDRAW;
    case UI_ACT_LAST: p->sel = n ? n - 1 : 0; return UI_REDRAW;
    case UI_ACT_OPEN: return open_row(p, app);
    default:
        return p->spec->key ? p->spec->key(p->ctx, app, p->sel < n ? &p->rows.rows[p->sel] : NULL, act)
                            : UI_HANDLED;
    }
}

static void rows_reload(void *self, ui_app *app)
{
    rows_pane *p = self;
    xl_behind_release(&p->rows);
    p->intro[0] = '\0';
    if (p->spec->load(p->ctx, app, &p->rows, p->intro, sizeof p->intro) != XL_OK)
        memset(&p->rows, 0, sizeof p->rows);
    widths(p);
    if (p->sel >= p->rows.nrows)
        p->sel = p->rows.nrows ? p->rows.nrows - 1 : 0;
}

static const char *rows_title(void *self)
{
    return ((rows_pane *)self)->spec->title;
}

static const char *rows_help_title(void *self)
{
    rows_pane *p = self;
    return p->spec->help_title ? p->spec->help_title : p->spec->title;
}

static void rows_free(void *self)
{
    rows_pane *p = self;
    xl_behind_release(&p->rows);
    if (p->spec->free)
        p->spec->free(p->ctx);
    free(p);
}

static const pane_ops rows_ops_template = {
    .title = rows_title,
    .help_title = rows_help_title,
    .draw = rows_draw,
    .key = rows_key,
    .reload = rows_reload,
    .free = rows_free,
};

int ui_rows_open(ui_app *app, const ui_rows_spec *spec, void *ctx)
{
    rows_pane *p = xl_calloc(1, sizeof *p);
    p->spec = spec, p->ctx = ctx;
    for (size_t i = 0; i < sizeof base_acts / sizeof base_acts[0]; i++)
        p->acts[p->nacts++] = base_acts[i];
    p->hints[p->nhints++] = UI_ACT_OPEN;
    for (size_t i = 0; i < spec->nactions && p->nacts < MAX_ACTS - 2; i++)
        p->acts[p->nacts++] = p->hints[p->nhints++] = spec->actions[i];
    p->hints[p->nhints++] = UI_ACT_BACK;
    rows_reload(p, app);
    /* each open table has its own action lists, so its ops live inside it (freed with it) */
    p->ops = rows_ops_template;
    p->ops.actions = p->acts, p->ops.nactions = p->nacts;
    p->ops.hints = p->hints, p->ops.nhints = p->nhints;
    ui_app_push(app, (ui_pane){&p->ops, p});
    return UI_REDRAW;
}
