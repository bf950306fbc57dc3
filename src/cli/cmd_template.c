/* cmd_template.c — `xiangli template community -o FILE.xlsx [--force]`: the empty workbook
 * an office fills in and imports with `xiangli import community FILE.xlsx`. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

#include "xiangli/i18n.h"
#include "xiangli/template.h"

int cmd_template(cli_ctx *ctx, int argc, char **argv, xl_err *err)
{
    const char *out = NULL;
    int force = 0;
    if (argc < 2 || strcmp(argv[1], "community") != 0)
        return xl_err_set(err, XL_EUSAGE, "%s", _(CLI_E_TEMPLATE_WHICH));
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(argv[i], "--force"))
            force = 1;
        else
            return xl_err_set(err, XL_EUSAGE, _(CLI_E_UNKNOWN_ARG_FMT), argv[i]);
    }
    if (!out)
        return xl_err_set(err, XL_EUSAGE, "%s", _(CLI_E_TEMPLATE_OUT));
    if (xl_template_community(out, force, err) != XL_OK)
        return XL_EFAIL;
    fprintf(ctx->out, "%s\n", out);
    return XL_OK;
}
