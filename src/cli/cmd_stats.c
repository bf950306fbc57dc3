/* cmd_stats.c — `xiangli stats [--json]`. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/stats.h"

static void print_text(cli_ctx *ctx, const xl_stats *st)
{
    int under60 = 0, mid = 0, over80 = 0;
    for (size_t i = 0; i < st->nbuildings; i++) {
        double r = st->per_building[i].rate;
        if (r < 0)
            continue; /* no headcount declared: no rate */
        if (r < 0.6)
            under60++;
        else if (r < 0.8)
            mid++;
        else
            over80++;
    }
    char rate[64];
    if (st->registration_rate < 0)
        snprintf(rate, sizeof rate, "%s", _(RATE_DASH));
    else
        snprintf(rate, sizeof rate, "%.1f%%", st->registration_rate * 100.0);
    fprintf(ctx->out, _(CLI_STATS_FMT), _(BUILDING), st->buildings, _(RESIDENTS), st->residents,
            _(ROLE_TENANT), st->tenants, _(DECLARED), st->declared, _(REG_RATE), rate);
    fprintf(ctx->out, _(CLI_STATS_BANDS_FMT), under60, mid, over80);
    fputc('\n', ctx->out);
}

int cmd_stats(cli_ctx *ctx, int argc, char **argv, xl_err *err)
{
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            json = 1;
        else
            return xl_err_set(err, XL_EUSAGE, _(CLI_E_UNKNOWN_ARG_FMT), argv[i]);
    }
    if (cli_open_db(ctx, 0, err))
        return XL_EFAIL;
    xl_stats st;
    if (xl_stats_compute(ctx->db, &st, err))
        return XL_EFAIL;
    if (json) {
        xl_buf b;
        xl_buf_init(&b);
        xl_stats_json(&st, &b);
        fputs(b.data, ctx->out);
        xl_buf_release(&b);
    } else {
        print_text(ctx, &st);
    }
    xl_stats_release(&st);
    return XL_OK;
}
