/* auditview.c — 操作留痕: who did what to whom, when (the audit read back, operator.h), newest
 * first, opened from the register with L. Revealed numbers and unmasked exports are marked
 * "!" and drawn in the warning colour. o keeps one officer, d the entries from a date on,
 * x clears both; Enter opens the person's card when the entry is about a person. Core reads
 * the audit whole or up to a limit (no windows), so at most AUD_LIMIT entries are held and
 * the head line says when older ones are left out. The selected entry's whole detail is
 * shown under the list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/pane/register.h"
#include "ui/panes.h"
#include "ui/theme.h"
#include "ui/widget/listview.h"
#include "ui/widget/uitext.h"
#include "xiangli/csv.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/operator.h"
#include "xiangli/report.h"
#include "xiangli/text.h"

enum { HEAD_ROWS = 3, FOOT_ROWS = 2, GAP = 2, MARK_W = 2, AUD_LIMIT = 2000 };

/* X(column, heading message, least width, most width; 0: the rest of the line) */
#define AUD_COLUMNS(X)                      \
    X(AT, MTG_F_TIME, 16, 16)               \
    X(OPERATOR, AUD_COL_OPERATOR, 6, 10)    \
    X(ACTION, AUD_COL_ACTION, 8, 18)        \
    X(WHOM, AUD_COL_WHOM, 6, 10)            \
    X(DETAIL, ITEM_DETAIL, 0, 0)

enum {
#define AC_X(id, msg, least, most) AC_##id,
    AUD_COLUMNS(AC_X)
#undef AC_X
    AC_COUNT
};

static const struct {
    xl_msg head;
    int least, most;
} aud_cols[AC_COUNT] = {
#define AC_X(id, msg, least, most) [AC_##id] = {XL_MSG_##msg, least, most},
    AUD_COLUMNS(AC_X)
#undef AC_X
};

typedef struct aud_pane {
    xl_db *db;
    xl_audit_rows rows;
    int more;                                  /* older entries were left out */
    char operator_name[XL_OPERATOR_NAME_MAX];  /* "": every officer */
    char since[11];                            /* "": every day */
    int width[AC_COUNT];                       /* from the entries held */
    ui_listview lv;                            /* over rows */
    char err[512];
} aud_pane;

static const ui_action aud_actions[] = {
    UI_ACT_UP, UI_ACT_DOWN, UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN, UI_ACT_FIRST, UI_ACT_LAST,
    UI_ACT_OPEN_PERSON, UI_ACT_AUDIT_OPERATOR, UI_ACT_AUDIT_SINCE, UI_ACT_AUDIT_CLEAR,
};
static const ui_action aud_hints[] = {
    UI_ACT_AUDIT_OPERATOR, UI_ACT_AUDIT_SINCE, UI_ACT_AUDIT_CLEAR, UI_ACT_OPEN_PERSON,
    UI_ACT_BACK, UI_ACT_HELP,
};

/* ---- cells ---- */

static int all_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

/* The person or building; else the record's number ("#12") or key. */
static const char *whom(const xl_audit_row *r, char *buf, size_t size)
{
    if (r->whom[0])
        return r->whom;
    if (!all_digits(r->entity_id))
        return r->entity_id;
    snprintf(buf, size, "#%s", r->entity_id);
    return buf;
}

static const char *cell(const xl_audit_row *r, int c, char *buf, size_t size)
{
    switch (c) {
    case AC_AT: snprintf(buf, size, "%.16s", r->at); return buf;
    case AC_OPERATOR: return r->operator_name;
    case AC_ACTION: return xl_audit_action_label(r->action);
    case AC_WHOM: return whom(r, buf, size);
    default: xl_audit_words(r->detail, buf, size); return buf; /* the officer's words */
    }
}

/* Each column as wide as its widest entry, between its least and most. */
static void fit_columns(aud_pane *p)
{
    char buf[1024];
    for (int c = 0; c < AC_COUNT; c++) {
        int w = xl_str_width(xl_tr(aud_cols[c].head));
        p->width[c] = !aud_cols[c].most ? 0 : w > aud_cols[c].least ? w : aud_cols[c].least;
        for (size_t i = 0; aud_cols[c].most && i < p->rows.n; i++) {
            w = xl_str_width(cell(&p->rows.rows[i], c, buf, sizeof buf));
            p->width[c] = w > p->width[c] ? w : p->width[c];
        }
        if (aud_cols[c].most && p->width[c] > aud_cols[c].most)
            p->width[c] = aud_cols[c].most;
    }
}

/* ---- drawing ---- */

static ui_color_role line_role(const xl_audit_row *r, int sel)
{
    return !r ? UI_C_HEADING : sel ? UI_C_SELECTED : r->flagged ? UI_C_WARN : UI_C_NORMAL;
}

/* One entry, or the column heads (r NULL). */
static void draw_line(const aud_pane *p, WINDOW *w, int y, const xl_audit_row *r, int sel)
{
    char buf[1024];
    int x = 1 + MARK_W, maxx = getmaxx(w) - 1;
    attr_t attr = ui_attr(line_role(r, sel));
    if (!r || sel)
        ui_text_fill(w, y, 0, getmaxx(w), attr);
    if (r && r->flagged)
        ui_text_put(w, y, 1, MARK_W, _(AUD_MARK), attr);
    for (int c = 0; c < AC_COUNT && x < maxx; c++) {
        int width = p->width[c] && p->width[c] < maxx - x ? p->width[c] : maxx - x;
        ui_text_put(w, y, x, width, r ? cell(r, c, buf, sizeof buf) : xl_tr(aud_cols[c].head),
                    attr);
        x += width + GAP;
    }
}

static void draw_row(void *ctx, WINDOW *w, int y, size_t i, int sel)
{
    const aud_pane *p = ctx;
    draw_line(p, w, y, &p->rows.rows[i], sel);
}

/* "值班员 张三  2026-11-01 起  ! 标出…" */
static void draw_filters(const aud_pane *p, WINDOW *w, int y)
{
    char text[160];
    int x = 1, maxx = getmaxx(w) - 1;
    if (p->operator_name[0]) {
        ui_format(text, sizeof text, _(AUD_FILTER_OPERATOR_FMT), p->operator_name);
        x += ui_text_put(w, y, x, maxx - x, text, ui_attr(UI_C_LABEL)) + GAP;
    }
    if (p->since[0] && x < maxx) {
        ui_format(text, sizeof text, _(AUD_FILTER_SINCE_FMT), p->since);
        x += ui_text_put(w, y, x, maxx - x, text, ui_attr(UI_C_LABEL)) + GAP;
    }
    if (x < maxx)
        ui_text_put(w, y, x, maxx - x, _(AUD_FLAG_NOTE), ui_attr(UI_C_DIM));
}

static void draw_head(const aud_pane *p, WINDOW *w)
{
    char head[200];
    ui_format(head, sizeof head, p->more ? _(AUD_HEAD_MORE_FMT) : _(AUD_HEAD_FMT), p->rows.n);
    ui_text_put(w, 0, 1, getmaxx(w) - 2, head, ui_attr(UI_C_HEADING));
    draw_filters(p, w, 1);
    draw_line(p, w, 2, NULL, 0);
}

/* The selected entry's whole detail, under the list. */
static void draw_detail(const aud_pane *p, WINDOW *w)
{
    size_t i;
    char words[1024];
    if (!ui_listview_current(&p->lv, &i) || !p->rows.rows[i].detail[0])
        return;
    xl_audit_words(p->rows.rows[i].detail, words, sizeof words);
    ui_text_wrap(w, getmaxy(w) - FOOT_ROWS, 1, getmaxx(w) - 2, FOOT_ROWS, words, ui_attr(UI_C_DIM));
}

static void aud_draw(void *self, WINDOW *w)
{
    aud_pane *p = self;
    werase(w);
    ui_listview_resize(&p->lv, getmaxy(w) - HEAD_ROWS - FOOT_ROWS);
    if (p->err[0]) {
        ui_text_wrap(w, 1, 1, getmaxx(w) - 2, getmaxy(w) - 2, p->err, ui_attr(UI_C_ERROR));
        return;
    }
    draw_head(p, w);
    if (p->rows.n == 0) {
        ui_text_put(w, HEAD_ROWS, 2, getmaxx(w) - 3, _(AUD_NONE), ui_attr(UI_C_NORMAL));
        return;
    }
    ui_listview_draw(&p->lv, w, HEAD_ROWS, draw_row, p);
    draw_detail(p, w);
}

/* ---- keys ---- */

static int accept_text(int ch)
{
    return ch >= 0x20 && ch != 0x7F && ch < 0x110000;
}

static int accept_date(int ch)
{
    return (ch >= '0' && ch <= '9') || ch == '-' || ch == '/' || ch == '.';
}

/* New filters: the entries read again (the app reloads), from the newest. */
static int filters_changed(aud_pane *p)
{
    xl_audit_rows_release(&p->rows);
    ui_listview_set_count(&p->lv, 0);
    ui_listview_reset(&p->lv);
    return UI_RELOAD;
}

static int operator_done(void *ctx, ui_app *app, const char *text)
{
    aud_pane *p = ctx;
    char name[XL_OPERATOR_NAME_MAX] = "";
    xl_err err;
    xl_err_clear(&err);
    if (*text && xl_operator_check(text, name, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        return UI_REDRAW;
    }
    memcpy(p->operator_name, name, sizeof name);
    return filters_changed(p);
}

static int since_done(void *ctx, ui_app *app, const char *text)
{
    aud_pane *p = ctx;
    char day[11] = "";
    if (*text && xl_parse_date(text, day, NULL) != XL_OK) {
        ui_app_message(app, 1, _(AUD_E_SINCE_DESK_FMT), text);
        return UI_REDRAW;
    }
    memcpy(p->since, day, sizeof day);
    return filters_changed(p);
}

static int open_person(aud_pane *p, ui_app *app)
{
    size_t i;
    if (!ui_listview_current(&p->lv, &i))
        return UI_HANDLED;
    const xl_audit_row *r = &p->rows.rows[i];
    if (strcmp(r->entity, "person") != 0 || !all_digits(r->entity_id))
        return UI_HANDLED;
    return ui_person_open(app, strtoll(r->entity_id, NULL, 10));
}

static int aud_key(void *self, ui_app *app, int key)
{
    aud_pane *p = self;
    ui_action act = UI_KEYS_MATCH(key, aud_actions);
    switch (act) {
    case UI_ACT_NONE: return UI_IGNORED;
    case UI_ACT_OPEN_PERSON: return open_person(p, app);
    case UI_ACT_AUDIT_OPERATOR:
        ui_app_prompt(app, &(ui_prompt_spec){_(AUD_OPERATOR_PROMPT), 20, accept_text,
                                             operator_done, p});
        return UI_REDRAW;
    case UI_ACT_AUDIT_SINCE:
        ui_app_prompt(app, &(ui_prompt_spec){_(AUD_SINCE_PROMPT), 10, accept_date, since_done, p});
        return UI_REDRAW;
    case UI_ACT_AUDIT_CLEAR:
        p->operator_name[0] = p->since[0] = '\0';
        ui_app_message(app, 0, "%s", _(REG_FILTERS_CLEARED));
        return filters_changed(p);
    default: ui_listview_key(&p->lv, act); return UI_REDRAW;
    }
}

/* ---- life cycle ---- */

/* Reads the entries again (at most AUD_LIMIT), keeping the selected one selected while it is
 * among them. */
static void aud_reload(void *self, ui_app *app)
{
    aud_pane *p = self;
    xl_audit_filter f = {.since = p->since[0] ? p->since : NULL,
                         .operator_name = p->operator_name[0] ? p->operator_name : NULL,
                         .limit = AUD_LIMIT + 1};
    xl_audit_rows rows;
    xl_err err;
    xl_err_clear(&err);
    int64_t keep = p->lv.sel < p->rows.n ? p->rows.rows[p->lv.sel].id : 0;
    if (xl_audit_list(p->db, &f, &rows, &err) != XL_OK) {
        xl_strlcpy_utf8(p->err, err.msg, sizeof p->err);
        ui_app_message(app, 1, "%s", err.msg);
        return;
    }
    xl_audit_rows_release(&p->rows);
    p->more = rows.n > AUD_LIMIT;
    p->rows = rows, p->rows.n -= p->more, p->err[0] = '\0';
    for (size_t i = 0; keep && i < p->rows.n; i++)
        if (p->rows.rows[i].id == keep)
            p->lv.sel = i;
    fit_columns(p);
    ui_listview_set_count(&p->lv, p->rows.n);
}

static const char *aud_title(void *self)
{
    (void)self;
    return _(AUD_TITLE);
}

static void aud_free(void *self)
{
    aud_pane *p = self;
    xl_audit_rows_release(&p->rows);
    free(p);
}

static const pane_ops aud_ops = {
    .title = aud_title,
    .draw = aud_draw,
    .key = aud_key,
    .reload = aud_reload,
    .free = aud_free,
    UI_PANE_KEYS(aud_actions, aud_hints),
};

int ui_audit_open(ui_app *app)
{
    aud_pane *p = xl_calloc(1, sizeof *p);
    ui_listview_init(&p->lv, 0);
    p->db = ui_app_db(app);
    aud_reload(p, app);
    ui_app_push(app, (ui_pane){&aud_ops, p});
    return UI_REDRAW;
}
