/* meetingedit.c — planning a meeting (kind, building, group, time, place, host, title) and
 * changing a planned one (time, place, host, title). Empty place, host and title take the
 * defaults the form shows beside them: a building roundtable is hosted by the building's
 * first responsible person in its common area. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/widget/form.h"
#include "ui/pane/lists_ui.h"
#include "ui/pane/register.h"
#include "ui/theme.h"
#include "ui/widget/uitext.h"
#include "xiangli/building.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

/* X(field, core's name for it) in form order; editing shows the fields from TIME on. */
#define MTG_FIELDS(X)              \
    X(KIND, "kind")                \
    X(BUILDING, "building")        \
    X(GROUP, "pioneer_group")      \
    X(TIME, "starts_at")           \
    X(PLACE, "place")              \
    X(HOST, "host")                \
    X(TITLE, "title")

enum {
#define MF_X(id, name) MF_##id,
    MTG_FIELDS(MF_X)
#undef MF_X
    MF_COUNT
};

static const char *const mtg_field_names[MF_COUNT] = {
#define MF_X(id, name) [MF_##id] = name,
    MTG_FIELDS(MF_X)
#undef MF_X
};

typedef struct mtg_edit {
    xl_db *db;
    int64_t id;              /* 0: planning a new meeting */
    int64_t *open_out;
    int base;                /* the first field shown: MF_KIND, or MF_TIME when editing */
    xl_meeting_kind kind;    /* editing: fixed */
    int building, group;     /* editing: fixed */
    ui_party_pick host;
    const char *kinds[XL_MEETING_KIND_COUNT];
    const char *groups[4];
    char group_labels[3][32];
    char place_note[160], host_note[160], title_note[160];
} mtg_edit;

static ui_field *fld(mtg_edit *e, ui_form *f, int i)
{
    return ui_form_field(f, (size_t)(i - e->base));
}

static void set_msg(mtg_edit *e, ui_form *f, int i, const char *text)
{
    if (i < e->base)
        i = e->base;
    ui_field *fl = fld(e, f, i);
    if (!fl->msg[0])
        xl_strlcpy_utf8(fl->msg, text, sizeof fl->msg);
}

/* ---- what the form says it will take when a field is left empty ---- */

static xl_meeting_kind kind_of(mtg_edit *e, ui_form *f)
{
    return e->base == MF_KIND ? (xl_meeting_kind)fld(e, f, MF_KIND)->choice : e->kind;
}

static int building_of(mtg_edit *e, ui_form *f)
{
    return e->base == MF_KIND ? atoi(fld(e, f, MF_BUILDING)->text) : e->building;
}

static void default_notes(mtg_edit *e, ui_form *f, ui_app *app)
{
    xl_meeting_kind kind = kind_of(e, f);
    int b = building_of(e, f);
    char title[128] = "", place[128] = "", host[96] = "";
    xl_building_card card;
    memset(&card, 0, sizeof card);
    if (kind == XL_MEETING_ROUNDTABLE && b > 0 &&
        xl_building_card_load(ui_app_db(app), b, &card, NULL) == XL_OK) {
        ui_format(title, sizeof title, _(MTG_TITLE_ROUNDTABLE_FMT), b);
        ui_format(place, sizeof place, _(MTG_PLACE_ROUNDTABLE_FMT), b);
        snprintf(host, sizeof host, "%s", card.resp_name[0] ? card.resp_name : _(NONE));
    } else if (kind == XL_MEETING_DISCUSSION) {
        snprintf(title, sizeof title, "%s", _(MTG_TITLE_DISCUSSION));
        snprintf(place, sizeof place, "%s", _(MTG_PLACE_DISCUSSION));
    } else if (kind == XL_MEETING_JOINT) {
        snprintf(title, sizeof title, "%s", _(MTG_KIND_JOINT));
    }
    xl_building_card_release(&card);
    ui_format(e->title_note, sizeof e->title_note, _(MTG_NOTE_DEFAULT_FMT), title[0] ? title : "…");
    ui_format(e->place_note, sizeof e->place_note, _(MTG_NOTE_DEFAULT_FMT), place[0] ? place : _(NONE));
    if (host[0])
        ui_format(e->host_note, sizeof e->host_note, _(MTG_NOTE_HOST_FMT), host);
    else
        snprintf(e->host_note, sizeof e->host_note, "%s", _(ITEM_NOTE_OWNER));
}

/* ---- checking and saving ---- */

static int time_valid(const char *s)
{
    char date[11];
    if (strlen(s) != 16 || s[10] != ' ' || s[13] != ':')
        return 0;
    memcpy(date, s, 10);
    date[10] = '\0';
    int hh = atoi(s + 11), mm = atoi(s + 14);
    return xl_list_date_valid(date) && s[11] >= '0' && s[11] <= '2' && hh < 24 &&
           s[14] >= '0' && s[14] <= '5' && mm < 60;
}

static void check_fields(mtg_edit *e, ui_form *f, ui_app *app)
{
    xl_meeting_kind kind = kind_of(e, f);
    int b = building_of(e, f);
    if (e->base == MF_KIND && kind == XL_MEETING_ROUNDTABLE && b <= 0)
        set_msg(e, f, MF_BUILDING, _(MTG_E_BUILDING));
    else if (e->base == MF_KIND && b > 0 && !xl_building_exists(ui_app_db(app), b))
        set_msg(e, f, MF_BUILDING, _(MTG_E_NO_BUILDING));
    if (e->base == MF_KIND && kind == XL_MEETING_PIONEER && fld(e, f, MF_GROUP)->choice == 0)
        set_msg(e, f, MF_GROUP, _(MTG_E_GROUP));
    if (!time_valid(fld(e, f, MF_TIME)->text))
        set_msg(e, f, MF_TIME, _(MTG_E_TIME));
    if (fld(e, f, MF_HOST)->text[0] && e->host.chosen.kind == XL_PARTY_NONE)
        set_msg(e, f, MF_HOST, _(ITEM_E_OWNER_PICK));
}

static void fill_form(mtg_edit *e, ui_form *f, xl_meeting_form *out)
{
    xl_meeting_kind kind = kind_of(e, f);
    xl_meeting_form_init(out, kind);
    out->title = fld(e, f, MF_TITLE)->text;
    out->starts_at = fld(e, f, MF_TIME)->text;
    out->place = fld(e, f, MF_PLACE)->text;
    out->host = e->host.chosen;
    out->building = building_of(e, f);
    out->pioneer_group = e->base == MF_KIND ? fld(e, f, MF_GROUP)->choice : e->group;
    if (kind != XL_MEETING_PIONEER)
        out->pioneer_group = 0;
}

static void show_refusal(mtg_edit *e, ui_form *f, const xl_err *err)
{
    const char *reason;
    int i = ui_err_field(err, mtg_field_names, MF_COUNT, &reason);
    if (i >= 0)
        set_msg(e, f, i, reason);
    else
        ui_form_set_note(f, err->msg, 1);
}

static int mtg_submit(void *ctx, ui_app *app, ui_form *f)
{
    mtg_edit *e = ctx;
    xl_meeting_form form;
    int64_t id = e->id;
    xl_err err;
    xl_err_clear(&err);
    ui_form_clear_msgs(f);
    check_fields(e, f, app);
    if (!ui_form_focus_first_problem(f)) {
        fill_form(e, f, &form);
        int rc = e->id ? xl_meeting_update(ui_app_db(app), e->id, &form, &err)
                       : xl_meeting_create(ui_app_db(app), &form, &id, &err);
        if (rc != XL_OK)
            show_refusal(e, f, &err);
    }
    if (ui_form_show_problem_count(f))
        return UI_REDRAW;
    if (e->open_out)
        *e->open_out = id;
    ui_app_message(app, 0, e->id ? _(MTG_SAVED_FMT) : _(MTG_PLANNED_FMT), (long long)id);
    return UI_BACK;
}

static int mtg_key(void *ctx, ui_app *app, ui_form *f, int key)
{
    mtg_edit *e = ctx;
    (void)app;
    if ((int)ui_form_focus(f) + e->base == MF_HOST && ui_party_pick_key(&e->host, key))
        return UI_REDRAW;
    return UI_IGNORED;
}

static void mtg_changed(void *ctx, ui_app *app, ui_form *f, size_t i)
{
    mtg_edit *e = ctx;
    int field = (int)i + e->base;
    if (field == MF_HOST)
        ui_party_pick_search(&e->host, ui_app_db(app), fld(e, f, MF_HOST)->text);
    if (field == MF_KIND || field == MF_BUILDING)
        default_notes(e, f, app);
}

static void mtg_draw(void *ctx, ui_form *f, WINDOW *w, int y, int rows)
{
    mtg_edit *e = ctx;
    if ((int)ui_form_focus(f) + e->base != MF_HOST)
        return;
    if (strcmp(e->host.query, fld(e, f, MF_HOST)->text) != 0) /* a field filled when opened */
        ui_party_pick_search(&e->host, e->db, fld(e, f, MF_HOST)->text);
    ui_party_pick_draw(&e->host, w, y, 2, getmaxx(w) - 3, rows, _(MTG_HOST_LIST));
}

static void init_fields(mtg_edit *e, ui_field fl[MF_COUNT])
{
    char today[11], when[20];
    memset(fl, 0, MF_COUNT * sizeof *fl);
    for (int k = 0; k < XL_MEETING_KIND_COUNT; k++)
        e->kinds[k] = xl_meeting_kind_label((xl_meeting_kind)k);
    e->groups[0] = _(GROUP_NONE);
    for (int g = 1; g <= 3; g++) {
        ui_format(e->group_labels[g - 1], sizeof e->group_labels[g - 1], _(GROUP_FMT), g);
        e->groups[g] = e->group_labels[g - 1];
    }
    fl[MF_KIND] = (ui_field){.label = _(MTG_F_KIND), .kind = UI_FIELD_CHOICE,
                             .choices = e->kinds, .nchoices = XL_MEETING_KIND_COUNT};
    fl[MF_BUILDING] = (ui_field){.label = _(BUILDING), .width = 6, .max_chars = 5,
                                 .accept = ui_accept_digit, .note = _(MTG_NOTE_BUILDING)};
    fl[MF_GROUP] = (ui_field){.label = _(PIONEER_GROUP), .kind = UI_FIELD_CHOICE,
                              .choices = e->groups, .nchoices = 4};
    fl[MF_TIME] = (ui_field){.label = _(MTG_F_TIME), .width = 17, .max_chars = 16,
                             .note = _(MTG_NOTE_TIME)};
    fl[MF_PLACE] = (ui_field){.label = _(MTG_F_PLACE), .width = 24,
                              .max_chars = XL_MEETING_PLACE_MAX, .note = e->place_note};
    fl[MF_HOST] = (ui_field){.label = _(MTG_F_HOST), .width = 24, .max_chars = 30,
                             .note = e->host_note};
    fl[MF_TITLE] = (ui_field){.label = _(MTG_F_TITLE), .width = 24,
                              .max_chars = XL_MEETING_TITLE_MAX, .note = e->title_note};
    xl_today(today);
    snprintf(when, sizeof when, "%s 19:00", today);
    ui_field_set(&fl[MF_TIME], when);
}

static const ui_form_spec mtg_spec = {
    .submit = mtg_submit,
    .key = mtg_key,
    .changed = mtg_changed,
    .draw = mtg_draw,
    .free = free,
};

int ui_meeting_plan_open(ui_app *app, int building, int64_t *open_out)
{
    mtg_edit *e = xl_calloc(1, sizeof *e);
    ui_field fl[MF_COUNT];
    char num[16];
    e->db = ui_app_db(app);
    e->open_out = open_out;
    init_fields(e, fl);
    if (building > 0) {
        snprintf(num, sizeof num, "%d", building);
        ui_field_set(&fl[MF_BUILDING], num);
    }
    ui_form_spec spec = mtg_spec;
    spec.help_title = _(KEYS_FORM);
    ui_form *f = ui_form_open(app, &spec, e, _(MTG_PLAN_TITLE), fl, MF_COUNT);
    default_notes(e, f, app);
    ui_form_set_focus(f, building > 0 ? MF_TIME : MF_KIND);
    return UI_REDRAW;
}

int ui_meeting_edit_open(ui_app *app, int64_t id)
{
    mtg_edit *e = xl_calloc(1, sizeof *e);
    ui_field fl[MF_COUNT];
    xl_meeting m;
    char title[160], intro[320];
    xl_err err;
    xl_err_clear(&err);
    if (xl_meeting_load(ui_app_db(app), id, &m, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        free(e);
        return UI_REDRAW;
    }
    if (m.status != XL_MEETING_PLANNED) {
        ui_app_message(app, 1, "%s", _(MTG_E_ONLY_PLANNED));
        xl_meeting_release(&m);
        free(e);
        return UI_REDRAW;
    }
    e->db = ui_app_db(app);
    e->id = id, e->base = MF_TIME, e->kind = m.kind, e->building = m.building;
    e->group = m.pioneer_group;
    init_fields(e, fl);
    ui_field_set(&fl[MF_TIME], m.starts_at);
    ui_field_set(&fl[MF_PLACE], m.place);
    ui_field_set(&fl[MF_HOST], m.host_name);
    ui_field_set(&fl[MF_TITLE], m.title);
    ui_party_pick_init(&e->host, m.host, m.host_name);
    ui_format(title, sizeof title, _(MTG_EDIT_TITLE_FMT), m.title);
    ui_format(intro, sizeof intro, _(MTG_EDIT_INTRO_FMT), xl_meeting_kind_label(m.kind));
    xl_meeting_release(&m);
    ui_form_spec spec = mtg_spec;
    spec.help_title = _(KEYS_FORM);
    ui_form *f = ui_form_open(app, &spec, e, title, fl + MF_TIME, MF_COUNT - MF_TIME);
    ui_form_set_intro(f, intro);
    default_notes(e, f, app);
    return UI_REDRAW;
}

/* ---- a free agenda item ---- */

enum { FF_TITLE, FF_MINUTES, FF_COUNT };

typedef struct free_item {
    int64_t meeting;
    size_t *select_out; /* the meeting view selects the new item (its position - 1) */
} free_item;

static int free_submit(void *ctx, ui_app *app, ui_form *f)
{
    free_item *fi = ctx;
    const char *title = ui_form_field(f, FF_TITLE)->text;
    int minutes = atoi(ui_form_field(f, FF_MINUTES)->text);
    int64_t id;
    xl_err err;
    xl_err_clear(&err);
    ui_form_clear_msgs(f);
    if (!title[0])
        xl_strlcpy_utf8(ui_form_field(f, FF_TITLE)->msg, _(ITEM_E_TITLE), UI_FIELD_MSG_MAX);
    if (minutes < 1 || minutes > XL_AGENDA_MINUTES_MAX)
        ui_format(ui_form_field(f, FF_MINUTES)->msg, UI_FIELD_MSG_MAX, _(MTG_E_MINUTES_FMT),
                  XL_AGENDA_MINUTES_MAX);
    if (ui_form_focus_first_problem(f))
        return UI_REDRAW;
    if (xl_agenda_add_free(ui_app_db(app), fi->meeting, title, minutes, &id, &err) != XL_OK) {
        ui_form_set_note(f, err.msg, 1);
        return UI_REDRAW;
    }
    if (fi->select_out)
        *fi->select_out = (size_t)-1; /* the last one */
    ui_app_message(app, 0, _(MTG_AGENDA_ADDED_FMT), title);
    return UI_BACK;
}

int ui_agenda_free_open(ui_app *app, int64_t meeting, size_t *select_out)
{
    free_item *fi = xl_calloc(1, sizeof *fi);
    ui_field fl[FF_COUNT];
    char num[8];
    fi->meeting = meeting;
    fi->select_out = select_out;
    memset(fl, 0, sizeof fl);
    fl[FF_TITLE] = (ui_field){.label = _(MTG_F_AGENDA_TITLE), .width = 40,
                              .max_chars = XL_AGENDA_TITLE_MAX};
    fl[FF_MINUTES] = (ui_field){.label = _(MTG_F_MINUTES), .width = 5, .max_chars = 3,
                                .accept = ui_accept_digit, .note = _(MTG_NOTE_MINUTES)};
    snprintf(num, sizeof num, "%d", XL_AGENDA_MINUTES_DEFAULT);
    ui_field_set(&fl[FF_MINUTES], num);
    ui_form_spec spec = {.help_title = _(KEYS_FORM), .submit = free_submit, .free = free};
    ui_form_open(app, &spec, fi, _(ACT_AGENDA_FREE), fl, FF_COUNT);
    return UI_REDRAW;
}
