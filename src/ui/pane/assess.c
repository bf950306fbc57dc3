/* assess.c — 物业服务管理考核 in the desk: the lanes of a quarter ranked, with the quarter
 * before and the change (←/→ another quarter), and Enter opens the scoring form of a lane:
 * a score 0..100 and a comment per criterion, from the criteria file (assess.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/pane/register.h"
#include "ui/pane/rows.h"
#include "ui/pane/stats_ui.h"
#include "ui/widget/form.h"
#include "ui/widget/uitext.h"
#include "xiangli/assess.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"

typedef struct assess_ctx {
    xl_criteria crit;
    char quarter[8];
} assess_ctx;

static void total_text(char *out, size_t size, double t)
{
    if (t < 0)
        snprintf(out, size, "—");
    else
        snprintf(out, size, "%.2f", t);
}

static void fill_row(xl_behind_row *r, const xl_assess_row *a)
{
    memset(r, 0, sizeof *r);
    r->building = a->lane_id; /* the lane, for open_lane (never a building here) */
    if (a->rank > 0)
        snprintf(r->col[0], sizeof r->col[0], "%d", a->rank);
    else
        snprintf(r->col[0], sizeof r->col[0], "—");
    xl_strlcpy_utf8(r->col[1], a->lane, sizeof r->col[1]);
    total_text(r->col[2], sizeof r->col[2], a->total);
    total_text(r->col[3], sizeof r->col[3], a->prev_total);
    if (a->total >= 0 && a->prev_total >= 0)
        snprintf(r->col[4], sizeof r->col[4], "%+.2f", a->total - a->prev_total);
    ui_format(r->col[5], sizeof r->col[5], _(ASSESS_SCORED_FMT), a->scored, a->missing);
}

static int assess_load(void *vctx, ui_app *app, xl_behind *out, char *intro, size_t size)
{
    assess_ctx *c = vctx;
    static const xl_msg heads[] = {XL_MSG_ASSESS_H_RANK, XL_MSG_LANE, XL_MSG_ASSESS_H_TOTAL,
                                   XL_MSG_ASSESS_H_PREV, XL_MSG_ASSESS_H_CHANGE, XL_MSG_ASSESS_H_SCORED};
    xl_assess_row *rows;
    size_t n;
    xl_err err;
    xl_err_clear(&err);
    if (xl_assess_quarter(ui_app_db(app), &c->crit, c->quarter, &rows, &n, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        return XL_EFAIL;
    }
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        out->head[i] = xl_tr(heads[i]);
    out->rows = xl_calloc(n ? n : 1, sizeof *out->rows);
    out->nrows = n;
    for (size_t i = 0; i < n; i++)
        fill_row(&out->rows[i], &rows[i]);
    free(rows);
    ui_format(intro, size, _(ASSESS_INTRO_FMT), c->quarter, c->crit.version, c->crit.date);
    return XL_OK;
}

/* ---- the scoring form: a score and a comment per criterion ---- */

typedef struct score_ctx {
    xl_criteria *crit;
    int lane_id;
    char quarter[8];
    char (*labels)[96];
} score_ctx;

static int accept_score(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

static int score_submit(void *vctx, ui_app *app, ui_form *f)
{
    score_ctx *s = vctx;
    size_t n = s->crit->n, bad = 0;
    xl_assess_entry *e = xl_calloc(n ? n : 1, sizeof *e);
    ui_form_clear_msgs(f);
    for (size_t i = 0; i < n; i++) {
        const char *t = ui_form_field(f, 2 * i)->text;
        e[i] = (xl_assess_entry){s->crit->c[i].key, *t ? atoi(t) : -1, ui_form_field(f, 2 * i + 1)->text};
        if (*t && (strlen(t) > 3 || atoi(t) > 100))
            bad++, ui_format(ui_form_field(f, 2 * i)->msg, UI_FIELD_MSG_MAX, "%s", _(ASSESS_SCORE_RANGE));
    }
    xl_err err;
    xl_err_clear(&err);
    int rc = bad ? XL_EFAIL : xl_assess_save(ui_app_db(app), s->crit, s->lane_id, s->quarter, e, n, &err);
    free(e);
    if (bad) {
        ui_form_focus_first_problem(f);
        return UI_REDRAW;
    }
    if (rc != XL_OK) {
        ui_form_set_note(f, err.msg, 1);
        return UI_REDRAW;
    }
    ui_app_message(app, 0, _(ASSESS_SAVED_UI_FMT), s->quarter);
    return UI_BACK;
}

static void score_free(void *vctx)
{
    score_ctx *s = vctx;
    free(s->labels);
    free(s);
}

static const ui_form_spec score_spec = {
    .submit = score_submit,
    .free = score_free,
};

static void score_fields(score_ctx *s, ui_field *fields, const xl_assess_score *sc)
{
    for (size_t i = 0; i < s->crit->n; i++) {
        ui_format(s->labels[i], sizeof s->labels[i], _(ASSESS_F_SCORE_FMT), s->crit->c[i].name,
                  s->crit->c[i].weight);
        fields[2 * i] = (ui_field){.label = s->labels[i], .kind = UI_FIELD_TEXT, .width = 5,
                                   .max_chars = 3, .accept = accept_score, .note = _(ASSESS_F_SCORE_NOTE)};
        fields[2 * i + 1] = (ui_field){.label = _(ASSESS_F_COMMENT), .kind = UI_FIELD_TEXT,
                                       .width = 40, .max_chars = 200};
        char num[16] = "";
        if (sc[i].score >= 0 && sc[i].score <= 100)
            snprintf(num, sizeof num, "%d", sc[i].score);
        ui_field_set(&fields[2 * i], num);
        ui_field_set(&fields[2 * i + 1], sc[i].comment);
    }
}

static int open_lane(void *vctx, ui_app *app, const xl_behind_row *r)
{
    assess_ctx *c = vctx;
    xl_assess_score *sc;
    size_t n;
    xl_err err;
    xl_err_clear(&err);
    if (xl_assess_scores(ui_app_db(app), &c->crit, r->building, c->quarter, &sc, &n, &err)) {
        ui_app_message(app, 1, "%s", err.msg);
        return UI_REDRAW;
    }
    score_ctx *s = xl_calloc(1, sizeof *s);
    s->crit = &c->crit, s->lane_id = r->building;
    snprintf(s->quarter, sizeof s->quarter, "%s", c->quarter);
    s->labels = xl_calloc(c->crit.n ? c->crit.n : 1, sizeof *s->labels);
    ui_field *fields = xl_calloc(2 * c->crit.n + 1, sizeof *fields);
    score_fields(s, fields, sc);
    char title[160];
    ui_format(title, sizeof title, _(ASSESS_FORM_TITLE_FMT), r->col[1], c->quarter);
    ui_form *f = ui_form_open(app, &score_spec, s, title, fields, 2 * c->crit.n);
    ui_form_set_intro(f, _(ASSESS_FORM_INTRO));
    free(fields);
    free(sc);
    return UI_REDRAW;
}

static int assess_key(void *vctx, ui_app *app, const xl_behind_row *r, ui_action act)
{
    assess_ctx *c = vctx;
    (void)app, (void)r;
    char q[8];
    if (act == UI_ACT_LEFT) {
        xl_quarter_prev(c->quarter, q);
        memcpy(c->quarter, q, sizeof q);
        return UI_RELOAD;
    }
    if (act == UI_ACT_RIGHT) {
        unsigned y = (unsigned)atoi(c->quarter), k = (unsigned)(c->quarter[6] - '0');
        char next[16];
        snprintf(next, sizeof next, "%04u-Q%u", (k >= 4 ? y + 1 : y) % 10000u, k >= 4 ? 1u : k + 1);
        memcpy(c->quarter, next, sizeof c->quarter - 1);
        c->quarter[7] = '\0';
        return UI_RELOAD;
    }
    return UI_HANDLED;
}

static void assess_free(void *vctx)
{
    assess_ctx *c = vctx;
    xl_criteria_release(&c->crit);
    free(c);
}

static const ui_action assess_acts[] = {UI_ACT_LEFT, UI_ACT_RIGHT};
static ui_rows_spec assess_spec = {
    .load = assess_load,
    .open = open_lane,
    .key = assess_key,
    .free = assess_free,
    .actions = assess_acts,
    .nactions = 2,
};

int ui_assess_open(ui_app *app)
{
    assess_ctx *c = xl_calloc(1, sizeof *c);
    xl_err err;
    xl_err_clear(&err);
    if (xl_criteria_load(ui_app_db(app), &c->crit, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        free(c);
        return UI_REDRAW;
    }
    char today[11];
    xl_today(today);
    xl_quarter_of(today, c->quarter);
    assess_spec.title = _(ASSESS_TITLE);
    return ui_rows_open(app, &assess_spec, c);
}
