/* cmd_responsible.c — `xiangli responsible [--json]`: the first responsible persons' record
 * (whom to thank first, whom to call last); `responsible history [N]`: the changes of first
 * responsible person, all or for building N's current holder. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/model.h"
#include "xiangli/report.h"

static void row_json(xl_buf *b, const xl_resp_record *r, int first)
{
    xl_buf_printf(b, "%s\n {\"name\": ", first ? "" : ",");
    xl_buf_json_str(b, r->name);
    xl_buf_printf(b, ", \"role\": \"%s\", \"phone_masked\": \"%s\", \"buildings\": %d,"
                  " \"building_list\": ", r->role, r->phone_masked, r->nbuildings);
    xl_buf_json_str(b, r->buildings);
    xl_buf_printf(b, ", \"residents\": %d, \"declared\": %d, \"registration_rate\": %.4f,"
                  " \"signouts_on_time\": %d, \"signouts_late\": %d, \"found_stale\": %d,"
                  " \"roundtables_convened\": %d, \"roundtables_attended\": %d,"
                  " \"open_safety_items\": %d, \"changes\": %d, \"since\": \"%s\"}",
                  r->residents, r->declared, r->rate, r->signouts_on_time, r->signouts_late,
                  r->found_stale, r->rt_convened, r->rt_attended, r->open_safety, r->changes,
                  r->since);
}

static void row_text(FILE *f, const xl_resp_record *r)
{
    fprintf(f, _(RESP_LINE_FMT), r->name, r->nbuildings, r->buildings, r->rate * 100.0,
            r->signouts_on_time, r->found_stale, r->rt_convened, r->rt_attended, r->open_safety,
            r->changes);
    fputc('\n', f);
}

static int history(cli_ctx *ctx, int argc, char **argv, xl_err *err)
{
    xl_resp_change *c;
    size_t n;
    if (xl_resp_changes_load(ctx->db, 0, &c, &n, err))
        return XL_EFAIL;
    int only = argc > 2 ? atoi(argv[2]) : 0;
    for (size_t i = 0; i < n; i++)
        if (!only || c[i].building == only)
            fprintf(ctx->out, _(CLI_RESP_HISTORY_FMT), c[i].building, c[i].name,
                    xl_role_label_of(c[i].role), c[i].since, c[i].until[0] ? c[i].until : ""),
                fputc('\n', ctx->out);
    free(c);
    return XL_OK;
}

int cmd_responsible(cli_ctx *ctx, int argc, char **argv, xl_err *err)
{
    int json = argc == 2 && !strcmp(argv[1], "--json");
    int hist = argc >= 2 && !strcmp(argv[1], "history");
    if (argc > 1 && !json && !hist)
        return xl_err_set(err, XL_EUSAGE, _(CLI_E_UNKNOWN_ARG_FMT), argv[1]);
    if (cli_open_db(ctx, 0, err))
        return XL_EFAIL;
    if (hist)
        return history(ctx, argc, argv, err);
    xl_resp_record *r;
    size_t n;
    if (xl_resp_records_load(ctx->db, ctx->cfg->stale_days, &r, &n, err))
        return XL_EFAIL;
    xl_buf b;
    xl_buf_init(&b);
    for (size_t i = 0; json && i < n; i++)
        row_json(&b, &r[i], i == 0);
    if (json)
        fprintf(ctx->out, "[%s\n]\n", b.data);
    for (size_t i = 0; !json && i < n; i++)
        row_text(ctx->out, &r[i]);
    xl_buf_release(&b);
    free(r);
    return XL_OK;
}
