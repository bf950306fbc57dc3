/* text.c — UTF-8 decoding and display width (the one door for text width). */
#include "xiangli/text.h"

#include <ctype.h>

#include <string.h>
#include <wchar.h>

size_t xl_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0) {
        *cp = 0xFFFD;
        return 0;
    }
    unsigned char c = u[0];
    size_t len;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if ((c & 0xE0) == 0xC0) {
        len = 2, v = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3, v = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (len > n) {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return i;
        }
        v = (v << 6) | (u[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        v = 0xFFFD;
    *cp = v;
    return len;
}

size_t xl_utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Wide ranges (East Asian Wide/Fullwidth) used when the C library's wcwidth does not know
 * the character (e.g. under the C locale). */
static int is_wide(uint32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
           (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
           (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

int xl_cp_width(uint32_t cp)
{
    if (cp == 0)
        return 0;
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return 1; /* drawn as a replacement, one column */
    int w = wcwidth((wchar_t)cp);
    if (w >= 0 && !(w == 1 && is_wide(cp)))
        return w;
    return is_wide(cp) ? 2 : 1;
}

int xl_str_width(const char *s)
{
    int w = 0;
    size_t n = s ? strlen(s) : 0;
    while (n > 0) {
        uint32_t cp;
        size_t k = xl_utf8_decode(s, n, &cp);
        w += xl_cp_width(cp);
        s += k, n -= k;
    }
    return w;
}

size_t xl_str_fit(const char *s, int cols, int *used)
{
    int w = 0;
    size_t n = s ? strlen(s) : 0, off = 0;
    while (off < n) {
        uint32_t cp;
        size_t k = xl_utf8_decode(s + off, n - off, &cp);
        int cw = xl_cp_width(cp);
        if (w + cw > cols)
            break;
        w += cw;
        off += k;
    }
    if (used)
        *used = w;
    return off;
}

/* Appends code point (invalid and control chars replaced) to out within size. */
static size_t put_cp(char *out, size_t pos, size_t size, uint32_t cp)
{
    char tmp[4];
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        cp = 0xFFFD;
    size_t k = xl_utf8_encode(cp, tmp);
    if (pos + k + 1 > size)
        return pos;
    memcpy(out + pos, tmp, k);
    return pos + k;
}

int xl_str_clip(const char *s, int cols, int pad, char *out, size_t size)
{
    size_t pos = 0;
    int w = 0;
    if (size == 0)
        return 0;
    if (cols < 0)
        cols = 0;
    int total = xl_str_width(s);
    int limit = total > cols ? cols - 1 : cols; /* leave one column for the mark */
    size_t n = s ? strlen(s) : 0;
    while (n > 0) {
        uint32_t cp;
        size_t k = xl_utf8_decode(s, n, &cp);
        int cw = xl_cp_width(cp);
        if (w + cw > limit)
            break;
        pos = put_cp(out, pos, size, cp);
        w += cw;
        s += k, n -= k;
    }
    if (total > cols && cols > 0) {
        pos = put_cp(out, pos, size, 0x2026); /* … */
        w += 1;
    }
    while (pad && w < cols && pos + 2 <= size) {
        out[pos++] = ' ';
        w++;
    }
    out[pos] = '\0';
    return w;
}

char *xl_trim_inplace(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

void xl_cut_suffix(char *s, const char *const *words)
{
    size_t n = strlen(s);
    for (; *words; words++) {
        size_t k = strlen(*words);
        if (n > k && strcmp(s + n - k, *words) == 0) {
            s[n - k] = '\0';
            return;
        }
    }
}
