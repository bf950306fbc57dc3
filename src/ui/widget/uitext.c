/* uitext.c — width-aware drawing built on core's text.h. */
#include "ui/widget/uitext.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "xiangli/text.h"

#define UI_TEXT_MAXCOLS 1024

/* Columns available at (y, x) in w, bounded by maxcols. */
static int room_at(WINDOW *w, int y, int x, int maxcols)
{
    if (!w || y < 0 || x < 0 || y >= getmaxy(w) || x >= getmaxx(w))
        return 0;
    int room = getmaxx(w) - x;
    if (maxcols < room)
        room = maxcols;
    return room > UI_TEXT_MAXCOLS ? UI_TEXT_MAXCOLS : room;
}

/* Decodes valid UTF-8 (as produced by xl_str_clip) into wide characters. */
static size_t to_wide(const char *s, wchar_t *out, size_t cap)
{
    size_t n = strlen(s), k = 0;
    while (n > 0 && k + 1 < cap) {
        uint32_t cp;
        size_t used = xl_utf8_decode(s, n, &cp);
        out[k++] = (wchar_t)cp;
        s += used, n -= used;
    }
    out[k] = L'\0';
    return k;
}

static int put_clipped(WINDOW *w, int y, int x, int cols, int pad, const char *utf8,
                       attr_t attr)
{
    char clip[4 * UI_TEXT_MAXCOLS + 8];
    wchar_t wide[UI_TEXT_MAXCOLS + 8];
    int used = xl_str_clip(utf8 ? utf8 : "", cols, pad, clip, sizeof clip);
    size_t n = to_wide(clip, wide, sizeof wide / sizeof wide[0]);
    attr_t old_attr;
    short old_pair;
    wattr_get(w, &old_attr, &old_pair, NULL);
    wattrset(w, (int)attr);
    mvwaddnwstr(w, y, x, wide, (int)n);
    wattr_set(w, old_attr, old_pair, NULL);
    return used;
}

int ui_text_put(WINDOW *w, int y, int x, int maxcols, const char *utf8, attr_t attr)
{
    int room = room_at(w, y, x, maxcols);
    return room > 0 ? put_clipped(w, y, x, room, 0, utf8, attr) : 0;
}

int ui_text_pad(WINDOW *w, int y, int x, int cols, const char *utf8, attr_t attr)
{
    int room = room_at(w, y, x, cols);
    return room > 0 ? put_clipped(w, y, x, room, 1, utf8, attr) : 0;
}

int ui_text_right(WINDOW *w, int y, int x_end, int maxcols, const char *utf8, attr_t attr)
{
    int width = xl_str_width(utf8);
    if (width > maxcols)
        width = maxcols;
    int x = x_end - width;
    if (x < 0) {
        width += x;
        x = 0;
    }
    ui_text_put(w, y, x, width, utf8, attr);
    return x;
}

void ui_text_fill(WINDOW *w, int y, int x, int cols, attr_t attr)
{
    ui_text_pad(w, y, x, cols, "", attr);
}

/* Byte length of the next wrapped line of s in cols columns, and where the next one starts. */
static size_t wrap_line(const char *s, int cols, size_t *next)
{
    size_t fit = xl_str_fit(s, cols, NULL);
    if (fit == 0 && *s) { /* a character wider than the line: take it alone */
        uint32_t cp;
        fit = xl_utf8_decode(s, strlen(s), &cp);
    }
    *next = fit;
    if (s[fit] == '\0' || s[fit] == ' ') {
        while (s[*next] == ' ')
            (*next)++;
        return fit;
    }
    for (size_t i = fit; i > 0; i--) {
        if (s[i - 1] == ' ') {
            *next = i;
            return i - 1;
        }
    }
    return fit;
}

int ui_text_wrap(WINDOW *w, int y, int x, int cols, int maxlines, const char *utf8,
                 attr_t attr)
{
    char line[4 * UI_TEXT_MAXCOLS + 8];
    const char *s = utf8 ? utf8 : "";
    int lines = 0;
    if (cols <= 0)
        return 0;
    while (*s && lines < maxlines) {
        size_t next, len = wrap_line(s, cols, &next);
        if (len >= sizeof line)
            len = sizeof line - 1;
        memcpy(line, s, len);
        line[len] = '\0';
        if (w)
            ui_text_put(w, y + lines, x, cols, line, attr);
        lines++;
        s += next;
    }
    return lines;
}

void ui_format(char *out, size_t size, const char *fmt, ...)
{
    va_list ap;
    if (size == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(out, size, fmt ? fmt : "", ap);
    va_end(ap);
}
