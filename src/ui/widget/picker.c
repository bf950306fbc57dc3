/* picker.c — the list to choose from (see picker.h). */
#include "ui/widget/picker.h"

#include <stdlib.h>
#include <string.h>

#include "ui/widget/form.h"
#include "ui/theme.h"
#include "ui/widget/listview.h"
#include "ui/widget/uitext.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

enum { LIST_Y = 4, SEARCH_W = 30 };

typedef struct picker {
    ui_pick_spec spec;
    void *ctx;
    ui_field query;
    ui_pick_rows rows;
    ui_listview lv; /* over rows: headings cannot be chosen */
    int text_w;     /* the rows' text column, while they draw */
    int cur_y, cur_x;
    char title[256], help_title[128], intro[512]; /* copies: the spec's may be the caller's */
} picker;

static const ui_action pick_actions[] = {
    UI_ACT_PICK_CHOOSE, UI_ACT_UP, UI_ACT_DOWN, UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN,
};
static const ui_action check_actions[] = {
    UI_ACT_PICK_TICK, UI_ACT_PICK_DONE, UI_ACT_UP, UI_ACT_DOWN, UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN,
};
static const ui_action pick_hints[] = {UI_ACT_PICK_CHOOSE, UI_ACT_DOWN};
static const ui_action check_hints[] = {UI_ACT_PICK_TICK, UI_ACT_PICK_DONE, UI_ACT_DOWN};

ui_pick_row *ui_pick_add(ui_pick_rows *r)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 32;
        r->rows = xl_reallocarray(r->rows, r->cap, sizeof *r->rows);
    }
    ui_pick_row *row = &r->rows[r->n++];
    memset(row, 0, sizeof *row);
    return row;
}

/* ---- rows and the selection ---- */

static int choosable(const picker *p, size_t i)
{
    return i < p->rows.n && !p->rows.rows[i].heading;
}

static int choosable_row(const void *rows, size_t i)
{
    return choosable(rows, i);
}

static void refill(picker *p, ui_app *app)
{
    int64_t keep = choosable(p, p->lv.sel) ? p->rows.rows[p->lv.sel].id : -1;
    p->rows.n = 0;
    p->spec.fill(p->ctx, app, p->query.text, &p->rows);
    p->lv.sel = p->lv.top = 0;
    for (size_t i = 0; i < p->rows.n; i++)
        if (choosable(p, i) && p->rows.rows[i].id == keep && p->spec.checklist)
            p->lv.sel = i;
    ui_listview_set_count(&p->lv, p->rows.n);
}

/* ---- drawing ---- */

/* Columns for the rows' texts: the widest, up to half the window; the notes line up after. */
static int text_width(const picker *p, int cols)
{
    int width = 0;
    for (size_t i = 0; i < p->rows.n; i++) {
        int tw = p->rows.rows[i].heading ? 0 : xl_str_width(p->rows.rows[i].text);
        width = tw > width ? tw : width;
    }
    return width < cols / 2 ? width : cols / 2;
}

static void draw_row(void *ctx, WINDOW *w, int y, size_t i, int on)
{
    const picker *p = ctx;
    const ui_pick_row *row = &p->rows.rows[i];
    int width = getmaxx(w) - 2, x = 1, tw = p->text_w;
    attr_t attr = ui_attr(row->heading ? UI_C_LABEL : on ? UI_C_SELECTED : UI_C_NORMAL);
    ui_text_fill(w, y, 0, getmaxx(w), on ? attr : ui_attr(UI_C_NORMAL));
    if (row->heading) {
        ui_text_put(w, y, x, width - x, row->text, attr);
        return;
    }
    x += ui_text_pad(w, y, x, 2, on ? ">" : " ", attr);
    if (p->spec.checklist)
        x += ui_text_put(w, y, x, 4, row->checked ? "[x]" : "[ ]", attr) + 1;
    ui_text_put(w, y, x, tw, row->text, attr);
    x += tw + 2;
    if (row->note[0] && x < width)
        ui_text_put(w, y, x, width - x, row->note, on ? attr : ui_attr(UI_C_DIM));
}

static void draw_footer(picker *p, WINDOW *w, int y)
{
    char text[96];
    size_t count = 0, pos = 0;
    for (size_t i = 0; i < p->rows.n; i++)
        if (!p->rows.rows[i].heading) {
            count++;
            pos += i <= p->lv.sel;
        }
    char extra[512];
    if (count == 0)
        snprintf(text, sizeof text, "%s", _(PICK_NOTHING));
    else
        ui_format(text, sizeof text, _(PICK_POS_FMT), pos, count);
    int right = ui_text_right(w, y, getmaxx(w) - 1, 24, text, ui_attr(UI_C_DIM));
    if (p->spec.footer) {
        p->spec.footer(p->ctx, extra, sizeof extra);
        ui_text_put(w, y, 1, right - 3, extra, ui_attr(UI_C_LABEL));
    }
}

static void pick_draw(void *self, WINDOW *w)
{
    picker *p = self;
    int x = 1;
    werase(w);
    ui_text_put(w, 0, 1, getmaxx(w) - 2, p->spec.title, ui_attr(UI_C_HEADING));
    x += ui_text_put(w, 1, x, getmaxx(w) - 2, _(PICK_SEARCH), ui_attr(UI_C_LABEL));
    p->query.width = getmaxx(w) - x - 2 < SEARCH_W ? getmaxx(w) - x - 2 : SEARCH_W;
    p->cur_x = ui_field_draw_text(w, 1, x, &p->query, 1);
    p->cur_y = 1;
    /* Esc is the way back here: q is a letter of the search */
    ui_text_put(w, 1, x + p->query.width + 2, getmaxx(w) - x - p->query.width - 3, _(PICK_ESC),
                ui_attr(UI_C_DIM));
    if (p->spec.intro)
        ui_text_put(w, 2, 1, getmaxx(w) - 2, p->spec.intro, ui_attr(UI_C_DIM));
    ui_listview_resize(&p->lv, getmaxy(w) - LIST_Y - 1);
    p->text_w = text_width(p, getmaxx(w) - 8);
    ui_listview_draw(&p->lv, w, LIST_Y, draw_row, p);
    draw_footer(p, w, getmaxy(w) - 1);
}

static int pick_cursor(void *self, int *y, int *x)
{
    picker *p = self;
    *y = p->cur_y, *x = p->cur_x;
    return 1;
}

/* ---- keys ---- */

static int choose_row(picker *p, ui_app *app)
{
    if (!choosable(p, p->lv.sel))
        return UI_HANDLED;
    return p->spec.choose(p->ctx, app, &p->rows.rows[p->lv.sel]) | UI_REDRAW;
}

static int action_key(picker *p, ui_app *app, ui_action act)
{
    switch (act) {
    case UI_ACT_PICK_CHOOSE: return choose_row(p, app);
    case UI_ACT_PICK_DONE: return UI_BACK;
    default: return ui_listview_key(&p->lv, act) ? UI_REDRAW : UI_IGNORED;
    }
}

static int pick_key(void *self, ui_app *app, int key)
{
    picker *p = self;
    if (p->spec.checklist && key == ' ')
        return choose_row(p, app);
    if (key == '?' && !p->query.text[0])
        return UI_IGNORED; /* the help, while nothing is typed */
    int edited = ui_field_edit(&p->query, key);
    if (edited > 0)
        refill(p, app);
    if (edited >= 0)
        return UI_REDRAW;
    const ui_action *acts = p->spec.checklist ? check_actions : pick_actions;
    size_t n = p->spec.checklist ? sizeof check_actions / sizeof check_actions[0]
                                 : sizeof pick_actions / sizeof pick_actions[0];
    ui_action act = ui_keys_match(key, acts, n); /* letters never get here: they are typed */
    return act == UI_ACT_NONE ? UI_IGNORED : action_key(p, app, act);
}

/* ---- life cycle ---- */

static const char *pick_title(void *self)
{
    return ((picker *)self)->spec.title;
}

static const char *pick_help_title(void *self)
{
    picker *p = self;
    return p->spec.help_title ? p->spec.help_title : p->spec.title;
}

static void pick_free(void *self)
{
    picker *p = self;
    if (p->spec.free)
        p->spec.free(p->ctx);
    free(p->rows.rows);
    free(p);
}

static const pane_ops pick_ops = {
    .title = pick_title,
    .help_title = pick_help_title,
    .draw = pick_draw,
    .key = pick_key,
    .free = pick_free,
    UI_PANE_KEYS(pick_actions, pick_hints),
    .cursor = pick_cursor,
};

static const pane_ops check_ops = {
    .title = pick_title,
    .help_title = pick_help_title,
    .draw = pick_draw,
    .key = pick_key,
    .free = pick_free,
    UI_PANE_KEYS(check_actions, check_hints),
    .cursor = pick_cursor,
};

void ui_pick_open(ui_app *app, const ui_pick_spec *spec, void *ctx)
{
    picker *p = xl_calloc(1, sizeof *p);
    p->spec = *spec;
    p->ctx = ctx;
    xl_strlcpy_utf8(p->title, spec->title ? spec->title : "", sizeof p->title);
    xl_strlcpy_utf8(p->help_title, spec->help_title ? spec->help_title : p->title,
                    sizeof p->help_title);
    xl_strlcpy_utf8(p->intro, spec->intro ? spec->intro : "", sizeof p->intro);
    p->spec.title = p->title, p->spec.help_title = p->help_title;
    p->spec.intro = p->intro[0] ? p->intro : NULL;
    p->query.kind = UI_FIELD_TEXT;
    p->query.max_chars = 40;
    p->query.width = SEARCH_W;
    ui_listview_init(&p->lv, UI_LV_HEADINGS);
    p->lv.selectable = choosable_row, p->lv.rows = p;
    ui_listview_resize(&p->lv, 10);
    refill(p, app);
    ui_app_push(app, (ui_pane){spec->checklist ? &check_ops : &pick_ops, p});
}
