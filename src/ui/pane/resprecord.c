/* resprecord.c — 第一责任人履职: the first responsible persons' record (report.h) in the
 * desk, whom to thank first and whom to call last; Enter opens the person's first building,
 * H the changes of first responsible person on their buildings. Also writing the workbook
 * for the street office from the desk (w on the statistics pane). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/pane/rows.h"
#include "ui/pane/stats_ui.h"
#include "ui/panes.h"
#include "ui/widget/uitext.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/model.h"
#include "xiangli/poster.h"
#include "xiangli/workbook.h"

static const xl_msg heads[] = {XL_MSG_RESPONSIBLE, XL_MSG_CF_BUILDING, XL_MSG_REG_RATE,
                               XL_MSG_RESP_H_ONTIME, XL_MSG_RESP_H_STALE, XL_MSG_RESP_H_CONVENED,
                               XL_MSG_RESP_H_ATTENDED, XL_MSG_RESP_H_SAFETY, XL_MSG_RESP_H_CHANGES};

static void fill(xl_behind_row *r, const xl_resp_record *rec)
{
    memset(r, 0, sizeof *r);
    r->building = atoi(rec->buildings);
    r->person_id = rec->person_id;
    xl_strlcpy_utf8(r->col[0], rec->name, sizeof r->col[0]);
    xl_strlcpy_utf8(r->col[1], rec->buildings, sizeof r->col[1]);
    snprintf(r->col[2], sizeof r->col[2], "%d%%", ui_percent(rec->rate));
    snprintf(r->col[3], sizeof r->col[3], "%d", rec->signouts_on_time);
    snprintf(r->col[4], sizeof r->col[4], "%d", rec->found_stale);
    snprintf(r->col[5], sizeof r->col[5], "%d", rec->rt_convened);
    snprintf(r->col[6], sizeof r->col[6], "%d", rec->rt_attended);
    snprintf(r->col[7], sizeof r->col[7], "%d", rec->open_safety);
    snprintf(r->col[8], sizeof r->col[8], "%d", rec->changes);
}

static int record_load(void *ctx, ui_app *app, xl_behind *out, char *intro, size_t size)
{
    (void)ctx;
    xl_resp_record *rec;
    size_t n;
    xl_err err;
    xl_err_clear(&err);
    if (xl_resp_records_load(ui_app_db(app), ui_app_config(app)->stale_days, &rec, &n, &err)) {
        ui_app_message(app, 1, "%s", err.msg);
        return XL_EFAIL;
    }
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        out->head[i] = xl_tr(heads[i]);
    out->rows = xl_calloc(n ? n : 1, sizeof *out->rows);
    out->nrows = n;
    for (size_t i = 0; i < n; i++)
        fill(&out->rows[i], &rec[i]);
    free(rec);
    ui_format(intro, size, _(RESP_INTRO_FMT), n);
    return XL_OK;
}

static int record_open(void *ctx, ui_app *app, const xl_behind_row *r)
{
    (void)ctx;
    return r->building ? ui_card_open(app, r->building) : UI_HANDLED;
}

/* ---- the changes of first responsible person ---- */

static int changes_load(void *ctx, ui_app *app, xl_behind *out, char *intro, size_t size)
{
    int64_t person = *(int64_t *)ctx;
    static const xl_msg ch[] = {XL_MSG_CF_BUILDING, XL_MSG_RESPONSIBLE, XL_MSG_ROLE,
                                XL_MSG_RESP_H_SINCE, XL_MSG_RESP_H_UNTIL};
    xl_resp_change *c;
    size_t n;
    xl_err err;
    xl_err_clear(&err);
    if (xl_resp_changes_load(ui_app_db(app), person, &c, &n, &err))
        return XL_EFAIL;
    for (size_t i = 0; i < sizeof ch / sizeof ch[0]; i++)
        out->head[i] = xl_tr(ch[i]);
    out->rows = xl_calloc(n ? n : 1, sizeof *out->rows);
    out->nrows = n;
    for (size_t i = 0; i < n; i++) {
        xl_behind_row *r = &out->rows[i];
        int role = xl_role_parse(c[i].role);
        r->building = c[i].building;
        ui_format(r->col[0], sizeof r->col[0], _(BUILDING_FMT), c[i].building);
        xl_strlcpy_utf8(r->col[1], c[i].name, sizeof r->col[1]);
        xl_strlcpy_utf8(r->col[2], role == XL_ROLE_SUBLANDLORD ? _(ROLE_SUBLANDLORD) : _(ROLE_OWNER),
                        sizeof r->col[2]);
        xl_strlcpy_utf8(r->col[3], c[i].since, sizeof r->col[3]);
        xl_strlcpy_utf8(r->col[4], c[i].until[0] ? c[i].until : _(RESP_CURRENT), sizeof r->col[4]);
    }
    free(c);
    ui_format(intro, size, _(RESP_CHANGES_INTRO_FMT), n);
    return XL_OK;
}

static ui_rows_spec changes_spec = {.load = changes_load, .free = free};

static int record_key(void *ctx, ui_app *app, const xl_behind_row *r, ui_action act)
{
    (void)ctx;
    if (act != UI_ACT_RESP_CHANGES || !r)
        return UI_HANDLED;
    int64_t *person = xl_malloc(sizeof *person);
    *person = r->person_id;
    changes_spec.title = _(RESP_CHANGES_TITLE);
    return ui_rows_open(app, &changes_spec, person);
}

static const ui_action record_acts[] = {UI_ACT_RESP_CHANGES};
static ui_rows_spec record_spec = {
    .load = record_load,
    .open = record_open,
    .key = record_key,
    .actions = record_acts,
    .nactions = 1,
};

int ui_resp_record_open(ui_app *app)
{
    record_spec.title = _(RESP_TITLE);
    return ui_rows_open(app, &record_spec, NULL);
}

/* ---- the workbook from the desk ---- */

static int accept_month(int ch)
{
    return (ch >= '0' && ch <= '9') || ch == '-';
}

static int report_done(void *ctx, ui_app *app, const char *text)
{
    (void)ctx;
    xl_report_opts o;
    ui_stats_opts(app, &o);
    xl_err err;
    xl_err_clear(&err);
    if (*text && !xl_month_valid(text)) {
        ui_app_message(app, 1, "%s", _(RPT_MONTH_BAD));
        return UI_REDRAW;
    }
    char dir[4096], path[4200], today[11];
    xl_today(today);
    snprintf(o.month, sizeof o.month, "%.7s", *text ? text : today);
    const char *home = getenv("HOME");
    snprintf(dir, sizeof dir, "%s/xiangli-reports", home && *home ? home : ".");
    snprintf(path, sizeof path, "%s/街道报表-%s.xlsx", dir, o.month);
    if (xl_poster_dir_make(dir, &err) || xl_report_write(ui_app_db(app), &o, path, 0, &err))
        ui_app_message(app, 1, "%s", err.msg);
    else
        ui_app_message(app, 0, _(RPT_DONE_FMT), path);
    return UI_REDRAW;
}

int ui_report_write_ask(ui_app *app)
{
    ui_prompt_spec spec = {.label = _(RPT_ASK_MONTH), .max_chars = 7, .accept = accept_month,
                           .done = report_done};
    ui_app_prompt(app, &spec);
    return UI_REDRAW;
}
