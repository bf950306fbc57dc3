/* itemedit.c — the item editor (new, edit, the next link of a chain), the status change and
 * the link picker. Problems are shown beside their field; what the core refuses comes back
 * as "FIELD: reason" and is shown beside that field too. A refused form writes nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/widget/form.h"
#include "ui/pane/lists_ui.h"
#include "ui/widget/picker.h"
#include "ui/pane/register.h"
#include "ui/theme.h"
#include "ui/widget/uitext.h"
#include "xiangli/date.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

/* ---- the item form ---- */

/* X(field, core's name for it) in form order. */
#define ITEM_FIELDS(X)          \
    X(KIND, "kind")             \
    X(TITLE, "title")           \
    X(DETAIL, "detail")         \
    X(CATEGORY, "category")     \
    X(BUILDINGS, "buildings")   \
    X(OWNER, "owner")           \
    X(DUE, "due")

enum {
#define IF_X(id, name) IF_##id,
    ITEM_FIELDS(IF_X)
#undef IF_X
    IF_COUNT
};

static const char *const item_field_names[IF_COUNT] = {
#define IF_X(id, name) [IF_##id] = name,
    ITEM_FIELDS(IF_X)
#undef IF_X
};

typedef struct item_edit {
    xl_db *db;
    int64_t id;               /* 0: a new item */
    int64_t link_from;        /* a new item linked from this one when saved */
    int64_t *select_out;
    xl_list_item orig;        /* the item as loaded (edit) */
    int detail_locked;        /* the detail is longer than the field: kept as it is */
    char raised_at[11];
    ui_party_pick owner;
    const char *kinds[XL_ITEM_KIND_COUNT];
    const char *cats[XL_CATEGORY_MAX];
} item_edit;

static void set_msg(ui_form *f, size_t i, const char *text)
{
    ui_field *fl = ui_form_field(f, i);
    if (!fl->msg[0])
        xl_strlcpy_utf8(fl->msg, text, sizeof fl->msg);
}

/* Checks what can be checked here, in the officer's words; the core checks it all again. */
static void check_fields(item_edit *e, ui_app *app, ui_form *f, int *b, size_t *nb)
{
    char msg[UI_FIELD_MSG_MAX];
    int kind = ui_form_field(f, IF_KIND)->choice;
    const char *due = ui_form_field(f, IF_DUE)->text;
    if (!ui_form_field(f, IF_TITLE)->text[0])
        set_msg(f, IF_TITLE, _(ITEM_E_TITLE));
    if (!ui_buildings_parse(ui_app_db(app), ui_form_field(f, IF_BUILDINGS)->text, b,
                            XL_ITEM_MAX_BUILDINGS, nb, msg, sizeof msg))
        set_msg(f, IF_BUILDINGS, msg);
    if (ui_form_field(f, IF_OWNER)->text[0] && e->owner.chosen.kind == XL_PARTY_NONE)
        set_msg(f, IF_OWNER, _(ITEM_E_OWNER_PICK));
    if (kind == XL_ITEM_ACTION && e->owner.chosen.kind == XL_PARTY_NONE)
        set_msg(f, IF_OWNER, _(LIST_E_OWNER));
    char ymd[11];
    xl_date_status st = xl_date_read(due, ymd);
    if (due[0] && st != XL_DATE_OK)
        set_msg(f, IF_DUE, xl_date_problem(st));
    else if (due[0] && strcmp(due, e->raised_at) < 0)
        set_msg(f, IF_DUE, _(ITEM_E_DUE_EARLY));
    else if (!due[0] && kind == XL_ITEM_ACTION)
        set_msg(f, IF_DUE, _(LIST_E_DUE));
    if (e->link_from && !xl_item_link_allowed(e->orig.kind, (xl_item_kind)kind))
        set_msg(f, IF_KIND, _(ITEM_E_FOLLOW_KIND));
}

static void fill_form(item_edit *e, ui_form *f, xl_item_form *out, const int *b, size_t nb)
{
    xl_item_form_init(out, (xl_item_kind)ui_form_field(f, IF_KIND)->choice);
    if (e->id)
        xl_item_form_from(out, &e->orig);
    out->kind = (xl_item_kind)ui_form_field(f, IF_KIND)->choice;
    out->title = ui_form_field(f, IF_TITLE)->text;
    out->detail = e->detail_locked ? e->orig.detail : ui_form_field(f, IF_DETAIL)->text;
    out->category = xl_category_key((size_t)ui_form_field(f, IF_CATEGORY)->choice);
    out->buildings = b;
    out->nbuildings = nb;
    out->owner = e->owner.chosen;
    out->due = ui_form_field(f, IF_DUE)->text[0] ? ui_form_field(f, IF_DUE)->text : NULL;
}

/* The core's refusal, beside its field (or under the form). */
static void show_refusal(ui_form *f, const xl_err *err)
{
    const char *reason;
    int i = ui_err_field(err, item_field_names, IF_COUNT, &reason);
    if (i >= 0)
        set_msg(f, (size_t)i, reason);
    else
        ui_form_set_note(f, err->msg, 1);
    ui_form_focus_first_problem(f);
}

static int saved(item_edit *e, ui_app *app, int64_t id, const xl_item_form *form)
{
    if (e->select_out)
        *e->select_out = id;
    ui_app_message(app, 0, e->id ? _(ITEM_SAVED_FMT) : _(ITEM_CREATED_FMT),
                   xl_item_kind_label(form->kind), (long long)id, form->title);
    return UI_BACK;
}

static int item_submit(void *ctx, ui_app *app, ui_form *f)
{
    item_edit *e = ctx;
    int b[XL_ITEM_MAX_BUILDINGS];
    size_t nb = 0;
    xl_item_form form;
    xl_err err;
    xl_err_clear(&err);
    ui_form_clear_msgs(f);
    check_fields(e, app, f, b, &nb);
    if (ui_form_show_problem_count(f))
        return UI_REDRAW;
    fill_form(e, f, &form, b, nb);
    int64_t id = e->id;
    int rc = e->id        ? xl_list_item_update(ui_app_db(app), e->id, &form, &err)
             : e->link_from ? xl_list_item_create_linked(ui_app_db(app), &form, e->link_from, &id, &err)
                            : xl_list_item_create(ui_app_db(app), &form, &id, &err);
    if (rc != XL_OK) {
        show_refusal(f, &err);
        return UI_REDRAW;
    }
    return saved(e, app, id, &form);
}

/* Owner field: typing searches, Up/Down choose among the hits. */
static int item_key(void *ctx, ui_app *app, ui_form *f, int key)
{
    item_edit *e = ctx;
    size_t focus = ui_form_focus(f);
    if (focus == IF_OWNER && ui_party_pick_key(&e->owner, key))
        return UI_REDRAW;
    if (focus == IF_DETAIL && e->detail_locked && ui_field_edit(&(ui_field){0}, key) >= 0)
        return UI_HANDLED; /* a long detail is not cut by an edit here */
    (void)app;
    return UI_IGNORED;
}

static void item_changed(void *ctx, ui_app *app, ui_form *f, size_t i)
{
    item_edit *e = ctx;
    if (i == IF_OWNER)
        ui_party_pick_search(&e->owner, ui_app_db(app), ui_form_field(f, IF_OWNER)->text);
}

static void item_draw(void *ctx, ui_form *f, WINDOW *w, int y, int rows)
{
    item_edit *e = ctx;
    char chosen[160];
    if (ui_form_focus(f) != IF_OWNER) {
        if (e->owner.chosen.kind != XL_PARTY_NONE) {
            ui_format(chosen, sizeof chosen, _(ITEM_OWNER_CHOSEN_FMT), e->owner.chosen_name);
            ui_text_put(w, y, 2, getmaxx(w) - 3, chosen, ui_attr(UI_C_DIM));
        }
        return;
    }
    if (strcmp(e->owner.query, ui_form_field(f, IF_OWNER)->text) != 0) /* a field filled */
        ui_party_pick_search(&e->owner, e->db, ui_form_field(f, IF_OWNER)->text);
    ui_party_pick_draw(&e->owner, w, y, 2, getmaxx(w) - 3, rows, _(ITEM_OWNER_LIST));
}

static const ui_form_spec item_spec = {
    .submit = item_submit,
    .key = item_key,
    .changed = item_changed,
    .draw = item_draw,
    .free = free,
};

static void init_fields(item_edit *e, ui_field fl[IF_COUNT])
{
    memset(fl, 0, IF_COUNT * sizeof *fl);
    for (int k = 0; k < XL_ITEM_KIND_COUNT; k++)
        e->kinds[k] = xl_item_kind_label((xl_item_kind)k);
    for (size_t c = 0; c < xl_category_count() && c < XL_CATEGORY_MAX; c++)
        e->cats[c] = xl_category_label(c);
    fl[IF_KIND] = (ui_field){.label = _(ITEM_F_KIND), .kind = UI_FIELD_CHOICE,
                             .choices = e->kinds, .nchoices = XL_ITEM_KIND_COUNT};
    fl[IF_TITLE] = (ui_field){.label = _(LIST_COL_TITLE), .width = 40, .max_chars = XL_ITEM_TITLE_MAX};
    fl[IF_DETAIL] = (ui_field){.label = _(ITEM_DETAIL), .width = 40, .max_chars = XL_ITEM_DETAIL_MAX};
    fl[IF_CATEGORY] = (ui_field){.label = _(LIST_COL_CATEGORY), .kind = UI_FIELD_CHOICE,
                                 .choices = e->cats, .nchoices = (int)xl_category_count()};
    fl[IF_BUILDINGS] = (ui_field){.label = _(ITEM_F_BUILDINGS), .width = 20, .max_chars = 80,
                                  .note = _(ITEM_NOTE_BUILDINGS)};
    fl[IF_OWNER] = (ui_field){.label = _(LIST_COL_OWNER), .width = 24, .max_chars = 30,
                              .note = _(ITEM_NOTE_OWNER)};
    fl[IF_DUE] = (ui_field){.label = _(LIST_COL_DUE), .width = 12, .max_chars = 10,
                            .accept = ui_accept_date, .note = _(REG_HINT_DATE), .date = 1};
}

static int category_index(const char *key)
{
    int c = xl_category_find(key);
    return c >= 0 ? c : 0;
}

/* Fills the fields from the item (edit) or from where the new item comes from. */
static void load_fields(item_edit *e, const xl_list_item *it, ui_field fl[IF_COUNT], int title)
{
    char nums[128];
    fl[IF_KIND].choice = (int)it->kind;
    fl[IF_CATEGORY].choice = category_index(it->category);
    ui_buildings_format(nums, sizeof nums, it->buildings, it->nbuildings);
    ui_field_set(&fl[IF_BUILDINGS], nums);
    if (!title)
        return;
    ui_field_set(&fl[IF_TITLE], it->title);
    ui_field_set(&fl[IF_DETAIL], it->detail);
    e->detail_locked = strcmp(fl[IF_DETAIL].text, it->detail) != 0;
    if (e->detail_locked)
        fl[IF_DETAIL].note = _(ITEM_NOTE_DETAIL_LONG);
    ui_field_set(&fl[IF_OWNER], it->owner_name);
    ui_field_set(&fl[IF_DUE], it->due);
    ui_party_pick_init(&e->owner, it->owner, it->owner_name);
}

static int open_form(ui_app *app, item_edit *e, ui_field fl[IF_COUNT], const char *title,
                     const char *intro, size_t focus)
{
    ui_form_spec spec = item_spec;
    spec.help_title = _(KEYS_FORM);
    e->db = ui_app_db(app);
    ui_form *f = ui_form_open(app, &spec, e, title, fl, IF_COUNT);
    if (intro)
        ui_form_set_intro(f, intro);
    ui_form_set_focus(f, focus);
    return UI_REDRAW;
}

int ui_item_new_open(ui_app *app, xl_item_kind kind, int building, int64_t *select_out)
{
    item_edit *e = xl_calloc(1, sizeof *e);
    ui_field fl[IF_COUNT];
    char nums[16];
    e->select_out = select_out;
    xl_today(e->raised_at);
    init_fields(e, fl);
    fl[IF_KIND].choice = (int)kind;
    fl[IF_CATEGORY].choice = category_index("other");
    if (building > 0) {
        snprintf(nums, sizeof nums, "%d", building);
        ui_field_set(&fl[IF_BUILDINGS], nums);
    }
    return open_form(app, e, fl, _(ACT_ITEM_NEW), NULL, IF_TITLE);
}

int ui_item_edit_open(ui_app *app, int64_t id)
{
    item_edit *e = xl_calloc(1, sizeof *e);
    ui_field fl[IF_COUNT];
    char title[160];
    xl_err err;
    xl_err_clear(&err);
    if (xl_list_item_load(ui_app_db(app), id, &e->orig, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        free(e);
        return UI_REDRAW;
    }
    e->id = id;
    snprintf(e->raised_at, sizeof e->raised_at, "%s", e->orig.raised_at);
    init_fields(e, fl);
    load_fields(e, &e->orig, fl, 1);
    ui_format(title, sizeof title, _(ITEM_EDIT_TITLE_FMT), xl_item_kind_label(e->orig.kind),
              (long long)id);
    return open_form(app, e, fl, title, NULL, IF_TITLE);
}

int ui_item_follow_open(ui_app *app, int64_t from)
{
    item_edit *e = xl_calloc(1, sizeof *e);
    ui_field fl[IF_COUNT];
    char intro[320];
    xl_err err;
    xl_err_clear(&err);
    if (xl_list_item_load(ui_app_db(app), from, &e->orig, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        free(e);
        return UI_REDRAW;
    }
    e->link_from = from;
    xl_today(e->raised_at);
    init_fields(e, fl);
    load_fields(e, &e->orig, fl, 0);
    fl[IF_KIND].choice = (int)e->orig.kind + 1;
    ui_format(intro, sizeof intro, _(ITEM_FOLLOW_INTRO_FMT), xl_item_kind_label(e->orig.kind),
              (long long)from, e->orig.title);
    return open_form(app, e, fl, _(ACT_ITEM_NEW), intro, IF_TITLE);
}

/* ---- the status change ---- */

enum { SF_STATUS, SF_NOTE, SF_COUNT };

typedef struct status_edit {
    int64_t id;
    xl_list_item it;
    const char *labels[XL_ITEM_STATUS_COUNT];
} status_edit;

static int status_submit(void *ctx, ui_app *app, ui_form *f)
{
    status_edit *s = ctx;
    xl_item_status st = (xl_item_status)ui_form_field(f, SF_STATUS)->choice;
    const char *note = ui_form_field(f, SF_NOTE)->text;
    static const char *const names[SF_COUNT] = {"status", "closing_note"};
    xl_err err;
    xl_err_clear(&err);
    ui_form_clear_msgs(f);
    if (st == s->it.status)
        set_msg(f, SF_STATUS, _(ITEM_E_SAME_STATUS));
    else if ((st == XL_ITEM_DONE || st == XL_ITEM_DROPPED) && !note[0])
        set_msg(f, SF_NOTE, _(ITEM_E_NOTE));
    else if (xl_list_item_set_status(ui_app_db(app), s->id, st, note, &err) != XL_OK) {
        const char *reason;
        int i = ui_err_field(&err, names, SF_COUNT, &reason);
        set_msg(f, i >= 0 ? (size_t)i : SF_STATUS, reason);
    }
    if (ui_form_focus_first_problem(f))
        return UI_REDRAW;
    ui_app_message(app, 0, _(ITEM_STATUS_DONE_FMT), (long long)s->id, xl_item_status_label(st));
    return UI_BACK;
}

int ui_item_status_open(ui_app *app, int64_t id)
{
    status_edit *s = xl_calloc(1, sizeof *s);
    ui_field fl[SF_COUNT];
    char title[160], intro[320];
    xl_err err;
    xl_err_clear(&err);
    if (xl_list_item_load(ui_app_db(app), id, &s->it, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        free(s);
        return UI_REDRAW;
    }
    s->id = id;
    for (int i = 0; i < XL_ITEM_STATUS_COUNT; i++)
        s->labels[i] = xl_item_status_label((xl_item_status)i);
    memset(fl, 0, sizeof fl);
    fl[SF_STATUS] = (ui_field){.label = _(PEND_COL_STATE), .kind = UI_FIELD_CHOICE,
                               .choices = s->labels, .nchoices = XL_ITEM_STATUS_COUNT,
                               .choice = (int)s->it.status};
    fl[SF_NOTE] = (ui_field){.label = _(ITEM_CLOSING), .width = 40, .max_chars = XL_ITEM_NOTE_MAX,
                             .note = _(ITEM_NOTE_CLOSING)};
    ui_format(title, sizeof title, _(ITEM_STATUS_TITLE_FMT), (long long)id);
    ui_format(intro, sizeof intro, _(ITEM_STATUS_INTRO_FMT), xl_item_kind_label(s->it.kind),
              s->it.title, xl_item_status_label(s->it.status));
    ui_form_spec spec = {.help_title = _(KEYS_FORM), .submit = status_submit, .free = free};
    ui_form *f = ui_form_open(app, &spec, s, title, fl, SF_COUNT);
    ui_form_set_intro(f, intro);
    return UI_REDRAW;
}

/* ---- the link picker ---- */

typedef struct link_pick {
    xl_list_item it;
    xl_chain chain;    /* what is linked already */
} link_pick;

static int linked_already(const link_pick *l, int64_t other)
{
    for (size_t i = 0; i < l->chain.nlinks; i++) {
        const xl_chain_link *k = &l->chain.links[i];
        if ((k->from == l->it.id && k->to == other) || (k->to == l->it.id && k->from == other))
            return 1;
    }
    return 0;
}

static int compatible(const link_pick *l, xl_item_kind k)
{
    return xl_item_link_allowed(l->it.kind, k) || xl_item_link_allowed(k, l->it.kind);
}

static void add_link_rows(link_pick *l, const xl_list_page *page, int kind, ui_pick_rows *out)
{
    char where[48], head[96];
    int headed = 0;
    for (size_t i = 0; i < page->n; i++) {
        const xl_list_row *r = &page->rows[i];
        if ((int)r->kind != kind || r->id == l->it.id)
            continue;
        if (!headed++) {
            ui_pick_row *h = ui_pick_add(out);
            h->heading = 1;
            ui_format(head, sizeof head, xl_item_link_allowed(l->it.kind, r->kind)
                                             ? _(LINK_HEAD_DOWN_FMT) : _(LINK_HEAD_UP_FMT),
                      xl_item_kind_label(r->kind));
            snprintf(h->text, sizeof h->text, "%s", head);
        }
        ui_pick_row *row = ui_pick_add(out);
        row->id = r->id;
        row->tag = (int)r->kind;
        ui_item_where(where, sizeof where, r->building, r->nbuildings);
        snprintf(row->text, sizeof row->text, "#%lld %s", (long long)r->id, r->title);
        snprintf(row->note, sizeof row->note, "%s  %s%s", where,
                 xl_item_status_label(r->status), linked_already(l, r->id) ? _(LINK_ALREADY) : "");
    }
}

static void link_fill(void *ctx, ui_app *app, const char *query, ui_pick_rows *out)
{
    link_pick *l = ctx;
    xl_list_filter f;
    xl_list_page page;
    xl_list_filter_init(&f);
    f.kind = -1;
    f.status_mask = XL_STATUS_ACTIVE;
    f.text = query;
    if (!query[0] && l->it.nbuildings > 0)
        f.building = l->it.buildings[0]; /* nothing typed: this building's items */
    if (xl_list_query(ui_app_db(app), &f, 0, 0, &page, NULL) != XL_OK)
        return;
    for (int k = 0; k < XL_ITEM_KIND_COUNT; k++)
        if (compatible(l, (xl_item_kind)k))
            add_link_rows(l, &page, k, out);
    xl_list_page_release(&page);
}

static int link_choose(void *ctx, ui_app *app, ui_pick_row *row)
{
    link_pick *l = ctx;
    int down = xl_item_link_allowed(l->it.kind, (xl_item_kind)row->tag);
    int64_t from = down ? l->it.id : row->id, to = down ? row->id : l->it.id;
    xl_err err;
    xl_err_clear(&err);
    if (xl_list_link(ui_app_db(app), from, to, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        return UI_REDRAW;
    }
    ui_app_message(app, 0, _(LINK_DONE_FMT), (long long)from, (long long)to);
    return UI_BACK;
}

static void link_free(void *ctx)
{
    link_pick *l = ctx;
    xl_chain_release(&l->chain);
    free(l);
}

int ui_item_link_open(ui_app *app, int64_t id)
{
    link_pick *l = xl_calloc(1, sizeof *l);
    char title[160];
    xl_err err;
    xl_err_clear(&err);
    if (xl_list_item_load(ui_app_db(app), id, &l->it, &err) != XL_OK ||
        xl_list_chain(ui_app_db(app), id, XL_CHAIN_LINEAGE, &l->chain, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        link_free(l);
        return UI_REDRAW;
    }
    ui_format(title, sizeof title, _(LINK_TITLE_FMT), xl_item_kind_label(l->it.kind),
              (long long)id, l->it.title);
    ui_pick_spec spec = {
        .title = title,
        .help_title = _(KEYS_PICK),
        .intro = _(LINK_INTRO),
        .fill = link_fill,
        .choose = link_choose,
        .free = link_free,
    };
    ui_pick_open(app, &spec, l);
    return UI_REDRAW;
}
