/* docs.c — 文档: the community's documents (docs.h) rendered from their Markdown at the
 * pane's width: headings, lists with hanging indents, paragraphs wrapped by display columns
 * (Chinese two columns wide), bold and italic. ←/→ (or [ ]) switch document, ↑/↓ and the
 * page keys scroll. The office's own copy wins over the shipped one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/panes.h"
#include "ui/theme.h"
#include "ui/widget/uitext.h"
#include "xiangli/docs.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

enum { HEAD_ROWS = 2, MARGIN = 2 };

typedef struct docs_pane {
    xl_db *db;
    xl_doc_id cur;
    xl_doc doc;
    int loaded;
    xl_md_lines lines;
    int width;          /* the width lines were laid out for */
    size_t top;
    int page;
    char err[512];
} docs_pane;

static const ui_action docs_actions[] = {
    UI_ACT_UP, UI_ACT_DOWN, UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN, UI_ACT_FIRST, UI_ACT_LAST,
    UI_ACT_DOC_SWITCH,
};
static const ui_action docs_hints[] = {
    UI_ACT_DOC_SWITCH, UI_ACT_DOWN, UI_ACT_PAGE_DOWN, UI_ACT_HELP, UI_ACT_BACK,
};

static void relayout(docs_pane *p, int width)
{
    xl_md_lines_release(&p->lines);
    p->width = width;
    if (p->loaded)
        xl_md_layout(&p->doc.md, width, &p->lines);
}

static void draw_tabs(docs_pane *p, WINDOW *w)
{
    int x = 1, maxx = getmaxx(w) - 1;
    char label[256], ver[160];
    for (int i = 0; i < XL_DOC_COUNT; i++) {
        snprintf(label, sizeof label, " %s ", xl_doc_label((xl_doc_id)i));
        x += ui_text_put(w, 0, x, maxx - x, label,
                         ui_attr(i == (int)p->cur ? UI_C_TAB_ACTIVE : UI_C_TAB)) + 1;
    }
    if (!p->loaded)
        return;
    ui_format(ver, sizeof ver, _(DOC_VERSION_FMT), p->doc.md.version, p->doc.md.date);
    snprintf(label, sizeof label, "%s · %s", ver, p->doc.local ? _(DOC_LOCAL) : _(DOC_SHIPPED));
    if (x + xl_str_width(label) + 2 <= maxx)
        ui_text_right(w, 0, maxx, maxx - x, label, ui_attr(UI_C_DIM));
    else
        ui_text_put(w, 1, 1, maxx - 1, label, ui_attr(UI_C_DIM));
}

static attr_t seg_attr(const xl_md_line *l, int style)
{
    attr_t a = ui_attr(l->kind == XL_MD_HEADING ? UI_C_HEADING : UI_C_NORMAL);
    if (style & XL_MD_BOLD || (l->kind == XL_MD_HEADING && l->level <= 2))
        a |= A_BOLD;
    if (style & XL_MD_EM)
        a |= A_UNDERLINE;
    return a;
}

static void draw_line(WINDOW *w, int y, const xl_md_line *l)
{
    int x = MARGIN + l->indent, maxx = getmaxx(w) - MARGIN;
    for (size_t s = 0; s < l->nseg && x < maxx; s++)
        x += ui_text_put(w, y, x, maxx - x, l->seg[s].text, seg_attr(l, l->seg[s].style));
}

static void docs_draw(void *self, WINDOW *w)
{
    docs_pane *p = self;
    werase(w);
    draw_tabs(p, w);
    if (p->err[0]) {
        ui_text_wrap(w, HEAD_ROWS, 1, getmaxx(w) - 2, getmaxy(w) - HEAD_ROWS, p->err, ui_attr(UI_C_ERROR));
        return;
    }
    int width = getmaxx(w) - 2 * MARGIN;
    if (width != p->width)
        relayout(p, width);
    p->page = getmaxy(w) - HEAD_ROWS > 1 ? getmaxy(w) - HEAD_ROWS : 1;
    size_t max_top = p->lines.n > (size_t)p->page ? p->lines.n - (size_t)p->page : 0;
    if (p->top > max_top)
        p->top = max_top;
    for (int k = 0; k < p->page && p->top + (size_t)k < p->lines.n; k++)
        draw_line(w, HEAD_ROWS + k, &p->lines.l[p->top + (size_t)k]);
}

static void load(docs_pane *p, ui_app *app)
{
    xl_err err;
    xl_err_clear(&err);
    if (p->loaded)
        xl_doc_release(&p->doc);
    p->loaded = 0;
    p->err[0] = '\0';
    if (xl_doc_load(p->db, p->cur, &p->doc, &err) != XL_OK) {
        xl_strlcpy_utf8(p->err, err.msg, sizeof p->err);
        ui_app_message(app, 1, "%s", err.msg);
    } else {
        p->loaded = 1;
    }
    p->width = -1;
}

static int docs_key(void *self, ui_app *app, int key)
{
    docs_pane *p = self;
    size_t page = p->page > 2 ? (size_t)p->page - 1 : 1;
    switch (ui_keys_match(key, docs_actions, sizeof docs_actions / sizeof docs_actions[0])) {
    case UI_ACT_NONE: return UI_IGNORED;
    case UI_ACT_UP: p->top -= p->top > 0; break;
    case UI_ACT_DOWN: p->top++; break;
    case UI_ACT_PAGE_UP: p->top = p->top > page ? p->top - page : 0; break;
    case UI_ACT_PAGE_DOWN: p->top += page; break;
    case UI_ACT_FIRST: p->top = 0; break;
    case UI_ACT_LAST: p->top = p->lines.n; break;
    case UI_ACT_DOC_SWITCH: {
        int back = key == '[' || key == UI_KEY_FN(KEY_LEFT);
        p->cur = (xl_doc_id)((p->cur + (back ? XL_DOC_COUNT - 1 : 1)) % XL_DOC_COUNT);
        p->top = 0;
        load(p, app);
        break;
    }
    default: return UI_HANDLED;
    }
    return UI_REDRAW;
}

static void docs_reload(void *self, ui_app *app)
{
    load(self, app);
}

static const char *docs_title(void *self)
{
    (void)self;
    return _(DOCS_TITLE);
}

static void docs_free(void *self)
{
    docs_pane *p = self;
    if (p->loaded)
        xl_doc_release(&p->doc);
    xl_md_lines_release(&p->lines);
    free(p);
}

static const pane_ops docs_ops = {
    .title = docs_title,
    .draw = docs_draw,
    .key = docs_key,
    .reload = docs_reload,
    .free = docs_free,
    .actions = docs_actions,
    .nactions = sizeof docs_actions / sizeof docs_actions[0],
    .hints = docs_hints,
    .nhints = sizeof docs_hints / sizeof docs_hints[0],
};

ui_pane ui_docs_new(ui_app *app)
{
    docs_pane *p = xl_calloc(1, sizeof *p);
    p->db = ui_app_db(app);
    p->cur = XL_DOC_TENANT_GUIDE;
    p->width = -1;
    load(p, app);
    return (ui_pane){&docs_ops, p};
}
