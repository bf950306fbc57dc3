/* cli.c — the subcommand table and dispatch. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xiangli/fileio.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"

static const cli_cmd commands[] = {
    {"init", "init [--demo] [--seed N] [--scale K] [--force]",
     "create the database (with --demo: the demo community of Du Xiang)", cmd_init},
    {"lookup", "lookup QUERY [--json]",
     "who lives there: 127 (building), 127-302 (room), a name, pinyin (zs, zhangsan), the last 4 digits of a phone/ID number or the whole number",
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
    {"pending", "pending [--json] | pending confirm ID | pending reject ID --reason TEXT",
     "phone sign-ins and sign-outs waiting for an officer: list, confirm into the register, reject",
     cmd_pending},
    {"serve", "serve [--listen ADDR:PORT]",
     "the phone sign-in server for the posters' QR codes, in the foreground until Ctrl+C / SIGTERM",
     cmd_serve},
    {"report", "report [--month YYYY-MM] [--format xlsx|csv] -o FILE.xlsx|DIR",
     "the monthly workbook for the street office (sheets 汇总 楼栋登记 迁入迁出 四张清单 小圆桌 责任人, 考核)",
     cmd_report},
    {"assess", "assess criteria | score LANE [--quarter Q] KEY=SCORE[:COMMENT]... | show [--quarter Q] | history LANE",
     "the property-service assessment per lane and quarter (物业服务管理考核)", cmd_assess},
    {"responsible", "responsible [--json] | history [N]",
     "the first responsible persons' record across their buildings (第一责任人履职)", cmd_responsible},
    {"docs", "docs list | show NAME | path NAME | install NAME FILE | reset NAME",
     "the community's documents: convention, handbook, tenant-guide (居民公约 业主手册 租客入住须知)", cmd_docs},
    {"print", "print tenant-guide|convention|handbook [--building N] -o FILE.pdf",
     "an A4 PDF of a document (the tenant guide with the building's sign-in code)", cmd_print},
    {"audit", "audit [--since DATE] [--operator NAME] [--json]",
     "who did what to whom, when (newest first; ! marks revealed numbers and unmasked exports)", cmd_audit},
    {"backup", "backup [-o FILE]",
     "a checked copy of the database (default: [backup] directory/xiangli-YYYY-MM-DD.db)", cmd_backup},
    {"check", "check", "integrity and foreign-key check of the database (exit 1 on a problem)", cmd_check},
    {"purge", "purge [--dry-run]",
     "erase the numbers of people gone more than [privacy] retain_moved_out_years", cmd_purge},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

void cli_print_commands(FILE *f)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  xiangli %s\n      %s\n", commands[i].usage, commands[i].summary);
}

/* mkdir -p for the database's directory, owner-only (fileio.h). */
static int make_parent_dirs(const char *path, xl_err *err)
{
    char *dir = xl_path_dir(path);
    int rc = xl_mkdir_p(dir, 0700, err);
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
    if (*xl_db_notice(ctx->db))
        fprintf(stderr, "xiangli: %s\n", xl_db_notice(ctx->db));
    xl_db_set_operator(ctx->db, ctx->cfg->operator_login);
    return XL_OK;
}

/* 1 when the arguments ask for help (--help or -h anywhere after the command). */
static int wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return 0;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return 1;
    }
    return 0;
}

static int run(cli_ctx *ctx, const cli_cmd *c, int argc, char **argv)
{
    xl_err err;
    xl_err_clear(&err);
    if (wants_help(argc, argv)) {
        fprintf(ctx->out, _(CLI_HELP_FMT), c->usage, c->summary);
        return 0;
    }
    int rc = c->run(ctx, argc, argv, &err);
    if (rc != XL_OK) {
        fprintf(stderr, "xiangli %s: %s\n", argv[0], err.msg[0] ? err.msg : _(CLI_FAILED));
        if (rc == XL_EUSAGE) {
            fprintf(stderr, _(CLI_USAGE_FMT), c->usage);
            fputc('\n', stderr);
            fprintf(stderr, _(CLI_SEE_HELP_FMT), c->name);
            fputc('\n', stderr);
        }
    }
    return rc == XL_OK ? 0 : rc == XL_EUSAGE ? 2 : 1;
}

int cli_dispatch(cli_ctx *ctx, int argc, char **argv)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(argv[0], commands[i].name) == 0)
            return run(ctx, &commands[i], argc, argv);
    fprintf(stderr, _(CLI_UNKNOWN_CMD_FMT), argv[0]);
    fputc('\n', stderr);
    return 2;
}
