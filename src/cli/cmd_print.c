/* cmd_print.c — `xiangli print tenant-guide|convention|handbook [--building N] -o FILE.pdf`:
 * an A4 PDF of a community document; the tenant guide with --building carries that
 * building's sign-in code and first responsible person. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "xiangli/i18n.h"
#include "xiangli/pdf.h"

int cmd_print(cli_ctx *ctx, int argc, char **argv, xl_err *err)
{
    int id = argc > 1 ? xl_doc_parse(argv[1]) : -1, building = 0;
    const char *out = NULL;
    if (id < 0)
        return xl_err_set(err, XL_EUSAGE, "%s", _(DOCS_WHICH));
    for (int i = 2; i < argc; i++) {
        char *end = NULL;
        if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(argv[i], "--building") && i + 1 < argc &&
                 (building = (int)strtol(argv[++i], &end, 10)) > 0 && !*end)
            continue;
        else
            return xl_err_set(err, XL_EUSAGE, _(CLI_E_INCOMPLETE_ARG_FMT), argv[i]);
    }
    if (!out)
        return xl_err_set(err, XL_EUSAGE, "%s", _(RPT_NEED_OUT));
    if (cli_open_db(ctx, 0, err))
        return XL_EFAIL;
    xl_pdf_job job = {.url_template = ctx->cfg->url_template,
                      .ec = (xl_qr_ec)xl_qr_ec_parse(ctx->cfg->qr_ec),
                      .community = ctx->cfg->community};
    int rc = xl_pdf_document(ctx->db, &job, (xl_doc_id)id, building, out, err);
    if (rc == XL_OK)
        fprintf(ctx->out, _(PDF_DOC_DONE_FMT), out), fputc('\n', ctx->out);
    return rc == XL_ENOTFOUND ? XL_EFAIL : rc;
}
