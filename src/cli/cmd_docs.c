/* cmd_docs.c — `xiangli docs`: the community's documents (居民公约, 业主手册, 租客入住须知).
 *   docs list                 each document: version, date, the office's copy or shipped
 *   docs show NAME            the Markdown text
 *   docs path NAME            where it is read from, and where the office's copy goes
 *   docs install NAME FILE    FILE becomes the office's copy (audited, version recorded)
 *   docs reset NAME           remove the office's copy (audited) */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "xiangli/datadir.h"
#include "xiangli/docs.h"
#include "xiangli/i18n.h"

static int need_doc(int argc, char **argv, int want, xl_doc_id *d, xl_err *err)
{
    int id = argc > 2 ? xl_doc_parse(argv[2]) : -1;
    if (argc != want || id < 0)
        return xl_err_set(err, XL_EUSAGE, "%s", _(DOCS_WHICH));
    *d = (xl_doc_id)id;
    return XL_OK;
}

static int list(cli_ctx *ctx, xl_err *err)
{
    for (int i = 0; i < XL_DOC_COUNT; i++) {
        xl_doc doc;
        if (xl_doc_load(ctx->db, (xl_doc_id)i, &doc, err))
            return XL_EFAIL;
        char ver[128];
        snprintf(ver, sizeof ver, _(DOC_VERSION_FMT), doc.md.version, doc.md.date);
        fprintf(ctx->out, "%-13s %s  %s  %s\n", xl_doc_key((xl_doc_id)i), xl_doc_label((xl_doc_id)i),
                ver, doc.local ? _(DOC_LOCAL) : _(DOC_SHIPPED));
        xl_doc_release(&doc);
    }
    return XL_OK;
}

static int show(cli_ctx *ctx, xl_doc_id d, int path_only, xl_err *err)
{
    xl_doc doc;
    if (xl_doc_load(ctx->db, d, &doc, err))
        return XL_EFAIL;
    if (path_only) {
        char local[4096], rel[64];
        snprintf(rel, sizeof rel, "docs/%s.md", xl_doc_key(d));
        xl_datadir_local(ctx->db, rel, local, sizeof local);
        fprintf(ctx->out, "%s\n%s\n", doc.path, local);
    } else {
        fputs(doc.text, ctx->out);
    }
    xl_doc_release(&doc);
    return XL_OK;
}

int cmd_docs(cli_ctx *ctx, int argc, char **argv, xl_err *err)
{
    const char *what = argc > 1 ? argv[1] : "list";
    xl_doc_id d = XL_DOC_CONVENTION;
    int rc = XL_OK;
    if (!strcmp(what, "show") || !strcmp(what, "path") || !strcmp(what, "reset"))
        rc = need_doc(argc, argv, 3, &d, err);
    else if (!strcmp(what, "install"))
        rc = need_doc(argc, argv, 4, &d, err);
    else if (strcmp(what, "list") != 0)
        rc = xl_err_set(err, XL_EUSAGE, "%s", _(CLI_E_DOCS_WHAT));
    if (rc != XL_OK)
        return rc;
    if (cli_open_db(ctx, 0, err))
        return XL_EFAIL;
    if (!strcmp(what, "list"))
        return list(ctx, err);
    if (!strcmp(what, "install") && xl_doc_install(ctx->db, d, argv[3], err) == XL_OK)
        return show(ctx, d, 1, err);
    if (!strcmp(what, "install"))
        return XL_EFAIL;
    if (!strcmp(what, "reset")) {
        rc = xl_doc_reset(ctx->db, d, err);
        return rc == XL_ENOTFOUND ? XL_EFAIL : rc;
    }
    return show(ctx, d, !strcmp(what, "path"), err);
}
