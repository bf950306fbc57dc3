/* workbook.c — writing the street office's report in one call, audited (workbook.h). */
#include "xiangli/workbook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

typedef struct audit_ctx {
    const char *path, *month;
    int csv;
} audit_ctx;

static int audit_body(xl_db *db, void *vctx, xl_err *err)
{
    audit_ctx *c = vctx;
    char *detail = xl_asprintf("month=%s format=%s", c->month, c->csv ? "csv" : "xlsx");
    int rc = xl_db_audit(db, "report.write", "report", c->path, detail, err);
    free(detail);
    return rc;
}

int xl_report_write(xl_db *db, const xl_report_opts *opts, const char *path, int csv,
                    xl_err *err)
{
    xl_report_tables rt;
    if (xl_report_tables_build(db, opts, &rt, err))
        return XL_EFAIL;
    audit_ctx c = {path, rt.fig.months[XL_REPORT_MONTHS - 1].month, csv};
    int rc = xl_db_tx(db, audit_body, &c, err);
    if (rc == XL_OK)
        rc = csv ? xl_report_write_csv(&rt, path, err) : xl_report_write_xlsx(&rt, path, err);
    xl_report_tables_release(&rt);
    return rc;
}
