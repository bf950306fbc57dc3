/* cmd_pending.c — `xiangli pending [--json]`, `pending confirm ID`, `pending reject ID
 * --reason TEXT`: the phone submissions waiting for an officer (pending.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "table_out.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/pending.h"

static void print_row(FILE *f, const xl_pending_row *r)
{
    char id[24], place[24];
    snprintf(id, sizeof id, "%lld", (long long)r->id);
    snprintf(place, sizeof place, "%d-%s", r->building, r->room);
    cli_cell(f, id, 5);
    cli_cell(f, r->receipt, 7);
    cli_cell(f, place, 10);
    cli_cell(f, strcmp(r->action, "out") == 0 ? _(PEND_ACTION_OUT) : _(PEND_ACTION_IN), 6);
    cli_cell(f, r->name, 10);
    cli_cell(f, r->id_masked[0] ? r->id_masked : _(PEND_ERASED), 18);
    cli_cell(f, r->phone_masked[0] ? r->phone_masked : _(PEND_ERASED), 11);
    cli_cell(f, r->date, 10);
    cli_cell(f, r->submitted_at, 19);
    fprintf(f, "%s\n", r->expired ? _(PEND_STATE_EXPIRED) : _(PEND_STATE_WAITING));
}

static void print_text(FILE *f, const xl_pending_row *rows, size_t n)
{
    static const xl_msg heads[] = {XL_MSG_PEND_COL_NO, XL_MSG_PEND_COL_RECEIPT,
                                   XL_MSG_REG_COL_PLACE, XL_MSG_PEND_COL_ACTION, XL_MSG_NAME,
                                   XL_MSG_ID_NUMBER, XL_MSG_PHONE, XL_MSG_PEND_COL_DATE,
                                   XL_MSG_PEND_COL_SUBMITTED};
    static const int widths[] = {5, 7, 10, 6, 10, 18, 11, 10, 19};
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        cli_cell(f, xl_tr(heads[i]), widths[i]);
    fprintf(f, "%s\n", _(PEND_COL_STATE));
    for (size_t i = 0; i < n; i++)
        print_row(f, &rows[i]);
    fprintf(f, _(PEND_TOTAL_FMT), n);
    fputc('\n', f);
}

static int list(cli_ctx *ctx, int json, xl_err *err)
{
    xl_pending_row *rows;
    size_t n;
    if (cli_open_db(ctx, 0, err) || xl_pending_list(ctx->db, ctx->cfg->pending_days, &rows, &n, err))
        return XL_EFAIL;
    if (json) {
        xl_buf b;
        xl_buf_init(&b);
        xl_pending_json(rows, n, &b);
        fputs(b.data, ctx->out);
        xl_buf_release(&b);
    } else {
        print_text(ctx->out, rows, n);
    }
    free(rows);
    return XL_OK;
}

static int parse_id(const char *s, int64_t *id, xl_err *err)
{
    char *end = NULL;
    long long v = s ? strtoll(s, &end, 10) : 0;
    if (!s || !*s || *end || v <= 0)
        return xl_err_set(err, XL_EUSAGE, "%s", _(CLI_E_PENDING_ID));
    *id = v;
    return XL_OK;
}

static int confirm(cli_ctx *ctx, int argc, char **argv, xl_err *err)
{
    int64_t id;
    if (argc != 3)
        return xl_err_set(err, XL_EUSAGE, "%s", _(CLI_E_PENDING_CONFIRM));
    if (parse_id(argv[2], &id, err) || cli_open_db(ctx, 0, err))
        return XL_EUSAGE;
    /* not interactive: a sign-in of someone living elsewhere is the move they asked for */
    xl_pending_outcome o;
    int rc = xl_pending_confirm(ctx->db, id, 1, &o, err);
    if (rc)
        return rc == XL_EUSAGE ? XL_EUSAGE : XL_EFAIL;
    if (o.moved)
        fprintf(ctx->out, _(PEND_CONFIRMED_MOVE_FMT), (long long)id, o.from_building, o.from_room);
    else
        fprintf(ctx->out, _(PEND_CONFIRMED_FMT), (long long)id);
    fputc('\n', ctx->out);
    return XL_OK;
}

static int reject(cli_ctx *ctx, int argc, char **argv, xl_err *err)
{
    int64_t id;
    const char *reason = NULL;
    if (argc != 5 || strcmp(argv[3], "--reason") != 0)
        return xl_err_set(err, XL_EUSAGE, "%s", _(CLI_E_PENDING_REJECT));
    reason = argv[4];
    if (parse_id(argv[2], &id, err) || cli_open_db(ctx, 0, err))
        return XL_EUSAGE;
    int rc = xl_pending_reject(ctx->db, id, reason, err);
    if (rc)
        return rc == XL_EUSAGE ? XL_EUSAGE : XL_EFAIL;
    fprintf(ctx->out, _(PEND_REJECTED_FMT), (long long)id);
    fputc('\n', ctx->out);
    return XL_OK;
}

int cmd_pending(cli_ctx *ctx, int argc, char **argv, xl_err *err)
{
    if (argc >= 2 && strcmp(argv[1], "confirm") == 0)
        return confirm(ctx, argc, argv, err);
    if (argc >= 2 && strcmp(argv[1], "reject") == 0)
        return reject(ctx, argc, argv, err);
    if (argc == 1 || (argc == 2 && strcmp(argv[1], "--json") == 0))
        return list(ctx, argc == 2, err);
    return xl_err_set(err, XL_EUSAGE, _(CLI_E_UNKNOWN_ARG_FMT), argv[1]);
}
