/* csv.c — the residents-sheet reader (encodings, RFC 4180 quoting, line numbers, limits)
 * and the field helpers: digit normalising, dates, header names. See xiangli/csv.h. */
#include "xiangli/csv.h"
#include "xiangli/date.h"

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"

#define MAX_PROBLEMS 1000

/* ------------------------------------------------------------------ problems */

void xl_csv_init(xl_csv *c)
{
    memset(c, 0, sizeof *c);
    c->delimiter = ',';
    c->encoding = "UTF-8";
    c->limits.max_bytes = (size_t)64 << 20;
    c->limits.max_rows = 1000000;
    c->limits.max_fields = 256;
    c->limits.max_field = (size_t)64 << 10;
}

void xl_csv_release(xl_csv *c)
{
    free(c->name);
    free(c->rows);
    free(c->problems);
    free(c->text);
    free(c->fieldv);
    xl_csv_limits keep = c->limits;
    xl_csv_init(c);
    c->limits = keep;
}

static xl_csv_problem *problem_slot(xl_csv *c)
{
    if (c->nproblems == MAX_PROBLEMS)
        return NULL;
    if (c->nproblems == c->cap_problems) {
        c->cap_problems = c->cap_problems ? c->cap_problems * 2 : 16;
        c->problems = xl_reallocarray(c->problems, c->cap_problems, sizeof *c->problems);
    }
    xl_csv_problem *p = &c->problems[c->nproblems++];
    memset(p, 0, sizeof *p);
    return p;
}

void xl_csv_add_problem(xl_csv *c, size_t line, const char *column, int warning,
                        const char *fmt, ...)
{
    if (!warning)
        c->nerrors++;
    xl_csv_problem *p = problem_slot(c);
    if (!p)
        return;
    p->line = line;
    p->warning = warning;
    xl_strlcpy_utf8(p->column, column ? column : "", sizeof p->column);
    xl_buf b;
    xl_buf_init(&b);
    va_list ap;
    va_start(ap, fmt);
    xl_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    xl_strlcpy_utf8(p->reason, b.data, sizeof p->reason);
    xl_buf_release(&b);
}

void xl_csv_format_problem(const xl_csv *c, const xl_csv_problem *p, char *out, size_t size)
{
    xl_buf b;
    xl_buf_init(&b);
    /* the place as the officer sees it: "bad.csv 第 3 行 · 身份：" */
    if (p->line)
        xl_buf_printf(&b, _(SHEET_AT_LINE_FMT), c->name ? c->name : "-", p->line);
    else
        xl_buf_puts(&b, c->name ? c->name : "-");
    if (p->column[0])
        xl_buf_printf(&b, _(SHEET_AT_COLUMN_FMT), p->column);
    else
        xl_buf_puts(&b, _(SHEET_COLON));
    xl_buf_printf(&b, "%s%s", p->warning ? _(CSV_WARNING) : "", p->reason);
    xl_strlcpy_utf8(out, b.data, size);
    xl_buf_release(&b);
}

static int finish(xl_csv *c, xl_err *err)
{
    if (c->nerrors == 0)
        return XL_OK;
    for (size_t i = 0; i < c->nproblems; i++) {
        if (c->problems[i].warning)
            continue;
        char msg[512];
        xl_csv_format_problem(c, &c->problems[i], msg, sizeof msg);
        if (c->nerrors > 1)
            return xl_err_set(err, XL_EFAIL, _(CSV_AND_MORE_FMT), msg, c->nerrors - 1);
        return xl_err_set(err, XL_EFAIL, "%s", msg);
    }
    return xl_err_set(err, XL_EFAIL, _(CSV_PROBLEMS_FMT), c->name ? c->name : "-", c->nerrors);
}

/* ------------------------------------------------------------------ decoding */

/* Line (1-based) of byte off: LF, CRLF and a lone CR each end a line. */
static size_t line_at(const char *s, size_t off)
{
    size_t line = 1;
    for (size_t i = 0; i < off; i++)
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= off || s[i + 1] != '\n')))
            line++;
    return line;
}

/* Length of a valid UTF-8 sequence at u (strict: no overlongs, surrogates, > U+10FFFF);
 * 0 if invalid. */
static size_t utf8_seq(const unsigned char *u, size_t n)
{
    if (u[0] < 0x80)
        return 1;
    size_t len = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC2 ? 2 : 0;
    if (len == 0 || u[0] > 0xF4 || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((u[i] & 0xC0) != 0x80)
            return 0;
    if ((u[0] == 0xE0 && u[1] < 0xA0) || (u[0] == 0xED && u[1] >= 0xA0) ||
        (u[0] == 0xF0 && u[1] < 0x90) || (u[0] == 0xF4 && u[1] >= 0x90))
        return 0;
    return len;
}

/* Offset of the first invalid UTF-8 byte, or n. */
static size_t utf8_check(const char *s, size_t n)
{
    size_t off = 0;
    while (off < n) {
        if ((unsigned char)s[off] < 0x80) {
            off++;
            continue;
        }
        size_t k = utf8_seq((const unsigned char *)s + off, n - off);
        if (k == 0)
            return off;
        off += k;
    }
    return n;
}

static void bytes_hex(const char *s, size_t n, char *out, size_t size)
{
    size_t w = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && i < 4 && w + 4 < size; i++)
        w += (size_t)snprintf(out + w, size - w, "%s%02X", i ? " " : "", (unsigned char)s[i]);
}

static void iconv_failed(xl_csv *c, const char *from, const char *at, size_t left,
                         const xl_buf *out, int e)
{
    char hex[16];
    size_t line = line_at(out->data, out->len);
    bytes_hex(at, left, hex, sizeof hex);
    if (e == EILSEQ)
        xl_csv_add_problem(c, line, NULL, 0, _(CSV_E_NOT_TEXT_FMT), hex, from);
    else if (e == EINVAL)
        xl_csv_add_problem(c, line, NULL, 0, _(CSV_E_CUT_CHAR_FMT), from, hex);
    else
        xl_csv_add_problem(c, line, NULL, 0, _(CSV_E_CONVERT_FMT), from, xl_sys_reason(e));
}

/* Converts in[0..len) from the named encoding to UTF-8 in out. 0 ok, -1 (problem added). */
static int convert(xl_csv *c, const char *from, const char *in, size_t len, xl_buf *out)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) {
        xl_csv_add_problem(c, 0, NULL, 0, _(CSV_E_CONVERT_FMT), from, _(SYS_E_ENCODING));
        return -1;
    }
    char *inp = (char *)in, chunk[4096];
    size_t inleft = len;
    int rc = 0;
    for (int flushing = 0;;) {
        char *outp = chunk;
        size_t outleft = sizeof chunk;
        size_t r = flushing ? iconv(cd, NULL, NULL, &outp, &outleft)
                            : iconv(cd, &inp, &inleft, &outp, &outleft);
        int e = errno;
        xl_buf_put(out, chunk, (size_t)(outp - chunk));
        if (r == (size_t)-1 && e == E2BIG)
            continue;
        if (r == (size_t)-1) {
            iconv_failed(c, from, inp, inleft, out, e);
            rc = -1;
            break;
        }
        if (flushing)
            break;
        flushing = 1;
    }
    if (iconv_close(cd) != 0 && rc == 0) {
        xl_csv_add_problem(c, 0, NULL, 0, _(CSV_E_CONVERT_FMT), from, xl_sys_reason(errno));
        rc = -1;
    }
    return rc;
}

static int decode_utf8(xl_csv *c, const char *s, size_t n, xl_buf *out)
{
    size_t bad = utf8_check(s, n);
    if (bad < n) {
        char hex[16];
        bytes_hex(s + bad, n - bad, hex, sizeof hex);
        xl_csv_add_problem(c, line_at(s, bad), NULL, 0, _(CSV_E_BAD_UTF8_FMT), hex);
        return -1;
    }
    xl_buf_put(out, s, n);
    return 0;
}

/* Decodes raw bytes to UTF-8 text in out, choosing the encoding. 0 ok, -1 problem. */
static int decode(xl_csv *c, const char *raw, size_t len, xl_buf *out)
{
    const unsigned char *u = (const unsigned char *)raw;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        c->encoding = "UTF-8 BOM";
        return decode_utf8(c, raw + 3, len - 3, out);
    }
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        c->encoding = u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
        return convert(c, c->encoding, raw + 2, len - 2, out);
    }
    if (utf8_check(raw, len) == len) {
        c->encoding = "UTF-8";
        xl_buf_put(out, raw, len);
        return 0;
    }
    c->encoding = "GB18030";
    return convert(c, "GB18030", raw, len, out);
}

/* ------------------------------------------------------------------ parsing */

typedef struct prow {
    size_t line, first, n;
} prow;

typedef struct csv_parse {
    xl_csv *c;
    const char *s;
    size_t len, pos, line;
    size_t row_first; /* first field of the record being read */
    xl_buf arena;  /* field bytes, each NUL-terminated */
    size_t *foff;  /* start of each field in arena */
    size_t nf, capf;
    prow *rows;
    size_t nrows, caprows;
} csv_parse;

static int at_eol(const csv_parse *p)
{
    return p->pos < p->len && (p->s[p->pos] == '\r' || p->s[p->pos] == '\n');
}

static void eat_eol(csv_parse *p)
{
    if (p->s[p->pos] == '\r' && p->pos + 1 < p->len && p->s[p->pos + 1] == '\n')
        p->pos++;
    p->pos++;
    p->line++;
}

static int field_start(csv_parse *p, size_t row_line)
{
    if (p->nf - p->row_first >= p->c->limits.max_fields) {
        xl_csv_add_problem(p->c, row_line, NULL, 0, _(CSV_E_MANY_FIELDS_FMT),
                           p->c->limits.max_fields);
        return -1;
    }
    if (p->nf == p->capf) {
        p->capf = p->capf ? p->capf * 2 : 256;
        p->foff = xl_reallocarray(p->foff, p->capf, sizeof *p->foff);
    }
    p->foff[p->nf++] = p->arena.len;
    return 0;
}

static int field_put(csv_parse *p, const char *s, size_t n, size_t row_line)
{
    if (p->arena.len - p->foff[p->nf - 1] + n > p->c->limits.max_field) {
        xl_csv_add_problem(p->c, row_line, NULL, 0, _(CSV_E_LONG_FIELD_FMT),
                           p->nf - p->row_first, p->c->limits.max_field);
        return -1;
    }
    xl_buf_put(&p->arena, s, n);
    return 0;
}

/* Length of the span of s[0..n) holding none of the bytes in stop. */
static size_t strcspn_n(const char *s, size_t n, const char *stop)
{
    size_t i = 0;
    while (i < n && (s[i] == '\0' || !strchr(stop, s[i])))
        i++;
    return i;
}

/* Unquoted text up to the separator, a line end or the end. */
static int parse_plain(csv_parse *p, size_t row_line)
{
    const char stop[4] = {p->c->delimiter, '\r', '\n', '\0'};
    size_t start = p->pos;
    p->pos += strcspn_n(p->s + p->pos, p->len - p->pos, stop);
    return field_put(p, p->s + start, p->pos - start, row_line);
}

/* A quoted field; p->pos is at the opening quote. */
static int parse_quoted(csv_parse *p, size_t row_line)
{
    size_t open_line = p->line, fieldno = p->nf - p->row_first;
    p->pos++;
    for (;;) {
        size_t span = strcspn_n(p->s + p->pos, p->len - p->pos, "\"\r\n");
        if (field_put(p, p->s + p->pos, span, row_line))
            return -1;
        p->pos += span;
        if (p->pos >= p->len) {
            xl_csv_add_problem(p->c, open_line, NULL, 0, _(CSV_E_OPEN_QUOTE_FMT), fieldno);
            return -1;
        }
        if (p->s[p->pos] == '"' && (p->pos + 1 >= p->len || p->s[p->pos + 1] != '"')) {
            p->pos++;
            break;
        }
        if (p->s[p->pos] == '"')
            p->pos += 2; /* "" is one quote */
        else
            eat_eol(p);  /* a line break inside the field becomes \n */
        if (field_put(p, p->s[p->pos - 1] == '"' ? "\"" : "\n", 1, row_line))
            return -1;
    }
    if (p->pos < p->len && p->s[p->pos] != p->c->delimiter && !at_eol(p)) {
        xl_csv_add_problem(p->c, p->line, NULL, 0, _(CSV_E_AFTER_QUOTE_FMT), fieldno);
        return parse_plain(p, row_line);
    }
    return 0;
}

static int is_blank_cp(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x3000 ||
           cp == 0x00A0 || cp == 0x200B || cp == 0xFEFF;
}

static int blank_str(const char *s)
{
    size_t n = strlen(s);
    while (n > 0) {
        uint32_t cp;
        size_t k = xl_utf8_decode(s, n, &cp);
        if (!is_blank_cp(cp))
            return 0;
        s += k, n -= k;
    }
    return 1;
}

static int row_blank(const csv_parse *p, size_t first)
{
    for (size_t i = first; i < p->nf; i++)
        if (!blank_str(p->arena.data + p->foff[i]))
            return 0;
    return 1;
}

static int row_end(csv_parse *p, size_t first, size_t line)
{
    if (row_blank(p, first)) {
        p->nf = first;
        return 0;
    }
    if (p->nrows >= p->c->limits.max_rows) {
        xl_csv_add_problem(p->c, line, NULL, 0, _(CSV_E_MANY_ROWS_FMT), p->c->limits.max_rows);
        return -1;
    }
    if (p->nrows == p->caprows) {
        p->caprows = p->caprows ? p->caprows * 2 : 64;
        p->rows = xl_reallocarray(p->rows, p->caprows, sizeof *p->rows);
    }
    p->rows[p->nrows++] = (prow){.line = line, .first = first, .n = p->nf - first};
    return 0;
}

/* One record (possibly several physical lines). 0 ok, -1 stop. */
static int parse_record(csv_parse *p)
{
    size_t first = p->nf, line = p->line;
    p->row_first = first;
    for (;;) {
        if (field_start(p, line))
            return -1;
        int rc = p->pos < p->len && p->s[p->pos] == '"' ? parse_quoted(p, line)
                                                         : parse_plain(p, line);
        if (rc)
            return -1;
        xl_buf_put(&p->arena, "", 1);
        if (p->pos < p->len && p->s[p->pos] == p->c->delimiter) {
            p->pos++;
            continue;
        }
        if (at_eol(p))
            eat_eol(p);
        return row_end(p, first, line);
    }
}

/* The first line decides the separator: TAB when it has tabs and no comma. */
static char sniff_delimiter(const char *s, size_t n)
{
    int tabs = 0;
    for (size_t i = 0; i < n && s[i] != '\n' && s[i] != '\r'; i++) {
        if (s[i] == ',')
            return ',';
        tabs |= s[i] == '\t';
    }
    return tabs ? '\t' : ',';
}

/* Hands the parsed rows over to c (the arena becomes c->text). */
static void parse_commit(csv_parse *p)
{
    xl_csv *c = p->c;
    c->text = p->arena.data;
    c->fieldv = xl_reallocarray(NULL, p->nf, sizeof *c->fieldv);
    for (size_t i = 0; i < p->nf; i++)
        c->fieldv[i] = c->text + p->foff[i];
    c->rows = xl_reallocarray(NULL, p->nrows, sizeof *c->rows);
    for (size_t i = 0; i < p->nrows; i++)
        c->rows[i] = (xl_csv_row){.line = p->rows[i].line, .nfields = p->rows[i].n,
                                  .fields = c->fieldv + p->rows[i].first};
    c->nrows = p->nrows;
    free(p->foff);
    free(p->rows);
}

static void parse_text(xl_csv *c, const char *s, size_t len)
{
    csv_parse p = {.c = c, .s = s, .len = len, .line = 1};
    xl_buf_init(&p.arena);
    c->delimiter = sniff_delimiter(s, len);
    while (p.pos < p.len)
        if (parse_record(&p))
            break;
    /* keep the rows read before a stop, not a half-read one */
    p.nf = p.nrows ? p.rows[p.nrows - 1].first + p.rows[p.nrows - 1].n : 0;
    parse_commit(&p);
}

/* Rows wider or narrower than the header. Extra empty trailing fields are dropped. */
static void check_ragged(xl_csv *c)
{
    size_t want = c->nrows ? c->rows[0].nfields : 0;
    for (size_t r = 1; r < c->nrows; r++) {
        xl_csv_row *row = &c->rows[r];
        while (row->nfields > want && blank_str(row->fields[row->nfields - 1]))
            row->nfields--;
        if (row->nfields > want)
            xl_csv_add_problem(c, row->line, NULL, 0, _(CSV_E_WIDE_ROW_FMT), row->nfields, want);
        else if (row->nfields < want)
            xl_csv_add_problem(c, row->line, NULL, 0, _(CSV_E_SHORT_ROW_FMT),
                               row->nfields, want);
    }
}

static int has_nul(xl_csv *c, const xl_buf *text)
{
    const char *z = memchr(text->data, '\0', text->len);
    if (!z)
        return 0;
    xl_csv_add_problem(c, line_at(text->data, (size_t)(z - text->data)), NULL, 0,
                       "%s", _(CSV_E_NUL));
    return 1;
}

int xl_csv_read_buf(xl_csv *c, const char *name, const void *data, size_t len, xl_err *err)
{
    xl_csv_release(c);
    c->name = xl_strdup(name ? name : "-");
    if (!data) {
        data = "";
        len = 0;
    }
    if (len > c->limits.max_bytes) {
        xl_csv_add_problem(c, 0, NULL, 0, _(CSV_E_TOO_BIG_FMT), c->limits.max_bytes);
        return finish(c, err);
    }
    xl_buf text;
    xl_buf_init(&text);
    if (decode(c, data, len, &text) == 0 && !has_nul(c, &text))
        parse_text(c, text.data, text.len);
    xl_buf_release(&text);
    if (c->nrows == 0 && c->nerrors == 0)
        xl_csv_add_problem(c, 0, NULL, 0, "%s", _(CSV_E_EMPTY));
    check_ragged(c);
    return finish(c, err);
}

/* Reads all of f (up to max bytes) into b. 0 ok; -1 with errno, or E2BIG when too big. */
static int slurp(FILE *f, size_t max, xl_buf *b)
{
    char chunk[65536];
    for (;;) {
        size_t n = fread(chunk, 1, sizeof chunk, f);
        if (b->len + n > max) {
            errno = E2BIG;
            return -1;
        }
        xl_buf_put(b, chunk, n);
        if (n < sizeof chunk)
            return ferror(f) ? -1 : 0;
    }
}

int xl_csv_read_file(xl_csv *c, const char *path, xl_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        xl_csv_release(c);
        c->name = xl_strdup(path);
        xl_csv_add_problem(c, 0, NULL, 0, _(CSV_E_OPEN_FMT), xl_sys_reason(errno));
        return finish(c, err);
    }
    xl_buf b;
    xl_buf_init(&b);
    int rc = slurp(f, c->limits.max_bytes, &b), e = errno;
    if (fclose(f) != 0 && rc == 0)
        rc = -1, e = errno;
    if (rc == 0) {
        rc = xl_csv_read_buf(c, path, b.data, b.len, err);
    } else {
        xl_csv_release(c);
        c->name = xl_strdup(path);
        if (e == E2BIG)
            xl_csv_add_problem(c, 0, NULL, 0, _(CSV_E_TOO_BIG_FMT), c->limits.max_bytes);
        else
            xl_csv_add_problem(c, 0, NULL, 0, _(CSV_E_READ_FMT), xl_sys_reason(e));
        rc = finish(c, err);
    }
    xl_buf_release(&b);
    return rc;
}

/* ------------------------------------------------------------------ field helpers */

/* ASCII for the full-width forms we fold (and U+3000 / NBSP to space); 0 if none. */
static char ascii_of(uint32_t cp)
{
    if ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
        (cp >= 0xFF41 && cp <= 0xFF5A))
        return (char)(cp - 0xFF00 + 0x20);
    switch (cp) {
    case 0xFF0D: case 0xFF0F: case 0xFF0E: case 0xFF1A: case 0xFF0B: case 0xFF03:
        return (char)(cp - 0xFF00 + 0x20);
    case 0x3000: case 0x00A0:
        return ' ';
    default:
        return 0;
    }
}

/* A cell of ASCII only (most: numbers, dates, codes) is trimmed without decoding. */
static int ascii_only(const char *s, size_t *len)
{
    size_t n = 0;
    for (; s[n]; n++)
        if ((unsigned char)s[n] & 0x80)
            return 0;
    *len = n;
    return 1;
}

static int ascii_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

size_t xl_csv_trim(char *s)
{
    size_t len;
    if (ascii_only(s, &len)) {
        size_t a = 0, b = len;
        while (a < b && ascii_blank(s[a]))
            a++;
        while (b > a && ascii_blank(s[b - 1]))
            b--;
        memmove(s, s + a, b - a);
        s[b - a] = '\0';
        return b - a;
    }
    size_t n = strlen(s), start = 0, end = 0, off = 0;
    int seen = 0;
    while (off < n) {
        uint32_t cp;
        size_t k = xl_utf8_decode(s + off, n - off, &cp);
        if (!is_blank_cp(cp)) {
            if (!seen)
                start = off, seen = 1;
            end = off + k;
        }
        off += k;
    }
    if (!seen)
        start = end = 0;
    memmove(s, s + start, end - start);
    s[end - start] = '\0';
    return end - start;
}

/* Removes a spreadsheet's "treat as text" marker: ="..." or a leading apostrophe. */
static size_t unwrap_text_marker(char *s, size_t n)
{
    if (n >= 3 && s[0] == '=' && s[1] == '"' && s[n - 1] == '"') {
        memmove(s, s + 2, n - 3);
        s[n - 3] = '\0';
        return xl_csv_trim(s);
    }
    if (n >= 1 && s[0] == '\'') {
        memmove(s, s + 1, n);
        return xl_csv_trim(s);
    }
    return n;
}

size_t xl_csv_normalize_digits(char *s)
{
    size_t n = strlen(s), r = 0, w;
    while (r < n && !((unsigned char)s[r] & 0x80)) /* ASCII stays as it is: skip it */
        r++;
    w = r;
    while (r < n) {
        uint32_t cp;
        size_t k = xl_utf8_decode(s + r, n - r, &cp);
        char a = ascii_of(cp);
        if (a) {
            s[w++] = a;
        } else {
            memmove(s + w, s + r, k);
            w += k;
        }
        r += k;
    }
    s[w] = '\0';
    return unwrap_text_marker(s, xl_csv_trim(s));
}

/* ---- dates ---- */

/* Full-width digits first, then the one date reader of base (xiangli/date.h). */
int xl_parse_date(const char *in, char out[11], xl_err *err)
{
    char buf[64];
    if (!in || strlen(in) >= sizeof buf)
        return xl_err_set(err, XL_EFAIL, "%s", _(DATE_E_SHAPE));
    memcpy(buf, in, strlen(in) + 1);
    xl_csv_normalize_digits(buf);
    xl_date_status st = xl_date_read_stamp(buf, out);
    if (st != XL_DATE_OK)
        return xl_err_set(err, XL_EFAIL, _(DATE_E_VALUE_FMT), buf, xl_date_problem(st));
    return XL_OK;
}

/* ---- header names ---- */

static const char *const col_names[XL_COL_COUNT] = {
#define XL_CSV_COL_NAME(id, en, zh) en,
    XL_CSV_COLUMNS(XL_CSV_COL_NAME)
#undef XL_CSV_COL_NAME
};
static const xl_msg col_label_msgs[XL_COL_COUNT] = {
#define XL_CSV_COL_LABEL(id, en, msg) XL_MSG_##msg,
    XL_CSV_COLUMNS(XL_CSV_COL_LABEL)
#undef XL_CSV_COL_LABEL
};

/* Variants, in normalised form (lower case, no blanks, '_', '-', '*', '.' or (note)). The
 * canonical names and labels above are matched too. */
static const struct {
    const char *header;
    int col;
} header_aliases[] = {
    {"名字", XL_COL_NAME}, {"fullname", XL_COL_NAME},
    {"sex", XL_COL_GENDER},
    {"身份证", XL_COL_ID_NUMBER}, {"身份证号码", XL_COL_ID_NUMBER},
    {"证件号码", XL_COL_ID_NUMBER}, {"证件号", XL_COL_ID_NUMBER},
    {"公民身份号码", XL_COL_ID_NUMBER}, {"idnumber", XL_COL_ID_NUMBER},
    {"idno", XL_COL_ID_NUMBER}, {"id", XL_COL_ID_NUMBER}, {"idcard", XL_COL_ID_NUMBER},
    {"手机", XL_COL_PHONE}, {"手机号码", XL_COL_PHONE}, {"电话", XL_COL_PHONE},
    {"联系电话", XL_COL_PHONE}, {"电话号码", XL_COL_PHONE}, {"联系方式", XL_COL_PHONE},
    {"mobile", XL_COL_PHONE}, {"tel", XL_COL_PHONE}, {"telephone", XL_COL_PHONE},
    {"phonenumber", XL_COL_PHONE},
    {"楼号", XL_COL_BUILDING}, {"楼栋号", XL_COL_BUILDING}, {"栋号", XL_COL_BUILDING},
    {"门牌号", XL_COL_BUILDING}, {"buildingno", XL_COL_BUILDING},
    {"房号", XL_COL_ROOM}, {"房间号", XL_COL_ROOM}, {"室号", XL_COL_ROOM},
    {"roomno", XL_COL_ROOM},
    {"人员类型", XL_COL_ROLE}, {"类型", XL_COL_ROLE}, {"角色", XL_COL_ROLE},
    {"人员身份", XL_COL_ROLE}, {"type", XL_COL_ROLE},
    {"入住时间", XL_COL_MOVED_IN}, {"入住", XL_COL_MOVED_IN}, {"入住日", XL_COL_MOVED_IN},
    {"movein", XL_COL_MOVED_IN}, {"moveindate", XL_COL_MOVED_IN},
    {"movedindate", XL_COL_MOVED_IN},
    {"户籍", XL_COL_PROVINCE}, {"户籍地", XL_COL_PROVINCE}, {"户籍所在地", XL_COL_PROVINCE},
    {"籍贯", XL_COL_PROVINCE}, {"省份", XL_COL_PROVINCE}, {"hometown", XL_COL_PROVINCE},
    {"单位", XL_COL_WORKPLACE}, {"工作地点", XL_COL_WORKPLACE},
    {"就业单位", XL_COL_WORKPLACE}, {"服务处所", XL_COL_WORKPLACE},
    {"employer", XL_COL_WORKPLACE}, {"company", XL_COL_WORKPLACE},
};

/* Cuts a trailing "(...)" or "（...）" note. */
static void cut_note(char *s)
{
    size_t n = strlen(s);
    char *open = NULL;
    if (n >= 1 && s[n - 1] == ')')
        open = strrchr(s, '(');
    else if (n >= 3 && strcmp(s + n - 3, "）") == 0)
        for (char *p = strstr(s, "（"); p; p = strstr(p + 1, "（"))
            open = p;
    if (open && open > s)
        *open = '\0';
}

static void header_norm(const char *in, char *out, size_t size)
{
    xl_strlcpy_utf8(out, in ? in : "", size);
    xl_csv_normalize_digits(out);
    cut_note(out);
    size_t w = 0;
    for (size_t r = 0; out[r]; r++) {
        char c = out[r];
        if (c == ' ' || c == '_' || c == '-' || c == '*' || c == '.' || c == '\t')
            continue;
        out[w++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    out[w] = '\0';
    if (strncmp(out, "\xef\xbc\x8a", 3) == 0 || strncmp(out, "※", 3) == 0) /* ＊ ※ */
        memmove(out, out + 3, strlen(out + 3) + 1);
}

int xl_csv_header_column(const char *header)
{
    char h[128];
    header_norm(header, h, sizeof h);
    if (!h[0])
        return -1;
    for (int col = 0; col < XL_COL_COUNT; col++) {
        char canon[32];
        header_norm(col_names[col], canon, sizeof canon);
        if (strcmp(h, canon) == 0 || strcmp(h, xl_csv_column_label(col)) == 0)
            return col;
    }
    for (size_t i = 0; i < sizeof header_aliases / sizeof header_aliases[0]; i++)
        if (strcmp(h, header_aliases[i].header) == 0)
            return header_aliases[i].col;
    return -1;
}

const char *xl_csv_header_lookup(const char *header)
{
    int col = xl_csv_header_column(header);
    return col < 0 ? NULL : col_names[col];
}

const char *xl_csv_column_name(int col)
{
    return col >= 0 && col < XL_COL_COUNT ? col_names[col] : "?";
}

const char *xl_csv_column_label(int col)
{
    return col >= 0 && col < XL_COL_COUNT ? xl_tr_in(col_label_msgs[col], "zh") : "?";
}

static void report_unknown(xl_csv *c, const char *h, size_t line)
{
    if (strstr(h, "，"))
        xl_csv_add_problem(c, line, h, 1, "%s", _(CSV_W_UNKNOWN_COMMAS));
    else
        xl_csv_add_problem(c, line, h, 1, "%s", _(CSV_W_UNKNOWN));
}

int xl_csv_header_map(xl_csv *c, int index[XL_COL_COUNT])
{
    size_t before = c->nerrors;
    for (int col = 0; col < XL_COL_COUNT; col++)
        index[col] = -1;
    if (c->nrows == 0)
        return XL_OK;
    const xl_csv_row *hdr = &c->rows[0];
    for (size_t f = 0; f < hdr->nfields; f++) {
        const char *h = hdr->fields[f];
        int col = xl_csv_header_column(h);
        if (col < 0 && !blank_str(h))
            report_unknown(c, h, hdr->line);
        else if (col >= 0 && index[col] >= 0)
            xl_csv_add_problem(c, hdr->line, h, 0, _(CSV_E_DUP_COL_FMT),
                               (size_t)index[col] + 1, xl_csv_column_label(col), col_names[col]);
        else if (col >= 0)
            index[col] = (int)f;
    }
    return c->nerrors == before ? XL_OK : XL_EFAIL;
}
