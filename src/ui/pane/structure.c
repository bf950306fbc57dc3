/* structure.c — 社区结构: the community's organisations, party members and pioneer group
 * teams, one page each (Left/Right or [ ] turn the page), listed with the list widget. n adds
 * a row, e or Enter edits the selected one, in the same forms as the building card (cform.c:
 * the community workbook's rules beside each field, one audited transaction). A party member
 * is a registered person; the household (building and room) given is what the map's
 * party-member overlay marks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/pane/cform.h"
#include "ui/panes.h"
#include "ui/theme.h"
#include "ui/widget/listview.h"
#include "ui/widget/uitext.h"
#include "xiangli/community.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/structure.h"

enum { PG_ORGS, PG_PARTY, PG_TEAMS, PG_COUNT };
enum { HEAD_ROWS = 3, GAP = 2, NCOLS = 3 };

typedef struct structure_pane {
    xl_db *db;
    int page;
    xl_org_row *orgs;
    xl_party_row *party;
    xl_team_row *teams;
    size_t n[PG_COUNT];
    ui_listview lv[PG_COUNT];
} structure_pane;

static const ui_action st_actions[] = {
    UI_ACT_UP, UI_ACT_DOWN, UI_ACT_PAGE_UP, UI_ACT_PAGE_DOWN, UI_ACT_FIRST, UI_ACT_LAST,
    UI_ACT_STRUCT_PAGE, UI_ACT_STRUCT_NEW, UI_ACT_STRUCT_EDIT,
};
static const ui_action st_hints[] = {
    UI_ACT_STRUCT_PAGE, UI_ACT_STRUCT_NEW, UI_ACT_STRUCT_EDIT, UI_ACT_HELP, UI_ACT_BACK,
};

static const xl_msg page_title[PG_COUNT] = {XL_MSG_ST_PAGE_ORGS, XL_MSG_ST_PAGE_PARTY,
                                            XL_MSG_ST_PAGE_TEAMS};
static const xl_msg page_empty[PG_COUNT] = {XL_MSG_ST_EMPTY_ORGS, XL_MSG_ST_EMPTY_PARTY,
                                            XL_MSG_ST_EMPTY_TEAMS};
static const xl_msg heads[PG_COUNT][NCOLS] = {
    {XL_MSG_CF_ORG_NAME, XL_MSG_CF_ORG_KIND, XL_MSG_CF_CONTACT},
    {XL_MSG_NAME, XL_MSG_ST_HOUSEHOLD, XL_MSG_CF_BRANCH},
    {XL_MSG_PIONEER_GROUP, XL_MSG_CF_MEMBER, XL_MSG_CF_LEADER},
};
static const int widths[PG_COUNT][NCOLS] = {{30, 14, 30}, {16, 12, 30}, {10, 30, 6}};

/* ---- rows ---- */

static void cells(const structure_pane *p, size_t i, const char *out[NCOLS], char *buf, size_t size)
{
    if (p->page == PG_ORGS) {
        const xl_org_row *r = &p->orgs[i];
        out[0] = r->name, out[1] = xl_org_kind_label(r->kind), out[2] = r->contact;
    } else if (p->page == PG_PARTY) {
        const xl_party_row *r = &p->party[i];
        buf[0] = '\0';
        if (r->building > 0)
            snprintf(buf, size, "%d-%s", r->building, r->room);
        out[0] = r->name, out[1] = buf, out[2] = r->branch;
    } else {
        const xl_team_row *r = &p->teams[i];
        ui_format(buf, size, _(GROUP_FMT), r->group);
        out[0] = buf, out[1] = r->member, out[2] = r->leader ? _(CF_YES) : "";
    }
}

static void draw_cells(WINDOW *w, int y, const char *const *text, const int *wd, attr_t attr)
{
    int x = 2;
    for (int c = 0; c < NCOLS && x < getmaxx(w) - 1; c++) {
        int width = c == NCOLS - 1 || wd[c] > getmaxx(w) - 1 - x ? getmaxx(w) - 1 - x : wd[c];
        ui_text_put(w, y, x, width, text[c], attr);
        x += wd[c] + GAP;
    }
}

static void draw_row(void *ctx, WINDOW *w, int y, size_t i, int sel)
{
    const structure_pane *p = ctx;
    const char *text[NCOLS];
    char buf[64];
    attr_t attr = ui_attr(sel ? UI_C_SELECTED : UI_C_NORMAL);
    cells(p, i, text, buf, sizeof buf);
    if (sel)
        ui_text_fill(w, y, 0, getmaxx(w), attr);
    draw_cells(w, y, text, widths[p->page], attr);
}

/* "组织 12  党员 30  先锋楼组 15", the page shown in the heading colour. */
static void draw_pages(const structure_pane *p, WINDOW *w)
{
    char text[96];
    int x = 1;
    for (int pg = 0; pg < PG_COUNT; pg++) {
        ui_format(text, sizeof text, _(LIST_HEAD_FMT), xl_tr(page_title[pg]), p->n[pg]);
        attr_t attr = ui_attr(pg == p->page ? UI_C_HEADING : UI_C_DIM);
        x += ui_text_put(w, 0, x, getmaxx(w) - x - 1, text, attr) + 4;
    }
}

static void st_draw(void *self, WINDOW *w)
{
    structure_pane *p = self;
    const char *text[NCOLS];
    werase(w);
    draw_pages(p, w);
    if (p->n[p->page] == 0) {
        ui_text_wrap(w, 2, 2, getmaxx(w) - 4, 3, xl_tr(page_empty[p->page]), ui_attr(UI_C_DIM));
        return;
    }
    for (int c = 0; c < NCOLS; c++)
        text[c] = xl_tr(heads[p->page][c]);
    ui_text_fill(w, HEAD_ROWS - 1, 0, getmaxx(w), ui_attr(UI_C_HEADING));
    draw_cells(w, HEAD_ROWS - 1, text, widths[p->page], ui_attr(UI_C_HEADING));
    ui_listview_resize(&p->lv[p->page], getmaxy(w) - HEAD_ROWS);
    ui_listview_draw(&p->lv[p->page], w, HEAD_ROWS, draw_row, p);
}

/* ---- forms ---- */

static int open_new(structure_pane *p, ui_app *app)
{
    static const int org[] = {XL_O_NAME, XL_O_KIND, XL_O_CONTACT};
    static const int party[] = {XL_P_NAME, XL_P_ID, XL_P_BUILDING, XL_P_ROOM, XL_P_BRANCH};
    static const int team[] = {XL_T_GROUP, XL_T_MEMBER, XL_T_ID, XL_T_LEADER};
    xl_cvalue v[CI_MAXCOL_PUBLIC];
    memset(v, 0, sizeof v);
    if (p->page == PG_ORGS) {
        snprintf(v[XL_O_KIND], sizeof v[0], "other");
        return ui_cform_open(app, XL_CK_ORGS, _(ST_NEW_ORG), NULL, org, 3, v);
    }
    if (p->page == PG_PARTY)
        return ui_cform_open(app, XL_CK_PARTY, _(ST_NEW_PARTY), _(ST_NEW_PARTY_INTRO), party, 5, v);
    snprintf(v[XL_T_GROUP], sizeof v[0], "1");
    snprintf(v[XL_T_LEADER], sizeof v[0], "no");
    return ui_cform_open(app, XL_CK_TEAMS, _(ST_NEW_TEAM), NULL, team, 4, v);
}

/* The selected row's form: its key (name; the person by name and household) stays. */
static int open_edit(structure_pane *p, ui_app *app, size_t i)
{
    static const int org[] = {XL_O_KIND, XL_O_CONTACT};
    static const int party[] = {XL_P_BRANCH};
    static const int team[] = {XL_T_LEADER};
    xl_cvalue v[CI_MAXCOL_PUBLIC];
    char title[200];
    memset(v, 0, sizeof v);
    if (p->page == PG_ORGS) {
        const xl_org_row *r = &p->orgs[i];
        snprintf(v[XL_O_NAME], sizeof v[0], "%s", r->name);
        snprintf(v[XL_O_KIND], sizeof v[0], "%s", r->kind);
        snprintf(v[XL_O_CONTACT], sizeof v[0], "%s", r->contact);
        ui_format(title, sizeof title, _(ST_EDIT_ORG_FMT), r->name);
        return ui_cform_open(app, XL_CK_ORGS, title, NULL, org, 2, v);
    }
    if (p->page == PG_PARTY) {
        const xl_party_row *r = &p->party[i];
        snprintf(v[XL_P_NAME], sizeof v[0], "%s", r->name);
        if (r->building > 0) {
            snprintf(v[XL_P_BUILDING], sizeof v[0], "%d", r->building);
            snprintf(v[XL_P_ROOM], sizeof v[0], "%s", r->room);
        }
        snprintf(v[XL_P_BRANCH], sizeof v[0], "%s", r->branch);
        ui_format(title, sizeof title, _(ST_EDIT_PARTY_FMT), r->name);
        return ui_cform_open(app, XL_CK_PARTY, title, NULL, party, 1, v);
    }
    const xl_team_row *r = &p->teams[i];
    snprintf(v[XL_T_GROUP], sizeof v[0], "%d", r->group);
    snprintf(v[XL_T_MEMBER], sizeof v[0], "%s", r->member);
    snprintf(v[XL_T_LEADER], sizeof v[0], "%s", r->leader ? "yes" : "no");
    ui_format(title, sizeof title, _(ST_EDIT_TEAM_FMT), r->member);
    return ui_cform_open(app, XL_CK_TEAMS, title, NULL, team, 1, v);
}

/* ---- keys and life cycle ---- */

static int st_key(void *self, ui_app *app, int key)
{
    structure_pane *p = self;
    size_t i;
    ui_action act = ui_keys_match(key, st_actions, sizeof st_actions / sizeof st_actions[0]);
    switch (act) {
    case UI_ACT_STRUCT_PAGE:
        p->page = (p->page + (key == UI_KEY_FN(KEY_LEFT) || key == '[' ? PG_COUNT - 1 : 1)) % PG_COUNT;
        return UI_REDRAW;
    case UI_ACT_STRUCT_NEW: return open_new(p, app);
    case UI_ACT_STRUCT_EDIT:
        return ui_listview_current(&p->lv[p->page], &i) ? open_edit(p, app, i) : UI_HANDLED;
    case UI_ACT_NONE: return UI_IGNORED;
    default: return ui_listview_key(&p->lv[p->page], act) ? UI_REDRAW : UI_IGNORED;
    }
}

static void st_reload(void *self, ui_app *app)
{
    structure_pane *p = self;
    xl_err err;
    free(p->orgs), free(p->party), free(p->teams);
    p->orgs = NULL, p->party = NULL, p->teams = NULL;
    if (xl_org_rows(p->db, &p->orgs, &p->n[PG_ORGS], &err) != XL_OK ||
        xl_party_list(p->db, &p->party, &p->n[PG_PARTY], &err) != XL_OK ||
        xl_teams_list(p->db, &p->teams, &p->n[PG_TEAMS], &err) != XL_OK)
        ui_app_message(app, 1, "%s", err.msg);
    for (int pg = 0; pg < PG_COUNT; pg++)
        ui_listview_set_count(&p->lv[pg], p->n[pg]);
}

static const char *st_title(void *self)
{
    (void)self;
    return _(PANE_STRUCTURE);
}

static const char *st_help_title(void *self)
{
    (void)self;
    return _(PANE_STRUCTURE);
}

static void st_free(void *self)
{
    structure_pane *p = self;
    free(p->orgs), free(p->party), free(p->teams);
    free(p);
}

static const pane_ops structure_ops = {
    .title = st_title,
    .help_title = st_help_title,
    .draw = st_draw,
    .key = st_key,
    .reload = st_reload,
    .free = st_free,
    .actions = st_actions,
    .nactions = sizeof st_actions / sizeof st_actions[0],
    .hints = st_hints,
    .nhints = sizeof st_hints / sizeof st_hints[0],
};

ui_pane ui_structure_new(ui_app *app)
{
    structure_pane *p = xl_calloc(1, sizeof *p);
    p->db = ui_app_db(app);
    for (int pg = 0; pg < PG_COUNT; pg++)
        ui_listview_init(&p->lv[pg], UI_LV_FILL);
    st_reload(p, app);
    return (ui_pane){&structure_ops, p};
}
