/* listcommon.c — labels, parsing and the person/organisation chooser shared by the lists'
 * and the roundtable's screens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/widget/form.h"
#include "ui/pane/lists_ui.h"
#include "ui/pane/register.h"
#include "ui/theme.h"
#include "ui/widget/uitext.h"
#include "xiangli/building.h"
#include "xiangli/i18n.h"
#include "xiangli/lookup.h"
#include "xiangli/mem.h"
#include "xiangli/model.h"
#include "xiangli/text.h"

/* ---- labels ---- */

const char *ui_item_status_text(xl_item_status s, int overdue)
{
    static char buf[96];
    if (!overdue)
        return xl_item_status_label(s);
    snprintf(buf, sizeof buf, "! %s", _(LIST_OVERDUE));
    return buf;
}

const char *ui_item_status_short(xl_item_status s, int overdue)
{
    static const xl_msg labels[XL_ITEM_STATUS_COUNT] = {
        [XL_ITEM_OPEN] = XL_MSG_LIST_STATUS_OPEN, [XL_ITEM_IN_PROGRESS] = XL_MSG_LIST_SHORT_DOING,
        [XL_ITEM_DONE] = XL_MSG_LIST_SHORT_DONE, [XL_ITEM_DROPPED] = XL_MSG_LIST_SHORT_DROPPED,
    };
    if (overdue)
        return _(LIST_SHORT_OVERDUE);
    return (unsigned)s < XL_ITEM_STATUS_COUNT ? xl_tr(labels[s]) : "?";
}

int ui_item_status_short_width(void)
{
    static const xl_msg labels[] = {XL_MSG_LIST_STATUS_OPEN, XL_MSG_LIST_SHORT_DOING,
                                    XL_MSG_LIST_SHORT_DONE, XL_MSG_LIST_SHORT_DROPPED,
                                    XL_MSG_LIST_SHORT_OVERDUE};
    int width = 0;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (xl_str_width(xl_tr(labels[i])) > width)
            width = xl_str_width(xl_tr(labels[i]));
    return width;
}

void ui_item_where(char *out, size_t size, int building, int nbuildings)
{
    if (building <= 0)
        snprintf(out, size, "%s", _(LIST_WHERE_ALL));
    else if (nbuildings > 1)
        ui_format(out, size, _(LIST_WHERE_MANY_FMT), building, nbuildings);
    else
        ui_format(out, size, _(LIST_WHERE_FMT), building);
}

void ui_buildings_format(char *out, size_t size, const int *b, size_t n)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && used < size; i++) {
        int k = snprintf(out + used, size - used, "%s%d", i ? " " : "", b[i]);
        if (k < 0)
            break;
        used += (size_t)k;
    }
}

static int has_number(const int *b, size_t n, int v)
{
    for (size_t i = 0; i < n; i++)
        if (b[i] == v)
            return 1;
    return 0;
}

int ui_buildings_parse(xl_db *db, const char *text, int *b, size_t cap, size_t *n, char *msg,
                       size_t msgsize)
{
    const char *s = text;
    *n = 0;
    while (*s) {
        if (*s == ' ' || *s == ',' || *s == '/') {
            s++;
            continue;
        }
        char *end;
        long v = strtol(s, &end, 10);
        if (end == s || v <= 0 || v > 99999) {
            snprintf(msg, msgsize, "%s", _(LIST_E_BUILDINGS));
            return 0;
        }
        if (!xl_building_exists(db, (int)v)) {
            ui_format(msg, msgsize, _(E_NO_BUILDING_FMT), (int)v);
            return 0;
        }
        if (*n >= cap) {
            ui_format(msg, msgsize, _(LIST_E_BUILDINGS_MANY_FMT), (int)cap);
            return 0;
        }
        if (!has_number(b, *n, (int)v))
            b[(*n)++] = (int)v;
        s = end;
    }
    return 1;
}

void ui_date_after_today(int days, char out[11])
{
    char today[11];
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    xl_today(today);
    if (sscanf(today, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3) {
        snprintf(out, 11, "%s", today);
        return;
    }
    tm.tm_year -= 1900, tm.tm_mon -= 1, tm.tm_mday += days, tm.tm_hour = 12;
    mktime(&tm); /* normalises the day */
    strftime(out, 11, "%Y-%m-%d", &tm);
}

int ui_err_field(const xl_err *err, const char *const *names, size_t n, const char **reason)
{
    *reason = err->msg;
    for (size_t i = 0; err->field[0] && i < n; i++)
        if (strcmp(err->field, names[i]) == 0)
            return (int)i;
    return -1;
}

void ui_attend_summary(const xl_attend_counts *c, char *out, size_t size)
{
    int first = 1;
    if (c->total == 0) {
        snprintf(out, size, "%s", _(MTG_ATTEND_ZERO));
        return;
    }
    ui_format(out, size, _(MTG_ATTEND_FMT), c->total);
    for (int r = 0; r < XL_ATTEND_ROLE_COUNT; r++) {
        size_t used = strlen(out);
        if (!c->by_role[r] || used + 1 >= size)
            continue;
        snprintf(out + used, size - used, "%s%s %d", first ? "" : " · ",
                 xl_attend_role_label((xl_attend_role)r), c->by_role[r]);
        first = 0;
    }
}

void ui_minutes_dir(const char *backup_dir, char *out, size_t size)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", backup_dir && *backup_dir ? backup_dir : ".");
    size_t len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/')
        dir[--len] = '\0';
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(out, size, "xiangli-minutes");
    else if (slash == dir)
        snprintf(out, size, "/xiangli-minutes");
    else
        snprintf(out, size, "%.*s/xiangli-minutes", (int)(slash - dir), dir);
}

/* ---- the person / organisation chooser ---- */

static const char *org_kind_label(const char *kind) { return xl_org_kind_label(kind); }

void ui_party_pick_init(ui_party_pick *p, xl_party who, const char *name)
{
    memset(p, 0, sizeof *p);
    ui_listview_init(&p->lv, 0);
    p->lv.step = 5;
    p->chosen = who;
    if (who.kind != XL_PARTY_NONE && name) {
        xl_strlcpy_utf8(p->chosen_name, name, sizeof p->chosen_name);
        p->hits[0].who = who;
        xl_strlcpy_utf8(p->hits[0].name, name, sizeof p->hits[0].name);
        p->n = 1;
    }
    ui_listview_set_count(&p->lv, p->n);
}

static ui_party_hit *add_hit(ui_party_pick *p, xl_party who, const char *name)
{
    for (size_t i = 0; i < p->n; i++) /* there already: only its note may be missing */
        if (p->hits[i].who.kind == who.kind && p->hits[i].who.id == who.id)
            return p->hits[i].note[0] ? NULL : &p->hits[i];
    if (p->n >= UI_PARTY_HITS)
        return NULL;
    ui_party_hit *h = &p->hits[p->n++];
    memset(h, 0, sizeof *h);
    h->who = who;
    xl_strlcpy_utf8(h->name, name, sizeof h->name);
    return h;
}

static void search_orgs(ui_party_pick *p, xl_db *db, const char *text)
{
    xl_org *orgs = NULL;
    size_t n = 0;
    if (xl_orgs_list(db, &orgs, &n, NULL) != XL_OK)
        return;
    for (size_t i = 0; i < n; i++) {
        if ((*text && !strstr(orgs[i].name, text)) || xl_org_name_is_office(orgs[i].name))
            continue; /* the office hands items out: it is never their owner */
        ui_party_hit *h = add_hit(p, xl_party_org(orgs[i].id), orgs[i].name);
        if (h)
            snprintf(h->note, sizeof h->note, "%s", org_kind_label(orgs[i].kind));
    }
    free(orgs);
}

static void search_people(ui_party_pick *p, xl_db *db, const char *text)
{
    xl_lookup_result res;
    char place[32];
    if (!*text || xl_lookup(db, text, UI_PARTY_HITS, &res, NULL) != XL_OK)
        return;
    for (size_t i = 0; i < res.n; i++) {
        const xl_hit *hit = &res.hits[i];
        if (hit->moved_out[0])
            continue;
        ui_party_hit *h = add_hit(p, xl_party_person(hit->person_id), hit->name);
        if (!h)
            continue;
        ui_place_format(place, sizeof place, hit->building, hit->room);
        snprintf(h->note, sizeof h->note, "%s %s", place, ui_role_label(hit->role));
    }
    xl_lookup_release(&res);
}

/* The hit that is the current choice comes first, so an unchanged field keeps it. */
static void keep_chosen_first(ui_party_pick *p)
{
    for (size_t i = 1; i < p->n; i++) {
        if (p->hits[i].who.kind == p->chosen.kind && p->hits[i].who.id == p->chosen.id) {
            ui_party_hit h = p->hits[i];
            memmove(&p->hits[1], &p->hits[0], i * sizeof h);
            p->hits[0] = h;
            return;
        }
    }
}

static void choose(ui_party_pick *p, size_t i)
{
    ui_listview_set_count(&p->lv, p->n);
    if (i < p->n)
        ui_listview_select(&p->lv, i);
    else
        p->lv.sel = p->n; /* nobody */
    if (i < p->n) {
        p->chosen = p->hits[i].who;
        xl_strlcpy_utf8(p->chosen_name, p->hits[i].name, sizeof p->chosen_name);
    } else {
        p->chosen = xl_party_none();
        p->chosen_name[0] = '\0';
    }
}

void ui_party_pick_search(ui_party_pick *p, xl_db *db, const char *text)
{
    int same = strcmp(text, p->chosen_name) == 0 && p->chosen.kind != XL_PARTY_NONE;
    xl_party keep = p->chosen;
    char keep_name[96];
    xl_strlcpy_utf8(keep_name, p->chosen_name, sizeof keep_name);
    xl_strlcpy_utf8(p->query, text, sizeof p->query);
    p->n = 0;
    p->lv.sel = p->lv.top = 0;
    if (same) /* the field still holds the chosen name: keep that very person */
        add_hit(p, keep, keep_name);
    search_orgs(p, db, text);
    search_people(p, db, text);
    if (!*text) {
        choose(p, (size_t)-1);
        return;
    }
    p->chosen = keep;
    keep_chosen_first(p);
    choose(p, p->n ? 0 : (size_t)-1);
}

int ui_party_pick_key(ui_party_pick *p, int key)
{
    /* the keys themselves: letters are typed into the field above the list, and Up/Down
     * move between the form's fields as everywhere else; PgUp/PgDn move one hit */
    static const struct { int key; ui_action act; } moves[] = {
        {UI_KEY_FN(KEY_PPAGE), UI_ACT_UP}, {UI_KEY_FN(KEY_NPAGE), UI_ACT_DOWN},
    };
    if (p->n == 0)
        return 0;
    for (size_t k = 0; k < sizeof moves / sizeof moves[0]; k++) {
        if (moves[k].key == key) {
            ui_listview_key(&p->lv, moves[k].act);
            choose(p, p->lv.sel);
            return 1;
        }
    }
    return 0;
}

static void draw_hit(void *ctx, WINDOW *w, int y, size_t i, int on)
{
    const ui_party_pick *p = ctx;
    const ui_party_hit *h = &p->hits[i];
    int x = p->draw_x, cols = p->draw_cols;
    attr_t attr = ui_attr(on ? UI_C_SELECTED : UI_C_NORMAL);
    ui_text_fill(w, y, x, cols, attr);
    ui_text_put(w, y, x, 2, on ? ">" : " ", attr);
    int used = ui_text_put(w, y, x + 2, cols / 2, h->name, attr);
    ui_text_put(w, y, x + 4 + used, cols - 4 - used, h->note, on ? attr : ui_attr(UI_C_DIM));
}

void ui_party_pick_draw(ui_party_pick *p, WINDOW *w, int y, int x, int cols, int rows,
                        const char *heading)
{
    if (rows < 2 || cols < 10)
        return;
    ui_text_put(w, y, x, cols, heading, ui_attr(UI_C_LABEL));
    rows--, y++;
    if (p->n == 0) {
        ui_text_put(w, y, x, cols, p->query[0] ? _(PICK_NOTHING) : _(PICK_TYPE_TO_FIND),
                    ui_attr(UI_C_DIM));
        return;
    }
    p->draw_x = x, p->draw_cols = cols;
    ui_listview_resize(&p->lv, rows);
    ui_listview_draw(&p->lv, w, y, draw_hit, p);
}

int ui_meeting_glance_load(ui_app *app, int64_t id, const char *fmt, ui_meeting_glance *g)
{
    xl_meeting m;
    xl_err err;
    xl_err_clear(&err);
    if (xl_meeting_load(ui_app_db(app), id, &m, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        return 0;
    }
    g->status = m.status, g->nagenda = m.nagenda;
    ui_format(g->question, sizeof g->question, fmt, m.title);
    xl_meeting_release(&m);
    return 1;
}
