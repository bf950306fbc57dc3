/* form.c — the form widget and the pane that shows one (see form.h). */
#include "ui/widget/form.h"

#include <stdlib.h>
#include <string.h>

#include "ui/theme.h"
#include "ui/widget/uitext.h"
#include "xiangli/date.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

enum { LABEL_X = 2, GAP = 2, INTRO_LINES = 3, NOTE_LINES = 3, MSG_LINES = 3 };

struct ui_form {
    ui_form_spec spec;
    void *ctx;
    char title[160];
    char intro[512];
    char note[512];
    int note_warn;
    int count_problems;  /* the note is "有 N 项需要修改", N live */
    ui_field *fields;
    size_t n, focus;
    int dirty;           /* something was typed */
    int cur_y, cur_x;    /* the cursor of the last draw, -1 = none */
    int *field_y;        /* where each field was drawn, for clicks */
};

/* Tab, S-Tab and Esc are global keys (next pane, previous pane, back): in a form they mean
 * next field, previous field and cancel, as everywhere else; the footer says so. */
static const ui_action form_actions[] = {
    UI_ACT_SUBMIT, UI_ACT_NEXT_FIELD, UI_ACT_PREV_FIELD, UI_ACT_CHOICE, UI_ACT_CLEAR_FIELD,
    UI_ACT_FORM_CANCEL,
};
static const ui_action form_hints[] = {
    UI_ACT_SUBMIT, UI_ACT_NEXT_FIELD, UI_ACT_CHOICE,
};

/* ---- one text field ---- */

/* A text field edits through the one line editor, over the field's own buffer. */
static ui_lineedit field_line(ui_field *fl)
{
    return (ui_lineedit){fl->text, sizeof fl->text, fl->cur, fl->scroll, fl->max_chars,
                         fl->accept};
}

static void field_keep(ui_field *fl, const ui_lineedit *le)
{
    fl->cur = le->cur, fl->scroll = le->scroll;
}

void ui_field_set(ui_field *fl, const char *text)
{
    ui_lineedit le = field_line(fl);
    ui_lineedit_set(&le, text);
    field_keep(fl, &le);
}

int ui_field_edit(ui_field *fl, int key)
{
    ui_lineedit le = field_line(fl);
    int r = ui_lineedit_key(&le, key);
    field_keep(fl, &le);
    return r;
}

int ui_field_draw_text(WINDOW *w, int y, int x, ui_field *fl, int focused)
{
    ui_lineedit le = field_line(fl);
    int width = fl->width > 2 ? fl->width : 2;
    ui_color_role c = !focused ? UI_C_FIELD : fl->fresh && fl->text[0] ? UI_C_SELECTED : UI_C_FIELD_FOCUS;
    int cx = ui_lineedit_draw(w, y, x, width, &le, ui_attr(c));
    field_keep(fl, &le);
    return cx;
}

/* ---- a choice field ---- */

/* " 业主  二房东 [租客] 家属 ": brackets (and the colour) mark the chosen one. */
static int choices_width(const ui_field *fl)
{
    int width = 0;
    for (int i = 0; i < fl->nchoices; i++)
        width += xl_str_width(fl->choices[i]) + 3;
    return width;
}

/* Options that do not fit the line: only the chosen one, between ‹ ›, and where it is in
 * the list ("‹ Tenant › 3/12"); ←/→ and Space still go through them. */
static int draw_choice_one(WINDOW *w, int y, int x, const ui_field *fl, int focused)
{
    char item[128], pos[32];
    ui_format(item, sizeof item, "‹ %s ›", fl->choices[fl->choice]);
    ui_format(pos, sizeof pos, "%d/%d", fl->choice + 1, fl->nchoices);
    x += ui_text_put(w, y, x, getmaxx(w) - x, item,
                     ui_attr(focused ? UI_C_FIELD_FOCUS : UI_C_SELECTED)) + 1;
    return x + ui_text_put(w, y, x, getmaxx(w) - x, pos, ui_attr(UI_C_DIM)) + 1;
}

static int draw_choice(WINDOW *w, int y, int x, const ui_field *fl, int focused)
{
    char item[96];
    if (x + choices_width(fl) > getmaxx(w) - 1)
        return draw_choice_one(w, y, x, fl, focused);
    for (int i = 0; i < fl->nchoices; i++) {
        int chosen = i == fl->choice;
        attr_t attr = ui_attr(chosen ? (focused ? UI_C_FIELD_FOCUS : UI_C_SELECTED) : UI_C_NORMAL);
        ui_format(item, sizeof item, chosen ? "[%s]" : " %s ", fl->choices[i]);
        x += ui_text_put(w, y, x, getmaxx(w) - x, item, attr) + 1;
    }
    return x;
}

static int cycle_choice(ui_field *fl, int key)
{
    int dir = key == UI_KEY_FN(KEY_LEFT) ? -1 : 1;
    if (fl->nchoices <= 1)
        return 0;
    fl->choice = (fl->choice + dir + fl->nchoices) % fl->nchoices;
    return 1;
}

/* ---- the form pane: drawing ---- */

static int label_width(const ui_form *f)
{
    int width = 0;
    for (size_t i = 0; i < f->n; i++)
        if (xl_str_width(f->fields[i].label) > width)
            width = xl_str_width(f->fields[i].label);
    return width;
}

/* A message (or warning note) too long for the line: wrapped under the field, from the
 * field's column. Returns the rows it took. */
static int draw_under(WINDOW *w, int y, int x, const char *text, attr_t attr)
{
    int room = getmaxx(w) - 1 - x;
    if (room < 20)
        x = LABEL_X, room = getmaxx(w) - 1 - x;
    return ui_text_wrap(w, y, x, room, MSG_LINES, text, attr);
}

/* The message or the note after a field, from column x (beside it) or under it from column
 * fx when it does not fit beside. Returns the extra rows used under the field. */
static int draw_after(WINDOW *w, int y, int x, int fx, const ui_field *fl)
{
    int room = getmaxx(w) - 1 - x;
    const char *text = fl->msg[0] ? fl->msg : fl->note;
    attr_t attr = ui_attr(fl->msg[0] || fl->note_warn ? UI_C_WARN : UI_C_DIM);
    if (!text)
        return 0;
    if (xl_str_width(text) <= room || !(fl->msg[0] || fl->note_warn)) {
        ui_text_put(w, y, x, room, text, attr);
        return 0;
    }
    return draw_under(w, y + 1, fx, text, attr);
}

/* Draws field i at row y; returns the rows it took (its message may wrap under it). */
static int draw_field(ui_form *f, WINDOW *w, int y, int lw, size_t i)
{
    ui_field *fl = &f->fields[i];
    int focused = i == f->focus, x = LABEL_X + lw + GAP, end;
    ui_text_put(w, y, LABEL_X, lw, fl->label, ui_attr(focused ? UI_C_HEADING : UI_C_LABEL));
    if (fl->kind == UI_FIELD_TEXT) {
        int cx = ui_field_draw_text(w, y, x, fl, focused);
        if (focused)
            f->cur_y = y, f->cur_x = cx < getmaxx(w) ? cx : getmaxx(w) - 1;
        end = x + fl->width;
    } else {
        end = draw_choice(w, y, x, fl, focused);
    }
    f->field_y[i] = y;
    return 1 + draw_after(w, y, end + GAP - (fl->kind == UI_FIELD_CHOICE), x, fl);
}

/* Under the fields: the count of problems, else the note. */
static size_t problems(const ui_form *f)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n; i++)
        n += f->fields[i].msg[0] != '\0';
    return n;
}

static int draw_note(ui_form *f, WINDOW *w, int y, int rows)
{
    char text[UI_FIELD_MSG_MAX + 64];
    int width = getmaxx(w) - LABEL_X - 1;
    if (f->count_problems) {
        size_t n = problems(f);
        if (n == 0)
            return 0;
        ui_format(text, sizeof text, _(REG_FORM_FIX_FMT), n);
        return ui_text_wrap(w, y, LABEL_X, width, rows, text, ui_attr(UI_C_WARN));
    }
    return ui_text_wrap(w, y, LABEL_X, width, rows, f->note,
                        ui_attr(f->note_warn ? UI_C_WARN : UI_C_NORMAL));
}

static void form_draw(void *self, WINDOW *w)
{
    ui_form *f = self;
    int lw = label_width(f), y = 2;
    werase(w);
    f->cur_y = f->cur_x = -1;
    ui_text_put(w, 0, 1, getmaxx(w) - 2, f->title, ui_attr(UI_C_HEADING));
    if (f->intro[0])
        y = 1 + ui_text_wrap(w, 1, 1, getmaxx(w) - 2, INTRO_LINES, f->intro, ui_attr(UI_C_NORMAL)) + 1;
    for (size_t i = 0; i < f->n; i++)
        y += draw_field(f, w, y, lw, i);
    y += 1;
    y += draw_note(f, w, y, NOTE_LINES);
    if (f->spec.draw && y + 2 < getmaxy(w))
        f->spec.draw(f->ctx, f, w, y + 1, getmaxy(w) - y - 2);
    ui_text_put(w, getmaxy(w) - 1, LABEL_X, getmaxx(w) - LABEL_X - 1, _(REG_FORM_KEYS),
                ui_attr(UI_C_DIM));
}

static int form_cursor(void *self, int *y, int *x)
{
    ui_form *f = self;
    if (f->cur_y < 0)
        return 0;
    *y = f->cur_y, *x = f->cur_x;
    return 1;
}

/* ---- keys ---- */

static void field_changed(ui_form *f, ui_app *app)
{
    f->dirty = 1;
    f->fields[f->focus].msg[0] = '\0';
    if (f->spec.changed)
        f->spec.changed(f->ctx, app, f, f->focus);
}

/* A date that reads as one is written the one way (2026.12.6 -> 2026-12-06). */
static void tidy_date(ui_field *fl)
{
    char s[UI_FIELD_TEXT_MAX];
    xl_strlcpy_utf8(s, fl->text, sizeof s);
    if (fl->kind == UI_FIELD_TEXT && fl->date && xl_date_normalize(s, sizeof s) &&
        strcmp(s, fl->text) != 0)
        ui_field_set(fl, s);
}

/* The focus arrives on field i: a filled text field is selected, to be replaced by typing. */
static void focus_to(ui_form *f, size_t i)
{
    if (i >= f->n)
        return;
    tidy_date(&f->fields[f->focus]);
    f->fields[f->focus].fresh = 0;
    f->focus = i;
    ui_field *fl = &f->fields[i];
    fl->fresh = fl->kind == UI_FIELD_TEXT && fl->text[0];
    if (fl->fresh)
        ui_field_set(fl, fl->text);
}

static int move_focus(ui_form *f, int dir)
{
    focus_to(f, dir < 0 ? (f->focus + f->n - 1) % f->n : (f->focus + 1) % f->n);
    return UI_REDRAW;
}

static int submit(ui_form *f, ui_app *app)
{
    for (size_t i = 0; i < f->n; i++)
        tidy_date(&f->fields[i]);
    return f->spec.submit(f->ctx, app, f);
}

/* y to "discard what was typed?": the form closes. */
static int discard_yes(void *ctx, ui_app *app, int64_t id)
{
    (void)ctx, (void)app, (void)id;
    return UI_BACK;
}

static int field_key(ui_form *f, ui_app *app, int key)
{
    ui_field *fl = &f->fields[f->focus];
    if (fl->kind == UI_FIELD_TEXT) {
        if (fl->fresh && ui_key_printable(key) && (!fl->accept || fl->accept((uint32_t)key)))
            ui_field_set(fl, "");
        int r = ui_field_edit(fl, key);
        if (r >= 0)
            fl->fresh = 0;
        if (r > 0)
            field_changed(f, app);
        if (r >= 0)
            return UI_REDRAW;
    } else if (UI_KEYS_MATCH(key, form_actions) ==
               UI_ACT_CHOICE) {
        if (cycle_choice(fl, key))
            field_changed(f, app);
        return UI_REDRAW;
    }
    /* typing q or 2 on a choice must not quit or switch tabs; ? still opens the help */
    return ui_key_printable(key) && key != '?' ? UI_HANDLED : UI_IGNORED;
}

static int form_key(void *self, ui_app *app, int key)
{
    ui_form *f = self;
    if (f->spec.key) {
        int r = f->spec.key(f->ctx, app, f, key);
        if (r != UI_IGNORED)
            return r;
    }
    switch (ui_keys_global(key)) {
    case UI_ACT_NEXT_PANE: return move_focus(f, 1);
    case UI_ACT_PREV_PANE: return move_focus(f, -1);
    case UI_ACT_BACK:
        if (key != UI_KEY_ESC)
            break; /* q is a letter to type */
        if (!f->dirty)
            return UI_BACK;
        ui_app_confirm(app, &(ui_confirm_spec){.question = _(REG_FORM_DISCARD), .yes = discard_yes});
        return UI_REDRAW;
    default: break;
    }
    switch (UI_KEYS_MATCH(key, form_actions)) {
    case UI_ACT_SUBMIT: return submit(f, app);
    case UI_ACT_NEXT_FIELD: return move_focus(f, 1);
    case UI_ACT_PREV_FIELD: return move_focus(f, -1);
    default: return field_key(f, app, key);
    }
}

static int form_mouse(void *self, ui_app *app, int y, int x, unsigned long bstate)
{
    ui_form *f = self;
    (void)app, (void)x;
    if (!(bstate & BUTTON1_PRESSED))
        return UI_IGNORED;
    for (size_t i = 0; i < f->n; i++)
        if (f->field_y[i] == y) {
            focus_to(f, i);
            return UI_REDRAW;
        }
    return UI_HANDLED;
}

/* ---- life cycle ---- */

static const char *form_title(void *self)
{
    return ((ui_form *)self)->title;
}

static const char *form_help_title(void *self)
{
    ui_form *f = self;
    return f->spec.help_title ? f->spec.help_title : _(KEYS_FORM);
}

static void form_free(void *self)
{
    ui_form *f = self;
    if (f->spec.free)
        f->spec.free(f->ctx);
    free(f->fields);
    free(f->field_y);
    free(f);
}

static int form_unsaved(void *self)
{
    return ((ui_form *)self)->dirty;
}

/* A form takes Tab, S-Tab and Esc for itself and digits and q are typed: of the global keys
 * only the help and Ctrl+L act, so the help lists only those (and the form's own keys). */
static int form_offers(void *self, ui_action act)
{
    (void)self;
    return !ui_keys_is_global(act) || act == UI_ACT_HELP || act == UI_ACT_REDRAW;
}

static const pane_ops form_ops = {
    .title = form_title,
    .help_title = form_help_title,
    .draw = form_draw,
    .key = form_key,
    .mouse = form_mouse,
    .free = form_free,
    UI_PANE_KEYS(form_actions, form_hints),
    .cursor = form_cursor,
    .unsaved = form_unsaved,
    .offers = form_offers,
};

ui_form *ui_form_open(ui_app *app, const ui_form_spec *spec, void *ctx, const char *title,
                      const ui_field *fields, size_t n)
{
    ui_form *f = xl_calloc(1, sizeof *f);
    f->spec = *spec;
    f->ctx = ctx;
    xl_strlcpy_utf8(f->title, title, sizeof f->title);
    f->fields = xl_calloc(n, sizeof *f->fields);
    memcpy(f->fields, fields, n * sizeof *fields);
    f->field_y = xl_calloc(n, sizeof *f->field_y);
    f->n = n;
    f->cur_y = -1;
    for (size_t i = 0; i < n; i++)
        f->fields[i].cur = strlen(f->fields[i].text);
    focus_to(f, 0);
    if (ui_app_push(app, (ui_pane){&form_ops, f}))
        return f;
    /* Too many panes open: f and ctx are freed. The caller may still fill "the form": it
     * fills this one, which nobody shows. */
    static ui_field sink_field;
    static ui_form sink = {.fields = &sink_field, .n = 1};
    ui_app_message(app, 1, "%s", _(REG_TOO_MANY_OPEN));
    return &sink;
}

ui_field *ui_form_field(ui_form *f, size_t i)
{
    return &f->fields[i < f->n ? i : 0];
}

size_t ui_form_focus(const ui_form *f)
{
    return f->focus;
}

void ui_form_set_focus(ui_form *f, size_t i)
{
    focus_to(f, i);
}

void ui_form_set_intro(ui_form *f, const char *text)
{
    xl_strlcpy_utf8(f->intro, text ? text : "", sizeof f->intro);
}

void ui_form_set_note(ui_form *f, const char *text, int warn)
{
    xl_strlcpy_utf8(f->note, text ? text : "", sizeof f->note);
    f->note_warn = warn;
    f->count_problems = 0;
}

void ui_form_clear_msgs(ui_form *f)
{
    for (size_t i = 0; i < f->n; i++)
        f->fields[i].msg[0] = '\0';
    f->note[0] = '\0';
    f->count_problems = 0;
}

size_t ui_form_show_problem_count(ui_form *f)
{
    f->note[0] = '\0';
    f->count_problems = 1;
    return ui_form_focus_first_problem(f);
}

size_t ui_form_focus_first_problem(ui_form *f)
{
    size_t count = 0, first = f->focus;
    for (size_t i = f->n; i-- > 0;)
        if (f->fields[i].msg[0]) {
            first = i;
            count++;
        }
    if (first != f->focus)
        focus_to(f, first);
    return count;
}

int ui_form_dirty(const ui_form *f)
{
    return f->dirty;
}
