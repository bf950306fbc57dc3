/* signin.c — 签进: the sign-in form (name, gender, ID number, phone, home province,
 * workplace, building, room, role, move-in date, channel). Enter checks every field with
 * xl_signin_validate and shows each problem beside its field. Someone whose ID number is
 * already registered is recognised: the form offers to move that person here (y) instead of
 * creating a duplicate, or to go back (n). The same form, filled from a person's card, moves
 * a registered person (迁入). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/widget/form.h"
#include "ui/pane/register.h"
#include "ui/theme.h"
#include "ui/widget/uitext.h"
#include "xiangli/i18n.h"
#include "xiangli/idcard.h"
#include "xiangli/mem.h"
#include "xiangli/model.h"
#include "xiangli/text.h"

typedef struct signin_ctx {
    xl_db *db;
    xl_signin_mode mode;
    int64_t person_id;   /* MOVE: who moves */
    int asking;          /* the ID number is registered: move that person? */
    const char *id_note; /* the ID field's usual note */
    char id_warn[256];   /* the region is in no current division list: check the card */
    xl_existing dup;
} signin_ctx;

/* How each field is typed: X-macro order is the core's (resident.h XL_SIGNIN_FIELDS). */
static const struct {
    ui_field_kind kind;
    int width, max_chars;
    int (*accept)(uint32_t cp);
} setup[XL_SF_COUNT] = {
    [XL_SF_NAME] = {UI_FIELD_TEXT, 16, 32, NULL},
    [XL_SF_GENDER] = {UI_FIELD_CHOICE, 0, 0, NULL},
    [XL_SF_ID_NUMBER] = {UI_FIELD_TEXT, 20, 18, ui_accept_id},
    [XL_SF_PHONE] = {UI_FIELD_TEXT, 14, 13, ui_accept_phone},
    [XL_SF_PROVINCE] = {UI_FIELD_TEXT, 12, 16, NULL},
    [XL_SF_WORKPLACE] = {UI_FIELD_TEXT, 24, 40, NULL},
    [XL_SF_BUILDING] = {UI_FIELD_TEXT, 6, 4, ui_accept_digit},
    [XL_SF_ROOM] = {UI_FIELD_TEXT, 9, 8, ui_accept_room},
    [XL_SF_ROLE] = {UI_FIELD_CHOICE, 0, 0, NULL},
    [XL_SF_MOVED_IN] = {UI_FIELD_TEXT, 12, 10, ui_accept_date},
    [XL_SF_CHANNEL] = {UI_FIELD_CHOICE, 0, 0, NULL},
};

enum { GENDER_AUTO, GENDER_M, GENDER_F, GENDER_COUNT };

static const char *const *gender_choices(void)
{
    static const char *labels[GENDER_COUNT];
    labels[GENDER_AUTO] = _(REG_GENDER_AUTO);
    labels[GENDER_M] = _(REG_GENDER_M);
    labels[GENDER_F] = _(REG_GENDER_F);
    return labels;
}

static void make_fields(ui_field *fields)
{
    char today[11];
    xl_today(today);
    memset(fields, 0, XL_SF_COUNT * sizeof *fields);
    for (int i = 0; i < XL_SF_COUNT; i++) {
        fields[i].label = xl_signin_field_label((xl_signin_field)i);
        fields[i].kind = setup[i].kind;
        fields[i].width = setup[i].width;
        fields[i].max_chars = setup[i].max_chars;
        fields[i].accept = setup[i].accept;
    }
    fields[XL_SF_GENDER].choices = gender_choices();
    fields[XL_SF_GENDER].nchoices = GENDER_COUNT;
    fields[XL_SF_ROLE].choices = ui_role_choices();
    fields[XL_SF_ROLE].nchoices = XL_ROLE_COUNT;
    fields[XL_SF_ROLE].choice = XL_ROLE_TENANT;
    fields[XL_SF_CHANNEL].choices = ui_channel_choices();
    fields[XL_SF_CHANNEL].nchoices = XL_CHANNEL_COUNT;
    fields[XL_SF_CHANNEL].choice = XL_CHANNEL_DESK;
    fields[XL_SF_MOVED_IN].note = _(REG_HINT_DATE);
    fields[XL_SF_MOVED_IN].date = 1;
    ui_field_set(&fields[XL_SF_MOVED_IN], today);
}

/* The form as the core reads it; the strings point into the fields. */
static void read_form(ui_form *f, xl_signin_form *out)
{
    static const char *const genders[GENDER_COUNT] = {"", "M", "F"};
    const char **text[XL_SF_COUNT] = {
        [XL_SF_NAME] = &out->name, [XL_SF_ID_NUMBER] = &out->id_number,
        [XL_SF_PHONE] = &out->phone, [XL_SF_PROVINCE] = &out->province,
        [XL_SF_WORKPLACE] = &out->workplace, [XL_SF_BUILDING] = &out->building,
        [XL_SF_ROOM] = &out->room, [XL_SF_MOVED_IN] = &out->moved_in,
    };
    memset(out, 0, sizeof *out);
    for (int i = 0; i < XL_SF_COUNT; i++)
        if (text[i])
            *text[i] = ui_form_field(f, (size_t)i)->text;
    out->gender = genders[ui_form_field(f, XL_SF_GENDER)->choice];
    out->role = xl_role_key((xl_role)ui_form_field(f, XL_SF_ROLE)->choice);
    out->channel = xl_channel_key((xl_channel)ui_form_field(f, XL_SF_CHANNEL)->choice);
}

/* ---- submitting ---- */

static int show_problems(ui_form *f, const xl_field_errors *fe)
{
    for (size_t i = 0; i < fe->n; i++)
        xl_strlcpy_utf8(ui_form_field(f, fe->e[i].field)->msg, fe->e[i].msg, UI_FIELD_MSG_MAX);
    ui_form_show_problem_count(f);
    return UI_REDRAW;
}

static int commit(signin_ctx *s, ui_app *app, ui_form *f, xl_signin_mode mode, int64_t pid)
{
    xl_signin_form form;
    xl_err err;
    xl_err_clear(&err);
    read_form(f, &form);
    if (xl_signin_commit(s->db, &form, mode, &pid, &err) != XL_OK) {
        ui_form_set_note(f, err.msg, 1);
        return UI_REDRAW;
    }
    const char *name = mode == XL_SIGNIN_MOVE && s->asking ? s->dup.name : form.name;
    char done[512];
    ui_format(done, sizeof done, mode == XL_SIGNIN_NEW ? _(REG_SIGNED_IN_FMT) : _(REG_MOVED_FMT),
              name, atoi(form.building), form.room, ui_role_label(form.role));
    if (s->id_warn[0])
        ui_app_message(app, 1, _(SIGNIN_W_FMT), done, s->id_warn);
    else
        ui_app_message(app, 0, "%s", done);
    return UI_BACK;
}

static int signin_submit(void *ctx, ui_app *app, ui_form *f)
{
    signin_ctx *s = ctx;
    xl_signin_form form;
    xl_field_errors fe;
    xl_err err;
    xl_err_clear(&err);
    ui_form_clear_msgs(f);
    read_form(f, &form);
    if (xl_signin_validate(s->db, &form, &fe) != XL_OK)
        return show_problems(f, &fe);
    if (s->mode == XL_SIGNIN_MOVE)
        return commit(s, app, f, XL_SIGNIN_MOVE, s->person_id);
    int rc = xl_signin_find_existing(s->db, form.id_number, &s->dup, &err);
    if (rc == XL_OK) {
        s->asking = 1;
        return UI_REDRAW;
    }
    if (rc != XL_ENOTFOUND) {
        ui_form_set_note(f, err.msg, 1);
        return UI_REDRAW;
    }
    return commit(s, app, f, XL_SIGNIN_NEW, 0);
}

/* While asking "move that person?": y moves them, n or Esc goes back to the form. */
static int signin_key(void *ctx, ui_app *app, ui_form *f, int key)
{
    signin_ctx *s = ctx;
    if (!s->asking)
        return UI_IGNORED;
    int answer = ui_keys_answer(key);
    if (answer == 1) {
        int flags = commit(s, app, f, XL_SIGNIN_MOVE, s->dup.person_id);
        s->asking = 0;
        return flags;
    }
    if (answer == 0) {
        s->asking = 0;
        ui_form_set_focus(f, XL_SF_ID_NUMBER);
    }
    return UI_REDRAW;
}

static void signin_draw(void *ctx, ui_form *f, WINDOW *w, int y, int rows)
{
    signin_ctx *s = ctx;
    char text[256];
    (void)f;
    if (!s->asking || rows < 2)
        return;
    if (s->dup.building > 0)
        ui_format(text, sizeof text, _(REG_DUP_FMT), s->dup.name, s->dup.building, s->dup.room);
    else
        ui_format(text, sizeof text, _(REG_DUP_NOWHERE_FMT), s->dup.name);
    int used = ui_text_wrap(w, y, 2, getmaxx(w) - 4, rows - 1, text, ui_attr(UI_C_WARN));
    ui_text_wrap(w, y + used, 2, getmaxx(w) - 4, rows - used, _(REG_DUP_ASK), ui_attr(UI_C_PROMPT));
}

/* The ID number as it is typed: a region in no current division list gets a warning beside
 * the field (accepted: older cards keep retired codes); a new person's home province is
 * filled from the first two digits when still empty. */
static void signin_changed(void *ctx, ui_app *app, ui_form *f, size_t i)
{
    signin_ctx *s = ctx;
    ui_field *id = ui_form_field(f, XL_SF_ID_NUMBER);
    (void)app;
    if (i != XL_SF_ID_NUMBER)
        return;
    s->id_warn[0] = '\0';
    if (xl_id_check(id->text) == XL_ID_OK)
        xl_id_region_warning(id->text, s->id_warn, sizeof s->id_warn);
    id->note = s->id_warn[0] ? s->id_warn : s->id_note;
    id->note_warn = s->id_warn[0] != '\0';
    ui_field *prov = ui_form_field(f, XL_SF_PROVINCE);
    if (s->mode == XL_SIGNIN_NEW && !prov->text[0] && xl_id_check(id->text) == XL_ID_OK)
        ui_field_set(prov, xl_id_province(id->text));
}

static const ui_form_spec signin_spec = {
    .submit = signin_submit,
    .changed = signin_changed,
    .key = signin_key,
    .draw = signin_draw,
    .free = free,
};

int ui_signin_open(ui_app *app, int building)
{
    return ui_signin_open_at(app, building, NULL);
}

int ui_signin_open_at(ui_app *app, int building, const char *room)
{
    ui_field fields[XL_SF_COUNT];
    char number[16];
    signin_ctx *s = xl_calloc(1, sizeof *s);
    s->db = ui_app_db(app);
    s->mode = XL_SIGNIN_NEW;
    make_fields(fields);
    if (building > 0) {
        snprintf(number, sizeof number, "%d", building);
        ui_field_set(&fields[XL_SF_BUILDING], number);
    }
    if (room)
        ui_field_set(&fields[XL_SF_ROOM], room);
    ui_form_open(app, &signin_spec, s, _(ACT_SIGNIN), fields, XL_SF_COUNT);
    return UI_REDRAW;
}

int ui_signin_open_move(ui_app *app, const xl_person_card *card)
{
    ui_field fields[XL_SF_COUNT];
    char title[160], intro[256];
    signin_ctx *s = xl_calloc(1, sizeof *s);
    s->db = ui_app_db(app);
    s->mode = XL_SIGNIN_MOVE;
    s->person_id = card->person_id;
    make_fields(fields);
    ui_field_set(&fields[XL_SF_NAME], card->name);
    fields[XL_SF_ID_NUMBER].note = card->id_masked[0] ? _(REG_HINT_ID_KNOWN) : NULL;
    s->id_note = fields[XL_SF_ID_NUMBER].note;
    fields[XL_SF_PHONE].note = _(REG_HINT_KEEP);
    fields[XL_SF_PROVINCE].note = _(REG_HINT_KEEP);
    fields[XL_SF_WORKPLACE].note = _(REG_HINT_KEEP);
    if (card->nresidencies > 0)
        fields[XL_SF_ROLE].choice = xl_role_parse(card->residencies[0].role) >= 0
                                        ? xl_role_parse(card->residencies[0].role) : XL_ROLE_TENANT;
    const xl_card_residency *now = card->nresidencies && !card->residencies[0].moved_out[0]
                                       ? &card->residencies[0] : NULL;
    if (now)
        ui_format(intro, sizeof intro, _(REG_MOVE_INTRO_FMT), card->name, now->building, now->room);
    else
        ui_format(intro, sizeof intro, _(REG_MOVE_INTRO_NOWHERE_FMT), card->name);
    ui_format(title, sizeof title, _(REG_MOVE_TITLE_FMT), card->name);
    ui_form *f = ui_form_open(app, &signin_spec, s, title, fields, XL_SF_COUNT);
    ui_form_set_intro(f, intro);
    ui_form_set_focus(f, XL_SF_BUILDING);
    return UI_REDRAW;
}
