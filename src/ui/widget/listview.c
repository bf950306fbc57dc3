/* listview.c — the one list widget (see listview.h). */
#include "ui/widget/listview.h"

#include <string.h>

void ui_listview_init(ui_listview *lv, unsigned flags)
{
    memset(lv, 0, sizeof *lv);
    lv->flags = flags;
}

static int can_select(const ui_listview *lv, size_t i)
{
    return i < lv->count && (!lv->selectable || lv->selectable(lv->rows, i));
}

/* The nearest selectable row from i in direction dir, then the other way; count when none. */
static size_t settle(const ui_listview *lv, size_t i, int dir)
{
    for (size_t k = i; k < lv->count; k = dir > 0 ? k + 1 : k - 1)
        if (can_select(lv, k))
            return k;
    for (size_t k = i; k < lv->count; k = dir > 0 ? k - 1 : k + 1)
        if (can_select(lv, k))
            return k;
    return lv->count;
}

static void fill_last_page(ui_listview *lv)
{
    size_t page = (size_t)lv->page;
    if (lv->top + page > lv->count)
        lv->top = lv->count > page ? lv->count - page : 0;
}

/* The selection in view: a heading right above it too (UI_LV_HEADINGS). */
static void keep_in_view(ui_listview *lv)
{
    size_t page = (size_t)lv->page;
    if (page == 0)
        return; /* not shown yet: the first resize places the view */
    if (lv->flags & UI_LV_SCROLL) {
        if (lv->top >= lv->count)
            lv->top = lv->count ? lv->count - 1 : 0;
    } else if (lv->sel < lv->count) {
        if ((lv->flags & UI_LV_HEADINGS) && lv->sel <= lv->top && lv->sel > 0 &&
            !can_select(lv, lv->sel - 1))
            lv->top = lv->sel - 1;
        else if (lv->sel < lv->top)
            lv->top = lv->sel;
        if (lv->sel >= lv->top + page)
            lv->top = lv->sel - page + 1;
    }
    if (lv->flags & UI_LV_FILL)
        fill_last_page(lv);
}

void ui_listview_set_count(ui_listview *lv, size_t count)
{
    lv->count = count;
    if (lv->sel >= count)
        lv->sel = count ? count - 1 : 0;
    lv->sel = settle(lv, lv->sel, 1);
    keep_in_view(lv);
}

void ui_listview_reset(ui_listview *lv)
{
    lv->top = 0;
    lv->sel = settle(lv, 0, 1);
}

static int row_lines(const ui_listview *lv)
{
    return lv->row_lines > 1 ? lv->row_lines : 1;
}

void ui_listview_resize(ui_listview *lv, int lines)
{
    int rows = lines / row_lines(lv);
    lv->page = rows < 1 ? 1 : rows;
    keep_in_view(lv);
}

void ui_listview_select(ui_listview *lv, size_t i)
{
    if (lv->count == 0)
        return;
    lv->sel = settle(lv, i < lv->count ? i : lv->count - 1, 1);
    keep_in_view(lv);
}

/* From start, delta rows on, within 0..count-1. */
static size_t offset(size_t start, long delta, size_t count)
{
    if (delta < 0 && (size_t)-delta > start)
        return 0;
    size_t to = delta < 0 ? start - (size_t)-delta : start + (size_t)delta;
    return to < count ? to : (count ? count - 1 : 0);
}

void ui_listview_move(ui_listview *lv, long delta)
{
    if (lv->flags & UI_LV_SCROLL) {
        lv->top = offset(lv->top, delta, lv->count);
    } else if (lv->count > 0) {
        size_t to = offset(lv->sel < lv->count ? lv->sel : 0, delta, lv->count);
        lv->sel = settle(lv, to, delta < 0 ? -1 : 1);
    }
    keep_in_view(lv);
}

static void to_end(ui_listview *lv, int last)
{
    if (lv->flags & UI_LV_SCROLL)
        lv->top = last && lv->count ? lv->count - 1 : 0;
    else
        lv->sel = last ? settle(lv, lv->count ? lv->count - 1 : 0, -1) : settle(lv, 0, 1);
    keep_in_view(lv);
}

int ui_listview_key(ui_listview *lv, ui_action act)
{
    long step = lv->step > 0 ? lv->step : lv->page > 1 ? lv->page - 1 : 1;
    switch (act) {
    case UI_ACT_UP: ui_listview_move(lv, -1); return 1;
    case UI_ACT_DOWN: ui_listview_move(lv, 1); return 1;
    case UI_ACT_PAGE_UP: ui_listview_move(lv, -step); return 1;
    case UI_ACT_PAGE_DOWN: ui_listview_move(lv, step); return 1;
    case UI_ACT_FIRST: to_end(lv, 0); return 1;
    case UI_ACT_LAST: to_end(lv, 1); return 1;
    default: return 0;
    }
}

int ui_listview_current(const ui_listview *lv, size_t *i)
{
    if (lv->flags & UI_LV_SCROLL || !can_select(lv, lv->sel))
        return 0;
    *i = lv->sel;
    return 1;
}

int ui_listview_row_at(const ui_listview *lv, int line, size_t *i)
{
    int r = line / row_lines(lv);
    if (line < 0 || r >= lv->page || lv->top + (size_t)r >= lv->count)
        return 0;
    *i = lv->top + (size_t)r;
    return 1;
}

int ui_listview_draw(const ui_listview *lv, WINDOW *w, int y, ui_listview_draw_row draw_row,
                     void *ctx)
{
    int r = 0;
    for (; r < lv->page && lv->top + (size_t)r < lv->count; r++) {
        size_t i = lv->top + (size_t)r;
        draw_row(ctx, w, y + r * row_lines(lv), i, !(lv->flags & UI_LV_SCROLL) && i == lv->sel);
    }
    return r;
}
