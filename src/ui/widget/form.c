/* form.c — the form widget and the pane that shows one (see form.h). */
#include "ui/widget/form.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "ui/theme.h"
#include "ui/widget/uitext.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

enum { LABEL_X = 2, GAP = 2, INTRO_LINES = 3, NOTE_LINES = 3 };

struct ui_form {
    ui_form_spec spec;
    void *ctx;
    char title[160];
    char intro[512];
    char note[512];
    int note_warn;
    ui_field *fields;
    size_t n, focus;
    int dirty, asking;   /* asking: "discard what was typed?" */
    int cur_y, cur_x;    /* the cursor of the last draw, -1 = none */
    int *field_y;        /* where each field was drawn, for clicks */
};

/* Tab, S-Tab and Esc are global keys (next pane, previous pane, back): in a form they mean
 * next field, previous field and cancel, as everywhere else; the footer says so. */
static const ui_action form_actions[] = {
    UI_ACT_SUBMIT, UI_ACT_NEXT_FIELD, UI_ACT_PREV_FIELD, UI_ACT_CHOICE, UI_ACT_CLEAR_FIELD,
};
static const ui_action form_hints[] = {
    UI_ACT_SUBMIT, UI_ACT_NEXT_FIELD, UI_ACT_CHOICE,
};

/* ---- one text field ---- */

int ui_key_printable(int key)
{
    return key >= 0x20 && key < 0x110000 && key != 0x7f && iswprint((wint_t)key);
}

static size_t count_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Display columns of the n bytes at s. */
static int span_width(const char *s, size_t n)
{
    char buf[UI_FIELD_TEXT_MAX];
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return xl_str_width(buf);
}

static size_t prev_char(const char *s, size_t at)
{
    while (at > 0 && ((unsigned char)s[--at] & 0xC0) == 0x80)
        ;
    return at;
}

static size_t next_char(const char *s, size_t at)
{
    if (!s[at])
        return at;
    while (s[++at] && ((unsigned char)s[at] & 0xC0) == 0x80)
        ;
    return at;
}

void ui_field_set(ui_field *fl, const char *text)
{
    xl_strlcpy_utf8(fl->text, text ? text : "", sizeof fl->text);
    if (fl->max_chars > 0) {
        size_t at = 0;
        for (int k = 0; k < fl->max_chars && fl->text[at]; k++)
            at = next_char(fl->text, at);
        fl->text[at] = '\0';
    }
    fl->cur = strlen(fl->text);
    fl->scroll = 0;
}

static int field_insert(ui_field *fl, int cp)
{
    char enc[4];
    size_t len = strlen(fl->text), k;
    if ((fl->accept && !fl->accept((uint32_t)cp)) || !ui_key_printable(cp))
        return 0;
    k = xl_utf8_encode((uint32_t)cp, enc);
    if ((fl->max_chars > 0 && count_chars(fl->text) >= (size_t)fl->max_chars) ||
        len + k >= sizeof fl->text)
        return 0;
    memmove(fl->text + fl->cur + k, fl->text + fl->cur, len - fl->cur + 1);
    memcpy(fl->text + fl->cur, enc, k);
    fl->cur += k;
    return 1;
}

static int field_delete(ui_field *fl, size_t from, size_t to)
{
    if (from >= to)
        return 0;
    memmove(fl->text + from, fl->text + to, strlen(fl->text) - to + 1);
    fl->cur = from;
    return 1;
}

int ui_field_edit(ui_field *fl, int key)
{
    size_t len = strlen(fl->text);
    switch (key) {
    case 127: case 8: case UI_KEY_FN(KEY_BACKSPACE):
        return field_delete(fl, prev_char(fl->text, fl->cur), fl->cur);
    case UI_KEY_FN(KEY_DC):
        return field_delete(fl, fl->cur, next_char(fl->text, fl->cur));
    case 'U' & 0x1f:
        return field_delete(fl, 0, len);
    case UI_KEY_FN(KEY_LEFT): fl->cur = prev_char(fl->text, fl->cur); return 0;
    case UI_KEY_FN(KEY_RIGHT): fl->cur = next_char(fl->text, fl->cur); return 0;
    case UI_KEY_FN(KEY_HOME): case 'A' & 0x1f: fl->cur = 0; return 0;
    case UI_KEY_FN(KEY_END): case 'E' & 0x1f: fl->cur = len; return 0;
    default:
        return ui_key_printable(key) ? field_insert(fl, key) : -1;
    }
}

/* Moves scroll so that the cursor stays inside a box of width columns. */
static void field_scroll(ui_field *fl, int width)
{
    if (fl->cur < fl->scroll)
        fl->scroll = fl->cur;
    while (fl->scroll < fl->cur && span_width(fl->text + fl->scroll, fl->cur - fl->scroll) > width - 1)
        fl->scroll = next_char(fl->text, fl->scroll);
}

int ui_field_draw_text(WINDOW *w, int y, int x, ui_field *fl, int focused)
{
    int width = fl->width > 2 ? fl->width : 2;
    field_scroll(fl, width);
    ui_text_pad(w, y, x, width, fl->text + fl->scroll,
                ui_attr(focused ? UI_C_FIELD_FOCUS : UI_C_FIELD));
    return x + span_width(fl->text + fl->scroll, fl->cur - fl->scroll);
}

/* ---- a choice field ---- */

/* " 业主  二房东 [租客] 家属 ": brackets (and the colour) mark the chosen one. */
static int draw_choice(WINDOW *w, int y, int x, const ui_field *fl, int focused)
{
    char item[96];
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

/* The message or the note after a field, from column x. Returns 1 when a message was cut. */
static int draw_after(WINDOW *w, int y, int x, const ui_field *fl)
{
    int room = getmaxx(w) - 1 - x;
    if (fl->msg[0]) {
        ui_text_put(w, y, x, room, fl->msg, ui_attr(UI_C_WARN));
        return xl_str_width(fl->msg) > room;
    }
    if (fl->note)
        ui_text_put(w, y, x, room, fl->note, ui_attr(UI_C_DIM));
    return 0;
}

/* Draws field i at row y; returns 1 when its message did not fit beside it. */
static int draw_field(ui_form *f, WINDOW *w, int y, int lw, size_t i)
{
    ui_field *fl = &f->fields[i];
    int focused = i == f->focus && !f->asking, x = LABEL_X + lw + GAP, end;
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
    return draw_after(w, y, end + GAP - (fl->kind == UI_FIELD_CHOICE), fl);
}

/* Under the fields: the focused field's whole message when it was cut, else the note. */
static int draw_note(ui_form *f, WINDOW *w, int y, int rows, int cut)
{
    char text[UI_FIELD_MSG_MAX + 64];
    const ui_field *fl = &f->fields[f->focus];
    int width = getmaxx(w) - LABEL_X - 1;
    if (f->asking)
        return ui_text_wrap(w, y, LABEL_X, width, rows, _(REG_FORM_DISCARD), ui_attr(UI_C_PROMPT));
    if (cut && fl->msg[0]) {
        ui_format(text, sizeof text, _(REG_FORM_NOTE_FMT), fl->label, fl->msg);
        return ui_text_wrap(w, y, LABEL_X, width, rows, text, ui_attr(UI_C_WARN));
    }
    return ui_text_wrap(w, y, LABEL_X, width, rows, f->note,
                        ui_attr(f->note_warn ? UI_C_WARN : UI_C_NORMAL));
}

static void form_draw(void *self, WINDOW *w)
{
    ui_form *f = self;
    int lw = label_width(f), y = 2, cut_focus = 0;
    werase(w);
    f->cur_y = f->cur_x = -1;
    ui_text_put(w, 0, 1, getmaxx(w) - 2, f->title, ui_attr(UI_C_HEADING));
    if (f->intro[0])
        y = 1 + ui_text_wrap(w, 1, 1, getmaxx(w) - 2, INTRO_LINES, f->intro, ui_attr(UI_C_NORMAL)) + 1;
    for (size_t i = 0; i < f->n; i++, y++) {
        int cut = draw_field(f, w, y, lw, i);
        if (i == f->focus)
            cut_focus = cut;
    }
    y += 1;
    y += draw_note(f, w, y, NOTE_LINES, cut_focus);
    if (f->spec.draw && y + 2 < getmaxy(w))
        f->spec.draw(f->ctx, f, w, y + 1, getmaxy(w) - y - 2);
    ui_text_put(w, getmaxy(w) - 1, LABEL_X, getmaxx(w) - LABEL_X - 1, _(REG_FORM_KEYS),
                ui_attr(UI_C_DIM));
}

static int form_cursor(void *self, int *y, int *x)
{
    ui_form *f = self;
    if (f->cur_y < 0 || f->asking)
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

static int move_focus(ui_form *f, int dir)
{
    f->focus = dir < 0 ? (f->focus + f->n - 1) % f->n : (f->focus + 1) % f->n;
    return UI_REDRAW;
}

static int discard_key(ui_form *f, int key)
{
    if (key == 'y' || key == 'Y')
        return UI_BACK;
    if (key == 'n' || key == 'N' || key == UI_KEY_ESC)
        f->asking = 0;
    return UI_REDRAW;
}

static int field_key(ui_form *f, ui_app *app, int key)
{
    ui_field *fl = &f->fields[f->focus];
    if (fl->kind == UI_FIELD_TEXT) {
        int r = ui_field_edit(fl, key);
        if (r > 0)
            field_changed(f, app);
        if (r >= 0)
            return UI_REDRAW;
    } else if (ui_keys_match(key, form_actions, sizeof form_actions / sizeof form_actions[0]) ==
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
    if (f->asking)
        return discard_key(f, key);
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
        f->asking = 1;
        return UI_REDRAW;
    default: break;
    }
    switch (ui_keys_match(key, form_actions, sizeof form_actions / sizeof form_actions[0])) {
    case UI_ACT_SUBMIT: return f->spec.submit(f->ctx, app, f);
    case UI_ACT_NEXT_FIELD: return move_focus(f, 1);
    case UI_ACT_PREV_FIELD: return move_focus(f, -1);
    default: return field_key(f, app, key);
    }
}

static int form_mouse(void *self, ui_app *app, int y, int x, unsigned long bstate)
{
    ui_form *f = self;
    (void)app, (void)x;
    if (!(bstate & BUTTON1_PRESSED) || f->asking)
        return UI_IGNORED;
    for (size_t i = 0; i < f->n; i++)
        if (f->field_y[i] == y) {
            f->focus = i;
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

static const pane_ops form_ops = {
    .title = form_title,
    .help_title = form_help_title,
    .draw = form_draw,
    .key = form_key,
    .mouse = form_mouse,
    .free = form_free,
    .actions = form_actions,
    .nactions = sizeof form_actions / sizeof form_actions[0],
    .hints = form_hints,
    .nhints = sizeof form_hints / sizeof form_hints[0],
    .cursor = form_cursor,
    .unsaved = form_unsaved,
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
    if (i < f->n)
        f->focus = i;
}

void ui_form_set_intro(ui_form *f, const char *text)
{
    xl_strlcpy_utf8(f->intro, text ? text : "", sizeof f->intro);
}

void ui_form_set_note(ui_form *f, const char *text, int warn)
{
    xl_strlcpy_utf8(f->note, text ? text : "", sizeof f->note);
    f->note_warn = warn;
}

void ui_form_clear_msgs(ui_form *f)
{
    for (size_t i = 0; i < f->n; i++)
        f->fields[i].msg[0] = '\0';
    f->note[0] = '\0';
}

size_t ui_form_focus_first_problem(ui_form *f)
{
    size_t count = 0;
    for (size_t i = f->n; i-- > 0;)
        if (f->fields[i].msg[0]) {
            f->focus = i;
            count++;
        }
    return count;
}

int ui_form_dirty(const ui_form *f)
{
    return f->dirty;
}
