/* resp.c — 更换第一责任人 of a building, from its card: choose the person from the people
 * living there, or type a name, pinyin, phone or ID tail to find anyone registered (a
 * sub-landlord often lives elsewhere); the role (owner / sub-landlord) and the start date.
 * The change is kept in the building's history by the core. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/widget/form.h"
#include "ui/pane/register.h"
#include "ui/theme.h"
#include "ui/widget/listview.h"
#include "ui/widget/uitext.h"
#include "xiangli/i18n.h"
#include "xiangli/lookup.h"
#include "xiangli/mem.h"
#include "xiangli/model.h"
#include "xiangli/text.h"

enum { RP_FIND, RP_ROLE, RP_SINCE, RP_COUNT };
enum { RESP_LIMIT = 200, GAP = 2 };

static const xl_role resp_roles[] = {XL_ROLE_OWNER, XL_ROLE_SUBLANDLORD};

typedef struct resp_ctx {
    xl_db *db;
    int building;
    xl_lookup_result res; /* the people one may choose */
    int searched;         /* res comes from the typed text, not from the building */
    ui_listview lv;       /* over res.hits */
    int role_touched;
} resp_ctx;

static void auto_role(resp_ctx *r, ui_form *f)
{
    size_t i;
    if (r->role_touched || !ui_listview_current(&r->lv, &i))
        return;
    int owner = strcmp(r->res.hits[i].role, xl_role_key(XL_ROLE_OWNER)) == 0;
    ui_form_field(f, RP_ROLE)->choice = owner ? 0 : 1;
}

/* The people living in the building, or those the typed text finds. */
static void find(resp_ctx *r, const char *text)
{
    char number[16];
    xl_err err;
    xl_err_clear(&err);
    xl_lookup_release(&r->res);
    r->searched = text && strspn(text, " ") < strlen(text);
    snprintf(number, sizeof number, "%d", r->building);
    if (xl_lookup(r->db, r->searched ? text : number, RESP_LIMIT, &r->res, &err) != XL_OK)
        memset(&r->res, 0, sizeof r->res);
    ui_listview_set_count(&r->lv, r->res.n);
    ui_listview_reset(&r->lv);
}

static void resp_changed(void *ctx, ui_app *app, ui_form *f, size_t i)
{
    resp_ctx *r = ctx;
    (void)app;
    if (i == RP_ROLE)
        r->role_touched = 1;
    if (i != RP_FIND)
        return;
    find(r, ui_form_field(f, RP_FIND)->text);
    auto_role(r, f);
}

/* Up/Down and the page keys choose in the list (Tab moves between the fields). */
static int resp_key(void *ctx, ui_app *app, ui_form *f, int key)
{
    resp_ctx *r = ctx;
    (void)app;
    if (r->res.n == 0)
        return UI_IGNORED;
    switch (key) { /* the keys themselves: letters (k, j) are typed into the fields */
    case UI_KEY_FN(KEY_UP): ui_listview_key(&r->lv, UI_ACT_UP); break;
    case UI_KEY_FN(KEY_DOWN): ui_listview_key(&r->lv, UI_ACT_DOWN); break;
    case UI_KEY_FN(KEY_PPAGE): ui_listview_key(&r->lv, UI_ACT_PAGE_UP); break;
    case UI_KEY_FN(KEY_NPAGE): ui_listview_key(&r->lv, UI_ACT_PAGE_DOWN); break;
    default: return UI_IGNORED;
    }
    auto_role(r, f);
    return UI_REDRAW;
}

static void draw_hit(void *ctx, WINDOW *w, int y, size_t i, int sel)
{
    const xl_hit *h = &((const resp_ctx *)ctx)->res.hits[i];
    char place[32];
    const char *cells[] = {h->name, place, ui_role_label(h->role), h->phone_masked};
    const int widths[] = {12, 9, 12, 11};
    attr_t attr = ui_attr(sel ? UI_C_SELECTED : UI_C_NORMAL);
    int x = 2;
    ui_place_format(place, sizeof place, h->building, h->room);
    if (sel)
        ui_text_fill(w, y, 1, getmaxx(w) - 2, attr);
    for (size_t c = 0; c < sizeof cells / sizeof cells[0] && x < getmaxx(w) - 1; c++) {
        int width = widths[c] < getmaxx(w) - 1 - x ? widths[c] : getmaxx(w) - 1 - x;
        ui_text_put(w, y, x, width, cells[c], attr);
        x += widths[c] + GAP;
    }
}

static void resp_draw(void *ctx, ui_form *f, WINDOW *w, int y, int rows)
{
    resp_ctx *r = ctx;
    (void)f;
    ui_text_put(w, y, 2, getmaxx(w) - 3, r->searched ? _(REG_RESP_LIST_FOUND) : _(REG_RESP_LIST_HOUSE),
                ui_attr(UI_C_LABEL));
    if (r->res.n == 0) {
        ui_text_put(w, y + 1, 2, getmaxx(w) - 3, _(PICK_NOTHING), ui_attr(UI_C_DIM));
        return;
    }
    ui_listview_resize(&r->lv, rows - 1);
    ui_listview_draw(&r->lv, w, y + 1, draw_hit, r);
}

static int resp_submit(void *ctx, ui_app *app, ui_form *f)
{
    resp_ctx *r = ctx;
    xl_err err;
    char today[11];
    const char *since = ui_form_field(f, RP_SINCE)->text;
    xl_role role = resp_roles[ui_form_field(f, RP_ROLE)->choice];
    xl_err_clear(&err);
    ui_form_clear_msgs(f);
    size_t i;
    if (!ui_listview_current(&r->lv, &i)) {
        ui_form_set_note(f, _(REG_RESP_NOBODY), 1);
        return UI_REDRAW;
    }
    const xl_hit *h = &r->res.hits[i];
    if (xl_building_set_responsible(r->db, r->building, h->person_id, role, since, &err) != XL_OK) {
        ui_form_set_note(f, err.msg, 1);
        return UI_REDRAW;
    }
    xl_today(today);
    ui_app_message(app, 0, _(REG_RESP_DONE_FMT), r->building, h->name,
                   ui_role_label(xl_role_key(role)), *since ? since : today);
    return UI_BACK;
}

static void resp_free(void *ctx)
{
    resp_ctx *r = ctx;
    xl_lookup_release(&r->res);
    free(r);
}

static const ui_form_spec resp_spec = {
    .submit = resp_submit,
    .key = resp_key,
    .changed = resp_changed,
    .draw = resp_draw,
    .free = resp_free,
};

static void intro_text(const resp_ctx *r, char *out, size_t size)
{
    char who[200];
    if (r->res.resp_name[0])
        ui_format(who, sizeof who, _(NAME_ROLE_FMT), r->res.resp_name,
                  ui_role_label(r->res.resp_role));
    else
        snprintf(who, sizeof who, "%s", _(NONE));
    snprintf(who + strlen(who), sizeof who - strlen(who), "  %s", r->res.resp_phone_masked);
    ui_format(out, size, _(REG_RESP_NOW_FMT), who);
}

int ui_resp_open(ui_app *app, int building)
{
    static const char *roles[2]; /* the form keeps a pointer to these */
    char today[11], title[160], intro[256];
    resp_ctx *r = xl_calloc(1, sizeof *r);
    ui_listview_init(&r->lv, 0);
    r->lv.step = 5;
    r->db = ui_app_db(app);
    r->building = building;
    find(r, NULL);
    roles[0] = ui_role_label(xl_role_key(XL_ROLE_OWNER));
    roles[1] = ui_role_label(xl_role_key(XL_ROLE_SUBLANDLORD));
    ui_field fields[RP_COUNT] = {
        [RP_FIND] = {.label = _(REG_RESP_FIND), .kind = UI_FIELD_TEXT, .width = 20, .max_chars = 32},
        [RP_ROLE] = {.label = _(REG_RESP_AS), .kind = UI_FIELD_CHOICE, .choices = roles, .nchoices = 2,
                     .choice = 1},
        [RP_SINCE] = {.label = _(REG_F_SINCE), .kind = UI_FIELD_TEXT, .width = 12, .max_chars = 10,
                      .accept = ui_accept_date, .note = _(REG_HINT_DATE), .date = 1},
    };
    xl_today(today);
    ui_field_set(&fields[RP_SINCE], today);
    ui_format(title, sizeof title, _(REG_RESP_TITLE_FMT), building);
    intro_text(r, intro, sizeof intro);
    ui_form *f = ui_form_open(app, &resp_spec, r, title, fields, RP_COUNT);
    ui_form_set_intro(f, intro);
    auto_role(r, f);
    return UI_REDRAW;
}
