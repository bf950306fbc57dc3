/* search_sql.c — the search keys of a name, the SQL functions that keep person.pinyin, and
 * the FTS5 expressions that search it (format and reasoning in search_sql.h). */
#include "core/db/search_sql.h"

#include <stdlib.h>
#include <string.h>

#include "core/db/db_internal.h"
#include "xiangli/pinyin.h"
#include "xiangli/text.h"

#define MAX_ITEMS (2 * XL_PINYIN_MAX_COMBOS + 2)
#define MAX_SUFFIXES 64   /* person.name holds at most 64 characters */
#define MAX_TOKEN 512

void xl_search_fold_v(char *s)
{
    for (; *s; s++)
        if (*s == 'v')
            *s = 'u';
}

/* ---------- the keys ---------- */

/* Splits "|a|b|c|" into items; returns how many. */
static size_t split_items(const char *keys, const char **item, size_t *len)
{
    size_t n = 0;
    const char *p = keys;
    while (*p == '|' && n < MAX_ITEMS) {
        const char *end = strchr(p + 1, '|');
        if (!end)
            break;
        if (end > p + 1) {
            item[n] = p + 1;
            len[n++] = (size_t)(end - p - 1);
        }
        p = end;
    }
    return n;
}

static int token_end(char c)
{
    return c == '\0' || c == '|' || c == '!' || c == '~' || c == '(';
}

/* Appends marker + s (folded) unless the keys already hold that token. */
static void add_token(xl_buf *doc, char marker, const char *s, size_t n)
{
    char tok[MAX_TOKEN];
    if (n + 1 >= sizeof tok)
        return;
    memcpy(tok, s, n);
    tok[n] = '\0';
    xl_search_fold_v(tok);
    for (size_t i = 0; marker == '!' && i < n; i++)
        if (tok[i] >= 'a' && tok[i] <= 'z')
            tok[i] = (char)(tok[i] - 'a' + 'A');
    for (const char *p = doc->data; (p = strchr(p, marker)) != NULL; p++)
        if (strncmp(p + 1, tok, n) == 0 && token_end(p[1 + n]))
            return;
    xl_buf_put(doc, &marker, 1);
    xl_buf_put(doc, tok, n);
}

static size_t occurrences(const char **item, const size_t *len, size_t n, size_t i)
{
    size_t count = 0;
    for (size_t j = 0; j < n; j++)
        count += len[j] == len[i] && memcmp(item[j], item[i], len[i]) == 0;
    return count;
}

/* xl_pinyin_keys lists full spellings, then initials (one letter per unit, so all as long
 * as the last item). A spelling as short as the initials is a full one too only when every
 * reading has one letter — and then it is listed twice. */
static void add_items(const char *keys, xl_buf *doc)
{
    const char *item[MAX_ITEMS];
    size_t len[MAX_ITEMS];
    size_t n = split_items(keys, item, len);
    if (n == 0)
        return;
    size_t units = len[n - 1];
    for (size_t i = 0; i < n; i++) {
        if (len[i] > units || occurrences(item, len, n, i) > 1)
            add_token(doc, '|', item[i], len[i]);
        if (len[i] == units)
            add_token(doc, '!', item[i], len[i]);
    }
}

static void add_pinyin(const char *name, xl_buf *doc)
{
    xl_buf keys;
    xl_buf_init(&keys);
    size_t len = strlen(name), off = 0;
    for (int k = 0; off < len && k < MAX_SUFFIXES; k++) {
        keys.len = 0;
        keys.data[0] = '\0';
        xl_pinyin_keys(name + off, &keys);
        add_items(keys.data, doc);
        uint32_t cp;
        off += xl_utf8_decode(name + off, len - off, &cp);
    }
    xl_buf_release(&keys);
}

static int has_latin(const char *name)
{
    size_t len = strlen(name);
    for (size_t off = 0; off < len;) {
        uint32_t cp;
        off += xl_utf8_decode(name + off, len - off, &cp);
        if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
            return 1;
        if ((cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A))
            return 1;
    }
    return 0;
}

/* ~suffix for every suffix, then (c) for every distinct character. */
static void add_text(const char *name, xl_buf *doc)
{
    size_t len = strlen(name), off = 0, first = doc->len;
    for (int k = 0; off < len && k < MAX_SUFFIXES; k++) {
        xl_buf_puts(doc, "~");
        xl_buf_puts(doc, name + off);
        uint32_t cp;
        off += xl_utf8_decode(name + off, len - off, &cp);
    }
    off = 0;
    for (int k = 0; off < len && k < MAX_SUFFIXES; k++) {
        uint32_t cp;
        size_t step = xl_utf8_decode(name + off, len - off, &cp);
        char tok[8] = "(";
        memcpy(tok + 1, name + off, step);
        memcpy(tok + 1 + step, ")", 2);
        if (!strstr(doc->data + first, tok))
            xl_buf_puts(doc, tok);
        off += step;
    }
}

void xl_search_keys(const char *name, xl_buf *out)
{
    if (!name || !*name)
        return;
    add_pinyin(name, out);
    if (has_latin(name))
        xl_buf_puts(out, "|#|");
    add_text(name, out);
}

/* ---------- person_key (data/schema/015_person_key.sql) ---------- */

static void key_json(xl_buf *out, int *n, const char *a, size_t alen, const char *b, size_t blen)
{
    char tok[MAX_TOKEN + 1];
    if (alen + blen >= sizeof tok)
        return;
    memcpy(tok, a, alen);
    memcpy(tok + alen, b, blen);
    tok[alen + blen] = '\0';
    xl_buf_puts(out, (*n)++ ? "," : "");
    xl_buf_json_str(out, tok);
}

/* The keys of the view person_keys for one person (the same rows, as a JSON array): for the
 * bulk writers, which would otherwise split every person's keys in SQL (twice as slow). The
 * tests compare the table they fill with the view. */
static void key_list(const char *name, const char *keys, xl_buf *out)
{
    int n = 0;
    xl_buf_puts(out, "[");
    const char *end = strchr(keys, '~');
    end = end ? end : keys + strlen(keys);
    for (const char *p = keys; p < end && (*p == '|' || *p == '!');) {
        size_t len = strcspn(p + 1, "|!~");
        if (*p == '|' && len == 1 && p[1] == '#')
            key_json(out, &n, "#", 1, "", 0);
        else if (len > (size_t)(*p == '!')) {
            key_json(out, &n, p, 1, p + 1, len);
        }
        p += 1 + len;
    }
    size_t nlen = strlen(name), off = 0;
    for (int k = 0; off < nlen && k < MAX_SUFFIXES; k++) {
        key_json(out, &n, "~", 1, name + off, nlen - off);
        uint32_t cp;
        off += xl_utf8_decode(name + off, nlen - off, &cp);
    }
    xl_buf_puts(out, "]");
}

/* 1 when the spellings of keys (xl_search_keys) may hold a ü (lv, lve, nv, nve fold to lu,
 * lue, nu, nue). */
static int may_hold_v(const char *keys)
{
    for (const char *p = keys; *p && *p != '~'; p++)
        if ((p[0] == 'l' || p[0] == 'n') && p[1] == 'u')
            return 1;
    return 0;
}

/* The spellings of name that hold a v, unfolded, as "|spelling" (person_key_v). */
static void v_keys(const char *name, const char *keys, xl_buf *out)
{
    int n = 0;
    xl_buf_puts(out, "[");
    size_t nlen = strlen(name), off = 0;
    xl_buf raw;
    xl_buf_init(&raw);
    for (int k = 0; may_hold_v(keys) && off < nlen && k < MAX_SUFFIXES; k++) {
        raw.len = 0;
        raw.data[0] = '\0';
        xl_pinyin_keys(name + off, &raw);
        const char *item[MAX_ITEMS];
        size_t len[MAX_ITEMS];
        size_t items = split_items(raw.data, item, len);
        for (size_t i = 0; i < items; i++)
            if (memchr(item[i], 'v', len[i]))
                key_json(out, &n, "|", 1, item[i], len[i]);
        uint32_t cp;
        off += xl_utf8_decode(name + off, nlen - off, &cp);
    }
    xl_buf_release(&raw);
    xl_buf_puts(out, "]");
}

static void fn_v_keys(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *name = (const char *)sqlite3_value_text(argv[0]);
    const char *keys = (const char *)sqlite3_value_text(argv[1]);
    xl_buf out;
    xl_buf_init(&out);
    v_keys(name ? name : "", keys ? keys : "", &out);
    sqlite3_result_text(ctx, out.data, (int)out.len, SQLITE_TRANSIENT);
    xl_buf_release(&out);
}

static void fn_key_list(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *name = (const char *)sqlite3_value_text(argv[0]);
    const char *keys = (const char *)sqlite3_value_text(argv[1]);
    xl_buf out;
    xl_buf_init(&out);
    key_list(name ? name : "", keys ? keys : "", &out);
    sqlite3_result_text(ctx, out.data, (int)out.len, SQLITE_TRANSIENT);
    xl_buf_release(&out);
}

int xl_search_index_people(xl_db *db, long long first, long long last, xl_err *err)
{
    static const char *const sql[] = {
        "INSERT INTO person_search(rowid, pinyin) SELECT id, pinyin FROM person WHERE id BETWEEN ?1 AND ?2",
        "INSERT OR IGNORE INTO person_key(k, pid, b)"
        " SELECT j.value, p.id, coalesce(r.building, 0) FROM person p"
        " LEFT JOIN residency r ON r.person_id = p.id AND r.moved_out IS NULL,"
        " json_each(xl_search_key_list(p.name, p.pinyin)) j WHERE p.id BETWEEN ?1 AND ?2 ORDER BY 1, 2",
        "INSERT OR IGNORE INTO person_key_v(k, pid, b)"
        " SELECT j.value, p.id, coalesce(r.building, 0) FROM person p"
        " LEFT JOIN residency r ON r.person_id = p.id AND r.moved_out IS NULL,"
        " json_each(xl_search_v_keys(p.name, p.pinyin)) j WHERE p.id BETWEEN ?1 AND ?2",
    };
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
        sqlite3_stmt *st = xl_db_prepare(db, sql[i], err);
        if (!st)
            return XL_EFAIL;
        sqlite3_bind_int64(st, 1, first);
        sqlite3_bind_int64(st, 2, last);
        if (xl_db_step_done(db, st, "search index", err))
            return XL_EFAIL;
    }
    return XL_OK;
}

/* ---------- SQL functions ---------- */

/* The last name whose keys were made or given (xl_search_keys_remember), with its keys: an
 * insert into person asks for xl_search_keys(new.name) in both of its triggers' WHEN
 * (011_operators.sql), and the importer has made the keys already. The keys are a pure
 * function of the name, so one entry per thread serves every connection. */
static _Thread_local xl_buf last_name, last_keys;

static void remember(const char *name, size_t nlen, const char *keys, size_t klen)
{
    last_name.len = last_keys.len = 0;
    xl_buf_put(&last_name, name, nlen);
    xl_buf_put(&last_keys, keys, klen);
}

void xl_search_keys_remember(const char *name, const char *keys)
{
    if (name && *name && keys && *keys)
        remember(name, strlen(name), keys, strlen(keys));
}

static void fn_keys(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *name = sqlite3_value_text(argv[0]);
    size_t nlen = (size_t)sqlite3_value_bytes(argv[0]);
    if (nlen && last_keys.len && last_name.len == nlen && !memcmp(last_name.data, name, nlen)) {
        sqlite3_result_text(ctx, last_keys.data, (int)last_keys.len, SQLITE_TRANSIENT);
        return;
    }
    xl_buf keys;
    xl_buf_init(&keys);
    xl_search_keys((const char *)name, &keys);
    sqlite3_result_text(ctx, keys.data, (int)keys.len, SQLITE_TRANSIENT);
    if (nlen && keys.len)
        remember((const char *)name, nlen, keys.data, keys.len);
    xl_buf_release(&keys);
}

static void fn_match(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *name = sqlite3_value_text(argv[0]);
    const unsigned char *q = sqlite3_value_text(argv[1]);
    sqlite3_result_int(ctx, name && q ? xl_pinyin_match((const char *)name, (const char *)q) : 0);
}

int xl_search_sql_register(sqlite3 *h)
{
    const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    int rc = sqlite3_create_function_v2(h, "xl_search_keys", 1, flags, NULL, fn_keys, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function_v2(h, "xl_search_key_list", 2, flags, NULL, fn_key_list, NULL, NULL,
                                        NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function_v2(h, "xl_search_v_keys", 2, flags, NULL, fn_v_keys, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function_v2(h, "xl_pinyin_match", 2, flags, NULL, fn_match, NULL, NULL,
                                        NULL);
    return rc;
}

/* ---------- FTS5 expressions ---------- */

/* The AND of the 3-character windows of marker + s[0..n) (letters only: nothing to quote). */
static void trigrams(xl_buf *out, char marker, const char *s, size_t n)
{
    char m[XL_PINYIN_MAX_QUERY + 2];
    m[0] = marker;
    for (size_t i = 0; i < n; i++) /* initials are stored in capitals */
        m[i + 1] = marker == '!' && s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 'a' + 'A') : s[i];
    xl_buf_puts(out, "(");
    for (size_t i = 0; i + 3 <= n + 1; i++)
        xl_buf_printf(out, "%s\"%.3s\"", i ? " AND " : "", m + i);
    xl_buf_puts(out, ")");
}

/* (|s OR !s) for a 2-letter s: the prefix of the suffix starting at some unit. */
static void unit_start(xl_buf *out, const char *s)
{
    xl_buf_puts(out, "(");
    trigrams(out, '|', s, 2);
    xl_buf_puts(out, " OR ");
    trigrams(out, '!', s, 2);
    xl_buf_puts(out, ")");
}

int xl_search_expr_full(const char *qf, xl_buf *out)
{
    size_t n = strlen(qf);
    if (n == 1 && strchr("iuv", qf[0])) {
        xl_buf_puts(out, "\"|#|\"");
        return 1;
    }
    if (n < 2 || n > XL_PINYIN_MAX_QUERY)
        return 0;
    trigrams(out, '|', qf, n);
    return 1;
}

int xl_search_expr_initials(const char *qf, xl_buf *out)
{
    size_t n = strlen(qf);
    if (n < 2 || n > XL_PINYIN_MAX_QUERY)
        return 0;
    trigrams(out, '!', qf, n);
    return 1;
}

/* NS(p): the unit after a piece ending at p starts with q[p..p+2). */
static void next_start(xl_buf *out, const char *qf, size_t p)
{
    unit_start(out, qf + p);
}

/* t_j: the trigram of "|" + q[start..start+j) that ends at its j-th letter (j >= 2). */
static void chain_trigram(xl_buf *out, const char *qf, size_t start, size_t j)
{
    if (j == 2)
        xl_buf_printf(out, "\"|%.2s\"", qf + start);
    else
        xl_buf_printf(out, "\"%.3s\"", qf + start + j - 3);
}

/* A piece of j >= 2 letters from q[start] (P_j = t_2 AND ... AND t_j, a full token's prefix)
 * followed by: the next unit's start NS(start+j) while two letters are left; with one left
 * (j = J = n-start-1), a last one-letter piece: the initials ini + q[start] + q[n-1] begin an
 * initials token; with none left (to_end), nothing. Nested so each trigram appears once:
 *   t_j AND (NS(start+j) OR (t_{j+1} AND ( ... (LAST OR t_{J+1}) ...))) */
static void piece_chain(xl_buf *out, const char *qf, size_t n, size_t start, const char *ini,
                        size_t j, int to_end)
{
    size_t last = n - start - 1;
    xl_buf_puts(out, "(");
    chain_trigram(out, qf, start, j);
    xl_buf_puts(out, " AND (");
    if (j < last) {
        next_start(out, qf, start + j);
        xl_buf_puts(out, " OR ");
        piece_chain(out, qf, n, start, ini, j + 1, to_end);
    } else {
        char s[XL_PINYIN_MAX_QUERY + 1];
        size_t k = strlen(ini);
        memcpy(s, ini, k);
        s[k] = qf[start];
        s[k + 1] = qf[n - 1];
        trigrams(out, '!', s, k + 2);
        if (to_end) {
            xl_buf_puts(out, " OR ");
            chain_trigram(out, qf, start, j + 1);
        }
    }
    xl_buf_puts(out, "))");
}

/* MIXED (m >= 2 pieces, some piece neither whole nor one letter) by the first piece:
 *   longer than one letter:  piece_chain from q[0]
 *   one letter:  "!"+q[0..2) (its initial and the next unit's) AND the second piece:
 *                longer than one letter: piece_chain from q[1] (to the end allowed);
 *                one letter: "!"+q[0..3) (three initials) */
int xl_search_expr_mixed(const char *qf, xl_buf *out)
{
    size_t n = strlen(qf);
    char ini[2] = {qf[0], '\0'};
    if (n < 3 || n > XL_PINYIN_MAX_QUERY)
        return 0;
    xl_buf_puts(out, "(");
    piece_chain(out, qf, n, 0, "", 2, 0);
    xl_buf_puts(out, " OR (");
    trigrams(out, '!', qf, 2);
    xl_buf_puts(out, " AND (");
    if (n == 3)
        chain_trigram(out, qf, 1, 2);
    else
        piece_chain(out, qf, n, 1, ini, 2, 1);
    xl_buf_puts(out, " OR ");
    trigrams(out, '!', qf, 3);
    xl_buf_puts(out, ")))");
    return 1;
}

int xl_search_expr_any(const char *qf, xl_buf *out)
{
    size_t n = strlen(qf);
    if (n < 2)
        return xl_search_expr_full(qf, out);
    if (n > XL_PINYIN_MAX_QUERY)
        return 0;
    xl_buf_puts(out, "(");
    xl_search_expr_full(qf, out);
    xl_buf_puts(out, " OR ");
    xl_search_expr_initials(qf, out);
    if (n >= 3) {
        xl_buf_puts(out, " OR ");
        xl_search_expr_mixed(qf, out);
    }
    xl_buf_puts(out, ")");
    return 1;
}
