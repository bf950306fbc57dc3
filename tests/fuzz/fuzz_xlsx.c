/* fuzz_xlsx.c — libFuzzer target: the .xlsx reader (zip and XML) through the one sheet
 * interface. The first byte chooses what the rest is:
 *   even: the whole file (damaged zips, zip bombs, odd entries);
 *   odd:  the XML of a real workbook's parts, split on "\n--part--\n" into the sheet,
 *         the shared strings and the styles, zipped here with a fixed workbook and
 *         relationships, so the XML handlers are reached on every run.
 * Invariants are checked with abort() so libFuzzer reports them. */
#define _GNU_SOURCE /* memmem */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "xiangli/csv.h"
#include "xiangli/sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char workbook[] =
    "<workbook xmlns:r=\"r\"><workbookPr/><sheets><sheet name=\"楼栋\" r:id=\"rId1\"/>"
    "<sheet name=\"房间\" r:id=\"rId2\"/></sheets></workbook>";
static const char rels[] =
    "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Target=\"/xl/worksheets/sheet1.xml\"/></Relationships>";

static char path[64];

static int known(const char *h)
{
    return h[0] != '\0';
}

static void add(zip_t *z, const char *name, const void *p, size_t n)
{
    zip_source_t *src = zip_source_buffer(z, p, n, 0);
    if (!src || zip_file_add(z, name, src, ZIP_FL_OVERWRITE) < 0)
        abort();
}

/* The parts of data (split on the marker) zipped into path with the fixed parts. */
static void write_parts(const uint8_t *data, size_t size)
{
    static const char mark[] = "\n--part--\n";
    static const char *const names[] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
                                         "xl/styles.xml"};
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, NULL);
    if (!z)
        abort();
    add(z, "xl/workbook.xml", workbook, sizeof workbook - 1);
    add(z, "xl/_rels/workbook.xml.rels", rels, sizeof rels - 1);
    const char *p = (const char *)data, *end = p + size;
    for (size_t i = 0; i < 3 && p <= end; i++) {
        const char *m = memmem(p, (size_t)(end - p), mark, sizeof mark - 1);
        const char *stop = m ? m : end;
        add(z, names[i], p, (size_t)(stop - p));
        p = m ? m + sizeof mark - 1 : end + 1;
    }
    if (zip_close(z) < 0)
        abort();
}

static void write_raw(const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
}

static void check(const xl_sheet *s)
{
    size_t last = 0;
    for (size_t r = 0; r < s->t.nrows; r++) {
        if (s->t.rows[r].line <= last)
            abort();
        last = s->t.rows[r].line;
        for (size_t f = 0; f < s->t.rows[r].nfields; f++)
            if (!s->t.rows[r].fields[f])
                abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/fuzz_xlsx.%ld.xlsx", (long)getpid());
    if (data[0] & 1)
        write_parts(data + 1, size - 1);
    else
        write_raw(data + 1, size - 1);
    xl_book *b;
    xl_err err;
    if (xl_book_open(&b, path, &err) != XL_OK)
        return 0;
    for (size_t i = 0; i < xl_book_count(b) && i < 4; i++) {
        xl_sheet s;
        xl_sheet_init(&s);
        s.t.limits.max_rows = 5000;
        xl_book_read(b, i, &s, &err);
        check(&s);
        xl_sheet_use_header(&s, known, 1, "x");
        check(&s);
        xl_sheet_release(&s);
    }
    xl_book_close(b);
    return 0;
}
