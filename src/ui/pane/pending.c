/* pending.c — 待确认: phone sign-ins and sign-outs waiting for an officer (pending.h),
 * oldest first. y confirms into the register (asking first when the person would move from
 * another home), n rejects with a reason, Enter opens the person's card when the ID number
 * is registered. Expired submissions are shown dimmed, their numbers erased; they can only
 * be rejected. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/panes.h"
#include "ui/pane/register.h"
#include "ui/theme.h"
#include "ui/widget/listview.h"
#include "ui/widget/uitext.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/pending.h"
#include "xiangli/text.h"

enum { HEAD_ROWS = 3, GAP = 2 };

/* X(column, heading message, width) */
#define PEND_COLUMNS(X)                  \
    X(SUBMITTED, PEND_COL_SUBMITTED, 16) \
    X(PLACE, REG_COL_PLACE, 8)           \
    X(ACTION, PEND_COL_ACTION, 4)        \
    X(NAME, NAME, 8)                     \
    X(ID, ID_NUMBER, 18)                 \
    X(PHONE, PHONE, 11)                  \
    X(DATE, PEND_COL_DATE, 10)           \
    X(RECEIPT, PEND_COL_RECEIPT, 6)

enum {
#define PD_X(id, msg, w) PC_##id,
    PEND_COLUMNS(PD_X)
#undef PD_X
    PC_COUNT
};

static const struct {
    xl_msg head;
    int width;
} pend_cols[PC_COUNT] = {
#define PD_X(id, msg, w) [PC_##id] = {XL_MSG_##msg, w},
    PEND_COLUMNS(PD_X)
#undef PD_X
};

typedef struct pend_pane {
    xl_db *db;
    int days;
    xl_pending_row *rows;
    size_t n;
    ui_listview lv;      /* over rows */
    int64_t acting;      /* the submission a prompt is about */
    char err[512];
} pend_pane;

static const ui_action pend_actions[] = {
    UI_ACT_UP, UI_ACT_DOWN, UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN, UI_ACT_FIRST, UI_ACT_LAST,
    UI_ACT_PENDING_CONFIRM, UI_ACT_PENDING_REJECT, UI_ACT_OPEN_PERSON,
};
static const ui_action pend_hints[] = {
    UI_ACT_PENDING_CONFIRM, UI_ACT_PENDING_REJECT, UI_ACT_OPEN_PERSON, UI_ACT_BACK, UI_ACT_HELP,
};

/* ---- drawing ---- */

static int col_width(int c)
{
    int head = xl_str_width(xl_tr(pend_cols[c].head));
    return head > pend_cols[c].width ? head : pend_cols[c].width;
}

static const char *cell(const xl_pending_row *r, int c, char *buf, size_t size)
{
    switch (c) {
    case PC_SUBMITTED: snprintf(buf, size, "%.16s", r->submitted_at); return buf;
    case PC_PLACE: ui_place_format(buf, size, r->building, r->room); return buf;
    case PC_ACTION: return strcmp(r->action, "out") == 0 ? _(PEND_ACTION_OUT) : _(PEND_ACTION_IN);
    case PC_NAME: return r->name;
    case PC_ID: return r->id_masked[0] ? r->id_masked : _(PEND_ERASED);
    case PC_PHONE: return r->phone_masked[0] ? r->phone_masked : _(PEND_ERASED);
    case PC_DATE: return r->date;
    default: return r->receipt;
    }
}

static void draw_line(WINDOW *w, int y, const xl_pending_row *r, int sel, int heads)
{
    char buf[48];
    int x = 1, maxx = getmaxx(w) - 1;
    attr_t attr = ui_attr(heads ? UI_C_HEADING : sel ? UI_C_SELECTED : r->expired ? UI_C_DIM
                                                                                   : UI_C_NORMAL);
    if (heads || sel)
        ui_text_fill(w, y, 0, getmaxx(w), attr);
    for (int c = 0; c < PC_COUNT && x < maxx; c++) {
        int width = col_width(c) < maxx - x ? col_width(c) : maxx - x;
        ui_text_put(w, y, x, width, heads ? xl_tr(pend_cols[c].head) : cell(r, c, buf, sizeof buf),
                    attr);
        x += col_width(c) + GAP;
    }
    if (!heads && r->expired && x < maxx)
        ui_text_put(w, y, x, maxx - x, _(PEND_STATE_EXPIRED), attr);
}

static void clamp(pend_pane *p)
{
    ui_listview_set_count(&p->lv, p->n);
}

static void draw_row(void *ctx, WINDOW *w, int y, size_t i, int sel)
{
    const pend_pane *p = ctx;
    draw_line(w, y, &p->rows[i], sel, 0);
}

static void pend_draw(void *self, WINDOW *w)
{
    pend_pane *p = self;
    char head[160];
    werase(w);
    ui_listview_resize(&p->lv, getmaxy(w) - HEAD_ROWS);
    if (p->err[0]) {
        ui_text_wrap(w, 1, 1, getmaxx(w) - 2, getmaxy(w) - 2, p->err, ui_attr(UI_C_ERROR));
        return;
    }
    if (p->n == 0) {
        ui_text_put(w, 1, 2, getmaxx(w) - 3, _(PEND_NONE), ui_attr(UI_C_NORMAL));
        return;
    }
    clamp(p);
    ui_format(head, sizeof head, _(PEND_HEAD_FMT), p->n, p->days);
    ui_text_put(w, 0, 1, getmaxx(w) - 2, head, ui_attr(UI_C_HEADING));
    ui_text_put(w, 1, 1, getmaxx(w) - 2, _(PEND_ADVICE), ui_attr(UI_C_DIM));
    draw_line(w, 2, NULL, 0, 1);
    ui_listview_draw(&p->lv, w, HEAD_ROWS, draw_row, p);
}

/* ---- keys ---- */

static void move_sel(pend_pane *p, ui_action act)
{
    clamp(p);
    ui_listview_key(&p->lv, act);
}

static int do_confirm(pend_pane *p, ui_app *app, int allow_move)
{
    xl_pending_outcome o;
    xl_err err;
    xl_err_clear(&err);
    if (xl_pending_confirm(p->db, p->acting, allow_move, &o, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        return UI_RELOAD;
    }
    ui_app_message(app, 0, o.moved ? _(PEND_CONFIRMED_MOVE_FMT) : _(PEND_CONFIRMED_FMT),
                   (long long)p->acting, o.from_building, o.from_room);
    return UI_RELOAD;
}

/* y to "confirm and move them?" */
static int move_yes(void *ctx, ui_app *app, int64_t id)
{
    (void)id;
    return do_confirm(ctx, app, 1);
}

/* Confirms at once, or first asks when the person would move from another home. */
static int confirm(pend_pane *p, ui_app *app, const xl_pending_row *r)
{
    char label[400];
    xl_pending_match m;
    xl_err err;
    xl_err_clear(&err);
    p->acting = r->id;
    if (r->expired || strcmp(r->action, "in") != 0)
        return do_confirm(p, app, 0);
    if (xl_pending_match_find(p->db, r->id, &m, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        return UI_RELOAD;
    }
    if (m.building == 0 || (m.building == r->building && strcmp(m.room, r->room) == 0))
        return do_confirm(p, app, 0);
    ui_format(label, sizeof label, _(PEND_MOVE_ASK_FMT), m.name, m.building, m.room, r->building,
              r->room);
    ui_app_confirm(app, &(ui_confirm_spec){.question = label, .yes = move_yes, .ctx = p});
    return UI_REDRAW;
}

static int accept_text(int ch)
{
    return ch >= 0x20 && ch != 0x7F && ch < 0x110000;
}

static int reason_done(void *ctx, ui_app *app, const char *text)
{
    pend_pane *p = ctx;
    xl_err err;
    xl_err_clear(&err);
    if (xl_pending_reject(p->db, p->acting, text, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        return UI_REDRAW;
    }
    ui_app_message(app, 0, _(PEND_REJECTED_FMT), (long long)p->acting);
    return UI_RELOAD;
}

static int reject(pend_pane *p, ui_app *app, const xl_pending_row *r)
{
    p->acting = r->id;
    ui_app_prompt(app, &(ui_prompt_spec){_(PEND_REASON_PROMPT), 15, accept_text, reason_done, p});
    return UI_REDRAW;
}

static int open_person(pend_pane *p, ui_app *app, const xl_pending_row *r)
{
    xl_pending_match m;
    xl_err err;
    xl_err_clear(&err);
    if (xl_pending_match_find(p->db, r->id, &m, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        return UI_REDRAW;
    }
    if (m.person_id == 0) {
        ui_app_message(app, 0, "%s", _(PEND_NOT_REGISTERED));
        return UI_REDRAW;
    }
    return ui_person_open(app, m.person_id);
}

static int pend_key(void *self, ui_app *app, int key)
{
    pend_pane *p = self;
    const xl_pending_row *r = p->lv.sel < p->n ? &p->rows[p->lv.sel] : NULL;
    ui_action act = UI_KEYS_MATCH(key, pend_actions);
    switch (act) {
    case UI_ACT_NONE: return UI_IGNORED;
    case UI_ACT_PENDING_CONFIRM: return r ? confirm(p, app, r) : UI_HANDLED;
    case UI_ACT_PENDING_REJECT: return r ? reject(p, app, r) : UI_HANDLED;
    case UI_ACT_OPEN_PERSON: return r ? open_person(p, app, r) : UI_HANDLED;
    default: move_sel(p, act); return UI_REDRAW;
    }
}

/* ---- life cycle ---- */

/* Reads the queue again, keeping the selected submission selected while it is there. */
static void pend_reload(void *self, ui_app *app)
{
    pend_pane *p = self;
    xl_pending_row *rows;
    size_t n;
    xl_err err;
    xl_err_clear(&err);
    int64_t keep = p->lv.sel < p->n ? p->rows[p->lv.sel].id : 0;
    if (xl_pending_list(p->db, p->days, &rows, &n, &err) != XL_OK) {
        xl_strlcpy_utf8(p->err, err.msg, sizeof p->err);
        ui_app_message(app, 1, "%s", err.msg);
        return;
    }
    free(p->rows);
    p->rows = rows, p->n = n, p->err[0] = '\0';
    for (size_t i = 0; i < n; i++)
        if (rows[i].id == keep)
            p->lv.sel = i;
    clamp(p);
}

static const char *pend_title(void *self)
{
    (void)self;
    return _(PEND_STATE_WAITING);
}

static void pend_free(void *self)
{
    pend_pane *p = self;
    free(p->rows);
    free(p);
}

static const pane_ops pend_ops = {
    .title = pend_title,
    .draw = pend_draw,
    .key = pend_key,
    .reload = pend_reload,
    .free = pend_free,
    UI_PANE_KEYS(pend_actions, pend_hints),
};

int ui_pending_open(ui_app *app)
{
    pend_pane *p = xl_calloc(1, sizeof *p);
    ui_listview_init(&p->lv, 0);
    p->db = ui_app_db(app);
    p->days = ui_app_config(app)->pending_days > 0 ? ui_app_config(app)->pending_days : 14;
    pend_reload(p, app);
    ui_app_push(app, (ui_pane){&pend_ops, p});
    return UI_REDRAW;
}
