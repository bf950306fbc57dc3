/* cmd_qr.c — `xiangli qr`: sign-in codes and door posters.
 *
 *   qr building N [--format utf8|utf8i|ansi|svg|png] [--style S] [--ec L|M|Q|H]
 *                 [--scale PX] [-o FILE]
 *   qr payload N            print what building N's code holds
 *   qr verify N PAYLOAD     exit 0 if PAYLOAD is building N's current code, 1 if not
 *   qr rotate N             new token: printed codes for N stop matching (audited)
 *   qr poster N [--format svg|png] -o DIR [--dpi D]
 *   qr --all [--lane L] [--format svg|png] -o DIR [--dpi D]
 *   qr --all [--lane L] --format pdf -o FILE.pdf   (one A4 page per building, real type)
 *   qr poster N --format pdf -o FILE.pdf
 *
 * utf8 prints light modules as ink (right on a dark terminal), utf8i dark modules as ink
 * (right on paper or a light terminal), ansi forces dark-on-light with SGR colours. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/pdf.h"
#include "xiangli/poster.h"
#include "xiangli/qr.h"

#define QR_FORMATS(X) X(UTF8, "utf8") X(UTF8I, "utf8i") X(ANSI, "ansi") X(SVG, "svg") X(PNG, "png") X(PDF, "pdf")
typedef enum {
#define X_(id, name) FMT_##id,
    QR_FORMATS(X_)
#undef X_
    FMT_COUNT,
    FMT_BOTH = FMT_COUNT, /* posters: svg and png */
} qr_format;

static const char *const format_names[] = {
#define X_(id, name) name,
    QR_FORMATS(X_)
#undef X_
};

typedef struct qr_opts {
    int all;
    int format;        /* -1 = not given */
    int style;
    int ec;
    int scale;         /* svg/png pixels per module */
    int dpi;
    const char *out;
    const char *lane;
    const char *pos[3];
    int npos;
} qr_opts;

static int parse_format(const char *s, int *out, xl_err *err)
{
    for (int i = 0; i < FMT_COUNT; i++)
        if (strcmp(s, format_names[i]) == 0)
            return *out = i, XL_OK;
    if (strcmp(s, "both") == 0 || strcmp(s, "svg,png") == 0)
        return *out = FMT_BOTH, XL_OK;
    return xl_err_set(err, XL_EUSAGE, _(CLI_E_QR_FORMAT_FMT), s);
}

/* what: the option's name, or NULL for a building number. */
static int parse_int(const char *what, const char *s, int lo, int hi, int *out, xl_err *err)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi)
        return what ? xl_err_set(err, XL_EUSAGE, _(CLI_E_QR_NUMBER_FMT), what, lo, hi, s)
                    : xl_err_set(err, XL_EUSAGE, _(CLI_E_QR_BUILDING_FMT), lo, hi, s);
    *out = (int)v;
    return XL_OK;
}

/* One option with its value at argv[*i + 1]. */
static int parse_valued(qr_opts *o, const char *opt, const char *val, xl_err *err)
{
    if (!strcmp(opt, "--format"))
        return parse_format(val, &o->format, err);
    if (!strcmp(opt, "--style")) {
        o->style = xl_qr_style_parse(val);
        return o->style >= 0 ? XL_OK
               : xl_err_set(err, XL_EUSAGE, _(CLI_E_QR_STYLE_FMT), val);
    }
    if (!strcmp(opt, "--ec")) {
        o->ec = xl_qr_ec_parse(val);
        return o->ec >= 0 ? XL_OK : xl_err_set(err, XL_EUSAGE, _(CLI_E_QR_EC_FMT), val);
    }
    if (!strcmp(opt, "--scale"))
        return parse_int("--scale", val, 1, 100, &o->scale, err);
    if (!strcmp(opt, "--dpi"))
        return parse_int("--dpi", val, 72, 600, &o->dpi, err);
    if (!strcmp(opt, "-o") || !strcmp(opt, "--output"))
        return o->out = val, XL_OK;
    o->lane = val; /* --lane */
    return XL_OK;
}

static int is_valued(const char *a)
{
    static const char *const names[] = {"--format", "--style", "--ec", "--scale", "--dpi",
                                        "-o", "--output", "--lane"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(a, names[i]))
            return 1;
    return 0;
}

static int parse_args(int argc, char **argv, const xl_config *cfg, qr_opts *o, xl_err *err)
{
    *o = (qr_opts){.format = -1, .style = xl_qr_style_parse(cfg->qr_style),
                   .ec = xl_qr_ec_parse(cfg->qr_ec), .scale = 8, .dpi = 300};
    if (o->style < 0)
        o->style = XL_QR_STYLE_HALFBLOCK;
    if (o->ec < 0)
        o->ec = XL_QR_EC_M;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--all")) {
            o->all = 1;
        } else if (is_valued(a)) {
            if (i + 1 >= argc)
                return xl_err_set(err, XL_EUSAGE, _(CLI_E_NEEDS_VALUE_FMT), a);
            if (parse_valued(o, a, argv[++i], err))
                return XL_EUSAGE;
        } else if (a[0] == '-' && a[1] != '\0') {
            return xl_err_set(err, XL_EUSAGE, _(CLI_E_UNKNOWN_OPT_FMT), a);
        } else if (o->npos < 3) {
            o->pos[o->npos++] = a;
        } else {
            return xl_err_set(err, XL_EUSAGE, _(CLI_E_TOO_MANY_FMT), a);
        }
    }
    return XL_OK;
}

static int parse_building(const qr_opts *o, int *n, xl_err *err)
{
    if (o->npos < 2)
        return xl_err_set(err, XL_EUSAGE, _(CLI_E_QR_NEED_BUILDING_FMT), o->pos[0], o->pos[0]);
    return parse_int(NULL, o->pos[1], 1, 99999, n, err);
}

/* Writes bytes to -o FILE or the output stream. */
static int emit(cli_ctx *ctx, const qr_opts *o, const xl_buf *b, xl_err *err)
{
    if (o->out && strcmp(o->out, "-") != 0)
        return xl_poster_file_write(o->out, b->data, b->len, err);
    errno = 0;
    if (fwrite(b->data, 1, b->len, ctx->out) != b->len || fflush(ctx->out) != 0)
        return xl_err_set(err, XL_EFAIL, _(CLI_E_QR_OUTPUT_FMT), xl_sys_reason(errno ? errno : EIO));
    return XL_OK;
}

static int render(const qr_opts *o, const xl_qr *qr, xl_buf *b, xl_err *err)
{
    switch (o->format) {
    case FMT_UTF8: xl_qr_render_text(qr, (xl_qr_style)o->style, XL_QR_TEXT_INK_LIGHT, b); return XL_OK;
    case FMT_UTF8I: xl_qr_render_text(qr, (xl_qr_style)o->style, 0, b); return XL_OK;
    case FMT_ANSI: xl_qr_render_ansi(qr, (xl_qr_style)o->style, b); return XL_OK;
    case FMT_SVG: xl_qr_render_svg(qr, o->scale, b); return XL_OK;
    case FMT_PNG: return xl_qr_render_png(qr, o->scale, b, err);
    default: return xl_err_set(err, XL_EUSAGE, "%s", _(CLI_E_QR_POSTER_ONLY));
    }
}

static int run_building(cli_ctx *ctx, qr_opts *o, xl_err *err)
{
    int n;
    if (parse_building(o, &n, err))
        return XL_EUSAGE;
    if (o->format < 0)
        o->format = FMT_UTF8;
    int to_stream = !o->out || !strcmp(o->out, "-");
    if (o->format == FMT_PNG && to_stream && isatty(fileno(ctx->out)))
        return xl_err_set(err, XL_EUSAGE, "%s", _(CLI_E_QR_PNG_TTY));
    if (cli_open_db(ctx, 0, err))
        return XL_EFAIL;
    xl_buf payload, b;
    xl_qr qr = {0};
    xl_buf_init(&payload);
    xl_buf_init(&b);
    int rc = xl_qr_payload(ctx->db, ctx->cfg->url_template, n, &payload, err);
    if (rc == XL_OK)
        rc = xl_qr_encode(payload.data, (xl_qr_ec)o->ec, &qr, err);
    if (rc == XL_OK)
        rc = render(o, &qr, &b, err);
    if (rc == XL_OK)
        rc = emit(ctx, o, &b, err);
    xl_qr_release(&qr);
    xl_buf_release(&b);
    xl_buf_release(&payload);
    return rc == XL_ENOTFOUND ? XL_EFAIL : rc;
}

static int run_payload(cli_ctx *ctx, qr_opts *o, xl_err *err)
{
    int n;
    if (parse_building(o, &n, err))
        return XL_EUSAGE;
    if (cli_open_db(ctx, 0, err))
        return XL_EFAIL;
    xl_buf payload;
    xl_buf_init(&payload);
    int rc = xl_qr_payload(ctx->db, ctx->cfg->url_template, n, &payload, err);
    if (rc == XL_OK)
        fprintf(ctx->out, "%s\n", payload.data);
    xl_buf_release(&payload);
    return rc == XL_ENOTFOUND ? XL_EFAIL : rc;
}

static int run_verify(cli_ctx *ctx, qr_opts *o, xl_err *err)
{
    int n;
    if (parse_building(o, &n, err))
        return XL_EUSAGE;
    if (o->npos < 3)
        return xl_err_set(err, XL_EUSAGE, "%s", _(CLI_E_QR_VERIFY_WHAT));
    if (cli_open_db(ctx, 0, err))
        return XL_EFAIL;
    if (!xl_qr_payload_matches(ctx->db, ctx->cfg->url_template, n, o->pos[2]))
        return xl_err_set(err, XL_EFAIL, _(CLI_E_QR_NOT_CURRENT_FMT), n);
    fprintf(ctx->out, _(CLI_QR_VERIFY_OK_FMT), n);
    fputc('\n', ctx->out);
    return XL_OK;
}

static int run_rotate(cli_ctx *ctx, qr_opts *o, xl_err *err)
{
    int n;
    if (parse_building(o, &n, err))
        return XL_EUSAGE;
    if (cli_open_db(ctx, 0, err))
        return XL_EFAIL;
    if (xl_qr_template_check(ctx->cfg->url_template, err))
        return XL_EFAIL;
    int rc = xl_qr_rotate(ctx->db, n, NULL, err);
    if (rc == XL_OK) {
        fprintf(ctx->out, _(QR_ROTATED_FMT), n);
        fputc('\n', ctx->out);
    }
    return rc == XL_ENOTFOUND ? XL_EFAIL : rc;
}

static unsigned poster_formats(int format, xl_err *err)
{
    if (format < 0 || format == FMT_BOTH)
        return XL_POSTER_SVG | XL_POSTER_PNG;
    if (format == FMT_SVG || format == FMT_PNG)
        return format == FMT_SVG ? XL_POSTER_SVG : XL_POSTER_PNG;
    xl_err_set(err, XL_EUSAGE, _(CLI_E_QR_POSTER_FORMAT_FMT), format_names[format]);
    return 0;
}

/* Posters as one PDF, a page per building (cairo + pango, Noto CJK). */
static int run_posters_pdf(cli_ctx *ctx, qr_opts *o, int building, xl_err *err)
{
    if (!o->out)
        return xl_err_set(err, XL_EUSAGE, "%s", _(CLI_E_QR_PDF_OUT));
    if (cli_open_db(ctx, 0, err))
        return XL_EFAIL;
    xl_pdf_job job = {.url_template = ctx->cfg->url_template, .ec = (xl_qr_ec)o->ec,
                      .community = ctx->cfg->community, .lane = o->lane};
    int pages = 0;
    int rc = xl_pdf_posters(ctx->db, &job, building, o->out, &pages, err);
    if (rc == XL_OK) {
        fprintf(ctx->out, _(PDF_DONE_FMT), o->out, pages);
        fputc('\n', ctx->out);
    }
    return rc == XL_ENOTFOUND ? XL_EFAIL : rc;
}

static int run_posters(cli_ctx *ctx, qr_opts *o, int building, xl_err *err)
{
    if (o->format == FMT_PDF)
        return run_posters_pdf(ctx, o, building, err);
    unsigned formats = poster_formats(o->format, err);
    if (!formats)
        return XL_EUSAGE;
    if (!o->out)
        return xl_err_set(err, XL_EUSAGE, "%s", _(CLI_E_QR_DIR_OUT));
    if (cli_open_db(ctx, 0, err))
        return XL_EFAIL;
    xl_poster_job job = {.url_template = ctx->cfg->url_template, .ec = (xl_qr_ec)o->ec,
                         .community = ctx->cfg->community, .dir = o->out, .formats = formats,
                         .dpi = o->dpi, .lane = o->lane};
    xl_poster_result res;
    int rc = xl_posters_write(ctx->db, &job, building, &res, err);
    if (res.font_missing && res.files)
        cli_complain(_(CLI_CMD_ERR_FMT), "qr", _(QR_FONT_MISSING));
    if (rc == XL_OK) {
        fprintf(ctx->out, _(QR_WRITTEN_FMT), res.buildings, res.files, o->out);
        fputc('\n', ctx->out);
    }
    return rc == XL_ENOTFOUND ? XL_EFAIL : rc;
}

static int run_poster_one(cli_ctx *ctx, qr_opts *o, xl_err *err)
{
    int n;
    if (parse_building(o, &n, err))
        return XL_EUSAGE;
    return run_posters(ctx, o, n, err);
}

int cmd_qr(cli_ctx *ctx, int argc, char **argv, xl_err *err)
{
    static const struct {
        const char *name;
        int (*run)(cli_ctx *, qr_opts *, xl_err *);
    } subs[] = {
        {"building", run_building}, {"payload", run_payload}, {"verify", run_verify},
        {"rotate", run_rotate},     {"poster", run_poster_one},
    };
    qr_opts o;
    if (parse_args(argc, argv, ctx->cfg, &o, err))
        return XL_EUSAGE;
    if (o.all && o.npos == 0)
        return run_posters(ctx, &o, 0, err);
    if (o.lane && !o.all)
        return xl_err_set(err, XL_EUSAGE, "%s", _(CLI_E_QR_LANE_ALL));
    for (size_t i = 0; o.npos > 0 && !o.all && i < sizeof subs / sizeof subs[0]; i++)
        if (!strcmp(o.pos[0], subs[i].name))
            return subs[i].run(ctx, &o, err);
    if (o.npos)
        return xl_err_set(err, XL_EUSAGE, _(CLI_E_QR_UNKNOWN_FMT), o.pos[0]);
    return xl_err_set(err, XL_EUSAGE, "%s", _(CLI_E_QR_WHAT));
}
