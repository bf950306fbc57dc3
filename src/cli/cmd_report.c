/* cmd_report.c — `xiangli report [--month YYYY-MM] [--format xlsx|csv] -o FILE.xlsx|DIR`:
 * the monthly workbook for the street office, or the same tables as CSV files. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "xiangli/i18n.h"
#include "xiangli/workbook.h"

typedef struct report_args {
    const char *out;
    const char *month;
    int csv;
} report_args;

static int parse_args(int argc, char **argv, report_args *a, xl_err *err)
{
    memset(a, 0, sizeof *a);
    for (int i = 1; i < argc; i++) {
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if ((!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) && next)
            a->out = argv[++i];
        else if (!strcmp(argv[i], "--month") && next)
            a->month = argv[++i];
        else if (!strcmp(argv[i], "--format") && next && (!strcmp(next, "csv") || !strcmp(next, "xlsx")))
            a->csv = !strcmp(argv[++i], "csv");
        else
            return xl_err_set(err, XL_EUSAGE, _(CLI_E_INCOMPLETE_ARG_FMT), argv[i]);
    }
    if (!a->out)
        return xl_err_set(err, XL_EUSAGE, "%s", _(RPT_NEED_OUT));
    if (a->month && !xl_month_valid(a->month))
        return xl_err_set(err, XL_EUSAGE, "%s", _(RPT_MONTH_BAD));
    return XL_OK;
}

int cmd_report(cli_ctx *ctx, int argc, char **argv, xl_err *err)
{
    report_args a;
    if (parse_args(argc, argv, &a, err))
        return XL_EUSAGE;
    if (cli_open_db(ctx, 0, err))
        return XL_EFAIL;
    xl_report_opts o;
    xl_report_opts_init(&o);
    o.target = ctx->cfg->target_rate;
    o.roundtable_days = ctx->cfg->roundtable_days;
    o.stale_days = ctx->cfg->stale_days;
    if (a.month)
        snprintf(o.month, sizeof o.month, "%s", a.month);
    if (xl_report_write(ctx->db, &o, a.out, a.csv, err))
        return XL_EFAIL;
    fprintf(ctx->out, _(RPT_DONE_FMT), a.out);
    fputc('\n', ctx->out);
    return XL_OK;
}
