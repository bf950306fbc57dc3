/* cmd_assess.c — `xiangli assess`: the property-service assessment (物业服务管理考核).
 *   assess criteria                          the criteria, weights and where they come from
 *   assess score LANE [--quarter Q] KEY=SCORE[:COMMENT]...   score a lane (KEY=- clears)
 *   assess show [--quarter Q] [--json]       a quarter's ranking with the trend
 *   assess history LANE                      one lane over the quarters */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "xiangli/assess.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"

static void this_quarter(char q[8])
{
    char today[11];
    xl_today(today);
    xl_quarter_of(today, q);
}

static int show_criteria(cli_ctx *ctx, const xl_criteria *c)
{
    fprintf(ctx->out, _(ASSESS_SOURCE_FMT), c->source, c->version, c->date);
    fputc('\n', ctx->out);
    for (size_t i = 0; i < c->n; i++)
        fprintf(ctx->out, "  %-14s %3d  %s\n", c->c[i].key, c->c[i].weight,
                strcmp(xl_i18n_lang(), "en") ? c->c[i].name : c->c[i].name_en);
    return XL_OK;
}

static void put_total(FILE *f, double t)
{
    if (t < 0)
        fputs("     —", f);
    else
        fprintf(f, "%6.2f", t);
}

static void show_row(cli_ctx *ctx, const xl_assess_row *r, int with_quarter)
{
    if (r->rank > 0)
        fprintf(ctx->out, "%3d  ", r->rank);
    else
        fputs("  —  ", ctx->out);
    fprintf(ctx->out, "%s  %s  ", with_quarter ? r->quarter : "", r->lane);
    put_total(ctx->out, r->total);
    fputs("  ", ctx->out);
    put_total(ctx->out, r->prev_total);
    if (r->total >= 0 && r->prev_total >= 0)
        fprintf(ctx->out, "  %+.2f", r->total - r->prev_total);
    if (r->missing)
        fprintf(ctx->out, _(ASSESS_MISSING_FMT), r->missing);
    fputc('\n', ctx->out);
}

static void show_json(cli_ctx *ctx, const char *q, const xl_assess_row *rows, size_t n)
{
    xl_buf b;
    xl_buf_init(&b);
    xl_buf_printf(&b, "{\"quarter\": \"%s\", \"lanes\": [", q);
    for (size_t i = 0; i < n; i++) {
        xl_buf_printf(&b, "%s\n {\"lane_id\": %d, \"lane\": ", i ? "," : "", rows[i].lane_id);
        xl_buf_json_str(&b, rows[i].lane);
        xl_buf_printf(&b, ", \"rank\": %d, \"scored\": %d, \"missing\": %d, \"total\": ",
                      rows[i].rank, rows[i].scored, rows[i].missing);
        xl_buf_printf(&b, rows[i].total < 0 ? "null" : "%.2f", rows[i].total);
        xl_buf_puts(&b, ", \"previous\": ");
        xl_buf_printf(&b, rows[i].prev_total < 0 ? "null" : "%.2f", rows[i].prev_total);
        xl_buf_puts(&b, "}");
    }
    xl_buf_puts(&b, "\n]}\n");
    fputs(b.data, ctx->out);
    xl_buf_release(&b);
}

static int show(cli_ctx *ctx, const xl_criteria *c, int argc, char **argv, xl_err *err)
{
    char q[8];
    int json = 0;
    this_quarter(q);
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--quarter") && i + 1 < argc && xl_quarter_valid(argv[i + 1]))
            snprintf(q, sizeof q, "%s", argv[++i]);
        else if (!strcmp(argv[i], "--json"))
            json = 1;
        else
            return xl_err_set(err, XL_EUSAGE, "%s", _(ASSESS_BAD_QUARTER));
    }
    xl_assess_row *rows;
    size_t n;
    if (xl_assess_quarter(ctx->db, c, q, &rows, &n, err))
        return XL_EFAIL;
    if (json) {
        show_json(ctx, q, rows, n);
    } else {
        fprintf(ctx->out, _(ASSESS_SHOW_HEAD_FMT), q);
        fputc('\n', ctx->out);
        for (size_t i = 0; i < n; i++)
            show_row(ctx, &rows[i], 0);
    }
    free(rows);
    return XL_OK;
}

static int history(cli_ctx *ctx, const xl_criteria *c, int argc, char **argv, xl_err *err)
{
    int lane = argc == 3 ? xl_lane_find(ctx->db, argv[2]) : 0;
    if (!lane)
        return xl_err_set(err, argc == 3 ? XL_EFAIL : XL_EUSAGE, "%s", _(ASSESS_BAD_LANE));
    xl_assess_row *rows;
    size_t n;
    if (xl_assess_history(ctx->db, c, lane, &rows, &n, err))
        return XL_EFAIL;
    for (size_t i = 0; i < n; i++)
        show_row(ctx, &rows[i], 1);
    free(rows);
    return XL_OK;
}

int cmd_assess_score(cli_ctx *ctx, const xl_criteria *c, int argc, char **argv, xl_err *err);

int cmd_assess(cli_ctx *ctx, int argc, char **argv, xl_err *err)
{
    const char *what = argc > 1 ? argv[1] : "";
    if (strcmp(what, "criteria") && strcmp(what, "score") && strcmp(what, "show") &&
        strcmp(what, "history"))
        return xl_err_set(err, XL_EUSAGE, "%s", _(CLI_E_ASSESS_WHAT));
    if (cli_open_db(ctx, 0, err))
        return XL_EFAIL;
    xl_criteria c;
    if (xl_criteria_load(ctx->db, &c, err))
        return XL_EFAIL;
    int rc = !strcmp(what, "criteria") ? show_criteria(ctx, &c)
           : !strcmp(what, "score") ? cmd_assess_score(ctx, &c, argc, argv, err)
           : !strcmp(what, "show") ? show(ctx, &c, argc, argv, err)
           : history(ctx, &c, argc, argv, err);
    xl_criteria_release(&c);
    return rc;
}
