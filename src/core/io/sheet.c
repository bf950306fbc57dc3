/* sheet.c — the one sheet interface (sheet.h): opening a book by its content, CSV as a
 * one-sheet book, the header row, and spreadsheet numbers as text. */
#include "xiangli/sheet.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sheet_internal.h"
#include "xiangli/date.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"

#define HEADER_SCAN_ROWS 30

struct xl_book {
    char *path;
    xl_book_kind kind;
    const sheet_format *fmt;
    void *state;
    char **names;
    size_t n;
};

void xl_sheet_init(xl_sheet *s)
{
    memset(s, 0, sizeof *s);
    xl_csv_init(&s->t);
}

void xl_sheet_release(xl_sheet *s)
{
    xl_csv_release(&s->t);
    free(s->lost);
    s->lost = NULL;
    s->nlost = 0;
}

void xl_sheet_take(xl_sheet *s, xl_csv *to)
{
    xl_csv_release(to);
    *to = s->t;
    xl_csv_init(&s->t);
    xl_sheet_release(s);
}

/* ------------------------------------------------------------------ numbers */

/* Days since 1970-01-01 → y-m-d (proleptic Gregorian). */
static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* An Excel serial day as YYYY-MM-DD; 0 when out of 1900..9999. */
static int serial_date(double v, int system1904, char *out, size_t size)
{
    if (!(v >= 1 && v < 2958466))
        return 0;
    long day = (long)floor(v);
    /* 1900 system: day 1 is 1900-01-01 and day 60 the 29 February Lotus invented */
    long unix_days = system1904 ? day - 24107 : day - (day < 61 ? 25568 : 25569);
    if (!system1904 && day == 60)
        unix_days = -25508; /* no such day: read as 1900-03-01 */
    int y, m, d;
    civil_from_days(unix_days, &y, &m, &d);
    snprintf(out, size, "%04d-%02d-%02d", y, m, d);
    return 1;
}

int xl_sheet_number_text(double v, int date, char *out, size_t size)
{
    if (size)
        out[0] = '\0';
    if (isnan(v) || isinf(v))
        return 0;
    if (date && serial_date(v, date == 2, out, size))
        return 0;
    if (v == floor(v)) {
        snprintf(out, size, "%.0f", v == 0 ? 0.0 : v);
        return fabs(v) >= 1e15;
    }
    snprintf(out, size, "%.15g", v);
    return 0;
}

/* ------------------------------------------------------------------ CSV as a book */

static int csv_open(const char *path, void **state, char ***names, size_t *n, xl_err *err)
{
    (void)err;
    *state = xl_strdup(path);
    *names = xl_calloc(1, sizeof **names);
    (*names)[0] = xl_strdup("");
    *n = 1;
    return XL_OK;
}

static int csv_read(void *state, size_t i, sheet_build *b, xl_sheet *s, xl_err *err)
{
    (void)i;
    (void)b;
    return xl_csv_read_file(&s->t, state, err);
}

static const sheet_format sheet_csv = {csv_open, csv_read, free};

/* ------------------------------------------------------------------ opening */

static int has_suffix(const char *path, const char *ext)
{
    size_t n = strlen(path), k = strlen(ext);
    return n > k && strcasecmp(path + n - k, ext) == 0;
}

/* The format by the first bytes; a workbook's name on other content is refused. */
static int sniff(const char *path, xl_book *b, xl_err *reason)
{
    unsigned char head[8] = {0};
    FILE *f = fopen(path, "rb");
    if (!f && (errno != ENOENT || !(has_suffix(path, ".xlsx") || has_suffix(path, ".xls"))))
        return XL_OK; /* the CSV reader says why it cannot open it */
    if (!f) /* a missing workbook is missing, not a workbook without sheets */
        return xl_err_set(reason, XL_EFAIL, "%s", xl_sys_reason(errno));
    size_t got = fread(head, 1, sizeof head, f);
    fclose(f);
    static const unsigned char ole[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    if (got >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] < 9 && head[3] < 9) {
        b->kind = XL_BOOK_XLSX;
        b->fmt = &xl_sheet_xlsx;
    } else if (got == 8 && memcmp(head, ole, 8) == 0) {
        b->kind = XL_BOOK_XLS;
        b->fmt = &xl_sheet_xls;
    } else if (has_suffix(path, ".xlsx") || has_suffix(path, ".xls") || has_suffix(path, ".xlsm")
               || has_suffix(path, ".et")) {
        return xl_err_set(reason, XL_EFAIL, "%s", _(SHEET_E_NOT_BOOK));
    }
    return XL_OK;
}

/* Opens b; reason gets the user's message without the file name. */
static int book_open(xl_book *b, xl_err *reason)
{
    int rc = sniff(b->path, b, reason);
    if (rc == XL_OK)
        rc = b->fmt->open(b->path, &b->state, &b->names, &b->n, reason);
    if (rc == XL_OK && b->n == 0)
        rc = xl_err_set(reason, XL_EFAIL, "%s", _(SHEET_E_NO_SHEETS));
    return rc;
}

static int open_reason(xl_book **out, const char *path, xl_err *reason)
{
    *out = NULL;
    xl_book *b = xl_calloc(1, sizeof *b);
    b->path = xl_strdup(path ? path : "");
    b->kind = XL_BOOK_CSV;
    b->fmt = &sheet_csv;
    xl_err_clear(reason);
    if (book_open(b, reason) != XL_OK) {
        xl_book_close(b);
        return XL_EFAIL;
    }
    *out = b;
    return XL_OK;
}

int xl_book_open(xl_book **out, const char *path, xl_err *err)
{
    xl_err reason;
    if (open_reason(out, path, &reason) == XL_OK)
        return XL_OK;
    return xl_err_set(err, XL_EFAIL, "%s: %s", path ? path : "", reason.msg);
}

void xl_book_close(xl_book *b)
{
    if (!b)
        return;
    if (b->state)
        b->fmt->close(b->state);
    for (size_t i = 0; i < b->n; i++)
        free(b->names[i]);
    free(b->names);
    free(b->path);
    free(b);
}

xl_book_kind xl_book_kind_of(const xl_book *b)
{
    return b->kind;
}

size_t xl_book_count(const xl_book *b)
{
    return b->n;
}

const char *xl_book_sheet_name(const xl_book *b, size_t i)
{
    return i < b->n ? b->names[i] : "";
}

int xl_book_find(const xl_book *b, const char *name)
{
    char want[128];
    xl_strlcpy_utf8(want, name, sizeof want);
    xl_csv_trim(want);
    for (size_t i = 0; i < b->n; i++) {
        char have[128];
        xl_strlcpy_utf8(have, b->names[i], sizeof have);
        xl_csv_trim(have);
        if (strcmp(have, want) == 0)
            return (int)i;
    }
    return -1;
}

/* err: the first error problem, as the CSV reader gives it. */
static int first_error(const xl_sheet *s, xl_err *err)
{
    for (size_t i = 0; i < s->t.nproblems; i++) {
        if (s->t.problems[i].warning)
            continue;
        char msg[512];
        xl_csv_format_problem(&s->t, &s->t.problems[i], msg, sizeof msg);
        if (s->t.nerrors > 1)
            return xl_err_set(err, XL_EFAIL, _(CSV_AND_MORE_FMT), msg, s->t.nerrors - 1);
        return xl_err_set(err, XL_EFAIL, "%s", msg);
    }
    return s->t.nerrors ? xl_err_set(err, XL_EFAIL, "%s", s->t.name ? s->t.name : "-") : XL_OK;
}

int xl_book_read(xl_book *b, size_t i, xl_sheet *s, xl_err *err)
{
    xl_sheet_release(s);
    if (i >= b->n)
        return xl_err_set(err, XL_EFAIL, "%s: %s", b->path, _(SHEET_E_NO_SHEETS));
    if (b->kind == XL_BOOK_CSV)
        return b->fmt->read(b->state, i, NULL, s, err);
    sheet_build build;
    sheet_build_init(&build, &s->t.limits);
    char *name = xl_asprintf(_(SHEET_NAME_FMT), b->path, b->names[i]);
    xl_err reason;
    xl_err_clear(&reason);
    if (b->fmt->read(b->state, i, &build, s, &reason) == XL_OK) {
        sheet_build_finish(&build, s, name);
    } else {
        free(s->t.name);
        s->t.name = xl_strdup(name);
        xl_csv_add_problem(&s->t, 0, NULL, 0, "%s", reason.msg);
    }
    sheet_build_release(&build);
    free(name);
    return first_error(s, err);
}

int xl_sheet_load(const char *path, xl_sheet *s, xl_err *err)
{
    xl_book *b;
    xl_err reason;
    xl_sheet_release(s);
    if (open_reason(&b, path, &reason) != XL_OK) {
        s->t.name = xl_strdup(path ? path : "-");
        xl_csv_add_problem(&s->t, 0, NULL, 0, "%s", reason.msg);
        return xl_err_set(err, XL_EFAIL, "%s: %s", s->t.name, reason.msg);
    }
    int rc = xl_book_read(b, 0, s, err);
    xl_book_close(b);
    return rc;
}

/* ------------------------------------------------------------------ header row */

static size_t known_cells(const xl_csv_row *row, int (*known)(const char *))
{
    size_t k = 0;
    for (size_t f = 0; f < row->nfields; f++)
        k += known(row->fields[f]) != 0;
    return k;
}

static void refuse_lost(xl_sheet *s)
{
    const xl_csv_row *hdr = &s->t.rows[0];
    for (size_t i = 0; i < s->nlost; i++) {
        if (s->lost[i].line <= hdr->line)
            continue;
        const char *col = s->lost[i].field < hdr->nfields ? hdr->fields[s->lost[i].field] : "";
        xl_csv_add_problem(&s->t, s->lost[i].line, col, 0, "%s", _(SHEET_E_LOST_DIGITS));
    }
}

int xl_sheet_use_header(xl_sheet *s, int (*known)(const char *header), size_t min_known,
                        const char *example)
{
    size_t at = s->t.nrows;
    for (size_t r = 0; r < s->t.nrows && r < HEADER_SCAN_ROWS && at == s->t.nrows; r++)
        if (known_cells(&s->t.rows[r], known) >= (min_known ? min_known : 1))
            at = r;
    if (at == s->t.nrows) {
        if (example && (s->t.nrows || s->t.nerrors == 0))
            xl_csv_add_problem(&s->t, 0, NULL, 0, _(SHEET_E_NO_HEADER_FMT), example);
        return XL_EFAIL;
    }
    memmove(s->t.rows, s->t.rows + at, (s->t.nrows - at) * sizeof *s->t.rows);
    s->t.nrows -= at;
    size_t before = s->t.nerrors;
    refuse_lost(s);
    return s->t.nerrors == before ? XL_OK : XL_EFAIL;
}
