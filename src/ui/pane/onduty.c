/* onduty.c — 值班员: at the desk's start, unless --operator, XIANGLI_OPERATOR or the config
 * named the officer, a quick pick of the recent names (most recent first); typing narrows
 * the list or gives a new name. The choice names every audit row of this desk. */
#include "ui/panes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/widget/picker.h"
#include "ui/widget/uitext.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/operator.h"

#define RECENT_MAX 12

typedef struct onduty {
    ui_app *app;
    xl_operator_list recent;
    int chosen;
} onduty;

static void onduty_fill(void *ctx, ui_app *app, const char *query, ui_pick_rows *out)
{
    onduty *o = ctx;
    (void)app;
    int exact = 0;
    for (size_t i = 0; i < o->recent.n; i++) {
        const char *name = o->recent.name[i];
        if (query[0] && !strstr(name, query))
            continue;
        exact |= !strcmp(name, query);
        ui_pick_row *r = ui_pick_add(out);
        snprintf(r->text, sizeof r->text, "%s", name);
        char day[11];
        snprintf(day, sizeof day, "%.10s", o->recent.last_seen[i]); /* the day is enough */
        ui_format(r->note, sizeof r->note, _(OP_LAST_SEEN_FMT), day);
    }
    if (query[0] && !exact) {
        ui_pick_row *r = ui_pick_add(out);
        r->tag = 1;
        snprintf(r->text, sizeof r->text, "%s", query);
        snprintf(r->note, sizeof r->note, "%s", _(OP_NEW_NAME));
    }
}

static int onduty_choose(void *ctx, ui_app *app, ui_pick_row *row)
{
    onduty *o = ctx;
    xl_err err;
    xl_err_clear(&err);
    if (xl_operator_on_duty(ui_app_db(app), row->text, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        return UI_REDRAW;
    }
    o->chosen = 1;
    ui_app_message(app, 0, _(OP_ON_DUTY_FMT), xl_db_operator(ui_app_db(app)));
    return UI_BACK | UI_RELOAD;
}

static void onduty_free(void *ctx)
{
    onduty *o = ctx;
    if (!o->chosen)
        ui_app_message(o->app, 1, _(OP_NOT_CHOSEN_FMT), xl_db_operator(ui_app_db(o->app)));
    xl_operator_list_release(&o->recent);
    free(o);
}

void ui_onduty_open(ui_app *app)
{
    onduty *o = xl_calloc(1, sizeof *o);
    o->app = app;
    if (xl_operators_recent(ui_app_db(app), RECENT_MAX, &o->recent, NULL) != XL_OK)
        xl_operator_list_release(&o->recent);
    ui_pick_spec spec = {
        .title = _(AUD_COL_OPERATOR),
        .help_title = _(KEYS_PICK),
        .intro = _(OP_INTRO),
        .fill = onduty_fill,
        .choose = onduty_choose,
        .free = onduty_free,
    };
    ui_pick_open(app, &spec, o);
}
