/* importview.c — 导入人员: a sheet of residents into the register; or 导入社区工作簿: the
 * whole community workbook (community.h), opened from the map's first-run screen. The
 * officer types the file's path; Enter runs a dry run (xl_import_residents /
 * xl_community_import with dry_run) and shows the summary and every problem
 * ("file:line: column: reason") in a list that scrolls. With no error, y imports for real
 * (one transaction, all or nothing); Esc goes back to the path. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/widget/form.h"
#include "ui/pane/register.h"
#include "ui/theme.h"
#include "ui/widget/listview.h"
#include "ui/widget/uitext.h"
#include "xiangli/i18n.h"
#include "xiangli/community.h"
#include "xiangli/import.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

enum { PATH_BOX = 60, LIST_Y = 4, INTRO_LINES = 4 };

typedef enum { IM_ASK, IM_REPORT } im_stage;

typedef struct import_pane {
    xl_db *db;
    im_stage stage;
    ui_field path;           /* as typed ("~/人员.csv") */
    char full[PATH_MAX];     /* with ~ expanded: what the core reads */
    char note[512];          /* why nothing could be checked (ASK stage) */
    xl_import_report rep;
    int community;           /* the community workbook, into crep */
    xl_cimport_report crep;
    ui_listview lv;          /* over the problems: a text to scroll, no selection */
    int cur_y, cur_x;
    ui_app *app;             /* for the progress of a long check */
} import_pane;

/* Esc (the global "back") goes from the report back to the path, and from the path out. */
static const ui_action import_actions[] = {
    UI_ACT_IMPORT_CHECK, UI_ACT_IMPORT_RUN, UI_ACT_UP, UI_ACT_DOWN, UI_ACT_PAGE_UP,
    UI_ACT_PAGE_DOWN, UI_ACT_FIRST, UI_ACT_LAST,
};
/* y is offered on the screen itself when the dry run allows it (it types in the path). */
static const ui_action import_hints[] = {
    UI_ACT_IMPORT_CHECK, UI_ACT_DOWN, UI_ACT_HELP,
};

/* ---- the report ---- */

/* The community import's totals over its sheets. */
static void ctotals(const xl_cimport_report *r, size_t t[4])
{
    t[0] = t[1] = t[2] = t[3] = 0;
    for (int k = 0; k < XL_CK_COUNT; k++) {
        t[0] += r->count[k].rows, t[1] += r->count[k].added;
        t[2] += r->count[k].changed, t[3] += r->count[k].unchanged;
    }
}

static size_t nerrors(const import_pane *p)
{
    return p->community ? p->crep.nerrors : p->rep.nerrors;
}

static size_t nproblems(const import_pane *p)
{
    return p->community ? xl_cimport_problem_count(&p->crep) : p->rep.nproblems;
}

static int can_import(const import_pane *p)
{
    size_t t[4];
    if (!p->community)
        return p->rep.nerrors == 0 && p->rep.new_people + p->rep.moves > 0;
    ctotals(&p->crep, t);
    return p->crep.nerrors == 0 && t[1] + t[2] > 0;
}

static void expand_path(import_pane *p)
{
    const char *typed = p->path.text, *home = getenv("HOME");
    if (typed[0] == '~' && typed[1] == '/' && home && *home)
        snprintf(p->full, sizeof p->full, "%s%s", home, typed + 1);
    else
        snprintf(p->full, sizeof p->full, "%s", typed);
}

/* Problem i as "file:line: column: reason", with the file as the officer typed it. */
static void problem_text(const import_pane *p, size_t i, char *out, size_t size)
{
    char line[1024];
    size_t n = strlen(p->full);
    if (p->community)
        xl_cimport_problem_format(&p->crep, i, line, sizeof line);
    else
        xl_import_problem_format(&p->rep, i, line, sizeof line);
    if (n > 0 && strncmp(line, p->full, n) == 0)
        snprintf(out, size, "%s%s", p->path.text, line + n);
    else
        snprintf(out, size, "%s", line);
}

static void summary_text(const import_pane *p, char *out, size_t size)
{
    size_t t[4];
    if (p->community) {
        ctotals(&p->crep, t);
        ui_format(out, size, _(CI_SUMMARY_FMT), p->path.text, t[0], t[1], t[2], t[3]);
        return;
    }
    ui_format(out, size, _(IMP_SUMMARY_FMT), p->path.text, p->rep.rows, p->rep.new_people,
              p->rep.moves, p->rep.unchanged);
}

/* A large sheet: the rows checked in the status line; Esc stops before anything is written. */
static int import_progress(int done, int total, void *ctx)
{
    char text[160];
    ui_format(text, sizeof text, _(PROGRESS_IMPORT_FMT), done, total);
    return ui_app_progress(ctx, text);
}

/* Runs the import (dry_run or for real) into a fresh report. */
static int run(import_pane *p, int dry_run, xl_err *err)
{
    xl_import_report_release(&p->rep);
    xl_import_report_init(&p->rep);
    p->rep.progress = import_progress;
    p->rep.progress_ctx = p->app;
    p->lv.top = 0;
    if (p->community)
        return xl_community_import(p->db, p->full, -1, dry_run, &p->crep, err);
    return xl_import_residents(p->db, p->full, dry_run, &p->rep, err);
}

/* ---- drawing ---- */

static void draw_ask(import_pane *p, WINDOW *w)
{
    int width = getmaxx(w) - 2, lw = xl_str_width(_(REG_IMPORT_FILE)), x = 2 + lw + 2;
    const char *intro = p->community ? _(CIV_INTRO) : _(REG_IMPORT_INTRO);
    int y = 1 + ui_text_wrap(w, 1, 1, width, INTRO_LINES, intro, ui_attr(UI_C_NORMAL)) + 1;
    ui_text_put(w, 0, 1, width, p->community ? _(CIV_TITLE) : _(REG_IMPORT_TITLE),
                ui_attr(UI_C_HEADING));
    ui_text_put(w, y, 2, lw, _(REG_IMPORT_FILE), ui_attr(UI_C_HEADING));
    p->path.width = PATH_BOX < getmaxx(w) - x - 2 ? PATH_BOX : getmaxx(w) - x - 2;
    p->cur_x = ui_field_draw_text(w, y, x, &p->path, 1);
    p->cur_y = y;
    ui_text_put(w, y + 1, x, getmaxx(w) - x - 1, _(REG_IMPORT_FILE_NOTE), ui_attr(UI_C_DIM));
    if (p->note[0])
        ui_text_wrap(w, y + 3, 2, width - 2, 3, p->note, ui_attr(UI_C_WARN));
}

static void draw_verdict(const import_pane *p, WINDOW *w, int y)
{
    char text[256];
    int width = getmaxx(w) - 2;
    if (nerrors(p) > 0) {
        ui_format(text, sizeof text, _(IMP_REJECTED_FMT), nerrors(p));
        ui_text_put(w, y, 1, width, text, ui_attr(UI_C_WARN));
    } else if (!can_import(p)) {
        ui_text_put(w, y, 1, width, _(IMP_NOTHING), ui_attr(UI_C_DIM));
    } else {
        ui_text_put(w, y, 1, width, _(REG_IMPORT_ASK), ui_attr(UI_C_PROMPT));
    }
}

/* Warnings (提醒: imported anyway) among the listed findings; errors are counted apart, so the
 * heading shows two honest counts instead of one "problems" total. */
static size_t nwarnings(const import_pane *p)
{
    size_t n = 0;
    char text[1200];
    for (size_t i = 0; i < nproblems(p); i++) {
        if (p->community) {
            problem_text(p, i, text, sizeof text);
            n += strstr(text, _(CSV_WARNING)) != NULL;
        } else {
            n += p->rep.problems[i].warning != 0;
        }
    }
    return n;
}

static void draw_problem(void *ctx, WINDOW *w, int y, size_t i, int sel)
{
    const import_pane *p = ctx;
    char text[1200];
    (void)sel;
    problem_text(p, i, text, sizeof text);
    int warning = p->community ? strstr(text, _(CSV_WARNING)) != NULL : p->rep.problems[i].warning;
    ui_text_put(w, y, 1, getmaxx(w) - 2, text, ui_attr(warning ? UI_C_NORMAL : UI_C_WARN));
}

static void draw_problems(import_pane *p, WINDOW *w)
{
    char text[1200];
    int width = getmaxx(w) - 2;
    if (nproblems(p) == 0)
        snprintf(text, sizeof text, "%s", _(REG_IMPORT_NO_PROBLEMS));
    else
        ui_format(text, sizeof text, _(REG_IMPORT_PROBLEMS_FMT), nerrors(p), nwarnings(p));
    ui_text_fill(w, LIST_Y - 1, 0, getmaxx(w), ui_attr(UI_C_HEADING));
    ui_text_put(w, LIST_Y - 1, 1, width, text, ui_attr(UI_C_HEADING));
    ui_listview_draw(&p->lv, w, LIST_Y, draw_problem, p);
    if (p->rep.unlisted && p->lv.top + (size_t)p->lv.page >= nproblems(p)) {
        ui_format(text, sizeof text, _(IMP_UNLISTED_FMT), p->rep.unlisted);
        ui_text_put(w, getmaxy(w) - 1, 1, width, text, ui_attr(UI_C_DIM));
    }
}

static void clamp(import_pane *p)
{
    ui_listview_set_count(&p->lv, nproblems(p));
}

static void draw_report(import_pane *p, WINDOW *w)
{
    char text[1024];
    ui_format(text, sizeof text, p->community ? _(CIV_TITLE_FMT) : _(REG_IMPORT_TITLE_FMT),
              p->path.text);
    ui_text_put(w, 0, 1, getmaxx(w) - 2, text, ui_attr(UI_C_HEADING));
    summary_text(p, text, sizeof text);
    ui_text_put(w, 1, 1, getmaxx(w) - 2, text, ui_attr(UI_C_NORMAL));
    draw_verdict(p, w, 2);
    clamp(p);
    ui_listview_resize(&p->lv, getmaxy(w) - LIST_Y - (p->rep.unlisted ? 1 : 0));
    draw_problems(p, w);
}

static void import_draw(void *self, WINDOW *w)
{
    import_pane *p = self;
    werase(w);
    p->cur_y = -1;
    if (p->stage == IM_ASK)
        draw_ask(p, w);
    else
        draw_report(p, w);
}

static int import_cursor(void *self, int *y, int *x)
{
    import_pane *p = self;
    if (p->stage != IM_ASK || p->cur_y < 0)
        return 0;
    *y = p->cur_y, *x = p->cur_x;
    return 1;
}

/* ---- keys ---- */

static int dry_run(import_pane *p)
{
    xl_err err;
    xl_err_clear(&err);
    p->note[0] = '\0';
    if (strspn(p->path.text, " ") == strlen(p->path.text)) {
        snprintf(p->note, sizeof p->note, "%s", p->community ? _(CIV_NO_PATH) : _(REG_IMPORT_NO_PATH));
        return UI_REDRAW;
    }
    expand_path(p);
    if (run(p, 1, &err) == XL_EUSAGE || p->rep.cancelled) {
        xl_strlcpy_utf8(p->note, err.msg, sizeof p->note);
        p->stage = IM_ASK;
        return UI_REDRAW;
    }
    p->stage = IM_REPORT;
    return UI_REDRAW;
}

static int import_for_real(import_pane *p, ui_app *app)
{
    char summary[1024];
    xl_err err;
    xl_err_clear(&err);
    if (!can_import(p))
        return UI_HANDLED;
    if (run(p, 0, &err) != XL_OK) {
        ui_app_message(app, !p->rep.cancelled, "%s", err.msg);
        if (p->rep.cancelled) /* the report was of a check that stopped: check again */
            p->stage = IM_ASK;
        return UI_REDRAW;
    }
    summary_text(p, summary, sizeof summary);
    ui_app_message(app, 0, _(REG_IMPORTED_FMT), summary);
    return UI_BACK;
}

static int ask_key(import_pane *p, int key)
{
    if (key == UI_KEY_ESC)
        return UI_BACK;
    if (UI_KEYS_MATCH(key, import_actions) ==
        UI_ACT_IMPORT_CHECK)
        return dry_run(p);
    if (ui_field_edit(&p->path, key) >= 0) {
        p->note[0] = '\0';
        return UI_REDRAW;
    }
    return ui_key_printable(key) ? UI_HANDLED : UI_IGNORED;
}

static int report_key(import_pane *p, ui_app *app, int key)
{
    if (ui_keys_global(key) == UI_ACT_BACK) { /* back to the path, to correct it */
        p->stage = IM_ASK;
        return UI_REDRAW;
    }
    ui_action act = UI_KEYS_MATCH(key, import_actions);
    switch (act) {
    case UI_ACT_IMPORT_RUN: return import_for_real(p, app);
    case UI_ACT_IMPORT_CHECK: return dry_run(p); /* the file may have been fixed meanwhile */
    case UI_ACT_NONE: return UI_IGNORED;
    default:
        clamp(p);
        return ui_listview_key(&p->lv, act) ? UI_REDRAW : UI_IGNORED;
    }
}

static int import_key(void *self, ui_app *app, int key)
{
    import_pane *p = self;
    return p->stage == IM_ASK ? ask_key(p, key) : report_key(p, app, key);
}

/* ---- life cycle ---- */

static const char *import_title(void *self)
{
    return ((import_pane *)self)->community ? _(CIV_TITLE) : _(REG_IMPORT_TITLE);
}

static void import_free(void *self)
{
    import_pane *p = self;
    xl_import_report_release(&p->rep);
    xl_cimport_report_release(&p->crep);
    free(p);
}

static const pane_ops import_ops = {
    .title = import_title,
    .draw = import_draw,
    .key = import_key,
    .free = import_free,
    UI_PANE_KEYS(import_actions, import_hints),
    .cursor = import_cursor,
};

static import_pane *import_new(ui_app *app)
{
    import_pane *p = xl_calloc(1, sizeof *p);
    p->app = app;
    ui_listview_init(&p->lv, UI_LV_SCROLL | UI_LV_FILL);
    p->db = ui_app_db(app);
    p->path.kind = UI_FIELD_TEXT;
    p->path.max_chars = 240;
    p->path.width = PATH_BOX;
    p->cur_y = -1;
    xl_import_report_init(&p->rep);
    xl_cimport_report_init(&p->crep);
    return p;
}

int ui_import_open(ui_app *app)
{
    ui_app_push(app, (ui_pane){&import_ops, import_new(app)});
    return UI_REDRAW;
}

int ui_import_open_community(ui_app *app, const char *path)
{
    import_pane *p = import_new(app);
    p->community = 1;
    ui_field_set(&p->path, path);
    ui_app_push(app, (ui_pane){&import_ops, p});
    return UI_REDRAW;
}
