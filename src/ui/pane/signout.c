/* signout.c — 签出: the moved-out date (today unless changed) and the channel; the
 * residency is closed, the person and the history stay. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/widget/form.h"
#include "ui/pane/register.h"
#include "ui/widget/uitext.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/model.h"

enum { SO_DATE, SO_CHANNEL, SO_COUNT };

typedef struct signout_ctx {
    xl_db *db;
    int64_t residency_id;
    char name[100];
    int building;
    char room[9];
} signout_ctx;

static int signout_submit(void *ctx, ui_app *app, ui_form *f)
{
    signout_ctx *s = ctx;
    xl_err err;
    const char *date = ui_form_field(f, SO_DATE)->text;
    const char *channel = xl_channel_key((xl_channel)ui_form_field(f, SO_CHANNEL)->choice);
    xl_err_clear(&err);
    ui_form_clear_msgs(f);
    if (xl_signout(s->db, s->residency_id, date, channel, &err) != XL_OK) {
        xl_strlcpy_utf8(ui_form_field(f, SO_DATE)->msg, err.msg, UI_FIELD_MSG_MAX);
        ui_form_set_focus(f, SO_DATE);
        return UI_REDRAW;
    }
    char today[11];
    xl_today(today);
    ui_app_message(app, 0, _(REG_SIGNED_OUT_FMT), s->name, s->building, s->room,
                   *date ? date : today);
    return UI_BACK;
}

static const ui_form_spec signout_spec = {
    .submit = signout_submit,
    .free = free,
};

int ui_signout_open(ui_app *app, const ui_signout_who *who)
{
    char today[11], title[160], intro[320];
    signout_ctx *s = xl_calloc(1, sizeof *s);
    s->db = ui_app_db(app);
    s->residency_id = who->residency_id;
    xl_strlcpy_utf8(s->name, who->name, sizeof s->name);
    s->building = who->building;
    xl_strlcpy_utf8(s->room, who->room, sizeof s->room);
    ui_field fields[SO_COUNT] = {
        [SO_DATE] = {.label = _(REG_F_MOVED_OUT), .kind = UI_FIELD_TEXT, .width = 12,
                     .max_chars = 10, .accept = ui_accept_date, .note = _(REG_HINT_DATE), .date = 1},
        [SO_CHANNEL] = {.label = _(REG_F_CHANNEL_OUT), .kind = UI_FIELD_CHOICE,
                        .choices = ui_channel_choices(), .nchoices = XL_CHANNEL_COUNT,
                        .choice = XL_CHANNEL_DESK},
    };
    xl_today(today);
    if (who->last_seen && who->last_seen[0]) {
        /* nobody saw them since: the last confirmed date is the likeliest moved-out date */
        ui_field_set(&fields[SO_DATE], who->last_seen);
        fields[SO_DATE].note = _(SIGNOUT_NOTE_LAST_SEEN);
    } else {
        ui_field_set(&fields[SO_DATE], today);
    }
    ui_format(title, sizeof title, _(REG_SIGNOUT_TITLE_FMT), who->name);
    ui_format(intro, sizeof intro, _(REG_SIGNOUT_INFO_FMT), who->name, who->building, who->room,
              ui_role_label(who->role), who->moved_in);
    ui_form *f = ui_form_open(app, &signout_spec, s, title, fields, SO_COUNT);
    ui_form_set_intro(f, intro);
    return UI_REDRAW;
}
