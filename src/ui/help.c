/* help.c — the help overlay: two sections (everywhere / this pane), each a list of
 * "keys  what they do" generated from the key table, side by side when the window is short.
 * A description too long for its column wraps onto the next rows (English at 80x24), it is
 * never cut.
 * A plain panel without a frame: box-drawing characters are of ambiguous width on Chinese
 * terminals. */
#include "ui/help.h"

#include <stdio.h>

#include "ui/theme.h"
#include "ui/widget/uitext.h"
#include "xiangli/i18n.h"
#include "xiangli/text.h"

enum { MAX_ENTRIES = UI_ACT_COUNT, KEY_GAP = 2, SECTION_GAP = 4, MARGIN = 2, LABEL_LINES = 3 };

typedef struct help_section {
    const char *title;
    ui_action acts[MAX_ENTRIES];
    int n, key_w, width, want;
    int rows; /* the entries' rows, wrapped to width */
} help_section;

typedef struct help_layout {
    help_section sec[2];
    int side, inner_w, inner_h, note_lines;
    const char *note;
} help_layout;

static int entry_rows(const help_section *s, int i)
{
    int n = ui_text_wrap(NULL, 0, 0, s->width - s->key_w, LABEL_LINES,
                         ui_keys_label(s->acts[i]), 0);
    return n > 0 ? n : 1;
}

static void measure_section(help_section *s)
{
    int label_w = 0;
    s->key_w = 0;
    for (int i = 0; i < s->n; i++) {
        int kw = xl_str_width(ui_keys_names(s->acts[i]));
        int lw = xl_str_width(ui_keys_label(s->acts[i]));
        s->key_w = kw > s->key_w ? kw : s->key_w;
        label_w = lw > label_w ? lw : label_w;
    }
    s->key_w += KEY_GAP;
    s->width = s->key_w + label_w;
    if (xl_str_width(s->title) > s->width)
        s->width = xl_str_width(s->title);
    s->want = s->width;
}

/* The section in at most width columns: its rows once the descriptions are wrapped. */
static void fit_section(help_section *s, int width)
{
    s->width = s->want < width ? s->want : width;
    s->rows = 0;
    for (int i = 0; i < s->n; i++)
        s->rows += entry_rows(s, i);
}

static void collect(help_layout *h, const ui_pane *pane)
{
    help_section *g = &h->sec[0], *p = &h->sec[1];
    const pane_ops *ops = pane->ops;
    g->title = _(KEYS_GLOBAL);
    for (int a = 0; a < UI_ACT_COUNT; a++)
        if (ui_keys_is_global((ui_action)a) && ui_pane_offers(pane, (ui_action)a))
            g->acts[g->n++] = (ui_action)a;
    p->title = (ops->help_title ? ops->help_title : ops->title)(pane->self);
    for (size_t i = 0; i < ops->nactions && i < MAX_ENTRIES; i++)
        if (ui_pane_offers(pane, ops->actions[i]))
            p->acts[p->n++] = ops->actions[i];
    measure_section(g);
    measure_section(p);
}

/* Side by side: the narrower section keeps its width when it can, the other wraps. */
static void fit_side(help_layout *h, int room)
{
    help_section *g = &h->sec[0], *p = &h->sec[1];
    int half = room / 2;
    if (g->want + p->want <= room)
        fit_section(g, g->want), fit_section(p, p->want);
    else if (g->want <= half)
        fit_section(g, g->want), fit_section(p, room - g->width);
    else if (p->want <= half)
        fit_section(p, p->want), fit_section(g, room - p->width);
    else
        fit_section(g, half), fit_section(p, room - half);
}

static void measure(help_layout *h, int max_w, int max_h)
{
    help_section *g = &h->sec[0], *p = &h->sec[1];
    int room = max_w - 2 * MARGIN;
    fit_section(g, room), fit_section(p, room);
    int stacked = 1 + g->rows + 1 + 1 + p->rows;
    h->side = stacked + 6 > max_h;
    if (h->side) /* the sections may use the margins: the box's edge stays where it was */
        fit_side(h, max_w - 2 - SECTION_GAP);
    int tall = 1 + (g->rows > p->rows ? g->rows : p->rows);
    h->inner_w = h->side ? g->width + SECTION_GAP + p->width
                         : (g->width > p->width ? g->width : p->width);
    if (h->inner_w > room)
        h->inner_w = room;
    if (h->note && xl_str_width(h->note) > h->inner_w && h->inner_w < 60 && max_w >= 64)
        h->inner_w = room < 60 ? room : 60;
    h->note_lines = h->note ? ui_text_wrap(NULL, 0, 0, h->inner_w, 3, h->note, 0) : 0;
    h->inner_h = (h->side ? tall : stacked) + 1 + h->note_lines + 1;
    if (h->inner_h + 2 > max_h && h->note_lines > 0) { /* the keys first: the mouse note goes */
        h->inner_h -= h->note_lines;
        h->note_lines = 0;
    }
}

static void draw_section(WINDOW *w, int y, int x, int width, const help_section *s)
{
    ui_text_put(w, y, x, width, s->title, ui_attr(UI_C_PANEL_HEAD));
    y++;
    for (int i = 0; i < s->n; i++) {
        ui_text_put(w, y, x, s->key_w - KEY_GAP, ui_keys_names(s->acts[i]),
                    ui_attr(UI_C_PANEL_KEY));
        int n = ui_text_wrap(w, y, x + s->key_w, width - s->key_w, entry_rows(s, i),
                             ui_keys_label(s->acts[i]), ui_attr(UI_C_PANEL));
        y += n > 0 ? n : 1;
    }
}

void ui_help_draw(WINDOW *w, const ui_pane *pane, int mouse)
{
    /* the mouse note speaks of tabs and buildings: not where the tabs are not offered */
    int note = mouse && ui_pane_offers(pane, UI_ACT_PANE_N);
    help_layout h = {.note = note ? _(HELP_MOUSE) : NULL};
    char title[96];
    collect(&h, pane);
    measure(&h, getmaxx(w), getmaxy(w));
    int width = h.inner_w + 2 * MARGIN, height = h.inner_h + 2;
    if (height > getmaxy(w))
        height = getmaxy(w);
    int y = (getmaxy(w) - height) / 2, x = (getmaxx(w) - width) / 2, in = x + MARGIN;
    for (int r = 1; r < height; r++)
        ui_text_fill(w, y + r, x, width, ui_attr(UI_C_PANEL));
    snprintf(title, sizeof title, " %s", _(HELP_TITLE));
    ui_text_pad(w, y, x, width, title, ui_attr(UI_C_TITLE));
    draw_section(w, y + 2, in, h.sec[0].width, &h.sec[0]);
    if (h.side)
        draw_section(w, y + 2, in + h.sec[0].width + SECTION_GAP, h.sec[1].width, &h.sec[1]);
    else
        draw_section(w, y + 2 + h.sec[0].rows + 2, in, h.inner_w, &h.sec[1]);
    int close_y = y + height - 1;
    ui_text_wrap(w, close_y - h.note_lines - 1, in, h.inner_w, h.note_lines, h.note,
                 ui_attr(UI_C_PANEL));
    ui_text_put(w, close_y, in, h.inner_w, _(HELP_CLOSE), ui_attr(UI_C_PANEL_KEY));
}
