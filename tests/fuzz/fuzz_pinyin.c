/* fuzz_pinyin.c — libFuzzer target: the pinyin matcher and key builder on an arbitrary
 * name and query. Input: first byte = name length, then the name, then the query. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xiangli/pinyin.h"
#include "xiangli/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every reading of every code point in the name is plain a-z. */
static void check_readings(const char *name)
{
    size_t n = strlen(name);
    while (n > 0) {
        uint32_t cp;
        size_t k = xl_utf8_decode(name, n, &cp);
        const char *r[16];
        size_t nr = xl_pinyin_readings(cp, r, 16);
        for (size_t i = 0; i < nr && i < 16; i++)
            if (!r[i][0] || strspn(r[i], "abcdefghijklmnopqrstuvwxyz") != strlen(r[i]))
                abort();
        name += k, n -= k;
    }
}

/* Prefix-monotone: if q matches, so does q minus its last letter. */
static void check_monotone(const char *name, const char *query)
{
    char q[XL_PINYIN_MAX_QUERY + 1];
    if (!xl_pinyin_query(query, q, sizeof q))
        return;
    int rank = xl_pinyin_match_normalized(name, q);
    if (rank < 0 || rank > XL_PINYIN_FULL || rank != xl_pinyin_match(name, query))
        abort();
    size_t n = strlen(q);
    if (rank && n > 0) {
        q[n - 1] = '\0';
        if (!xl_pinyin_match_normalized(name, q))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    size_t nlen = data[0] < size - 1 ? data[0] : size - 1, qlen = size - 1 - nlen;
    char *name = malloc(nlen + 1), *query = malloc(qlen + 1);
    if (!name || !query)
        abort();
    memcpy(name, data + 1, nlen);
    name[nlen] = '\0';
    memcpy(query, data + 1 + nlen, qlen);
    query[qlen] = '\0';
    check_readings(name);
    check_monotone(name, query);
    xl_buf keys;
    xl_buf_init(&keys);
    xl_pinyin_keys(name, &keys);
    if (keys.len == 0 || keys.data[0] != '|' || keys.data[keys.len - 1] != '|')
        abort();
    xl_buf_release(&keys);
    free(name);
    free(query);
    return 0;
}
