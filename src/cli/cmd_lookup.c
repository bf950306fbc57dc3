/* cmd_lookup.c — `xiangli lookup QUERY [--json]`. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "table_out.h"
#include "xiangli/i18n.h"
#include "xiangli/lookup.h"
#include "xiangli/mem.h"

static void print_header(cli_ctx *ctx, const xl_lookup_result *r)
{
    if (r->kind != XL_Q_BUILDING && r->kind != XL_Q_ROOM)
        return;
    fprintf(ctx->out, _(CLI_LOOKUP_HEAD_FMT), r->building, r->resp_name[0] ? r->resp_name : "-",
            cli_role_label(r->resp_role), r->resp_phone_masked[0] ? r->resp_phone_masked : "-");
    fputc('\n', ctx->out);
}

static void print_hits(cli_ctx *ctx, const xl_lookup_result *r)
{
    FILE *f = ctx->out;
    cli_cell(f, _(BUILDING), 6);
    cli_cell(f, _(ROOM), 6);
    cli_cell(f, _(NAME), 10);
    cli_cell(f, _(ROLE), 8);
    cli_cell(f, _(SINCE), 10);
    cli_cell(f, _(PHONE), 11);
    fprintf(f, "%s\n", _(ID_NUMBER));
    for (size_t i = 0; i < r->n; i++) {
        const xl_hit *h = &r->hits[i];
        char num[16], since[32];
        if (h->building > 0)
            snprintf(num, sizeof num, "%d", h->building);
        else
            snprintf(num, sizeof num, "-");
        if (h->moved_out[0])
            snprintf(since, sizeof since, "%s", h->moved_out);
        else
            snprintf(since, sizeof since, "%s", h->moved_in);
        cli_cell(f, num, 6);
        cli_cell(f, h->room, 6);
        cli_cell(f, h->name, 10);
        cli_cell(f, cli_role_label(h->role), 8);
        cli_cell(f, since, 10);
        cli_cell(f, h->phone_masked, 11);
        fprintf(f, "%s%s\n", h->id_masked, h->moved_out[0] ? _(MOVED_OUT_MARK) : "");
    }
    fprintf(f, xl_tr(XL_MSG_PEOPLE_FMT), r->n);
    fputc('\n', f);
}

int cmd_lookup(cli_ctx *ctx, int argc, char **argv, xl_err *err)
{
    const char *query = NULL;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            json = 1;
        else if (argv[i][0] == '-' && argv[i][1] == '-')
            return xl_err_set(err, XL_EUSAGE, _(CLI_E_UNKNOWN_OPT_FMT), argv[i]);
        else if (!query)
            query = argv[i];
        else
            return xl_err_set(err, XL_EUSAGE, _(CLI_E_ONE_QUERY_FMT), argv[i]);
    }
    if (!query)
        return xl_err_set(err, XL_EUSAGE, "%s", _(CLI_E_LOOKUP_WHAT));
    if (cli_open_db(ctx, 0, err))
        return XL_EFAIL;
    xl_lookup_result r;
    int rc = xl_lookup(ctx->db, query, 0, &r, err);
    if (rc)
        return rc == XL_EUSAGE ? XL_EUSAGE : XL_EFAIL;
    if (json) {
        xl_buf b;
        xl_buf_init(&b);
        xl_lookup_json(&r, &b);
        fputs(b.data, ctx->out);
        xl_buf_release(&b);
    } else {
        print_header(ctx, &r);
        print_hits(ctx, &r);
    }
    xl_lookup_release(&r);
    return XL_OK;
}
