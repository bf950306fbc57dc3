/* cmd_audit.c — `xiangli audit [--since DATE] [--operator NAME] [--json]`: who did what to
 * whom, when, newest first; revealed numbers and unmasked exports marked. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "table_out.h"
#include "xiangli/csv.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/operator.h"
#include "xiangli/report.h"

typedef struct audit_opts {
    char since[11];
    const char *operator_name;
    int json;
} audit_opts;

static int parse(int argc, char **argv, audit_opts *o, xl_err *err)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--json")) {
            o->json = 1;
        } else if (!strcmp(a, "--since") && i + 1 < argc) {
            if (xl_parse_date(argv[++i], o->since, NULL) != XL_OK)
                return xl_err_set(err, XL_EUSAGE, _(AUD_E_SINCE_FMT), argv[i]);
        } else if (!strcmp(a, "--operator") && i + 1 < argc) {
            o->operator_name = argv[++i];
        } else {
            return xl_err_set(err, XL_EUSAGE, _(CLI_E_INCOMPLETE_ARG_FMT), a);
        }
    }
    return XL_OK;
}

static void row_json(xl_buf *b, const xl_audit_row *r, int first)
{
    xl_buf_printf(b, "%s\n {\"id\": %lld, \"at\": \"%s\", \"operator\": ", first ? "" : ",", (long long)r->id, r->at);
    xl_buf_json_str(b, r->operator_name);
    xl_buf_puts(b, ", \"action\": ");
    xl_buf_json_str(b, r->action);
    xl_buf_puts(b, ", \"entity\": ");
    xl_buf_json_str(b, r->entity);
    xl_buf_puts(b, ", \"entity_id\": ");
    xl_buf_json_str(b, r->entity_id);
    xl_buf_puts(b, ", \"whom\": ");
    xl_buf_json_str(b, r->whom);
    xl_buf_puts(b, ", \"detail\": ");
    xl_buf_json_str(b, r->detail);
    xl_buf_printf(b, ", \"flagged\": %s}", r->flagged ? "true" : "false");
}

static void row_text(FILE *f, const xl_audit_row *r)
{
    fputs(r->flagged ? _(AUD_MARK) : "  ", f);
    cli_cell(f, r->at, 19);
    cli_cell(f, r->operator_name, 10);
    cli_cell(f, xl_audit_action_label(r->action), 22);
    cli_cell(f, r->whom[0] ? r->whom : r->entity_id, 12);
    char words[1024];
    xl_audit_words(r->detail, words, sizeof words); /* the officer's words; --json keeps the record */
    fprintf(f, "%s\n", words);
}

int cmd_audit(cli_ctx *ctx, int argc, char **argv, xl_err *err)
{
    audit_opts o = {0};
    if (parse(argc, argv, &o, err))
        return XL_EUSAGE;
    if (cli_open_db(ctx, 0, err))
        return XL_EFAIL;
    xl_audit_filter f = {.since = o.since[0] ? o.since : NULL, .operator_name = o.operator_name};
    xl_audit_rows rows;
    if (xl_audit_list(ctx->db, &f, &rows, err))
        return XL_EFAIL;
    xl_buf b;
    xl_buf_init(&b);
    for (size_t i = 0; o.json && i < rows.n; i++)
        row_json(&b, &rows.rows[i], i == 0);
    if (o.json)
        fprintf(ctx->out, "[%s\n]\n", b.data ? b.data : "");
    for (size_t i = 0; !o.json && i < rows.n; i++)
        row_text(ctx->out, &rows.rows[i]);
    xl_buf_release(&b);
    xl_audit_rows_release(&rows);
    return XL_OK;
}
