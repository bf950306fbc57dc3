/* sheet_xlsx.c — Excel .xlsx (Office Open XML) through libzip and expat: the workbook's
 * sheet list, shared strings, the styles that make a number a date, and each sheet's
 * cells and merged ranges (rules in sheet.h). Every part is streamed to expat in chunks
 * with a cap on its unpacked size, so a damaged or hostile file gives a message, never a
 * crash. Element names are compared without their namespace prefix. */
#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "sheet_internal.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"

#define PART_MAX ((zip_uint64_t)512 << 20) /* unpacked bytes of one part */
#define STRINGS_MAX 2000000

typedef struct xlsx {
    zip_t *zip;
    char **targets;      /* per sheet: its part in the zip */
    char **strings;      /* shared strings */
    size_t nstrings, capstrings;
    unsigned char *xf_date; /* per cell style: 1 when its number format is a date */
    size_t nxf;
    int date1904;
} xlsx;

/* ------------------------------------------------------------------ plumbing */

static const char *local(const char *name)
{
    const char *c = strrchr(name, ':');
    return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(local(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

/* Streams one part through parser. 1 parsed; 0 missing; -1 damaged or too big. */
static int parse_part(zip_t *z, const char *name, XML_Parser p)
{
    zip_int64_t idx = zip_name_locate(z, name, ZIP_FL_NOCASE);
    if (idx < 0)
        return 0;
    zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)idx, 0);
    if (!f)
        return -1;
    char chunk[65536];
    zip_uint64_t total = 0;
    int rc = 1;
    for (;;) {
        zip_int64_t n = zip_fread(f, chunk, sizeof chunk);
        if (n < 0 || (total += (zip_uint64_t)(n > 0 ? n : 0)) > PART_MAX) {
            rc = -1;
            break;
        }
        if (XML_Parse(p, chunk, (int)n, n == 0) != XML_STATUS_OK) {
            rc = -1;
            break;
        }
        if (n == 0)
            break;
    }
    zip_fclose(f);
    return rc;
}

typedef struct text_acc {
    xl_buf buf;
    int on;    /* inside a <t> being kept */
    int skip;  /* depth inside <rPh> (phonetic guide), whose text is not the value */
} text_acc;

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    text_acc *a = ud; /* every handler context starts with a text_acc */
    if (a->on && !a->skip && a->buf.len < ((size_t)64 << 10))
        xl_buf_put(&a->buf, s, (size_t)len);
}

static XML_Parser parser_new(void *ud, XML_StartElementHandler st, XML_EndElementHandler en)
{
    XML_Parser p = XML_ParserCreate("UTF-8");
    if (!p)
        abort();
    XML_SetUserData(p, ud);
    XML_SetElementHandler(p, st, en);
    XML_SetCharacterDataHandler(p, on_text);
    return p;
}

static void acc_take(text_acc *a, char **out)
{
    xl_buf_put(&a->buf, "", 1);
    *out = xl_strdup(a->buf.data);
    a->buf.len = 0;
}

/* ------------------------------------------------------------------ workbook */

typedef struct wb_ctx {
    text_acc a;
    char **names, **rids;
    size_t n;
    int date1904;
} wb_ctx;

static void XMLCALL wb_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    wb_ctx *w = ud;
    const char *e = local(el);
    if (strcmp(e, "workbookPr") == 0) {
        const char *d = attr(atts, "date1904");
        w->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
    }
    if (strcmp(e, "sheet") != 0 || w->n >= 4096)
        return;
    const char *name = attr(atts, "name"), *rid = attr(atts, "id");
    w->names = xl_reallocarray(w->names, w->n + 1, sizeof *w->names);
    w->rids = xl_reallocarray(w->rids, w->n + 1, sizeof *w->rids);
    w->names[w->n] = xl_strdup(name ? name : "");
    w->rids[w->n] = xl_strdup(rid ? rid : "");
    w->n++;
}

static void XMLCALL no_end(void *ud, const XML_Char *el)
{
    (void)ud;
    (void)el;
}

typedef struct rel_ctx {
    text_acc a;
    wb_ctx *wb;
    char **targets;
} rel_ctx;

/* "worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml"; "/xl/…" → "xl/…". */
static char *part_path(const char *target)
{
    if (target[0] == '/')
        return xl_strdup(target + 1);
    return xl_asprintf("xl/%s", target);
}

static void XMLCALL rel_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    rel_ctx *r = ud;
    if (strcmp(local(el), "Relationship") != 0)
        return;
    const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
    for (size_t i = 0; id && target && i < r->wb->n; i++)
        if (!r->targets[i] && strcmp(r->wb->rids[i], id) == 0)
            r->targets[i] = part_path(target);
}

static void wb_free(wb_ctx *w, int keep_names)
{
    for (size_t i = 0; i < w->n; i++) {
        if (!keep_names)
            free(w->names[i]);
        free(w->rids[i]);
    }
    if (!keep_names)
        free(w->names);
    free(w->rids);
    xl_buf_release(&w->a.buf);
}

static int read_rels(xlsx *x, wb_ctx *w)
{
    rel_ctx r = {.wb = w};
    xl_buf_init(&r.a.buf);
    r.targets = xl_calloc(w->n + 1, sizeof *r.targets);
    XML_Parser p = parser_new(&r, rel_start, no_end);
    int rc = parse_part(x->zip, "xl/_rels/workbook.xml.rels", p);
    XML_ParserFree(p);
    xl_buf_release(&r.a.buf);
    for (size_t i = 0; i < w->n; i++)
        if (!r.targets[i])
            r.targets[i] = xl_asprintf("xl/worksheets/sheet%zu.xml", i + 1);
    x->targets = r.targets;
    return rc < 0 ? -1 : 0;
}

static int read_workbook(xlsx *x, char ***names, size_t *n, xl_err *reason)
{
    wb_ctx w = {0};
    xl_buf_init(&w.a.buf);
    XML_Parser p = parser_new(&w, wb_start, no_end);
    int rc = parse_part(x->zip, "xl/workbook.xml", p);
    XML_ParserFree(p);
    if (rc == 1 && read_rels(x, &w) < 0)
        rc = -1;
    x->date1904 = w.date1904;
    if (rc != 1) {
        wb_free(&w, 0);
        return xl_err_set(reason, XL_EFAIL, "%s", rc == 0 ? _(SHEET_E_NOT_BOOK) : _(SHEET_E_ZIP_BAD));
    }
    *names = w.names;
    *n = w.n;
    wb_free(&w, 1);
    return XL_OK;
}

/* ------------------------------------------------------------------ shared strings */

typedef struct sst_ctx {
    text_acc a;
    xlsx *x;
} sst_ctx;

static void XMLCALL sst_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    (void)atts;
    sst_ctx *c = ud;
    const char *e = local(el);
    if (strcmp(e, "si") == 0)
        c->a.buf.len = 0;
    else if (strcmp(e, "t") == 0)
        c->a.on = 1;
    else if (strcmp(e, "rPh") == 0)
        c->a.skip++;
}

static void XMLCALL sst_end(void *ud, const XML_Char *el)
{
    sst_ctx *c = ud;
    xlsx *x = c->x;
    const char *e = local(el);
    if (strcmp(e, "t") == 0)
        c->a.on = 0;
    else if (strcmp(e, "rPh") == 0 && c->a.skip)
        c->a.skip--;
    if (strcmp(e, "si") != 0 || x->nstrings >= STRINGS_MAX)
        return;
    if (x->nstrings == x->capstrings) {
        x->capstrings = x->capstrings ? x->capstrings * 2 : 256;
        x->strings = xl_reallocarray(x->strings, x->capstrings, sizeof *x->strings);
    }
    acc_take(&c->a, &x->strings[x->nstrings++]);
}

static int read_strings(xlsx *x)
{
    sst_ctx c = {.x = x};
    xl_buf_init(&c.a.buf);
    XML_Parser p = parser_new(&c, sst_start, sst_end);
    int rc = parse_part(x->zip, "xl/sharedStrings.xml", p);
    XML_ParserFree(p);
    xl_buf_release(&c.a.buf);
    return rc < 0 ? -1 : 0;
}

/* ------------------------------------------------------------------ styles: dates */

/* Built-in number formats that show a date (14-22 and the East Asian 27-36, 50-58). */
static int builtin_date(long id)
{
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

/* A custom format is a date when y, m or d appears outside quotes, [..] and escapes,
 * with y or d among them (a lone m next to h or s is minutes). */
static int code_is_date(const char *code)
{
    int yd = 0;
    for (const char *p = code; *p; p++) {
        if (*p == '"') {
            const char *q = strchr(p + 1, '"');
            if (!q)
                break;
            p = q;
        } else if (*p == '[') {
            const char *q = strchr(p + 1, ']');
            if (!q)
                break;
            p = q;
        } else if ((*p == '\\' || *p == '_' || *p == '*') && p[1]) {
            p++;
        } else if (*p == 'y' || *p == 'Y' || *p == 'd' || *p == 'D' || *p == 'e') {
            yd = 1;
        }
    }
    return yd;
}

typedef struct style_ctx {
    text_acc a;
    xlsx *x;
    long *date_ids;
    size_t ndate;
    int in_xfs;
} style_ctx;

static int custom_date(const style_ctx *c, long id)
{
    for (size_t i = 0; i < c->ndate; i++)
        if (c->date_ids[i] == id)
            return 1;
    return 0;
}

static void style_numfmt(style_ctx *c, const char **atts)
{
    const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
    if (!id || !code || !code_is_date(code) || c->ndate >= 1024)
        return;
    c->date_ids = xl_reallocarray(c->date_ids, c->ndate + 1, sizeof *c->date_ids);
    c->date_ids[c->ndate++] = strtol(id, NULL, 10);
}

static void XMLCALL style_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    style_ctx *c = ud;
    xlsx *x = c->x;
    const char *e = local(el);
    if (strcmp(e, "numFmt") == 0)
        style_numfmt(c, atts);
    else if (strcmp(e, "cellXfs") == 0)
        c->in_xfs = 1;
    else if (strcmp(e, "xf") == 0 && c->in_xfs && x->nxf < 65536) {
        const char *id = attr(atts, "numFmtId");
        long v = id ? strtol(id, NULL, 10) : 0;
        x->xf_date = xl_reallocarray(x->xf_date, x->nxf + 1, 1);
        x->xf_date[x->nxf++] = (unsigned char)(builtin_date(v) || custom_date(c, v));
    }
}

static void XMLCALL style_end(void *ud, const XML_Char *el)
{
    style_ctx *c = ud;
    if (strcmp(local(el), "cellXfs") == 0)
        c->in_xfs = 0;
}

static int read_styles(xlsx *x)
{
    style_ctx c = {.x = x};
    xl_buf_init(&c.a.buf);
    XML_Parser p = parser_new(&c, style_start, style_end);
    int rc = parse_part(x->zip, "xl/styles.xml", p);
    XML_ParserFree(p);
    free(c.date_ids);
    xl_buf_release(&c.a.buf);
    return rc < 0 ? -1 : 0;
}

/* ------------------------------------------------------------------ open / close */

static void xlsx_close(void *state)
{
    xlsx *x = state;
    if (!x)
        return;
    if (x->zip)
        zip_discard(x->zip);
    for (size_t i = 0; x->targets && x->targets[i]; i++)
        free(x->targets[i]);
    free(x->targets);
    for (size_t i = 0; i < x->nstrings; i++)
        free(x->strings[i]);
    free(x->strings);
    free(x->xf_date);
    free(x);
}

static int xlsx_open(const char *path, void **state, char ***names, size_t *n, xl_err *reason)
{
    int zerr = 0;
    xlsx *x = xl_calloc(1, sizeof *x);
    x->zip = zip_open(path, ZIP_RDONLY, &zerr);
    int rc = x->zip ? read_workbook(x, names, n, reason)
                    : xl_err_set(reason, XL_EFAIL, "%s", _(SHEET_E_ZIP_BAD));
    if (rc == XL_OK && (read_strings(x) < 0 || read_styles(x) < 0))
        rc = xl_err_set(reason, XL_EFAIL, "%s", _(SHEET_E_ZIP_BAD));
    if (rc != XL_OK) {
        if (*names) {
            for (size_t i = 0; i < *n; i++)
                free((*names)[i]);
            free(*names);
            *names = NULL;
            *n = 0;
        }
        xlsx_close(x);
        return rc;
    }
    *state = x;
    return XL_OK;
}

/* ------------------------------------------------------------------ a sheet */

typedef struct cell_ctx {
    text_acc a;
    xlsx *x;
    sheet_build *b;
    size_t row, col;      /* current (0-based); row of the last <row> */
    int have_row;
    char type[12];
    long style;
    int in_v, in_is;
} cell_ctx;

int xl_sheet_ref(const char *ref, size_t *row, size_t *col)
{
    size_t c = 0, r = 0, letters = 0, digits = 0;
    const char *p = ref;
    if (*p == '$')
        p++;
    for (; *p >= 'A' && *p <= 'Z' && letters < 4; p++, letters++)
        c = c * 26 + (size_t)(*p - 'A' + 1);
    if (*p == '$')
        p++;
    for (; *p >= '0' && *p <= '9' && digits < 8; p++, digits++)
        r = r * 10 + (size_t)(*p - '0');
    if (!letters || letters > 3 || !digits || *p || r == 0)
        return 0;
    *row = r - 1;
    *col = c - 1;
    return 1;
}

static void cell_begin(cell_ctx *c, const char **atts)
{
    const char *r = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");
    size_t row, col;
    if (r && xl_sheet_ref(r, &row, &col)) {
        c->row = row;
        c->col = col;
    } else {
        c->col++;
    }
    snprintf(c->type, sizeof c->type, "%s", t ? t : "n");
    c->style = s ? strtol(s, NULL, 10) : 0;
    c->a.buf.len = 0;
}

static void cell_emit(cell_ctx *c)
{
    xlsx *x = c->x;
    xl_buf_put(&c->a.buf, "", 1);
    const char *v = c->a.buf.data, *t = c->type;
    char num[64];
    int lost = 0;
    if (strcmp(t, "s") == 0) {
        char *end;
        unsigned long i = strtoul(v, &end, 10);
        v = (*v && !*end && i < x->nstrings) ? x->strings[i] : "";
    } else if (strcmp(t, "b") == 0) {
        v = strcmp(v, "1") == 0 ? "TRUE" : "FALSE";
    } else if (strcmp(t, "e") == 0) {
        v = "";
    } else if (strcmp(t, "n") == 0 && *v) {
        int date = c->style >= 0 && (size_t)c->style < x->nxf && x->xf_date[c->style];
        lost = xl_sheet_number_text(strtod(v, NULL), date ? 1 + x->date1904 : 0, num, sizeof num);
        v = num;
    } else if (strcmp(t, "d") == 0 && strlen(v) > 10 && v[10] == 'T') {
        memcpy(num, v, 10); /* ISO date cell: keep the date */
        num[10] = '\0';
        v = num;
    }
    sheet_build_cell(c->b, c->row, c->col, v, lost);
    c->a.buf.len = 0;
}

static void merge_ref(cell_ctx *c, const char *ref)
{
    char a[16], b[16];
    const char *colon = ref ? strchr(ref, ':') : NULL;
    size_t r1, c1, r2, c2;
    if (!colon || colon - ref >= 16 || strlen(colon + 1) >= 16)
        return;
    snprintf(a, sizeof a, "%.*s", (int)(colon - ref), ref);
    snprintf(b, sizeof b, "%s", colon + 1);
    if (xl_sheet_ref(a, &r1, &c1) && xl_sheet_ref(b, &r2, &c2))
        sheet_build_merge(c->b, r1, c1, r2, c2);
}

static void XMLCALL sheet_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    cell_ctx *c = ud;
    const char *e = local(el);
    if (strcmp(e, "row") == 0) {
        const char *r = attr(atts, "r");
        long n = r ? strtol(r, NULL, 10) : 0;
        c->row = n > 0 && n <= 1048576 ? (size_t)n - 1 : (c->have_row ? c->row + 1 : 0);
        c->have_row = 1;
        c->col = (size_t)-1;
    } else if (strcmp(e, "c") == 0) {
        cell_begin(c, atts);
    } else if (strcmp(e, "v") == 0) {
        c->a.on = 1;
    } else if (strcmp(e, "is") == 0) {
        c->in_is = 1;
    } else if (strcmp(e, "t") == 0 && c->in_is) {
        c->a.on = 1;
    } else if (strcmp(e, "rPh") == 0) {
        c->a.skip++;
    } else if (strcmp(e, "mergeCell") == 0) {
        merge_ref(c, attr(atts, "ref"));
    }
}

static void XMLCALL sheet_end(void *ud, const XML_Char *el)
{
    cell_ctx *c = ud;
    const char *e = local(el);
    if (strcmp(e, "v") == 0 || strcmp(e, "t") == 0)
        c->a.on = 0;
    else if (strcmp(e, "rPh") == 0 && c->a.skip)
        c->a.skip--;
    else if (strcmp(e, "is") == 0) {
        c->in_is = 0;
        snprintf(c->type, sizeof c->type, "inlineStr");
    } else if (strcmp(e, "c") == 0)
        cell_emit(c);
}

static int xlsx_read(void *state, size_t i, sheet_build *b, xl_sheet *s, xl_err *err)
{
    (void)s;
    xlsx *x = state;
    cell_ctx c = {.x = x, .b = b};
    xl_buf_init(&c.a.buf);
    XML_Parser p = parser_new(&c, sheet_start, sheet_end);
    int rc = parse_part(x->zip, x->targets[i], p);
    XML_ParserFree(p);
    xl_buf_release(&c.a.buf);
    if (rc != 1)
        return xl_err_set(err, XL_EFAIL, "%s", _(SHEET_E_PART_BAD));
    return XL_OK;
}

const sheet_format xl_sheet_xlsx = {xlsx_open, xlsx_read, xlsx_close};
