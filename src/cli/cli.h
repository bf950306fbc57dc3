/* cli.h — subcommands: one cmd_<name>.c each, registered in cli.c's table. */
#ifndef XL_CLI_H
#define XL_CLI_H

#include <stdio.h>
#include "xiangli/config.h"
#include "xiangli/db.h"
#include "xiangli/err.h"
#include "xiangli/i18n.h"

/* What main.c hands every subcommand: the loaded config, the --db path chosen
 * (--db PATH, else config's db_path), and a lazily opened database. */
typedef struct cli_ctx {
    const xl_config *cfg;
    const char *db_path;
    xl_db *db;          /* NULL until cli_open_db() */
    FILE *out;          /* stdout */
} cli_ctx;

/* Opens ctx->db (create != 0: create the file if missing). */
int cli_open_db(cli_ctx *ctx, int create, xl_err *err);

typedef struct cli_cmd {
    const char *name;
    const char *usage;     /* one line for --help, e.g. "lookup QUERY [--json]" */
    xl_msg summary;        /* one line description (messages.def CLI_SUM_*) */
    int detail;            /* more for `COMMAND --help` (an xl_msg), or -1 */
    /* argv[0] is the subcommand name. Returns XL_OK / XL_EFAIL / XL_EUSAGE, message in err. */
    int (*run)(cli_ctx *ctx, int argc, char **argv, xl_err *err);
} cli_cmd;

/* Dispatches argv[0]; returns the exit code (0, 1, 2) after printing any error. */
int cli_dispatch(cli_ctx *ctx, int argc, char **argv);
void cli_print_commands(FILE *f);
/* One line to stderr from a translated format (messages.def keeps lines without "\n"). */
void cli_complain(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Issue 14: the light `xiangli` (built with -DXL_LIGHT) runs the commands whose row has an
 * entry point; 0 when NAME is one it hands to `xiangli-full` (the full build: always 1). */
int cli_runs_here(const char *name);
/* Replaces this process by xiangli-full beside it (/proc/self/exe's folder) with the same
 * argv and environment. Returns only when that fails: -1, the path tried in path[size]. */
int cli_exec_full(char **argv, char *path, size_t size);

/* Each subcommand's entry point (cmd_<name>.c). */
int cmd_init(cli_ctx *ctx, int argc, char **argv, xl_err *err);
int cmd_lookup(cli_ctx *ctx, int argc, char **argv, xl_err *err);
int cmd_import(cli_ctx *ctx, int argc, char **argv, xl_err *err);
int cmd_template(cli_ctx *ctx, int argc, char **argv, xl_err *err);
int cmd_export(cli_ctx *ctx, int argc, char **argv, xl_err *err);
int cmd_stats(cli_ctx *ctx, int argc, char **argv, xl_err *err);
int cmd_qr(cli_ctx *ctx, int argc, char **argv, xl_err *err);
int cmd_pending(cli_ctx *ctx, int argc, char **argv, xl_err *err);
int cmd_serve(cli_ctx *ctx, int argc, char **argv, xl_err *err);
int cmd_report(cli_ctx *ctx, int argc, char **argv, xl_err *err);
int cmd_assess(cli_ctx *ctx, int argc, char **argv, xl_err *err);
int cmd_responsible(cli_ctx *ctx, int argc, char **argv, xl_err *err);
int cmd_docs(cli_ctx *ctx, int argc, char **argv, xl_err *err);
int cmd_print(cli_ctx *ctx, int argc, char **argv, xl_err *err);
int cmd_audit(cli_ctx *ctx, int argc, char **argv, xl_err *err);
int cmd_backup(cli_ctx *ctx, int argc, char **argv, xl_err *err);
int cmd_check(cli_ctx *ctx, int argc, char **argv, xl_err *err);
int cmd_purge(cli_ctx *ctx, int argc, char **argv, xl_err *err);

#endif
