/* stats_lines.c — one line of the statistics pane, and what Enter on it opens (stats_ui.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/pane/rows.h"
#include "ui/pane/stats_ui.h"
#include "ui/panes.h"
#include "ui/widget/uitext.h"
#include "xiangli/i18n.h"
#include "xiangli/lists.h"
#include "xiangli/mem.h"
#include "xiangli/model.h"
#include "xiangli/text.h"

enum { X0 = 3, LABEL = 14, NUM = 6, BEHIND_LIMIT = 5000 };

static const xl_msg role_msgs[] = {XL_MSG_ROLE_OWNER, XL_MSG_ROLE_SUBLANDLORD, XL_MSG_ROLE_TENANT,
                                   XL_MSG_ROLE_FAMILY};

/* Solid bars are reverse-video spaces in the role's colour: no block characters, whose width
 * is ambiguous on Chinese terminals (and whose runs some terminals repeat wrongly); the
 * monochrome theme draws '#' so the bars stay visible without colour. */
void ui_stats_bar(WINDOW *w, int y, int x, int width, int value, int max, ui_color_role role)
{
    if (width <= 0 || max <= 0)
        return;
    int cells = (int)((long)value * width / max);
    if (value > 0 && cells == 0)
        cells = 1;
    char bar[161];
    int n = cells < 160 ? cells : 160;
    memset(bar, ui_theme_is_mono() ? '#' : ' ', (size_t)n);
    bar[n] = '\0';
    ui_text_put(w, y, x, width, bar, ui_attr(role) | (ui_theme_is_mono() ? 0 : A_REVERSE));
}

/* label, a count right-aligned, then a bar over the rest of the line */
static void count_line(WINDOW *w, int y, const char *label, int n, int max, attr_t attr)
{
    char num[16];
    int maxx = getmaxx(w) - 1;
    snprintf(num, sizeof num, "%*d", NUM, n);
    ui_text_put(w, y, X0, LABEL, label, attr);
    ui_text_put(w, y, X0 + LABEL, NUM, num, attr);
    ui_stats_bar(w, y, X0 + LABEL + NUM + 2, maxx - (X0 + LABEL + NUM + 2), n, max, UI_C_RATE_HIGH);
}

static void text_line(const xl_figures *f, const xl_report_opts *o, WINDOW *w, int y, int msg,
                      attr_t attr)
{
    char buf[300];
    if (msg == T_TARGET)
        ui_format(buf, sizeof buf, _(STAT_TARGET_FMT), ui_percent(f->st.registration_rate),
                  ui_percent(o->target), f->below_target);
    else if (msg == T_BELOW_MORE)
        ui_format(buf, sizeof buf, _(STAT_BELOW_MORE_FMT), f->below_target);
    else if (msg == T_COVER)
        ui_format(buf, sizeof buf, _(STAT_COVER_FMT), o->roundtable_days, ui_percent(f->rt_share),
                  f->rt_covered, f->rt_buildings);
    else
        snprintf(buf, sizeof buf, "%s", _(STAT_NO_OVERDUE));
    ui_text_put(w, y, X0 - 1, getmaxx(w) - X0, buf, attr);
}

static void building_line(const xl_fig_building *b, const xl_report_opts *o, WINDOW *w, int y,
                          attr_t attr)
{
    char num[32], pct[16], who[200];
    int maxx = getmaxx(w) - 1, x = X0;
    ui_format(num, sizeof num, _(BUILDING_FMT), b->number);
    snprintf(pct, sizeof pct, "%3d%%", ui_percent(b->rate));
    if (b->resp_name[0])
        ui_format(who, sizeof who, _(STAT_RESP_FMT), b->resp_name,
                  xl_tr(role_msgs[xl_role_parse(b->resp_role) >= 0 ? xl_role_parse(b->resp_role) : 0]));
    else
        ui_format(who, sizeof who, _(STAT_RESP_FMT), _(NONE), "");
    x += ui_text_pad(w, y, x, 8, num, attr) + 1;
    x += ui_text_pad(w, y, x, 10, b->lane, attr) + 1;
    xl_building_summary s = {.rate = b->rate, .declared = b->declared};
    x += ui_text_put(w, y, x, 5, pct, b->rate < o->target ? ui_attr(UI_C_RATE_LOW) | (attr & A_REVERSE) : attr) + 1;
    ui_stats_bar(w, y, x, 10, (int)(b->rate * 100 + 0.5), 100, ui_map_rate_role(&s));
    x += 12;
    if (x < maxx)
        ui_text_put(w, y, x, maxx - x, who, attr);
}

static void month_line(const xl_figures *f, WINDOW *w, int y, size_t i, attr_t attr)
{
    int max = 1, maxx = getmaxx(w) - 1;
    for (int k = 0; k < XL_REPORT_MONTHS; k++) {
        max = f->months[k].moved_in > max ? f->months[k].moved_in : max;
        max = f->months[k].moved_out > max ? f->months[k].moved_out : max;
    }
    const xl_fig_month *m = &f->months[i];
    char a[64], b[64];
    int half = (maxx - X0 - 8) / 2, lw = 0, bar;
    ui_format(a, sizeof a, _(STAT_IN_FMT), m->moved_in);
    ui_format(b, sizeof b, _(STAT_OUT_FMT), m->moved_out);
    lw = xl_str_width(a) > xl_str_width(b) ? xl_str_width(a) : xl_str_width(b);
    bar = half - lw - 2;
    ui_text_put(w, y, X0, 7, m->month, attr);
    ui_text_pad(w, y, X0 + 8, lw, a, attr);
    ui_stats_bar(w, y, X0 + 8 + lw + 1, bar, m->moved_in, max, UI_C_RATE_HIGH);
    ui_text_pad(w, y, X0 + 8 + half, lw, b, attr);
    ui_stats_bar(w, y, X0 + 8 + half + lw + 1, bar, m->moved_out, max, UI_C_RATE_MID);
}

static void items_line(const xl_fig_items *it, WINDOW *w, int y, attr_t attr)
{
    char buf[200];
    ui_format(buf, sizeof buf, _(STAT_ITEMS_FMT), it->open, it->in_progress);
    ui_text_put(w, y, X0, LABEL, xl_category_label_of(it->category), attr);
    ui_text_put(w, y, X0 + LABEL, getmaxx(w) - X0 - LABEL - 1, buf, attr);
}

static void cover_line(const xl_fig_cover *c, WINDOW *w, int y, attr_t attr)
{
    char label[64], buf[64];
    if (c->kind == XL_COVER_GROUP)
        ui_format(label, sizeof label, _(STAT_GROUP_FMT), c->id);
    else
        snprintf(label, sizeof label, "%s", c->label);
    ui_format(buf, sizeof buf, _(STAT_SHARE_FMT), ui_percent(c->share), c->covered, c->buildings);
    ui_text_put(w, y, X0, LABEL, label, attr);
    int x = X0 + LABEL + ui_text_pad(w, y, X0 + LABEL, 18, buf, attr) + 1;
    ui_stats_bar(w, y, x, getmaxx(w) - 1 - x, c->covered, c->buildings > 0 ? c->buildings : 1,
                 UI_C_RATE_HIGH);
}

void ui_stats_draw_line(const xl_figures *f, const xl_report_opts *o, WINDOW *w, int y,
                        line_kind k, size_t idx, int msg, attr_t attr)
{
    char buf[128];
    switch (k) {
    case L_HEAD: ui_text_put(w, y, 1, getmaxx(w) - 2, xl_tr((xl_msg)msg), ui_attr(UI_C_HEADING)); break;
    case L_TEXT: text_line(f, o, w, y, msg, attr); break;
    case L_ROLE: count_line(w, y, xl_tr(role_msgs[idx]), f->by_role[idx], f->st.residents, attr); break;
    case L_BUILDING: building_line(&f->buildings[idx], o, w, y, attr); break;
    case L_MONTH: month_line(f, w, y, idx, attr); break;
    case L_PROVINCE:
        snprintf(buf, sizeof buf, "%s", f->provinces[idx].key[0] ? f->provinces[idx].label : _(STAT_NO_PROVINCE));
        count_line(w, y, buf, f->provinces[idx].count, f->provinces[0].count, attr);
        break;
    case L_ITEMS: items_line(&f->items[idx], w, y, attr); break;
    case L_OVERDUE:
        count_line(w, y, f->overdue[idx].label, f->overdue[idx].count, f->overdue[0].count, attr);
        break;
    case L_COVER: cover_line(&f->cover[idx], w, y, attr); break;
    case L_BLANK: break;
    }
}

/* ---- the rows behind ---- */

typedef struct behind_ctx {
    xl_behind_kind kind;
    char key[64];
    char title[160];
    int days;
} behind_ctx;

static int behind_load(void *vctx, ui_app *app, xl_behind *out, char *intro, size_t size)
{
    behind_ctx *c = vctx;
    xl_err err;
    xl_err_clear(&err);
    int rc = xl_behind_load(ui_app_db(app), c->kind, c->key, c->days, BEHIND_LIMIT, out, &err);
    if (rc != XL_OK)
        ui_app_message(app, 1, "%s", err.msg);
    else
        ui_format(intro, size, _(STAT_BEHIND_FMT), c->title, out->nrows);
    return rc;
}

static const ui_rows_spec behind_spec = {
    .load = behind_load,
    .free = free,
};

static int open_behind(ui_app *app, xl_behind_kind kind, const char *key, const char *title,
                       int days)
{
    static ui_rows_spec specs[1];
    behind_ctx *c = xl_calloc(1, sizeof *c);
    c->kind = kind, c->days = days;
    xl_strlcpy_utf8(c->key, key, sizeof c->key);
    xl_strlcpy_utf8(c->title, title, sizeof c->title);
    specs[0] = behind_spec;
    specs[0].title = _(STAT_BEHIND_TITLE);
    return ui_rows_open(app, &specs[0], c);
}

int ui_stats_open_line(ui_app *app, const xl_figures *f, const xl_report_opts *o, line_kind k,
                       size_t idx)
{
    char key[64], title[160];
    switch (k) {
    case L_BUILDING: return ui_card_open(app, f->buildings[idx].number);
    case L_ROLE:
        return open_behind(app, XL_BEHIND_ROLE, xl_role_key((xl_role)idx), xl_tr(role_msgs[idx]), 0);
    case L_MONTH: return open_behind(app, XL_BEHIND_MONTH, f->months[idx].month, f->months[idx].month, 0);
    case L_PROVINCE:
        return open_behind(app, XL_BEHIND_PROVINCE, f->provinces[idx].key,
                           f->provinces[idx].key[0] ? f->provinces[idx].label : _(STAT_NO_PROVINCE), 0);
    case L_ITEMS:
        return open_behind(app, XL_BEHIND_CATEGORY, f->items[idx].category,
                           xl_category_label_of(f->items[idx].category), 0);
    case L_OVERDUE:
        return open_behind(app, XL_BEHIND_OVERDUE, f->overdue[idx].key, f->overdue[idx].label, 0);
    case L_COVER:
        snprintf(key, sizeof key, "%d", f->cover[idx].id);
        if (f->cover[idx].kind == XL_COVER_GROUP)
            ui_format(title, sizeof title, _(STAT_GROUP_FMT), f->cover[idx].id);
        else
            snprintf(title, sizeof title, "%s", f->cover[idx].label);
        return open_behind(app, f->cover[idx].kind == XL_COVER_GROUP ? XL_BEHIND_GROUP : XL_BEHIND_LANE,
                           key, title, o->roundtable_days);
    default: return UI_HANDLED;
    }
}
