/* export.c — the register as a residents sheet for Excel and WPS (rules in export.h). */
#include "xiangli/export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/db/db_internal.h"
#include "core/register/signin_form.h"
#include "xiangli/csv.h"
#include "xiangli/fileio.h"
#include "xiangli/i18n.h"
#include "xiangli/idcard.h"
#include "xiangli/mem.h"
#include "xiangli/model.h"

#define REASON_MAX_BYTES 600

static const char rows_sql[] =
    "SELECT p.name, p.gender, p.id_number, p.phone, r.building, r.room, r.role, r.moved_in,"
    "       p.province, p.workplace, coalesce(r.moved_out, '')"
    " FROM residency r JOIN person p ON p.id = r.person_id"
    " WHERE r.moved_out IS NULL OR ?1"
    " ORDER BY r.building, r.room, p.name, r.id";

/* ---------- cells ---------- */

/* A quoted field: "..." with quotes doubled; prefix goes first inside the quotes. */
static void cell(xl_buf *out, const char *prefix, const char *v, int last)
{
    xl_buf_puts(out, "\"");
    xl_buf_puts(out, prefix);
    for (const char *p = v; *p; p++)
        xl_buf_put(out, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
    xl_buf_puts(out, last ? "\"\r\n" : "\",");
}

/* Text typed by someone: neutralised when a spreadsheet would take it for a formula. */
static void text_cell(xl_buf *out, const char *v, int last)
{
    cell(out, v[0] && strchr("=+-@\t\r", v[0]) ? "'" : "", v, last);
}

/* An ID or phone number (whole or masked): kept as text by a leading tab. */
static void number_cell(xl_buf *out, const char *v, int unmasked,
                        void (*mask)(const char *, char *, size_t))
{
    char masked[32];
    if (!unmasked) {
        mask(v, masked, sizeof masked);
        v = masked;
    }
    cell(out, v[0] ? "\t" : "", v, 0);
}

/* The sheet is Chinese whatever the UI language: the import reads these words back. */
#define SHEET_LANG "zh"

static const char *gender_label(const char *g)
{
    return strcmp(g, "M") == 0   ? xl_tr_in(XL_MSG_REG_GENDER_M, SHEET_LANG)
           : strcmp(g, "F") == 0 ? xl_tr_in(XL_MSG_REG_GENDER_F, SHEET_LANG)
                                 : "";
}

/* The import reads these (xl_role_parse), whatever the UI language. */
static const char *role_label(const char *key)
{
    static const xl_msg ids[] = {XL_MSG_ROLE_OWNER, XL_MSG_ROLE_SUBLANDLORD, XL_MSG_ROLE_TENANT,
                                 XL_MSG_ROLE_FAMILY};
    int r = xl_role_parse(key);
    return r >= 0 && r < XL_ROLE_COUNT ? xl_tr_in(ids[r], SHEET_LANG) : key;
}

static void header(xl_buf *out, int history)
{
    static const int cols[] = {XL_COL_NAME, XL_COL_GENDER, XL_COL_ID_NUMBER, XL_COL_PHONE,
                               XL_COL_BUILDING, XL_COL_ROOM, XL_COL_ROLE, XL_COL_MOVED_IN,
                               XL_COL_PROVINCE, XL_COL_WORKPLACE};
    xl_buf_puts(out, "\xEF\xBB\xBF"); /* BOM */
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
        cell(out, "", xl_csv_column_label(cols[i]), !history && i + 1 == sizeof cols / sizeof cols[0]);
    if (history)
        cell(out, "", XL_EXPORT_MOVED_OUT_HEADER, 1);
}

static void row(xl_buf *out, sqlite3_stmt *st, const xl_export_opts *o)
{
    char building[16];
    snprintf(building, sizeof building, "%d", sqlite3_column_int(st, 4));
    text_cell(out, xl_col_text(st, 0), 0);
    cell(out, "", gender_label(xl_col_text(st, 1)), 0);
    number_cell(out, xl_col_text(st, 2), o->unmasked, xl_mask_id);
    number_cell(out, xl_col_text(st, 3), o->unmasked, xl_mask_phone);
    cell(out, "", building, 0);
    text_cell(out, xl_col_text(st, 5), 0);
    cell(out, "", role_label(xl_col_text(st, 6)), 0);
    cell(out, "", xl_col_text(st, 7), 0);
    text_cell(out, xl_col_text(st, 8), 0);
    text_cell(out, xl_col_text(st, 9), !o->history);
    if (o->history)
        cell(out, "", xl_col_text(st, 10), 1);
}

/* The whole sheet in out; *rows data rows. */
static int sheet(xl_db *db, const xl_export_opts *o, xl_buf *out, size_t *rows, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, rows_sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int(st, 1, o->history ? 1 : 0);
    header(out, o->history);
    int rc;
    *rows = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        row(out, st, o);
        (*rows)++;
    }
    rc = rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "export", err);
    sqlite3_finalize(st);
    return rc;
}

/* ---------- the file ---------- */

static int audit_body(xl_db *db, void *detail, xl_err *err)
{
    return xl_db_audit(db, "export.unmasked", "export", NULL, detail, err);
}

static int audit_unmasked(xl_db *db, const char *path, const char *reason, size_t rows, xl_err *err)
{
    xl_buf detail;
    xl_buf_init(&detail);
    xl_buf_printf(&detail, "file=%s rows=%zu reason=%s", path, rows, reason);
    int rc = xl_db_tx(db, audit_body, detail.data, err);
    xl_buf_release(&detail);
    return rc;
}

/* The reason, trimmed, in why; XL_EUSAGE when it is too short. */
static int check_reason(const char *reason, char why[REASON_MAX_BYTES], xl_err *err)
{
    int bad;
    xl_form_trim(reason, why, REASON_MAX_BYTES);
    if (xl_form_count_chars(why, &bad) < 2)
        return xl_err_set(err, XL_EUSAGE, "%s", _(EXP_E_REASON));
    return XL_OK;
}

int xl_export_residents(xl_db *db, const char *path, const xl_export_opts *opts, size_t *rows,
                        xl_err *err)
{
    xl_export_opts o = opts ? *opts : (xl_export_opts){0};
    char why[REASON_MAX_BYTES] = "";
    size_t n = 0;
    if (rows)
        *rows = 0;
    if (!path || !*path)
        return xl_err_set(err, XL_EUSAGE, "%s", _(FIO_E_NOPATH));
    if (o.unmasked && check_reason(o.reason, why, err))
        return XL_EUSAGE;
    xl_buf data;
    xl_buf_init(&data);
    int rc = sheet(db, &o, &data, &n, err);
    /* Audited before the file exists: an unmasked file is never on disk unrecorded. */
    if (rc == XL_OK && o.unmasked)
        rc = audit_unmasked(db, path, why, n, err);
    if (rc == XL_OK)
        rc = xl_file_write(path, data.data, data.len, 0600, err);
    xl_buf_release(&data);
    if (rc == XL_OK && rows)
        *rows = n;
    return rc;
}
