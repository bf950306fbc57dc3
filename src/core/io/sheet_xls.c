/* sheet_xls.c — Excel 97-2003 .xls through libfreexl (rules in sheet.h). An OLE compound
 * file is also what an encrypted .xlsx is (its EncryptionInfo and EncryptedPackage
 * streams): that, a password-protected .xls and an OLE file that holds no workbook (a
 * .doc) are refused, each with its own message. freexl has no merged ranges: a merged
 * value stays in its top-left cell. */
#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sheet_internal.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"

#define DIR_SCAN_MAX ((size_t)8 << 20)

/* Whether the compound file's directory names an encryption stream: its entry names are
 * UTF-16LE, so look for "EncryptionInfo" spelled that way anywhere in the first bytes. */
static int ole_encrypted(const char *path)
{
    static const char word[] = "EncryptionInfo";
    char pat[2 * sizeof word - 2];
    for (size_t i = 0; i + 1 < sizeof word; i++)
        pat[2 * i] = word[i], pat[2 * i + 1] = '\0';
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char *buf = xl_malloc(DIR_SCAN_MAX);
    size_t n = fread(buf, 1, DIR_SCAN_MAX, f);
    fclose(f);
    int found = 0;
    for (size_t i = 0; !found && n >= sizeof pat && i <= n - sizeof pat; i++)
        found = buf[i] == 'E' && memcmp(buf + i, pat, sizeof pat) == 0;
    free(buf);
    return found;
}

static void xls_close(void *state)
{
    if (state)
        freexl_close(state);
}

static int open_checked(const char *path, const void **h, xl_err *reason)
{
    if (ole_encrypted(path))
        return xl_err_set(reason, XL_EFAIL, "%s", _(SHEET_E_ENCRYPTED));
    int rc = freexl_open(path, h);
    if (rc == FREEXL_BIFF_WORKBOOK_NOT_FOUND || rc == FREEXL_BIFF_INVALID_BOF)
        return xl_err_set(reason, XL_EFAIL, "%s", _(SHEET_E_OLE_OTHER));
    if (rc != FREEXL_OK)
        return xl_err_set(reason, XL_EFAIL, "%s", _(SHEET_E_XLS_BAD));
    unsigned int pw = 0;
    if (freexl_get_info(*h, FREEXL_BIFF_PASSWORD, &pw) == FREEXL_OK && pw == FREEXL_BIFF_OBFUSCATED)
        return xl_err_set(reason, XL_EFAIL, "%s", _(SHEET_E_ENCRYPTED));
    return XL_OK;
}

static int xls_open(const char *path, void **state, char ***names, size_t *n, xl_err *reason)
{
    const void *h = NULL;
    unsigned int count = 0;
    int rc = open_checked(path, &h, reason);
    if (rc == XL_OK && (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK))
        rc = xl_err_set(reason, XL_EFAIL, "%s", _(SHEET_E_XLS_BAD));
    if (rc != XL_OK) {
        if (h)
            freexl_close(h);
        return rc;
    }
    if (count > 4096)
        count = 4096;
    *names = xl_calloc(count + 1, sizeof **names);
    for (unsigned int i = 0; i < count; i++) {
        const char *name = NULL;
        freexl_get_worksheet_name(h, (unsigned short)i, &name);
        (*names)[i] = xl_strdup(name ? name : "");
    }
    *n = count;
    *state = (void *)h;
    return XL_OK;
}

/* One cell's text; 1 when a number lost digits. */
static int cell_text(const FreeXL_CellValue *v, char *out, size_t size)
{
    out[0] = '\0';
    switch (v->type) {
    case FREEXL_CELL_INT:
        return xl_sheet_number_text((double)v->value.int_value, 0, out, size);
    case FREEXL_CELL_DOUBLE:
        return xl_sheet_number_text(v->value.double_value, 0, out, size);
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
        snprintf(out, size, "%.10s", v->value.text_value ? v->value.text_value : "");
        return 0;
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_TIME:
        xl_strlcpy_utf8(out, v->value.text_value ? v->value.text_value : "", size);
        return 0;
    default:
        return 0;
    }
}

static int xls_read(void *state, size_t i, sheet_build *b, xl_sheet *s, xl_err *err)
{
    (void)s;
    unsigned int rows = 0;
    unsigned short cols = 0;
    if (freexl_select_active_worksheet(state, (unsigned short)i) != FREEXL_OK
        || freexl_worksheet_dimensions(state, &rows, &cols) != FREEXL_OK)
        return xl_err_set(err, XL_EFAIL, "%s", _(SHEET_E_XLS_BAD));
    char *text = xl_malloc((size_t)64 << 10);
    for (unsigned int r = 0; r < rows && r < b->max_rows + 64; r++) {
        for (unsigned short c = 0; c < cols; c++) {
            FreeXL_CellValue v;
            if (freexl_get_cell_value(state, r, c, &v) != FREEXL_OK)
                continue;
            int lost = cell_text(&v, text, (size_t)64 << 10);
            sheet_build_cell(b, r, c, text, lost);
        }
    }
    free(text);
    return XL_OK;
}

const sheet_format xl_sheet_xls = {xls_open, xls_read, xls_close};
