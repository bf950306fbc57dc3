/* lineedit.c — the one line editor (see lineedit.h). */
#include "ui/widget/lineedit.h"

#include <string.h>
#include <wctype.h>

#include "ui/keys.h"
#include "ui/widget/uitext.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

int ui_key_printable(int key)
{
    return key >= 0x20 && key < 0x110000 && key != 0x7f && iswprint((wint_t)key);
}

size_t ui_lineedit_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

int ui_lineedit_span_width(const char *s, size_t n)
{
    char buf[1024];
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

void ui_lineedit_set(ui_lineedit *le, const char *text)
{
    xl_strlcpy_utf8(le->text, text ? text : "", le->size);
    if (le->max_chars > 0) {
        size_t at = 0;
        for (int k = 0; k < le->max_chars && le->text[at]; k++)
            at = next_char(le->text, at);
        le->text[at] = '\0';
    }
    le->cur = strlen(le->text);
    le->scroll = 0;
}

static int insert(ui_lineedit *le, int cp)
{
    char enc[4];
    size_t len = strlen(le->text), k;
    if ((le->accept && !le->accept((uint32_t)cp)) || !ui_key_printable(cp))
        return 0;
    k = xl_utf8_encode((uint32_t)cp, enc);
    if ((le->max_chars > 0 && ui_lineedit_chars(le->text) >= (size_t)le->max_chars) ||
        len + k >= le->size)
        return 0;
    memmove(le->text + le->cur + k, le->text + le->cur, len - le->cur + 1);
    memcpy(le->text + le->cur, enc, k);
    le->cur += k;
    return 1;
}

static int delete_span(ui_lineedit *le, size_t from, size_t to)
{
    if (from >= to)
        return 0;
    memmove(le->text + from, le->text + to, strlen(le->text) - to + 1);
    le->cur = from;
    return 1;
}

int ui_lineedit_key(ui_lineedit *le, int key)
{
    size_t len = strlen(le->text);
    switch (key) {
    case 127: case 8: case UI_KEY_FN(KEY_BACKSPACE):
        return delete_span(le, prev_char(le->text, le->cur), le->cur);
    case UI_KEY_FN(KEY_DC):
        return delete_span(le, le->cur, next_char(le->text, le->cur));
    case 'U' & 0x1f:
        return delete_span(le, 0, len);
    case UI_KEY_FN(KEY_LEFT): le->cur = prev_char(le->text, le->cur); return 0;
    case UI_KEY_FN(KEY_RIGHT): le->cur = next_char(le->text, le->cur); return 0;
    case UI_KEY_FN(KEY_HOME): case 'A' & 0x1f: le->cur = 0; return 0;
    case UI_KEY_FN(KEY_END): case 'E' & 0x1f: le->cur = len; return 0;
    default:
        return ui_key_printable(key) ? insert(le, key) : -1;
    }
}

/* Moves scroll so that the cursor stays inside a box of width columns. */
static void keep_cursor(ui_lineedit *le, int width)
{
    if (le->cur < le->scroll)
        le->scroll = le->cur;
    while (le->scroll < le->cur &&
           ui_lineedit_span_width(le->text + le->scroll, le->cur - le->scroll) > width - 1)
        le->scroll = next_char(le->text, le->scroll);
}

int ui_lineedit_draw(WINDOW *w, int y, int x, int width, ui_lineedit *le, attr_t attr)
{
    keep_cursor(le, width);
    ui_text_pad(w, y, x, width, le->text + le->scroll, attr);
    return x + ui_lineedit_span_width(le->text + le->scroll, le->cur - le->scroll);
}
