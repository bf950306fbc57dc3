/* cmd_export.c — `xiangli export residents FILE.csv [--unmasked --reason TEXT] [--history]`. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "xiangli/export.h"
#include "xiangli/i18n.h"

static int parse_args(int argc, char **argv, const char **file, xl_export_opts *o, xl_err *err)
{
    *file = NULL;
    memset(o, 0, sizeof *o);
    if (argc < 2 || strcmp(argv[1], "residents") != 0)
        return xl_err_set(err, XL_EUSAGE, "%s", _(CLI_E_EXPORT_WHAT));
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--unmasked"))
            o->unmasked = 1;
        else if (!strcmp(argv[i], "--history"))
            o->history = 1;
        else if (!strcmp(argv[i], "--reason") && i + 1 < argc)
            o->reason = argv[++i];
        else if (argv[i][0] == '-' && argv[i][1] == '-')
            return xl_err_set(err, XL_EUSAGE, _(CLI_E_UNKNOWN_OPT_FMT), argv[i]);
        else if (!*file)
            *file = argv[i];
        else
            return xl_err_set(err, XL_EUSAGE, _(CLI_E_ONE_FILE_FMT), argv[i]);
    }
    if (!*file)
        return xl_err_set(err, XL_EUSAGE, "%s", _(CLI_E_EXPORT_FILE));
    if (o->unmasked != (o->reason != NULL))
        return xl_err_set(err, XL_EUSAGE, "%s", _(EXP_E_REASON));
    return XL_OK;
}

int cmd_export(cli_ctx *ctx, int argc, char **argv, xl_err *err)
{
    const char *file;
    xl_export_opts o;
    if (parse_args(argc, argv, &file, &o, err))
        return XL_EUSAGE;
    if (cli_open_db(ctx, 0, err))
        return XL_EFAIL;
    size_t rows = 0;
    int rc = xl_export_residents(ctx->db, file, &o, &rows, err);
    if (rc != XL_OK)
        return rc;
    fprintf(ctx->out, _(EXP_DONE_FMT), rows, file);
    fprintf(ctx->out, "\n%s\n", o.unmasked ? _(EXP_UNMASKED) : _(EXP_MASKED));
    return XL_OK;
}
