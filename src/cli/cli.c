/* cli.c — the subcommand table and dispatch. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xiangli/mem.h"

static const cli_cmd commands[] = {
    {"init", "init [--demo] [--seed N] [--scale K] [--force]",
     "create the database (with --demo: the demo community of Du Xiang)", cmd_init},
    {"lookup", "lookup QUERY [--json]",
     "who lives there: 127 (building), 127-302 (room), a name, pinyin (zs, zhangsan), 4+ digits of phone/ID",
     cmd_lookup},
    {"stats", "stats [--json]", "buildings, residents, tenants and registration rate", cmd_stats},
    {"import", "import community|buildings|rooms|residents|organisations|party|teams FILE [--dry-run]",
     "the office's sheets (.xlsx, .xls or CSV; Chinese or English headers) into the database, all or nothing",
     cmd_import},
    {"template", "template community -o FILE.xlsx [--force]",
     "the empty workbook (楼栋 房间 住户 组织 党员 楼组) to fill in and import with `import community`",
     cmd_template},
    {"export", "export residents FILE.csv [--unmasked --reason TEXT] [--history]",
     "the register as a sheet for Excel/WPS (numbers masked unless --unmasked, which is audited)",
     cmd_export},
    {"qr", "qr building N [--format utf8|utf8i|ansi|svg|png] [-o FILE] | rotate N | --all -o DIR",
     "building sign-in QR codes and door posters (see `xiangli qr --help`)", cmd_qr},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

void cli_print_commands(FILE *f)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  xiangli %s\n      %s\n", commands[i].usage, commands[i].summary);
}

/* mkdir -p for the database's directory, mode 0700 for directories we create. */
static int make_parent_dirs(const char *path, xl_err *err)
{
    char *dir = xl_strdup(path);
    char *slash = strrchr(dir, '/');
    int rc = XL_OK;
    if (slash && slash != dir) {
        *slash = '\0';
        for (char *p = dir + 1; rc == XL_OK && *p; p++) {
            if (*p != '/')
                continue;
            *p = '\0';
            if (mkdir(dir, 0700) != 0 && errno != EEXIST)
                rc = xl_err_set(err, XL_EFAIL, "%s: cannot create directory: %s", dir, strerror(errno));
            *p = '/';
        }
        if (rc == XL_OK && mkdir(dir, 0700) != 0 && errno != EEXIST)
            rc = xl_err_set(err, XL_EFAIL, "%s: cannot create directory: %s", dir, strerror(errno));
    }
    free(dir);
    return rc;
}

int cli_open_db(cli_ctx *ctx, int create, xl_err *err)
{
    if (ctx->db)
        return XL_OK;
    if (create && make_parent_dirs(ctx->db_path, err))
        return XL_EFAIL;
    if (xl_db_open(&ctx->db, ctx->db_path, create, err))
        return XL_EFAIL;
    xl_db_set_operator(ctx->db, ctx->cfg->operator_login);
    return XL_OK;
}

int cli_dispatch(cli_ctx *ctx, int argc, char **argv)
{
    xl_err err;
    xl_err_clear(&err);
    for (size_t i = 0; i < NCOMMANDS; i++) {
        if (strcmp(argv[0], commands[i].name) != 0)
            continue;
        int rc = commands[i].run(ctx, argc, argv, &err);
        if (rc != XL_OK) {
            fprintf(stderr, "xiangli %s: %s\n", argv[0], err.msg[0] ? err.msg : "failed");
            if (rc == XL_EUSAGE)
                fprintf(stderr, "usage: xiangli [OPTIONS] %s\n", commands[i].usage);
        }
        return rc == XL_OK ? 0 : rc == XL_EUSAGE ? 2 : 1;
    }
    fprintf(stderr, "xiangli: unknown command '%s' (see xiangli --help)\n", argv[0]);
    return 2;
}
