/* person.c — 人员卡片: one person, masked numbers, and every residency past and present,
 * newest first, each with its dates, channels and the building's first responsible person.
 * From here: o sign out, m move, v reveal a whole number (reason asked, audited; shown until
 * the next key), c the building's sign-in code, Enter the building's card. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/widget/form.h"
#include "ui/panes.h"
#include "ui/pane/qrview.h"
#include "ui/pane/register.h"
#include "ui/theme.h"
#include "ui/widget/listview.h"
#include "ui/widget/uitext.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

enum { HEAD_ROWS = 8, LINES_PER_HOME = 2, GAP = 2, INFO_X = 1 };

typedef struct person_pane {
    xl_db *db;
    int64_t person_id;
    xl_person_card c;
    ui_listview lv;            /* over the residencies, LINES_PER_HOME lines each */
    const struct home_cols *draw_hc; /* the columns, while the homes draw */
    char revealed[32];         /* a whole number, shown until the next key */
    xl_reveal_field revealed_field;
    char title[120];
} person_pane;

static const ui_action person_actions[] = {
    UI_ACT_UP, UI_ACT_DOWN, UI_ACT_OPEN, UI_ACT_SIGNOUT, UI_ACT_MOVE, UI_ACT_REVEAL, UI_ACT_QR,
};
static const ui_action person_hints[] = {
    UI_ACT_SIGNOUT, UI_ACT_MOVE, UI_ACT_REVEAL, UI_ACT_BACK, UI_ACT_OPEN, UI_ACT_QR, UI_ACT_HELP,
};

/* ---- header ---- */

static const char *gender_label(const char *g)
{
    if (strcmp(g, "M") == 0)
        return _(REG_GENDER_M);
    return strcmp(g, "F") == 0 ? _(REG_GENDER_F) : "";
}

static int header_label_width(void)
{
    const xl_msg labels[] = {XL_MSG_ID_NUMBER, XL_MSG_PHONE, XL_MSG_REG_F_PROVINCE,
                             XL_MSG_REG_F_WORKPLACE, XL_MSG_REG_CARD_CREATED};
    int width = 0;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (xl_str_width(xl_tr(labels[i])) > width)
            width = xl_str_width(xl_tr(labels[i]));
    return width;
}

/* "label  value", with the whole number and its note when it was revealed. */
static void draw_info(const person_pane *p, WINDOW *w, int y, xl_msg label, const char *value,
                      int reveal_slot)
{
    int lw = header_label_width(), x = INFO_X + lw + GAP, maxx = getmaxx(w) - 1;
    ui_text_put(w, y, INFO_X, lw, xl_tr(label), ui_attr(UI_C_LABEL));
    if (reveal_slot >= 0 && p->revealed[0] && (int)p->revealed_field == reveal_slot) {
        x += ui_text_put(w, y, x, maxx - x, p->revealed, ui_attr(UI_C_WARN)) + GAP;
        ui_text_put(w, y, x, maxx - x, _(REG_CARD_REVEALED), ui_attr(UI_C_DIM));
        return;
    }
    ui_text_put(w, y, x, maxx - x, value && *value ? value : _(NONE),
                ui_attr(value && *value ? UI_C_NORMAL : UI_C_DIM));
}

static void draw_name_line(const person_pane *p, WINDOW *w)
{
    const xl_person_card *c = &p->c;
    int maxx = getmaxx(w) - 1, x = 1;
    x += ui_text_put(w, 0, x, maxx - x, c->name, ui_attr(UI_C_HEADING)) + GAP;
    if (*gender_label(c->gender))
        x += ui_text_put(w, 0, x, maxx - x, gender_label(c->gender), ui_attr(UI_C_NORMAL)) + GAP;
    x += ui_text_put(w, 0, x, maxx - x,
                     c->complete ? _(REG_STATE_COMPLETE) : _(REG_STATE_INCOMPLETE),
                     ui_attr(c->complete ? UI_C_NORMAL : UI_C_WARN)) + GAP;
    if (c->party_member)
        ui_text_put(w, 0, x, maxx - x, _(REG_CARD_PARTY), ui_attr(UI_C_PARTY_YES));
}

static void draw_header(const person_pane *p, WINDOW *w)
{
    const xl_person_card *c = &p->c;
    char created[11], homes[96];
    xl_strlcpy_utf8(created, c->created_at, sizeof created);
    draw_name_line(p, w);
    draw_info(p, w, 2, XL_MSG_ID_NUMBER, c->id_masked, XL_REVEAL_ID_NUMBER);
    draw_info(p, w, 3, XL_MSG_PHONE, c->phone_masked, XL_REVEAL_PHONE);
    draw_info(p, w, 4, XL_MSG_REG_F_PROVINCE, c->province, -1);
    draw_info(p, w, 5, XL_MSG_REG_F_WORKPLACE, c->workplace, -1);
    draw_info(p, w, 6, XL_MSG_REG_CARD_CREATED, created, -1);
    ui_format(homes, sizeof homes, _(REG_CARD_HOMES_FMT), c->nresidencies);
    ui_text_fill(w, HEAD_ROWS - 1, 0, getmaxx(w), ui_attr(UI_C_HEADING));
    ui_text_put(w, HEAD_ROWS - 1, 1, getmaxx(w) - 2, homes, ui_attr(UI_C_HEADING));
}

/* ---- residencies ---- */

typedef struct home_cols {
    int place, role, chan_in, chan_out;
} home_cols;

static void measure_homes(const person_pane *p, home_cols *hc)
{
    char place[32];
    memset(hc, 0, sizeof *hc);
    for (size_t i = 0; i < p->c.nresidencies; i++) {
        const xl_card_residency *h = &p->c.residencies[i];
        int wi = xl_str_width(ui_channel_label(h->channel_in));
        int wo = xl_str_width(ui_channel_label(h->channel_out));
        ui_place_format(place, sizeof place, h->building, h->room);
        hc->place = xl_str_width(place) > hc->place ? xl_str_width(place) : hc->place;
        hc->role = xl_str_width(ui_role_label(h->role)) > hc->role ? xl_str_width(ui_role_label(h->role)) : hc->role;
        hc->chan_in = wi > hc->chan_in ? wi : hc->chan_in;
        hc->chan_out = wo > hc->chan_out ? wo : hc->chan_out;
    }
}

/* One column of a home's first line; returns the next column. */
static int put_col(WINDOW *w, int y, int x, int width, const char *text, attr_t attr)
{
    ui_text_put(w, y, x, getmaxx(w) - 1 - x < width ? getmaxx(w) - 1 - x : width, text, attr);
    return x + width + GAP;
}

static void draw_home_line1(WINDOW *w, int y, const xl_card_residency *h, const home_cols *hc,
                            attr_t attr)
{
    char place[32], dates[40], in[64], out[64];
    int x = 1;
    ui_place_format(place, sizeof place, h->building, h->room);
    snprintf(dates, sizeof dates, "%s ~ %s", h->moved_in,
             h->moved_out[0] ? h->moved_out : _(REG_CARD_LIVING));
    snprintf(in, sizeof in, "%s %s", _(REG_CARD_IN), ui_channel_label(h->channel_in));
    snprintf(out, sizeof out, "%s %s", _(REG_CARD_OUT), ui_channel_label(h->channel_out));
    x = put_col(w, y, x, hc->place, place, attr | A_BOLD);
    x = put_col(w, y, x, hc->role, ui_role_label(h->role), attr);
    x = put_col(w, y, x, xl_str_width(dates), dates, attr);
    x = put_col(w, y, x, xl_str_width(_(REG_CARD_IN)) + 1 + hc->chan_in, in, attr);
    if (h->moved_out[0])
        put_col(w, y, x, xl_str_width(out), out, attr);
}

/* "第一责任人 朱雪丽（业主） 165****6954   最近确认 2025-03-01" */
static void draw_home_line2(WINDOW *w, int y, const xl_card_residency *h, int x)
{
    char who[200], seen[64], date[11];
    int maxx = getmaxx(w) - 1;
    if (h->resp_name[0])
        ui_format(who, sizeof who, _(NAME_ROLE_FMT), h->resp_name, ui_role_label(h->resp_role));
    else
        snprintf(who, sizeof who, "%s", _(NONE));
    x += ui_text_put(w, y, x, maxx - x, _(RESPONSIBLE), ui_attr(UI_C_LABEL)) + 1;
    x += ui_text_put(w, y, x, maxx - x, who, ui_attr(UI_C_NORMAL)) + 1;
    x += ui_text_put(w, y, x, maxx - x, h->resp_phone_masked, ui_attr(UI_C_NORMAL)) + GAP + 1;
    if (h->moved_out[0])
        return;
    xl_strlcpy_utf8(date, h->confirmed_at, sizeof date);
    snprintf(seen, sizeof seen, "%s %s", _(REG_STALE_LAST), date[0] ? date : _(REG_CARD_NEVER));
    ui_text_put(w, y, x, maxx - x, seen, ui_attr(UI_C_DIM));
}

static void draw_home(void *ctx, WINDOW *w, int y, size_t i, int sel)
{
    const person_pane *p = ctx;
    const xl_card_residency *h = &p->c.residencies[i];
    attr_t attr = ui_attr(sel ? UI_C_SELECTED : h->moved_out[0] ? UI_C_DIM : UI_C_NORMAL);
    if (sel)
        ui_text_fill(w, y, 0, getmaxx(w), attr);
    draw_home_line1(w, y, h, p->draw_hc, attr);
    draw_home_line2(w, y + 1, h, 1 + p->draw_hc->place + GAP);
}

static void draw_homes(person_pane *p, WINDOW *w)
{
    home_cols hc;
    measure_homes(p, &hc);
    if (p->c.nresidencies == 0) {
        ui_text_put(w, HEAD_ROWS, 2, getmaxx(w) - 3, _(REG_CARD_NO_HOMES), ui_attr(UI_C_DIM));
        return;
    }
    p->draw_hc = &hc;
    ui_listview_draw(&p->lv, w, HEAD_ROWS, draw_home, p);
}

static void clamp(person_pane *p)
{
    ui_listview_set_count(&p->lv, p->c.nresidencies);
}

static void person_draw(void *self, WINDOW *w)
{
    person_pane *p = self;
    werase(w);
    ui_listview_resize(&p->lv, getmaxy(w) - HEAD_ROWS);
    clamp(p);
    draw_header(p, w);
    draw_homes(p, w);
}

/* ---- reveal: a small form asking which number and why ---- */

enum { RV_FIELD, RV_REASON, RV_COUNT };

static int reveal_submit(void *ctx, ui_app *app, ui_form *f)
{
    person_pane *p = ctx;
    xl_err err;
    char out[sizeof p->revealed];
    xl_reveal_field which = ui_form_field(f, RV_FIELD)->choice ? XL_REVEAL_PHONE : XL_REVEAL_ID_NUMBER;
    xl_err_clear(&err);
    ui_form_clear_msgs(f);
    int rc = xl_person_reveal(p->db, p->person_id, which, ui_form_field(f, RV_REASON)->text, out,
                              sizeof out, &err);
    if (rc != XL_OK) {
        size_t at = rc == XL_EUSAGE ? RV_REASON : RV_FIELD;
        xl_strlcpy_utf8(ui_form_field(f, at)->msg, err.msg, UI_FIELD_MSG_MAX);
        ui_form_set_focus(f, at);
        return UI_REDRAW;
    }
    xl_strlcpy_utf8(p->revealed, out, sizeof p->revealed);
    p->revealed_field = which;
    (void)app;
    return UI_BACK;
}

static int open_reveal(person_pane *p, ui_app *app)
{
    static const ui_form_spec spec = {.submit = reveal_submit};
    static const char *which[2]; /* the form keeps a pointer to these: not on the stack */
    which[0] = _(ID_NUMBER), which[1] = _(PHONE);
    ui_field fields[RV_COUNT] = {
        [RV_FIELD] = {.label = _(REG_REVEAL_FIELD), .kind = UI_FIELD_CHOICE, .choices = which,
                      .nchoices = 2},
        [RV_REASON] = {.label = _(REG_REVEAL_REASON), .kind = UI_FIELD_TEXT, .width = 30,
                       .max_chars = 60},
    };
    char title[160];
    ui_format(title, sizeof title, _(REG_REVEAL_TITLE_FMT), p->c.name);
    ui_form *f = ui_form_open(app, &spec, p, title, fields, RV_COUNT);
    ui_form_set_intro(f, _(REG_REVEAL_INTRO));
    ui_form_set_focus(f, RV_REASON);
    return UI_REDRAW;
}

/* ---- keys ---- */

static const xl_card_residency *current_home(const person_pane *p)
{
    for (size_t i = 0; i < p->c.nresidencies; i++)
        if (!p->c.residencies[i].moved_out[0])
            return &p->c.residencies[i];
    return NULL;
}

static int sign_out(person_pane *p, ui_app *app)
{
    const xl_card_residency *h = current_home(p);
    if (!h) {
        ui_app_message(app, 1, "%s", _(REG_NOT_LIVING));
        return UI_REDRAW;
    }
    ui_signout_who who = {h->residency_id, p->c.name, h->building, h->room, h->role, h->moved_in, NULL};
    return ui_signout_open(app, &who);
}

static int person_key(void *self, ui_app *app, int key)
{
    person_pane *p = self;
    const xl_card_residency *h = p->c.nresidencies ? &p->c.residencies[p->lv.sel] : NULL;
    if (p->revealed[0]) { /* any key hides the whole number again */
        p->revealed[0] = '\0';
        return UI_REDRAW;
    }
    ui_action act = UI_KEYS_MATCH(key, person_actions);
    switch (act) {
    case UI_ACT_UP: case UI_ACT_DOWN: clamp(p); ui_listview_key(&p->lv, act); break;
    case UI_ACT_OPEN: return h ? ui_card_open(app, h->building) : UI_HANDLED;
    case UI_ACT_QR: return h ? ui_qrview_open(app, h->building) : UI_HANDLED;
    case UI_ACT_SIGNOUT: return sign_out(p, app);
    case UI_ACT_MOVE: return ui_signin_open_move(app, &p->c);
    case UI_ACT_REVEAL: return open_reveal(p, app);
    default: return UI_IGNORED;
    }
    clamp(p);
    return UI_REDRAW;
}

static int person_mouse(void *self, ui_app *app, int y, int x, unsigned long bstate)
{
    person_pane *p = self;
    (void)x;
    if (!(bstate & BUTTON1_PRESSED) || y < HEAD_ROWS)
        return UI_IGNORED;
    size_t i;
    if (!ui_listview_row_at(&p->lv, y - HEAD_ROWS, &i))
        return UI_HANDLED;
    if (i == p->lv.sel)
        return ui_card_open(app, p->c.residencies[i].building);
    ui_listview_select(&p->lv, i);
    return UI_REDRAW;
}

/* ---- life cycle ---- */

static int person_load(person_pane *p, ui_app *app)
{
    xl_person_card c;
    xl_err err;
    xl_err_clear(&err);
    memset(&c, 0, sizeof c);
    if (xl_person_card_load(p->db, p->person_id, &c, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        xl_person_card_release(&c);
        return XL_EFAIL;
    }
    xl_person_card_release(&p->c);
    p->c = c;
    xl_strlcpy_utf8(p->title, c.name, sizeof p->title);
    return XL_OK;
}

static void person_reload(void *self, ui_app *app)
{
    person_load(self, app);
}

static const char *person_title(void *self)
{
    return ((person_pane *)self)->title;
}

static const char *person_help_title(void *self)
{
    (void)self;
    return _(KEYS_PERSON);
}

static void person_free(void *self)
{
    person_pane *p = self;
    xl_person_card_release(&p->c);
    free(p);
}

static const pane_ops person_ops = {
    .title = person_title,
    .help_title = person_help_title,
    .draw = person_draw,
    .key = person_key,
    .mouse = person_mouse,
    .reload = person_reload,
    .free = person_free,
    UI_PANE_KEYS(person_actions, person_hints),
};

int ui_person_open(ui_app *app, int64_t person_id)
{
    person_pane *p = xl_calloc(1, sizeof *p);
    ui_listview_init(&p->lv, 0);
    p->lv.row_lines = LINES_PER_HOME;
    p->db = ui_app_db(app);
    p->person_id = person_id;
    if (person_load(p, app) != XL_OK) {
        person_free(p);
        return UI_REDRAW;
    }
    ui_app_push(app, (ui_pane){&person_ops, p});
    return UI_REDRAW;
}
