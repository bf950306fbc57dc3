/* qrview.c — 签到码: one building's sign-in code drawn as large as the window allows.
 *
 * The code is always dark-on-light whatever the terminal's theme:
 *   halfblock  ▀ ▄ █ in a black-on-white colour pair, two modules per character cell;
 *              without colours the same characters in reverse video;
 *   fullwidth  two spaces per module on a black or white background colour (no ambiguous-
 *              width characters: safe where ▀▄█ draw double-width);
 *   ascii      the monochrome fallback: two spaces per module, light modules in reverse video.
 * The full 4-module quiet zone is drawn; a code that does not fit is not drawn at all: the
 * view says how many more rows and columns it needs, or which style fits. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ui/pane/qrview.h"
#include "ui/theme.h"
#include "ui/widget/uitext.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/poster.h"
#include "xiangli/qr.h"
#include "xiangli/text.h"

typedef enum { ASK_ROTATE, ASK_ALL } qr_ask;

typedef struct qr_pane {
    int building;
    xl_poster_info info;
    xl_qr qr;
    int have_code;
    char problem[1024];   /* why there is no code */
    xl_qr_style style;
    int pair_light, pair_dark; /* 0 = none: monochrome */
    char title[96];
} qr_pane;

static const ui_action qr_actions[] = {
    UI_ACT_QR_STYLE, UI_ACT_QR_POSTER, UI_ACT_QR_LANE, UI_ACT_QR_ALL, UI_ACT_QR_ROTATE, UI_ACT_BACK,
};
/* ? before r: on a narrow footer the way to every key stays, the rare new-code key goes */
static const ui_action qr_hints[] = {
    UI_ACT_QR_STYLE, UI_ACT_QR_POSTER, UI_ACT_QR_LANE, UI_ACT_QR_ALL, UI_ACT_HELP,
    UI_ACT_QR_ROTATE, UI_ACT_BACK,
};

static const xl_msg style_names[XL_QR_STYLE_COUNT] = {
    [XL_QR_STYLE_HALFBLOCK] = XL_MSG_QR_STYLE_HALFBLOCK,
    [XL_QR_STYLE_FULLWIDTH] = XL_MSG_QR_STYLE_FULLWIDTH,
    [XL_QR_STYLE_ASCII] = XL_MSG_QR_STYLE_ASCII,
};

/* ---- colours ---- */

static void pairs_alloc(qr_pane *p)
{
#if defined(NCURSES_EXT_FUNCS) && NCURSES_EXT_FUNCS >= 20170401
    if (ui_theme_is_mono() || !has_colors() || COLOR_PAIRS == 0)
        return;
    short white = COLORS >= 16 ? COLOR_WHITE + 8 : COLOR_WHITE;
    p->pair_light = alloc_pair(COLOR_BLACK, white);
    p->pair_dark = alloc_pair(white, COLOR_BLACK);
    if (p->pair_light <= 0 || p->pair_dark <= 0 || p->pair_light > 255 || p->pair_dark > 255) {
        if (p->pair_light > 0)
            free_pair(p->pair_light);
        if (p->pair_dark > 0)
            free_pair(p->pair_dark);
        p->pair_light = p->pair_dark = 0;
    }
#else
    (void)p;
#endif
}

static void pairs_free(qr_pane *p)
{
#if defined(NCURSES_EXT_FUNCS) && NCURSES_EXT_FUNCS >= 20170401
    if (p->pair_light > 0)
        free_pair(p->pair_light);
    if (p->pair_dark > 0)
        free_pair(p->pair_dark);
#endif
    p->pair_light = p->pair_dark = 0;
}

/* The attribute for a cell whose ink is dark and paper light (half-block characters). */
static attr_t attr_ink_dark(const qr_pane *p)
{
    return p->pair_light ? (attr_t)COLOR_PAIR(p->pair_light) : ui_attr(UI_C_NORMAL) | A_REVERSE;
}

/* The attribute for a whole module drawn as background. */
static attr_t attr_module(const qr_pane *p, int dark)
{
    if (p->style == XL_QR_STYLE_ASCII || !p->pair_light)
        return ui_attr(UI_C_NORMAL) | (dark ? A_NORMAL : A_REVERSE);
    return (attr_t)COLOR_PAIR(dark ? p->pair_dark : p->pair_light);
}

/* ---- data ---- */

static void qr_load(qr_pane *p, ui_app *app)
{
    const xl_config *cfg = ui_app_config(app);
    xl_err err;
    xl_buf payload;
    xl_err_clear(&err);
    xl_qr_release(&p->qr);
    p->have_code = 0;
    xl_buf_init(&payload);
    int ec = xl_qr_ec_parse(cfg->qr_ec);
    if (xl_poster_info_load(ui_app_db(app), p->building, &p->info, &err) == XL_OK &&
        xl_qr_payload(ui_app_db(app), cfg->url_template, p->building, &payload, &err) == XL_OK &&
        xl_qr_encode(payload.data, ec < 0 ? XL_QR_EC_M : (xl_qr_ec)ec, &p->qr, &err) == XL_OK)
        p->have_code = 1;
    else
        snprintf(p->problem, sizeof p->problem, "%s", err.msg);
    xl_buf_release(&payload);
}

/* ---- drawing ---- */

/* Ink is the dark module: ▀ top, ▄ bottom, █ both. */
static wchar_t halfblock_char(int bits)
{
    static const wchar_t chars[4] = {L' ', 0x2580, 0x2584, 0x2588};
    return chars[bits & 3];
}

static void draw_halfblock(const qr_pane *p, WINDOW *w, int y0, int x0, int scale)
{
    int rows, cols;
    xl_qr_cells(p->qr.size, XL_QR_STYLE_HALFBLOCK, scale, &rows, &cols);
    wchar_t *line = xl_calloc((size_t)cols + 1, sizeof *line);
    wattrset(w, (int)attr_ink_dark(p));
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++)
            line[c] = halfblock_char(xl_qr_cell(&p->qr, XL_QR_STYLE_HALFBLOCK, scale, r, c));
        mvwaddnwstr(w, y0 + r, x0, line, cols);
    }
    wattrset(w, A_NORMAL);
    free(line);
}

static void draw_blocks(const qr_pane *p, WINDOW *w, int y0, int x0, int scale)
{
    int rows, cols;
    xl_qr_cells(p->qr.size, p->style, scale, &rows, &cols);
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c += 2 * scale) {
            wattrset(w, (int)attr_module(p, xl_qr_cell(&p->qr, p->style, scale, r, c) != 0));
            for (int k = 0; k < 2 * scale; k++)
                mvwaddch(w, y0 + r, x0 + c + k, ' ');
        }
    }
    wattrset(w, A_NORMAL);
}

static void put_centred(WINDOW *w, int y, const char *text, attr_t attr)
{
    int cols = getmaxx(w), width = xl_str_width(text);
    ui_text_put(w, y, width < cols ? (cols - width) / 2 : 0, cols, text, attr);
}

/* The first style other than the current one that fits, or -1. */
static int style_that_fits(const qr_pane *p, int rows, int cols)
{
    for (int s = 0; s < XL_QR_STYLE_COUNT; s++)
        if (s != (int)p->style && xl_qr_fit_scale(p->qr.size, (xl_qr_style)s, rows, cols) > 0)
            return s;
    return -1;
}

static void draw_too_small(const qr_pane *p, WINDOW *w, int rows, int cols)
{
    int need_r, need_c;
    char text[512];
    xl_qr_cells(p->qr.size, p->style, 1, &need_r, &need_c);
    need_r += 1; /* the line under the code */
    int more_r = need_r > rows ? need_r - rows : 0, more_c = need_c > cols ? need_c - cols : 0;
    /* said of the whole terminal, which also holds the tab bar and the status line */
    int frame_r = LINES - rows, frame_c = COLS - cols;
    snprintf(text, sizeof text, _(QR_NEED_FMT), need_r + frame_r, need_c + frame_c, LINES, COLS,
             more_r, more_c);
    int other = style_that_fits(p, rows - 1, cols);
    int y = rows / 2 - 2;
    y += ui_text_wrap(w, y, 2, cols - 4, 4, text, ui_attr(UI_C_ERROR));
    if (other >= 0) {
        snprintf(text, sizeof text, _(QR_OTHER_STYLE_FMT), xl_tr(style_names[other]));
        ui_text_wrap(w, y + 1, 2, cols - 4, 2, text, ui_attr(UI_C_MESSAGE));
    }
}

static void draw_info(const qr_pane *p, WINDOW *w, int y)
{
    char text[512];
    snprintf(text, sizeof text, _(QR_INFO_FMT), p->building,
             p->info.resp_name[0] ? p->info.resp_name : _(QR_NOBODY), p->info.resp_phone_masked);
    put_centred(w, y, text, ui_attr(UI_C_HEADING));
}

static void draw_code(const qr_pane *p, WINDOW *w)
{
    int rows = getmaxy(w), cols = getmaxx(w);
    int scale = xl_qr_fit_scale(p->qr.size, p->style, rows - 1, cols);
    if (scale == 0) {
        draw_too_small(p, w, rows, cols);
        return;
    }
    int code_r, code_c;
    xl_qr_cells(p->qr.size, p->style, scale, &code_r, &code_c);
    int y0 = (rows - 1 - code_r) / 2, x0 = (cols - code_c) / 2;
    if (y0 >= 2) {
        char title[256];
        snprintf(title, sizeof title, _(QR_TITLE_FMT), p->building);
        put_centred(w, y0 - 2, title, ui_attr(UI_C_TITLE));
    }
    if (p->style == XL_QR_STYLE_HALFBLOCK)
        draw_halfblock(p, w, y0, x0, scale);
    else
        draw_blocks(p, w, y0, x0, scale);
    draw_info(p, w, y0 + code_r);
}

static void qr_draw(void *self, WINDOW *w)
{
    qr_pane *p = self;
    werase(w);
    if (p->have_code)
        draw_code(p, w);
    else
        ui_text_wrap(w, 1, 2, getmaxx(w) - 4, getmaxy(w) - 2, p->problem, ui_attr(UI_C_ERROR));
}

/* ---- keys ---- */

static void say_keys(ui_app *app, const qr_pane *p)
{
    char style[64];
    snprintf(style, sizeof style, _(QR_STYLE_FMT), xl_tr(style_names[p->style]));
    ui_app_message(app, 0, "%s   %s", _(QR_KEYS), style);
}

/* Every building's posters: the count in the status line, Esc stops between two. */
static int poster_progress(int done, int total, void *ctx)
{
    char text[160];
    ui_format(text, sizeof text, _(PROGRESS_POSTERS_FMT), done, total);
    return ui_app_progress(ctx, text);
}

static void say_written(ui_app *app, const xl_poster_result *res, const char *dir)
{
    char done[1024];
    if (res->cancelled) {
        ui_app_message(app, 0, _(QR_CANCELLED_FMT), res->buildings, res->files, dir);
        return;
    }
    snprintf(done, sizeof done, _(QR_WRITTEN_FMT), res->buildings, res->files, dir);
    ui_app_message(app, 0, "%s%s%s", done, res->font_missing ? "  " : "",
                   res->font_missing ? _(QR_FONT_MISSING) : "");
}

static int write_posters(ui_app *app, int building, const char *lane)
{
    const xl_config *cfg = ui_app_config(app);
    char dir[4096];
    int ec = xl_qr_ec_parse(cfg->qr_ec);
    xl_poster_default_dir(dir, sizeof dir);
    xl_poster_job job = {.url_template = cfg->url_template, .ec = ec < 0 ? XL_QR_EC_M : (xl_qr_ec)ec,
                         .community = cfg->community, .dir = dir,
                         .formats = XL_POSTER_SVG | XL_POSTER_PNG, .lane = lane,
                         .progress = poster_progress, .progress_ctx = app};
    xl_poster_result res;
    xl_err err;
    xl_err_clear(&err);
    if (xl_posters_write(ui_app_db(app), &job, building, &res, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        return UI_REDRAW;
    }
    say_written(app, &res, dir);
    return UI_REDRAW;
}

static int rotate(qr_pane *p, ui_app *app)
{
    xl_err err;
    xl_err_clear(&err);
    if (xl_qr_rotate(ui_app_db(app), p->building, NULL, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        return UI_REDRAW;
    }
    qr_load(p, app);
    ui_app_message(app, 0, _(QR_ROTATED_FMT), p->building);
    return UI_REDRAW;
}

/* y to "new token?" and to "posters for every building?" */
static int rotate_yes(void *ctx, ui_app *app, int64_t id)
{
    (void)id;
    return rotate(ctx, app);
}

static int all_yes(void *ctx, ui_app *app, int64_t id)
{
    (void)ctx, (void)id;
    return write_posters(app, 0, NULL);
}

static int ask(qr_pane *p, ui_app *app, qr_ask what)
{
    char dir[4096], question[4352];
    if (what == ASK_ROTATE) {
        ui_format(question, sizeof question, _(QR_ROTATE_CONFIRM_FMT), p->building);
    } else {
        xl_poster_default_dir(dir, sizeof dir);
        ui_format(question, sizeof question, _(QR_ALL_CONFIRM_FMT), dir);
    }
    ui_app_confirm(app, &(ui_confirm_spec){.question = question, .ctx = p,
                                           .yes = what == ASK_ROTATE ? rotate_yes : all_yes,
                                           .cancelled = _(QR_CANCELLED)});
    return UI_REDRAW;
}

static int qr_key(void *self, ui_app *app, int key)
{
    qr_pane *p = self;
    switch (UI_KEYS_MATCH(key, qr_actions)) {
    case UI_ACT_QR_STYLE:
        p->style = (xl_qr_style)((p->style + 1) % XL_QR_STYLE_COUNT);
        say_keys(app, p);
        return UI_REDRAW;
    case UI_ACT_QR_POSTER: return p->have_code ? write_posters(app, p->building, NULL) : UI_HANDLED;
    case UI_ACT_QR_LANE: return p->have_code ? write_posters(app, 0, p->info.lane) : UI_HANDLED;
    case UI_ACT_QR_ALL: return p->have_code ? ask(p, app, ASK_ALL) : UI_HANDLED;
    case UI_ACT_QR_ROTATE: return ask(p, app, ASK_ROTATE);
    default: return UI_IGNORED; /* q and Esc: the app closes the view */
    }
}

/* ---- the pane ---- */

/* "签到码 127 号 · 半格块" */
static const char *qr_title(void *self)
{
    qr_pane *p = self;
    char pane[48];
    snprintf(pane, sizeof pane, _(QR_PANE_FMT), p->building);
    snprintf(p->title, sizeof p->title, "%s · %s", pane, xl_tr(style_names[p->style]));
    return p->title;
}

static void qr_reload(void *self, ui_app *app)
{
    qr_load(self, app);
}

static void qr_free(void *self)
{
    qr_pane *p = self;
    pairs_free(p);
    xl_qr_release(&p->qr);
    free(p);
}

static const pane_ops qr_ops = {
    .title = qr_title,
    .help_title = NULL,
    .draw = qr_draw,
    .key = qr_key,
    .mouse = NULL,
    .reload = qr_reload,
    .free = qr_free,
    UI_PANE_KEYS(qr_actions, qr_hints),
};

int ui_qrview_open(ui_app *app, int building)
{
    qr_pane *p = xl_calloc(1, sizeof *p);
    int style = xl_qr_style_parse(ui_app_config(app)->qr_style);
    p->building = building;
    p->style = style < 0 ? XL_QR_STYLE_HALFBLOCK : (xl_qr_style)style;
    qr_load(p, app);
    if (!p->have_code) {
        ui_app_message(app, 1, "%s", p->problem);
        qr_free(p);
        return UI_REDRAW;
    }
    pairs_alloc(p);
    ui_app_push(app, (ui_pane){&qr_ops, p});
    say_keys(app, p);
    return UI_REDRAW;
}
