/* cli.c — the subcommand table and dispatch. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xiangli/fileio.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"

/* Two executables share this table (issue 14). `xiangli` is the light one: it links only what
 * the LIGHT commands use (sqlite3, no pango, cairo, libmicrohttpd, GnuTLS, libxlsxwriter, libzip,
 * expat), so a lookup starts as fast as the sqlite3 shell. Built with -DXL_LIGHT, the FULL rows
 * have no entry point and cli_dispatch hands them, like the desk, to `xiangli-full` beside it
 * (cli_exec_full). `xiangli-full` is the whole program with every row. */
#ifdef XL_LIGHT
#define LIGHT(fn) fn
#define FULL(fn) NULL
#else
#define LIGHT(fn) fn
#define FULL(fn) fn
#endif

/* The usage lines are interfaces (option names, keywords, placeholders) and stay as they
 * are in both languages; what each command does is a message. */
static const cli_cmd commands[] = {
    {"init", "init [--demo] [--seed N] [--scale K] [--force]", XL_MSG_CLI_SUM_INIT, -1, FULL(cmd_init)},
    {"lookup", "lookup QUERY [--json]", XL_MSG_CLI_SUM_LOOKUP, -1, LIGHT(cmd_lookup)},
    {"stats", "stats [--json]", XL_MSG_CLI_SUM_STATS, -1, LIGHT(cmd_stats)},
    {"import", "import community|buildings|rooms|residents|organisations|party|teams FILE [--dry-run]",
     XL_MSG_CLI_SUM_IMPORT, -1, FULL(cmd_import)},
    {"template", "template community -o FILE.xlsx [--force]", XL_MSG_CLI_SUM_TEMPLATE, -1, FULL(cmd_template)},
    {"export", "export residents FILE.csv [--unmasked --reason TEXT] [--history]", XL_MSG_CLI_SUM_EXPORT,
     -1, LIGHT(cmd_export)},
    {"qr", "qr building N [--format utf8|utf8i|ansi|svg|png] [-o FILE] | rotate N | --all -o DIR",
     XL_MSG_CLI_SUM_QR, XL_MSG_CLI_QR_HELP, FULL(cmd_qr)},
    {"pending", "pending [--json] | pending confirm ID | pending reject ID --reason TEXT",
     XL_MSG_CLI_SUM_PENDING, -1, LIGHT(cmd_pending)},
    {"serve", "serve [--listen ADDR:PORT]", XL_MSG_CLI_SUM_SERVE, -1, FULL(cmd_serve)},
    {"report", "report [--month YYYY-MM] [--format xlsx|csv] -o FILE.xlsx|DIR", XL_MSG_CLI_SUM_REPORT,
     -1, FULL(cmd_report)},
    {"assess", "assess criteria | score LANE [--quarter Q] KEY=SCORE[:COMMENT]... | show [--quarter Q] | history LANE",
     XL_MSG_CLI_SUM_ASSESS, -1, LIGHT(cmd_assess)},
    {"responsible", "responsible [--json] | history [N]", XL_MSG_CLI_SUM_RESPONSIBLE, -1, LIGHT(cmd_responsible)},
    {"docs", "docs list | show NAME | path NAME | install NAME FILE | reset NAME", XL_MSG_CLI_SUM_DOCS, -1,
     FULL(cmd_docs)},
    {"print", "print tenant-guide|convention|handbook [--building N] -o FILE.pdf", XL_MSG_CLI_SUM_PRINT, -1,
     FULL(cmd_print)},
    {"audit", "audit [--since DATE] [--operator NAME] [--json]", XL_MSG_CLI_SUM_AUDIT, -1, LIGHT(cmd_audit)},
    {"backup", "backup [-o FILE]", XL_MSG_CLI_SUM_BACKUP, -1, LIGHT(cmd_backup)},
    {"check", "check", XL_MSG_CLI_SUM_CHECK, -1, LIGHT(cmd_check)},
    {"purge", "purge [--dry-run]", XL_MSG_CLI_SUM_PURGE, -1, LIGHT(cmd_purge)},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

void cli_complain(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void cli_print_commands(FILE *f)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  xiangli %s\n      %s\n", commands[i].usage, xl_tr(commands[i].summary));
}

int cli_runs_here(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(name, commands[i].name) == 0)
            return commands[i].run != NULL;
    return 1; /* an unknown command: refused here, as xiangli-full would */
}

int cli_exec_full(char **argv, char *path, size_t size)
{
    static const char name[] = "xiangli-full";
    ssize_t n = readlink("/proc/self/exe", path, size);
    char *slash = NULL;
    if (n > 0 && (size_t)n < size)
        path[n] = '\0', slash = strrchr(path, '/');
    if (!slash || (size_t)(slash + 1 - path) + sizeof name > size) {
        snprintf(path, size, "%s", name);
        return -1;
    }
    memcpy(slash + 1, name, sizeof name);
    execv(path, argv); /* the same argv and environment: it parses them as this one did */
    return -1;
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
        cli_complain(_(CLI_TOP_ERR_FMT), xl_db_notice(ctx->db));
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
        fprintf(ctx->out, _(CLI_HELP_FMT), c->usage, xl_tr(c->summary));
        if (c->detail >= 0)
            fputs(xl_tr((xl_msg)c->detail), ctx->out);
        return 0;
    }
    if (!c->run) /* not reached: main.c hands these to xiangli-full before */
        return 2;
    int rc = c->run(ctx, argc, argv, &err);
    if (rc != XL_OK) {
        cli_complain(_(CLI_CMD_ERR_FMT), argv[0], err.msg[0] ? err.msg : _(CLI_FAILED));
        if (rc == XL_EUSAGE) {
            cli_complain(_(CLI_USAGE_FMT), c->usage);
            cli_complain(_(CLI_SEE_HELP_FMT), c->name);
        }
    }
    return rc == XL_OK ? 0 : rc == XL_EUSAGE ? 2 : 1;
}

int cli_dispatch(cli_ctx *ctx, int argc, char **argv)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(argv[0], commands[i].name) == 0)
            return run(ctx, &commands[i], argc, argv);
    cli_complain(_(CLI_UNKNOWN_CMD_FMT), argv[0]);
    return 2;
}
