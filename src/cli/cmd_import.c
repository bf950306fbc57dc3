/* cmd_import.c — `xiangli import residents FILE.csv|.xlsx|.xls [--dry-run]`, `xiangli import
 * community FILE.xlsx|.xls [--dry-run]` and `xiangli import buildings|rooms|organisations|
 * party|teams FILE [--dry-run]`: every problem on stderr as FILE:LINE: COLUMN: REASON or
 * FILE:SHEET:ROW: COLUMN: REASON (exit 1 when any is an error: nothing imported), else the
 * summary on stdout (per sheet: added, changed, unchanged, and which rows). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "xiangli/i18n.h"
#include "xiangli/community.h"
#include "xiangli/import.h"
#include "xiangli/mem.h"

static void print_problems(const xl_import_report *rep)
{
    for (size_t i = 0; i < rep->nproblems; i++) {
        char line[1024];
        xl_import_problem_format(rep, i, line, sizeof line);
        fprintf(stderr, "%s\n", line);
    }
    if (rep->unlisted)
        cli_complain(_(IMP_UNLISTED_FMT), rep->unlisted);
}

static void print_summary(cli_ctx *ctx, const char *file, const xl_import_report *rep)
{
    fprintf(ctx->out, _(IMP_SUMMARY_FMT), file, rep->rows, rep->new_people, rep->moves, rep->unchanged);
    fputc('\n', ctx->out);
    if (rep->dry_run)
        fprintf(ctx->out, "%s\n", _(IMP_DRY_RUN));
    else if (!rep->written)
        fprintf(ctx->out, "%s\n", _(IMP_NOTHING));
}

static int parse_args(int argc, char **argv, const char **file, int *dry_run, xl_err *err)
{
    *file = NULL;
    *dry_run = 0;
    if (argc < 2 || (strcmp(argv[1], "community") != 0 && xl_ckind_parse(argv[1]) < 0))
        return xl_err_set(err, XL_EUSAGE, "%s", _(CLI_E_IMPORT_WHAT));
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--dry-run"))
            *dry_run = 1;
        else if (argv[i][0] == '-' && argv[i][1] == '-')
            return xl_err_set(err, XL_EUSAGE, _(CLI_E_UNKNOWN_OPT_FMT), argv[i]);
        else if (!*file)
            *file = argv[i];
        else
            return xl_err_set(err, XL_EUSAGE, _(CLI_E_ONE_FILE_FMT), argv[i]);
    }
    return *file ? XL_OK : xl_err_set(err, XL_EUSAGE, "%s", _(CLI_E_IMPORT_FILE));
}

static void print_lines(FILE *f, const char *head, const size_t *lines, size_t n)
{
    if (!n)
        return;
    fputs(head, f);
    for (size_t i = 0; i < n && i < 50; i++)
        fprintf(f, "%s%zu", i ? "、" : "", lines[i]);
    fprintf(f, "%s%s\n", n > 50 ? "…" : "", _(CI_ROWS_END));
}

static void print_community(cli_ctx *ctx, const xl_cimport_report *rep)
{
    for (int k = 0; k < XL_CK_COUNT; k++) {
        const xl_ccount *c = &rep->count[k];
        if (!c->present)
            continue;
        fprintf(ctx->out, _(CI_SUMMARY_FMT), xl_ckind_sheet(k), c->rows, c->added, c->changed,
                c->unchanged);
        fputc('\n', ctx->out);
        print_lines(ctx->out, _(CI_ROWS_ADDED), c->added_lines, k == XL_CK_RESIDENTS ? 0 : c->added);
        print_lines(ctx->out, _(CI_ROWS_CHANGED), c->changed_lines, k == XL_CK_RESIDENTS ? 0 : c->changed);
    }
    if (rep->dry_run)
        fprintf(ctx->out, "%s\n", _(IMP_DRY_RUN));
    else if (!rep->written)
        fprintf(ctx->out, "%s\n", _(IMP_NOTHING));
}

static int import_community(cli_ctx *ctx, const char *what, const char *file, int dry_run, xl_err *err)
{
    int kind = strcmp(what, "community") == 0 ? -1 : xl_ckind_parse(what);
    xl_cimport_report rep;
    xl_cimport_report_init(&rep);
    int rc = xl_community_import(ctx->db, file, kind, dry_run, &rep, err);
    size_t n = xl_cimport_problem_count(&rep);
    for (size_t i = 0; i < n; i++) {
        char line[1024];
        xl_cimport_problem_format(&rep, i, line, sizeof line);
        fprintf(stderr, "%s\n", line);
    }
    if (rc == XL_OK)
        print_community(ctx, &rep);
    else if (rep.nerrors)
        xl_err_set(err, XL_EFAIL, _(IMP_REJECTED_FMT), rep.nerrors);
    xl_cimport_report_release(&rep);
    return rc;
}

int cmd_import(cli_ctx *ctx, int argc, char **argv, xl_err *err)
{
    const char *file;
    int dry_run;
    if (parse_args(argc, argv, &file, &dry_run, err))
        return XL_EUSAGE;
    if (cli_open_db(ctx, 0, err))
        return XL_EFAIL;
    if (strcmp(argv[1], "residents") != 0)
        return import_community(ctx, argv[1], file, dry_run, err);
    xl_import_report rep;
    xl_import_report_init(&rep);
    int rc = xl_import_residents(ctx->db, file, dry_run, &rep, err);
    print_problems(&rep);
    if (rc == XL_OK)
        print_summary(ctx, file, &rep);
    else if (rep.nerrors)
        xl_err_set(err, XL_EFAIL, _(IMP_REJECTED_FMT), rep.nerrors);
    xl_import_report_release(&rep);
    return rc;
}
