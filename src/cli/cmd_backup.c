/* cmd_backup.c — `xiangli backup [-o FILE]`: a consistent copy through SQLite's online
 * backup API (a desk may stay open), 0600, checked with integrity_check; by default
 * [backup] directory/xiangli-YYYY-MM-DD.db. `xiangli check`: integrity and foreign keys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "xiangli/fileio.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"

int cmd_backup(cli_ctx *ctx, int argc, char **argv, xl_err *err)
{
    const char *out = NULL;
    for (int i = 1; i < argc; i++) {
        if ((!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) && i + 1 < argc)
            out = argv[++i];
        else
            return xl_err_set(err, XL_EUSAGE, _(CLI_E_INCOMPLETE_ARG_FMT), argv[i]);
    }
    if (cli_open_db(ctx, 0, err))
        return XL_EFAIL;
    char *path = out ? xl_strdup(out) : xl_db_backup_default_name(ctx->cfg->backup_dir);
    char *dir = xl_path_dir(path);
    int rc = xl_mkdir_p(dir, 0700, err);
    free(dir);
    if (rc == XL_OK)
        rc = xl_db_backup(ctx->db, path, err);
    if (rc == XL_OK)
        fprintf(ctx->out, _(BAK_DONE_FMT), path), fputc('\n', ctx->out);
    free(path);
    return rc;
}

int cmd_check(cli_ctx *ctx, int argc, char **argv, xl_err *err)
{
    if (argc > 1)
        return xl_err_set(err, XL_EUSAGE, _(CLI_E_UNKNOWN_ARG_FMT), argv[1]);
    if (cli_open_db(ctx, 0, err) || xl_db_check(ctx->db, err))
        return XL_EFAIL;
    fprintf(ctx->out, _(CHECK_OK_FMT), xl_db_path(ctx->db));
    fputc('\n', ctx->out);
    return XL_OK;
}
