/* cmd_serve.c — `xiangli serve [--listen ADDR:PORT]`: reads its one option and hands over to
 * the web front end (src/web/web.h). */
#include <string.h>

#include "cli.h"

#include "xiangli/i18n.h"
#include "web/web.h"

int cmd_serve(cli_ctx *ctx, int argc, char **argv, xl_err *err)
{
    const char *listen = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc)
            listen = argv[++i];
        else if (strncmp(argv[i], "--listen=", 9) == 0)
            listen = argv[i] + 9;
        else
            return xl_err_set(err, XL_EUSAGE, _(CLI_E_UNKNOWN_ARG_FMT), argv[i]);
    }
    web_opts o = {.cfg = ctx->cfg, .db_path = ctx->db_path, .listen = listen};
    return web_serve(&o, err);
}
