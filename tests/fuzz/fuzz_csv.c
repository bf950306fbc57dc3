/* fuzz_csv.c — libFuzzer target: the CSV reader, header mapping, normaliser and date parser
 * on arbitrary bytes. Invariants are checked with abort() so libFuzzer reports them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xiangli/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_field(const char *f)
{
    char buf[256], out[11];
    size_t n = strlen(f);
    if (n >= sizeof buf)
        return;
    memcpy(buf, f, n + 1);
    if (xl_csv_normalize_digits(buf) > n || strlen(buf) > n)
        abort();
    xl_err err;
    if (xl_parse_date(f, out, &err) == XL_OK &&
        (strlen(out) != 10 || out[4] != '-' || out[7] != '-'))
        abort();
    memcpy(buf, f, n + 1);
    if (xl_csv_trim(buf) != strlen(buf))
        abort();
    (void)xl_csv_header_lookup(f);
}

static void check_rows(const xl_csv *c)
{
    size_t last = 0, budget = 2000;
    for (size_t r = 0; r < c->nrows; r++) {
        if (c->rows[r].line < last || c->rows[r].line == 0)
            abort();
        last = c->rows[r].line;
        for (size_t f = 0; f < c->rows[r].nfields && budget > 0; f++, budget--)
            check_field(c->rows[r].fields[f]);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    xl_csv c;
    xl_err err;
    xl_csv_init(&c);
    c.limits.max_field = 4096;
    c.limits.max_fields = 64;
    c.limits.max_rows = 4096;
    int rc = xl_csv_read_buf(&c, "fuzz.csv", data, size, &err);
    if ((rc == XL_OK) != (c.nerrors == 0))
        abort();
    check_rows(&c);
    int idx[XL_COL_COUNT];
    xl_csv_header_map(&c, idx);
    for (int col = 0; col < XL_COL_COUNT; col++)
        if (idx[col] >= 0 && (c.nrows == 0 || (size_t)idx[col] >= c.rows[0].nfields))
            abort();
    char msg[300];
    for (size_t i = 0; i < c.nproblems; i++)
        xl_csv_format_problem(&c, &c.problems[i], msg, sizeof msg);
    xl_csv_release(&c);

    char raw[64]; /* the raw bytes as one field, too */
    size_t n = size < sizeof raw - 1 ? size : sizeof raw - 1;
    memcpy(raw, data, n);
    raw[n] = '\0';
    check_field(raw);
    return 0;
}
