/* meetingview.c — one meeting (会议): when, where, who hosts, the attendance counted by role,
 * and the agenda. The agenda is built here from the lists (a, a picker of the building's
 * open items), free items (f), reordered (K/J or -/+), each with its minutes (m); the
 * attendance is ticked from the building's residents, organisations and deputies (A). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>

#include "ui/pane/lists_ui.h"
#include "ui/widget/picker.h"
#include "ui/pane/register.h"
#include "ui/theme.h"
#include "ui/widget/listview.h"
#include "ui/widget/uitext.h"
#include "xiangli/building.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

enum { AGENDA_Y = 5, GAP = 2, EXTRA_W = 14, ROW_MAX = 110 };

typedef struct mtg_view {
    int64_t id;
    xl_meeting m;
    ui_listview lv;      /* over the agenda entries */
    size_t want_sel;     /* (size_t)-1 after a free item was added: the last gets the bar */
    int64_t prompt_entry; /* the agenda entry the minutes prompt asks about */
    char title[XL_TEXT_BYTES(XL_MEETING_TITLE_MAX)];
    char minutes_file[4400]; /* closed: where its minutes were written ("" = not found) */
} mtg_view;

static const ui_action mv_actions[] = {
    UI_ACT_UP, UI_ACT_DOWN, UI_ACT_AGENDA_ADD, UI_ACT_AGENDA_FREE, UI_ACT_AGENDA_UP,
    UI_ACT_AGENDA_DOWN, UI_ACT_AGENDA_MINUTES, UI_ACT_AGENDA_REMOVE, UI_ACT_ITEM_OPEN,
    UI_ACT_ATTEND, UI_ACT_MTG_EDIT, UI_ACT_MTG_PRESENT, UI_ACT_MTG_CLOSE,
};
static const ui_action mv_hints[] = {
    UI_ACT_AGENDA_ADD, UI_ACT_AGENDA_FREE, UI_ACT_AGENDA_DOWN, UI_ACT_AGENDA_MINUTES,
    UI_ACT_ATTEND, UI_ACT_MTG_PRESENT, UI_ACT_MTG_CLOSE, UI_ACT_BACK,
};

/* A closed meeting's minutes file, as closing at the desk writes it (~/xiangli-minutes/…),
 * so the path stays in sight after the status line has moved on. */
static void find_minutes_file(mtg_view *v, ui_app *app)
{
    char dir[4096], name[128], path[4300];
    struct stat sb;
    v->minutes_file[0] = '\0';
    if (v->m.status != XL_MEETING_CLOSED)
        return;
    ui_minutes_dir(ui_app_config(app)->backup_dir, dir, sizeof dir);
    xl_meeting_minutes_filename(&v->m, name, sizeof name);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    const char *home = getenv("HOME");
    size_t len = home ? strlen(home) : 0;
    if (stat(path, &sb) != 0)
        return;
    if (len > 1 && strncmp(path, home, len) == 0 && path[len] == '/')
        ui_format(v->minutes_file, sizeof v->minutes_file, _(MTG_MINUTES_FILE_FMT), "~", path + len);
    else
        ui_format(v->minutes_file, sizeof v->minutes_file, _(MTG_MINUTES_FILE_FMT), "", path);
}

static int mv_load(mtg_view *v, ui_app *app)
{
    xl_meeting m;
    xl_err err;
    xl_err_clear(&err);
    if (xl_meeting_load(ui_app_db(app), v->id, &m, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        return XL_EFAIL;
    }
    xl_meeting_release(&v->m);
    v->m = m;
    snprintf(v->title, sizeof v->title, "%s", m.title);
    if (v->want_sel == (size_t)-1 && m.nagenda > 0)
        v->lv.sel = m.nagenda - 1;
    v->want_sel = 0;
    ui_listview_set_count(&v->lv, m.nagenda);
    find_minutes_file(v, app);
    return XL_OK;
}

/* ---- drawing ---- */

static void draw_head(mtg_view *v, WINDOW *w)
{
    const xl_meeting *m = &v->m;
    char info[512], host[160], attend[256];
    int right = ui_text_right(w, 0, getmaxx(w) - 1, 12, xl_meeting_status_label(m->status),
                              ui_attr(m->status == XL_MEETING_RUNNING ? UI_C_WARN : UI_C_LABEL));
    ui_text_put(w, 0, 1, right - 3, m->title, ui_attr(UI_C_HEADING));
    ui_format(host, sizeof host, _(MTG_HOST_FMT), m->host_name[0] ? m->host_name : _(NONE));
    snprintf(info, sizeof info, "%s · %s · %s · %s", xl_meeting_kind_label(m->kind), m->starts_at,
             m->place[0] ? m->place : _(NONE), host);
    ui_text_put(w, 1, 1, getmaxx(w) - 2, info, ui_attr(UI_C_NORMAL));
    ui_attend_summary(&m->counts, attend, sizeof attend);
    ui_text_put(w, 2, 1, getmaxx(w) - 2, attend, ui_attr(UI_C_LABEL));
}

static const char *entry_kind(const xl_agenda_entry *e)
{
    return e->item_kind >= 0 ? xl_item_kind_label((xl_item_kind)e->item_kind)
                             : _(MTG_MIN_FREE_ITEM);
}

/* The widest list-kind label (or "free item"), for the agenda's second column. */
static int kind_width(void)
{
    int width = xl_str_width(_(MTG_MIN_FREE_ITEM));
    for (int k = 0; k < XL_ITEM_KIND_COUNT; k++)
        if (xl_str_width(xl_item_kind_label((xl_item_kind)k)) > width)
            width = xl_str_width(xl_item_kind_label((xl_item_kind)k));
    return width < 12 ? width : 12;
}

static void draw_entry(void *ctx, WINDOW *w, int y, size_t i, int on)
{
    const mtg_view *v = ctx;
    const xl_agenda_entry *e = &v->m.agenda[i];
    char pos[8], minutes[32], extra[96] = "";
    int x = 1;
    attr_t attr = ui_attr(on ? UI_C_SELECTED : UI_C_NORMAL);
    snprintf(pos, sizeof pos, "%d.", e->position);
    ui_format(minutes, sizeof minutes, _(MTG_MIN_MINUTES_FMT), e->minutes);
    if (e->nactions)
        ui_format(extra, sizeof extra, _(MTG_AGENDA_ACTIONS_FMT), e->nactions);
    else if (e->decision[0])
        snprintf(extra, sizeof extra, "%s", _(MTG_AGENDA_DECIDED));
    ui_text_fill(w, y, 0, getmaxx(w), on ? attr : ui_attr(UI_C_NORMAL));
    x += ui_text_pad(w, y, x, 3, pos, attr) + 1;
    x += ui_text_pad(w, y, x, kind_width(), entry_kind(e), on ? attr : ui_attr(UI_C_LABEL)) + 1;
    int row_w = getmaxx(w) < ROW_MAX ? getmaxx(w) : ROW_MAX; /* readable on wide screens */
    int right = row_w - 1 - EXTRA_W; /* the minutes line up, with or without extra */
    ui_text_put(w, y, right + GAP, EXTRA_W - GAP, extra, on ? attr : ui_attr(UI_C_DIM));
    right = ui_text_right(w, y, right, 10, minutes, attr);
    ui_text_put(w, y, x, right - GAP - x, e->title, attr);
}

static int draw_agenda(mtg_view *v, WINDOW *w, int y, int rows)
{
    char head[160];
    int closed = v->m.status == XL_MEETING_CLOSED; /* read-only: no keys to offer */
    ui_format(head, sizeof head, closed ? _(MTG_AGENDA_HEAD_CLOSED_FMT) : _(MTG_AGENDA_HEAD_FMT),
              v->m.nagenda, v->m.total_minutes);
    ui_text_pad(w, y, 0, getmaxx(w), head, ui_attr(UI_C_HEADING));
    ui_listview_resize(&v->lv, rows - 1);
    if (v->m.nagenda == 0) {
        ui_text_wrap(w, y + 1, 3, getmaxx(w) - 4, 2, _(MTG_AGENDA_EMPTY), ui_attr(UI_C_DIM));
        return y + 3;
    }
    return y + 1 + ui_listview_draw(&v->lv, w, y + 1, draw_entry, v);
}

/* The attendees, one after another as "name（role）", wrapped. */
static void draw_attendees(mtg_view *v, WINDOW *w, int y, int rows)
{
    xl_buf b;
    char one[160];
    if (rows < 2)
        return;
    const char *head = v->m.status == XL_MEETING_CLOSED ? _(MTG_ATTENDEES_HEAD_CLOSED)
                                                         : _(MTG_ATTENDEES_HEAD);
    ui_text_pad(w, y, 0, getmaxx(w), head, ui_attr(UI_C_HEADING));
    if (v->m.nattendees == 0) {
        ui_text_put(w, y + 1, 3, getmaxx(w) - 4, _(MTG_ATTENDEES_NONE), ui_attr(UI_C_DIM));
        return;
    }
    xl_buf_init(&b);
    for (size_t i = 0; i < v->m.nattendees; i++) {
        const xl_attendee *a = &v->m.attendees[i];
        ui_format(one, sizeof one, _(NAME_ROLE_FMT), a->name, xl_attend_role_label(a->role));
        xl_buf_printf(&b, "%s%s", i ? "  " : "", one);
    }
    ui_text_wrap(w, y + 1, 1, getmaxx(w) - 2, rows - 1, b.data, ui_attr(UI_C_NORMAL));
    xl_buf_release(&b);
}

static void mv_draw(void *self, WINDOW *w)
{
    mtg_view *v = self;
    int height = getmaxy(w);
    werase(w);
    draw_head(v, w);
    int agenda_rows = (int)v->m.nagenda + 1;
    if (agenda_rows > height - AGENDA_Y - 4)
        agenda_rows = height - AGENDA_Y - 4;
    int y = draw_agenda(v, w, AGENDA_Y - 1, agenda_rows < 3 ? 3 : agenda_rows) + 1;
    int file = v->minutes_file[0] != '\0';
    draw_attendees(v, w, y, height - y - file);
    if (file)
        ui_text_put(w, height - 1, 1, getmaxx(w) - 2, v->minutes_file, ui_attr(UI_C_DIM));
}

/* ---- adding items from the lists ---- */

typedef struct agenda_pick {
    int64_t meeting;
    int building;
    int64_t *onagenda;   /* list items on the agenda already */
    size_t non;
} agenda_pick;

static int on_agenda(const agenda_pick *a, int64_t id)
{
    for (size_t i = 0; i < a->non; i++)
        if (a->onagenda[i] == id)
            return 1;
    return 0;
}

/* The open items of one window of the lists, problems first. */
static void add_agenda_rows(agenda_pick *a, ui_app *app, const xl_list_filter *f,
                            ui_pick_rows *out)
{
    xl_list_page page;
    char where[48];
    if (xl_list_query(ui_app_db(app), f, 0, 0, &page, NULL) != XL_OK)
        return;
    for (size_t i = 0; i < page.n * XL_ITEM_KIND_COUNT; i++) {
        const xl_list_row *r = &page.rows[i % page.n];
        if ((size_t)r->kind != i / page.n)
            continue;
        ui_pick_row *row = ui_pick_add(out);
        row->id = r->id;
        ui_item_where(where, sizeof where, r->building, r->nbuildings);
        snprintf(row->text, sizeof row->text, "%s  %s", xl_item_kind_label(r->kind), r->title);
        snprintf(row->note, sizeof row->note, "%s  %s%s", where,
                 ui_item_status_text(r->status, r->overdue),
                 on_agenda(a, r->id) ? _(MTG_ON_AGENDA) : "");
    }
    xl_list_page_release(&page);
}

/* Nothing typed: the building's open items, then the whole community's; typed: titles. */
static void agenda_fill(void *ctx, ui_app *app, const char *query, ui_pick_rows *out)
{
    agenda_pick *a = ctx;
    xl_list_filter f;
    xl_list_filter_init(&f);
    f.kind = -1;
    f.status_mask = XL_STATUS_ACTIVE;
    f.text = query;
    if (query[0] || a->building <= 0) {
        add_agenda_rows(a, app, &f, out);
        return;
    }
    f.building = a->building;
    add_agenda_rows(a, app, &f, out);
    f.building = XL_LIST_COMMUNITY;
    add_agenda_rows(a, app, &f, out);
}

static int agenda_choose(void *ctx, ui_app *app, ui_pick_row *row)
{
    agenda_pick *a = ctx;
    int64_t id;
    xl_err err;
    xl_err_clear(&err);
    if (on_agenda(a, row->id)) {
        ui_app_message(app, 0, "%s", _(MTG_ALREADY_ON_AGENDA));
        return UI_REDRAW;
    }
    if (xl_agenda_add_item(ui_app_db(app), a->meeting, row->id, 0, &id, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        return UI_REDRAW;
    }
    a->onagenda = xl_reallocarray(a->onagenda, a->non + 1, sizeof *a->onagenda);
    a->onagenda[a->non++] = row->id;
    size_t len = strlen(row->note);
    snprintf(row->note + len, sizeof row->note - len, "%s", _(MTG_ON_AGENDA));
    ui_app_message(app, 0, _(MTG_AGENDA_ADDED_FMT), row->text);
    return UI_REDRAW; /* the picker stays open for the next item */
}

static void agenda_free_ctx(void *ctx)
{
    agenda_pick *a = ctx;
    free(a->onagenda);
    free(a);
}

static void agenda_footer(void *ctx, char *out, size_t size)
{
    agenda_pick *a = ctx;
    ui_format(out, size, _(MTG_AGENDA_COUNT_FMT), a->non);
}

static int add_from_lists(mtg_view *v, ui_app *app)
{
    agenda_pick *a = xl_calloc(1, sizeof *a);
    char title[256];
    a->meeting = v->id;
    a->building = v->m.building;
    a->onagenda = xl_calloc(v->m.nagenda + 1, sizeof *a->onagenda);
    for (size_t i = 0; i < v->m.nagenda; i++)
        if (v->m.agenda[i].list_item)
            a->onagenda[a->non++] = v->m.agenda[i].list_item;
    ui_format(title, sizeof title, _(MTG_AGENDA_PICK_FMT), v->m.title);
    ui_pick_spec spec = {
        .title = title,
        .help_title = _(KEYS_PICK),
        .intro = v->m.building > 0 ? _(MTG_AGENDA_PICK_INTRO_BUILDING) : _(MTG_AGENDA_PICK_INTRO),
        .fill = agenda_fill,
        .choose = agenda_choose,
        .footer = agenda_footer,
        .free = agenda_free_ctx,
    };
    ui_pick_open(app, &spec, a);
    return UI_REDRAW;
}

/* ---- attendance ---- */

enum { TAG_PERSON = 1, TAG_ORG = 2 };

typedef struct attend_pick {
    int64_t meeting;
    int building;
    xl_building_card card;
    xl_org *orgs;
    size_t norgs;
    xl_meeting m;        /* for its attendees and counts, reloaded after each tick */
} attend_pick;

static int64_t attendance_id(const attend_pick *a, int tag, int64_t id)
{
    xl_party_kind kind = tag == TAG_PERSON ? XL_PARTY_PERSON : XL_PARTY_ORG;
    for (size_t i = 0; i < a->m.nattendees; i++)
        if (a->m.attendees[i].who.kind == kind && a->m.attendees[i].who.id == id)
            return a->m.attendees[i].id;
    return 0;
}

static ui_pick_row *add_heading(ui_pick_rows *out, const char *text)
{
    ui_pick_row *h = ui_pick_add(out);
    h->heading = 1;
    snprintf(h->text, sizeof h->text, "%s", text);
    return h;
}

static void add_person(attend_pick *a, ui_pick_rows *out, int64_t id, const char *name,
                       const char *note)
{
    ui_pick_row *r = ui_pick_add(out);
    r->id = id, r->tag = TAG_PERSON;
    r->checked = attendance_id(a, TAG_PERSON, id) != 0;
    snprintf(r->text, sizeof r->text, "%s", name);
    snprintf(r->note, sizeof r->note, "%s", note);
}

static void fill_residents(attend_pick *a, const char *query, ui_pick_rows *out)
{
    char note[64];
    int headed = 0;
    for (size_t i = 0; i < a->card.nresidents; i++) {
        const xl_card_resident *res = &a->card.residents[i];
        if (query[0] && !strstr(res->name, query) && strncmp(res->room, query, strlen(query)) != 0)
            continue;
        if (!headed++)
            add_heading(out, _(MTG_ATTEND_RESIDENTS));
        snprintf(note, sizeof note, "%s  %s", res->room, ui_role_label(res->role));
        add_person(a, out, res->person_id, res->name, note);
    }
}

/* Without a building: the people ticked already, and whoever the typed text finds. */
static void fill_people(attend_pick *a, ui_app *app, const char *query, ui_pick_rows *out)
{
    ui_party_pick pick;
    int headed = 0;
    for (size_t i = 0; i < a->m.nattendees; i++)
        if (a->m.attendees[i].who.kind == XL_PARTY_PERSON) {
            if (!headed++)
                add_heading(out, _(MTG_ATTEND_PEOPLE));
            add_person(a, out, a->m.attendees[i].who.id, a->m.attendees[i].name,
                       xl_attend_role_label(a->m.attendees[i].role));
        }
    if (!query[0])
        return;
    ui_party_pick_init(&pick, xl_party_none(), NULL);
    ui_party_pick_search(&pick, ui_app_db(app), query);
    for (size_t i = 0; i < pick.n; i++)
        if (pick.hits[i].who.kind == XL_PARTY_PERSON &&
            !attendance_id(a, TAG_PERSON, pick.hits[i].who.id)) {
            if (!headed++)
                add_heading(out, _(MTG_ATTEND_PEOPLE));
            add_person(a, out, pick.hits[i].who.id, pick.hits[i].name, pick.hits[i].note);
        }
}

static void fill_orgs(attend_pick *a, const char *query, ui_pick_rows *out)
{
    int headed = 0;
    for (size_t i = 0; i < a->norgs; i++) {
        if (query[0] && !strstr(a->orgs[i].name, query))
            continue;
        if (!headed++)
            add_heading(out, _(MTG_ATTEND_ORGS));
        ui_pick_row *r = ui_pick_add(out);
        r->id = a->orgs[i].id, r->tag = TAG_ORG;
        r->checked = attendance_id(a, TAG_ORG, r->id) != 0;
        snprintf(r->text, sizeof r->text, "%s", a->orgs[i].name);
        snprintf(r->note, sizeof r->note, "%s",
                 strcmp(a->orgs[i].kind, "deputy") == 0 ? _(ORG_DEPUTY) : "");
    }
}

static void attend_fill(void *ctx, ui_app *app, const char *query, ui_pick_rows *out)
{
    attend_pick *a = ctx;
    if (a->building > 0)
        fill_residents(a, query, out);
    else
        fill_people(a, app, query, out);
    fill_orgs(a, query, out);
}

static int attend_reload(attend_pick *a, ui_app *app)
{
    xl_meeting m;
    xl_err err;
    xl_err_clear(&err);
    if (xl_meeting_load(ui_app_db(app), a->meeting, &m, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        return XL_EFAIL;
    }
    xl_meeting_release(&a->m);
    a->m = m;
    return XL_OK;
}

static int attend_choose(void *ctx, ui_app *app, ui_pick_row *row)
{
    attend_pick *a = ctx;
    int64_t att = attendance_id(a, row->tag, row->id), id;
    xl_db *db = ui_app_db(app);
    xl_err err;
    xl_err_clear(&err);
    int rc = att ? xl_attendance_remove(db, att, &err)
             : row->tag == TAG_PERSON ? xl_attendance_add_person(db, a->meeting, row->id, &id, &err)
                                      : xl_attendance_add_org(db, a->meeting, row->id, &id, &err);
    if (rc != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        return UI_REDRAW;
    }
    row->checked = !att;
    attend_reload(a, app);
    return UI_REDRAW;
}

static void attend_footer(void *ctx, char *out, size_t size)
{
    attend_pick *a = ctx;
    ui_attend_summary(&a->m.counts, out, size);
}

static void attend_free(void *ctx)
{
    attend_pick *a = ctx;
    xl_building_card_release(&a->card);
    xl_meeting_release(&a->m);
    free(a->orgs);
    free(a);
}

static int open_attendance(mtg_view *v, ui_app *app)
{
    attend_pick *a = xl_calloc(1, sizeof *a);
    char title[256];
    a->meeting = v->id;
    a->building = v->m.building;
    if ((a->building > 0 &&
         xl_building_card_load(ui_app_db(app), a->building, &a->card, NULL) != XL_OK) ||
        xl_orgs_list(ui_app_db(app), &a->orgs, &a->norgs, NULL) != XL_OK ||
        attend_reload(a, app) != XL_OK) {
        attend_free(a);
        return UI_REDRAW;
    }
    ui_format(title, sizeof title, _(MTG_ATTEND_TITLE_FMT), v->m.title);
    ui_pick_spec spec = {
        .title = title,
        .help_title = _(KEYS_PICK),
        .checklist = 1,
        .intro = _(MTG_ATTEND_INTRO),
        .fill = attend_fill,
        .choose = attend_choose,
        .footer = attend_footer,
        .free = attend_free,
    };
    ui_pick_open(app, &spec, a);
    return UI_REDRAW;
}

/* ---- agenda keys ---- */

static const xl_agenda_entry *current(const mtg_view *v)
{
    size_t i;
    return ui_listview_current(&v->lv, &i) ? &v->m.agenda[i] : NULL;
}

static int done(ui_app *app, int rc, const xl_err *err)
{
    if (rc != XL_OK)
        ui_app_message(app, 1, "%s", err->msg);
    return UI_RELOAD | UI_REDRAW;
}

static int move_entry(mtg_view *v, ui_app *app, int delta)
{
    const xl_agenda_entry *e = current(v);
    xl_err err;
    xl_err_clear(&err);
    if (!e)
        return UI_HANDLED;
    int rc = xl_agenda_move(ui_app_db(app), e->id, delta, &err);
    if (rc == XL_OK)
        ui_listview_move(&v->lv, delta < 0 ? -1 : 1); /* the bar follows the entry */
    return done(app, rc, &err);
}

static int accept_digit(int ch)
{
    return ch >= '0' && ch <= '9';
}

static int minutes_done(void *ctx, ui_app *app, const char *text)
{
    const mtg_view *v = ctx;
    xl_err err;
    xl_err_clear(&err);
    if (!text[0])
        return UI_REDRAW;
    return done(app, xl_agenda_set_minutes(ui_app_db(app), v->prompt_entry, atoi(text), &err),
                &err);
}

/* y to "remove from the agenda?": id is the agenda entry. */
static int remove_yes(void *ctx, ui_app *app, int64_t id)
{
    xl_err err;
    xl_err_clear(&err);
    (void)ctx;
    return done(app, xl_agenda_remove(ui_app_db(app), id, &err), &err);
}

static int ask_entry(mtg_view *v, ui_app *app, ui_action act)
{
    char label[256];
    const xl_agenda_entry *e = current(v);
    if (!e) {
        ui_app_message(app, 0, "%s", _(MTG_AGENDA_NONE_SELECTED));
        return UI_REDRAW;
    }
    v->prompt_entry = e->id;
    if (act == UI_ACT_AGENDA_MINUTES) {
        ui_format(label, sizeof label, _(MTG_MINUTES_PROMPT_FMT), e->minutes);
        ui_app_prompt(app, &(ui_prompt_spec){label, 3, accept_digit, minutes_done, v});
    } else {
        ui_format(label, sizeof label, _(MTG_REMOVE_ASK_FMT), e->title);
        ui_app_confirm(app, &(ui_confirm_spec){.question = label, .yes = remove_yes, .id = e->id});
    }
    return UI_REDRAW;
}

/* A closed meeting is read-only: moving and opening an item work, nothing that edits. */
static int mv_offers(void *self, ui_action act)
{
    const mtg_view *v = self;
    return v->m.status != XL_MEETING_CLOSED || ui_keys_is_global(act) || act == UI_ACT_UP ||
           act == UI_ACT_DOWN || act == UI_ACT_ITEM_OPEN;
}

static int mv_key(void *self, ui_app *app, int key)
{
    mtg_view *v = self;
    const xl_agenda_entry *e = current(v);
    ui_action act = UI_KEYS_MATCH(key, mv_actions);
    if (act != UI_ACT_NONE && !mv_offers(v, act)) {
        ui_app_message(app, 1, "%s", _(MTG_E_READ_ONLY));
        return UI_REDRAW;
    }
    switch (act) {
    case UI_ACT_UP: case UI_ACT_DOWN: ui_listview_key(&v->lv, act); return UI_REDRAW;
    case UI_ACT_AGENDA_ADD: return add_from_lists(v, app);
    case UI_ACT_AGENDA_FREE: return ui_agenda_free_open(app, v->id, &v->want_sel);
    case UI_ACT_AGENDA_UP: return move_entry(v, app, -1);
    case UI_ACT_AGENDA_DOWN: return move_entry(v, app, 1);
    case UI_ACT_AGENDA_MINUTES: return ask_entry(v, app, UI_ACT_AGENDA_MINUTES);
    case UI_ACT_AGENDA_REMOVE: return ask_entry(v, app, UI_ACT_AGENDA_REMOVE);
    case UI_ACT_ITEM_OPEN: return e && e->list_item ? ui_item_view_open(app, e->list_item) : UI_HANDLED;
    case UI_ACT_ATTEND: return open_attendance(v, app);
    case UI_ACT_MTG_EDIT: return ui_meeting_edit_open(app, v->id);
    case UI_ACT_MTG_PRESENT: return ui_present_open(app, v->id);
    case UI_ACT_MTG_CLOSE: return ui_meeting_close_ask(app, v->id);
    default: return UI_IGNORED;
    }
}

/* ---- life cycle ---- */

static void mv_reload(void *self, ui_app *app)
{
    mv_load(self, app);
}

static const char *mv_title(void *self)
{
    return ((mtg_view *)self)->title;
}

static const char *mv_help_title(void *self)
{
    return _(KEYS_MEETING);
}

static void mv_free(void *self)
{
    mtg_view *v = self;
    xl_meeting_release(&v->m);
    free(v);
}

static const pane_ops mv_ops = {
    .title = mv_title,
    .help_title = mv_help_title,
    .draw = mv_draw,
    .key = mv_key,
    .reload = mv_reload,
    .free = mv_free,
    UI_PANE_KEYS(mv_actions, mv_hints),
    .offers = mv_offers,
};

int ui_meeting_view_open(ui_app *app, int64_t id)
{
    mtg_view *v = xl_calloc(1, sizeof *v);
    ui_listview_init(&v->lv, UI_LV_FILL); /* the agenda area grows with the agenda */
    v->id = id;
    if (mv_load(v, app) != XL_OK) {
        mv_free(v);
        return UI_REDRAW;
    }
    ui_app_push(app, (ui_pane){&mv_ops, v});
    return UI_REDRAW;
}
