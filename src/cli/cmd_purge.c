/* cmd_purge.c — `xiangli purge [--dry-run]`: erases the ID and phone numbers of people who
 * moved out more than [privacy] retain_moved_out_years ago (purge.h); the dry run counts. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "xiangli/i18n.h"
#include "xiangli/purge.h"

int cmd_purge(cli_ctx *ctx, int argc, char **argv, xl_err *err)
{
    int dry = argc == 2 && !strcmp(argv[1], "--dry-run");
    if (argc > 2 || (argc == 2 && !dry))
        return xl_err_set(err, XL_EUSAGE, _(CLI_E_UNKNOWN_ARG_FMT), argv[argc > 2 ? 2 : 1]);
    if (cli_open_db(ctx, 0, err))
        return XL_EFAIL;
    xl_purge_report rep;
    if (xl_purge_numbers(ctx->db, ctx->cfg->retain_moved_out_years, dry, &rep, err))
        return XL_EFAIL;
    fprintf(ctx->out, dry ? _(PURGE_DRY_FMT) : _(PURGE_DONE_FMT), rep.before, rep.people,
            rep.id_numbers, rep.phones);
    fputc('\n', ctx->out);
    return XL_OK;
}
