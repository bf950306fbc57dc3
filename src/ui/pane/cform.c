/* cform.c — one row of the community's structure typed into a form (cform.h). How each
 * column is typed is one table; what is accepted is core's (xl_community_enter), the same
 * rules as the community workbook. */
#include "ui/pane/cform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/pane/register.h"
#include "ui/widget/form.h"
#include "ui/widget/uitext.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"

/* Choice sets: their stored values and labels. */
typedef enum { CH_TEXT, CH_USE, CH_ORG, CH_GROUP, CH_GROUP3, CH_YESNO } cf_choice;

typedef struct cf_column {
    int kind, col;
    xl_msg label;
    int width, max_chars;
    int (*accept)(uint32_t cp);
    cf_choice choice;
    xl_msg note; /* XL_MSG_COUNT: none */
} cf_column;

#define NO_NOTE XL_MSG_COUNT
static const cf_column columns[] = {
    {XL_CK_BUILDINGS, XL_B_LANE, XL_MSG_LANE, 16, 30, NULL, CH_TEXT, XL_MSG_CF_NOTE_LANE},
    {XL_CK_BUILDINGS, XL_B_ADDRESS, XL_MSG_CF_ADDRESS, 30, 80, NULL, CH_TEXT, NO_NOTE},
    {XL_CK_BUILDINGS, XL_B_FLOORS, XL_MSG_FLOORS, 4, 2, ui_accept_digit, CH_TEXT, XL_MSG_CF_NOTE_FLOORS},
    {XL_CK_BUILDINGS, XL_B_OWNER, XL_MSG_OWNER, 16, 64, NULL, CH_TEXT, NO_NOTE},
    {XL_CK_BUILDINGS, XL_B_OWNER_PHONE, XL_MSG_CF_OWNER_PHONE, 14, 13, ui_accept_phone, CH_TEXT, XL_MSG_REG_HINT_KEEP},
    {XL_CK_BUILDINGS, XL_B_GROUP, XL_MSG_PIONEER_GROUP, 0, 0, NULL, CH_GROUP, NO_NOTE},
    {XL_CK_BUILDINGS, XL_B_GRID, XL_MSG_MICRO_GRID, 16, 64, NULL, CH_TEXT, NO_NOTE},
    {XL_CK_BUILDINGS, XL_B_GRID_LEADER, XL_MSG_GRID_LEADER, 16, 64, NULL, CH_TEXT, NO_NOTE},
    {XL_CK_ROOMS, XL_R_ROOM, XL_MSG_ROOM, 9, 8, ui_accept_room, CH_TEXT, NO_NOTE},
    {XL_CK_ROOMS, XL_R_DECLARED, XL_MSG_DECLARED, 4, 3, ui_accept_digit, CH_TEXT, XL_MSG_CF_NOTE_DECLARED},
    {XL_CK_ROOMS, XL_R_USE, XL_MSG_CF_USE, 0, 0, NULL, CH_USE, NO_NOTE},
    {XL_CK_ROOMS, XL_R_FLOOR, XL_MSG_CF_FLOOR, 3, 2, ui_accept_digit, CH_TEXT, NO_NOTE},
    {XL_CK_ORGS, XL_O_NAME, XL_MSG_CF_ORG_NAME, 30, 64, NULL, CH_TEXT, NO_NOTE},
    {XL_CK_ORGS, XL_O_KIND, XL_MSG_CF_ORG_KIND, 0, 0, NULL, CH_ORG, NO_NOTE},
    {XL_CK_ORGS, XL_O_CONTACT, XL_MSG_CF_CONTACT, 30, 64, NULL, CH_TEXT, NO_NOTE},
    {XL_CK_PARTY, XL_P_NAME, XL_MSG_NAME, 16, 64, NULL, CH_TEXT, NO_NOTE},
    {XL_CK_PARTY, XL_P_ID, XL_MSG_ID_NUMBER, 20, 18, ui_accept_id, CH_TEXT, XL_MSG_CF_NOTE_ID},
    {XL_CK_PARTY, XL_P_BUILDING, XL_MSG_CF_BUILDING, 6, 5, ui_accept_digit, CH_TEXT, NO_NOTE},
    {XL_CK_PARTY, XL_P_ROOM, XL_MSG_ROOM, 9, 8, ui_accept_room, CH_TEXT, NO_NOTE},
    {XL_CK_PARTY, XL_P_BRANCH, XL_MSG_CF_BRANCH, 24, 64, NULL, CH_TEXT, NO_NOTE},
    {XL_CK_TEAMS, XL_T_GROUP, XL_MSG_PIONEER_GROUP, 0, 0, NULL, CH_GROUP3, NO_NOTE},
    {XL_CK_TEAMS, XL_T_MEMBER, XL_MSG_CF_MEMBER, 24, 64, NULL, CH_TEXT, XL_MSG_CF_NOTE_MEMBER},
    {XL_CK_TEAMS, XL_T_ID, XL_MSG_ID_NUMBER, 20, 18, ui_accept_id, CH_TEXT, XL_MSG_CF_NOTE_ID},
    {XL_CK_TEAMS, XL_T_LEADER, XL_MSG_CF_LEADER, 0, 0, NULL, CH_YESNO, NO_NOTE},
};

enum { CHOICE_MAX = 9 };

typedef struct cf_ctx {
    int kind;
    size_t n;
    int cols[CI_MAXCOL_PUBLIC];
    xl_cvalue values[CI_MAXCOL_PUBLIC];
} cf_ctx;

static const cf_column *column_of(int kind, int col)
{
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
        if (columns[i].kind == kind && columns[i].col == col)
            return &columns[i];
    return NULL;
}

/* The stored value and the label of choice i of a set; NULL past the end. */
static const char *choice_value(cf_choice ch, int i, char *label, size_t size)
{
    static const char *const groups[] = {"", "1", "2", "3"}, *const yes_no[] = {"no", "yes"};
    switch (ch) {
    case CH_USE:
        if (i >= XL_ROOM_USE_COUNT)
            return NULL;
        snprintf(label, size, "%s", xl_room_use_label(xl_room_use_key(i)));
        return xl_room_use_key(i);
    case CH_ORG:
        if (i >= XL_ORG_KIND_COUNT)
            return NULL;
        snprintf(label, size, "%s", xl_org_kind_label(xl_org_kind_key(i)));
        return xl_org_kind_key(i);
    case CH_GROUP:
    case CH_GROUP3:
        i += ch == CH_GROUP3;
        if (i > 3)
            return NULL;
        if (i == 0)
            snprintf(label, size, "%s", _(CF_KEEP));
        else
            ui_format(label, size, _(GROUP_FMT), i);
        return groups[i];
    case CH_YESNO:
        if (i > 1)
            return NULL;
        snprintf(label, size, "%s", i ? _(CF_YES) : _(CF_NO));
        return yes_no[i];
    default: return NULL;
    }
}

/* The labels of a choice set, kept for the form's life (static: one form at a time uses
 * each set, and the labels only change with the language). */
static const char *const *choice_labels(cf_choice ch, int *n)
{
    static char text[CH_YESNO + 1][CHOICE_MAX][64];
    static const char *ptr[CH_YESNO + 1][CHOICE_MAX];
    for (*n = 0; *n < CHOICE_MAX && choice_value(ch, *n, text[ch][*n], sizeof text[0][0]); (*n)++)
        ptr[ch][*n] = text[ch][*n];
    return ptr[ch];
}

static void make_field(ui_field *f, const cf_column *c, const char *value)
{
    memset(f, 0, sizeof *f);
    f->label = xl_tr(c->label);
    f->note = c->note == NO_NOTE ? NULL : xl_tr(c->note);
    if (c->choice == CH_TEXT) {
        f->kind = UI_FIELD_TEXT, f->width = c->width, f->max_chars = c->max_chars;
        f->accept = c->accept;
        ui_field_set(f, value);
        return;
    }
    char label[64];
    f->kind = UI_FIELD_CHOICE;
    f->choices = choice_labels(c->choice, &f->nchoices);
    for (int i = 0; i < f->nchoices; i++)
        if (strcmp(choice_value(c->choice, i, label, sizeof label), value) == 0)
            f->choice = i;
}

/* ---- saving ---- */

static void read_values(const cf_ctx *s, ui_form *f, xl_cvalue *out)
{
    char label[64];
    memcpy(out, s->values, sizeof s->values);
    for (size_t i = 0; i < s->n; i++) {
        const cf_column *c = column_of(s->kind, s->cols[i]);
        const ui_field *fl = ui_form_field(f, i);
        const char *v = c->choice == CH_TEXT ? fl->text
                                             : choice_value(c->choice, fl->choice, label, sizeof label);
        xl_strlcpy_utf8(out[s->cols[i]], v ? v : "", sizeof out[0]);
    }
}

static void show_problems(const cf_ctx *s, ui_form *f, const xl_centry_problems *pr)
{
    char note[160];
    size_t placed = 0;
    for (size_t k = 0; k < pr->n; k++)
        for (size_t i = 0; i < s->n; i++)
            if (s->cols[i] == pr->e[k].col && !ui_form_field(f, i)->msg[0]) {
                xl_strlcpy_utf8(ui_form_field(f, i)->msg, pr->e[k].msg, UI_FIELD_MSG_MAX);
                placed++;
            }
    if (placed < pr->n) { /* about a column not on the form: said under the fields */
        ui_form_set_note(f, pr->e[0].msg, 1);
        return;
    }
    ui_format(note, sizeof note, _(REG_FORM_FIX_FMT), ui_form_focus_first_problem(f));
    ui_form_set_note(f, note, 1);
}

static int cf_submit(void *ctx, ui_app *app, ui_form *f)
{
    cf_ctx *s = ctx;
    xl_cvalue v[CI_MAXCOL_PUBLIC];
    const char *ptr[CI_MAXCOL_PUBLIC];
    xl_centry_problems pr;
    xl_err err;
    int changed;
    ui_form_clear_msgs(f);
    read_values(s, f, v);
    for (int c = 0; c < CI_MAXCOL_PUBLIC; c++)
        ptr[c] = v[c];
    if (xl_community_enter(ui_app_db(app), s->kind, ptr, &changed, &pr, &err) != XL_OK) {
        if (pr.n)
            show_problems(s, f, &pr);
        else
            ui_form_set_note(f, err.msg, 1);
        return UI_REDRAW;
    }
    ui_app_message(app, 0, "%s", changed ? _(CF_SAVED) : _(CF_UNCHANGED));
    return UI_BACK;
}

static const ui_form_spec cf_spec = {
    .submit = cf_submit,
    .free = free,
};

int ui_cform_open(ui_app *app, int kind, const char *title, const char *intro, const int *cols,
                  size_t n, const xl_cvalue *values)
{
    ui_field fields[CI_MAXCOL_PUBLIC];
    cf_ctx *s = xl_calloc(1, sizeof *s);
    s->kind = kind;
    for (int c = 0; c < xl_ckind_columns(kind); c++)
        memcpy(s->values[c], values[c], sizeof s->values[c]);
    for (size_t i = 0; i < n && s->n < CI_MAXCOL_PUBLIC; i++) {
        const cf_column *c = column_of(kind, cols[i]);
        if (!c)
            continue;
        s->cols[s->n] = cols[i];
        make_field(&fields[s->n++], c, values[cols[i]]);
    }
    ui_form *f = ui_form_open(app, &cf_spec, s, title, fields, s->n);
    if (intro)
        ui_form_set_intro(f, intro);
    return UI_REDRAW;
}
