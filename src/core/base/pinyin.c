/* pinyin.c — readings from the generated Unihan table, and the pinyin name matcher
 * (rules in include/xiangli/pinyin.h). */
#include "xiangli/pinyin.h"

#include <string.h>

#include "xiangli/text.h"

/* The generated table: build/data/pinyin/pinyin_table.c from src/gen/gen_pinyin.py.
 * Syllable i is xl_py_pool + xl_py_syl_off[i] (length off[i+1] - off[i] - 1); reading set
 * s is xl_py_set_items[xl_py_set_off[s] .. xl_py_set_off[s+1]); set 0 is empty. */
extern const size_t xl_py_bmp_lo, xl_py_bmp_hi, xl_py_nother;
extern const char xl_py_pool[];
extern const uint16_t xl_py_syl_off[];
extern const uint32_t xl_py_set_off[];
extern const uint16_t xl_py_set_items[];
extern const uint16_t xl_py_bmp_set[];
extern const uint32_t xl_py_other_cp[];
extern const uint16_t xl_py_other_set[];

#define NAME_MAX_BYTES 255

/* One unit of a name: a Chinese character (its reading set), a Latin word, or a wall
 * (neither: nothing can match across it). */
typedef struct py_unit {
    const uint16_t *syl; /* syllable ids of a character */
    uint32_t nsyl;
    const char *word;    /* lower-cased Latin word, wlen > 0 */
    uint32_t wlen;
} py_unit;

typedef struct py_name {
    py_unit u[XL_PINYIN_MAX_UNITS];
    size_t n;
    char words[NAME_MAX_BYTES + 1];
} py_name;

enum { MODE_MIXED, MODE_INITIALS, MODE_FULL };

typedef struct py_search {
    const py_name *pn;
    const char *q;
    size_t qlen;
    int mode; /* which pieces count: any prefix, initials only, whole syllables */
    uint64_t failed[XL_PINYIN_MAX_UNITS]; /* bit pos set: (unit, pos) known not to match */
} py_search;

static unsigned set_of(uint32_t cp)
{
    if (cp >= xl_py_bmp_lo && cp <= xl_py_bmp_hi)
        return xl_py_bmp_set[cp - xl_py_bmp_lo];
    size_t lo = 0, hi = xl_py_nother;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (xl_py_other_cp[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < xl_py_nother && xl_py_other_cp[lo] == cp ? xl_py_other_set[lo] : 0;
}

size_t xl_pinyin_readings(uint32_t cp, const char **out, size_t max)
{
    unsigned set = set_of(cp);
    size_t first = xl_py_set_off[set], n = xl_py_set_off[set + 1] - first;
    for (size_t i = 0; i < n && i < max; i++)
        out[i] = xl_py_pool + xl_py_syl_off[xl_py_set_items[first + i]];
    return n;
}

int xl_pinyin_query(const char *query, char *out, size_t size)
{
    size_t n = 0;
    if (size == 0)
        return 0;
    out[0] = '\0';
    for (const char *p = query ? query : ""; *p; p++) {
        char c = *p;
        if (c == ' ' || c == '\'')
            continue;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c < 'a' || c > 'z' || n >= XL_PINYIN_MAX_QUERY || n + 1 >= size) {
            out[0] = '\0';
            return 0;
        }
        out[n++] = c;
    }
    out[n] = '\0';
    return 1;
}

/* ---- reading a name into units ---- */

/* Spaces and the marks that join the parts of a name (买买提·艾力, Anna-Maria). */
static int is_separator(uint32_t cp)
{
    switch (cp) {
    case ' ': case '\t': case '.': case '-': case '\'':
    case 0x00A0: case 0x00B7: case 0x2010: case 0x2011: case 0x2013: case 0x2019:
    case 0x2022: case 0x2027: case 0x2219: case 0x22C5: case 0x3000: case 0x30FB:
    case 0xFF0D: case 0xFF0E: case 0xFF65:
        return 1;
    default:
        return 0;
    }
}

/* Lower-case ASCII letter for ASCII and full-width letters, else 0. */
static char letter_of(uint32_t cp)
{
    if (cp >= 0xFF21 && cp <= 0xFF3A)
        cp = cp - 0xFF21 + 'A';
    else if (cp >= 0xFF41 && cp <= 0xFF5A)
        cp = cp - 0xFF41 + 'a';
    if (cp >= 'A' && cp <= 'Z')
        return (char)(cp - 'A' + 'a');
    return cp >= 'a' && cp <= 'z' ? (char)cp : 0;
}

static py_unit *unit_new(py_name *pn)
{
    if (pn->n == XL_PINYIN_MAX_UNITS)
        return NULL;
    py_unit *u = &pn->u[pn->n++];
    memset(u, 0, sizeof *u);
    return u;
}

static void name_parse(const char *name, py_name *pn)
{
    size_t off = 0, wpos = 0;
    py_unit *word = NULL;
    pn->n = 0;
    while (off < NAME_MAX_BYTES && name[off]) {
        uint32_t cp; /* decoding stops at the NUL: it is no continuation byte */
        off += xl_utf8_decode(name + off, NAME_MAX_BYTES - off, &cp);
        char c = letter_of(cp);
        if (c) {
            if (!word && (word = unit_new(pn)) == NULL)
                return;
            if (!word->wlen)
                word->word = pn->words + wpos;
            pn->words[wpos++] = c;
            word->wlen++;
            continue;
        }
        word = NULL;
        if (is_separator(cp))
            continue;
        py_unit *u = unit_new(pn);
        if (!u)
            return;
        unsigned set = set_of(cp);
        u->syl = xl_py_set_items + xl_py_set_off[set];
        u->nsyl = xl_py_set_off[set + 1] - xl_py_set_off[set];
    }
}

static size_t unit_count(const py_unit *u)
{
    return u->wlen ? 1 : u->nsyl;
}

static const char *unit_reading(const py_unit *u, size_t k, size_t *len)
{
    if (u->wlen) {
        *len = u->wlen;
        return u->word;
    }
    unsigned id = u->syl[k];
    *len = (size_t)(xl_py_syl_off[id + 1] - xl_py_syl_off[id]) - 1;
    return xl_py_pool + xl_py_syl_off[id];
}

/* ---- matching ---- */

static size_t common_prefix(const char *r, size_t rlen, const char *q, size_t qlen)
{
    size_t k = 0;
    while (k < rlen && k < qlen && (r[k] == q[k] || (r[k] == 'v' && q[k] == 'u')))
        k++;
    return k;
}

/* May a piece of k letters of a reading of len letters, ending at pos + k, be used? */
static int piece_ok(const py_search *s, size_t k, size_t len, size_t pos)
{
    if (s->mode == MODE_INITIALS)
        return k == 1;
    if (s->mode == MODE_FULL)
        return k == len || pos + k == s->qlen;
    return 1;
}

/* Can q[pos..] be spelled by units i, i+1, ... (a non-empty reading prefix each)? */
static int match_at(py_search *s, size_t i, size_t pos)
{
    if (pos == s->qlen)
        return 1;
    if (i >= s->pn->n || (s->failed[i] >> pos & 1))
        return 0;
    const py_unit *u = &s->pn->u[i];
    for (size_t r = 0, nr = unit_count(u); r < nr; r++) {
        size_t len;
        const char *rd = unit_reading(u, r, &len);
        for (size_t k = common_prefix(rd, len, s->q + pos, s->qlen - pos); k > 0; k--)
            if (piece_ok(s, k, len, pos) && match_at(s, i + 1, pos + k))
                return 1;
    }
    s->failed[i] |= (uint64_t)1 << pos;
    return 0;
}

static int match_mode(py_search *s, int mode)
{
    s->mode = mode;
    memset(s->failed, 0, s->pn->n * sizeof s->failed[0]);
    for (size_t i = 0; i < s->pn->n; i++)
        if (match_at(s, i, 0))
            return 1;
    return 0;
}

int xl_pinyin_match_normalized(const char *name, const char *q)
{
    size_t qlen = q ? strlen(q) : 0;
    if (!name || qlen > XL_PINYIN_MAX_QUERY)
        return 0;
    if (qlen == 0)
        return XL_PINYIN_FULL;
    py_name pn;
    name_parse(name, &pn);
    py_search s = {.pn = &pn, .q = q, .qlen = qlen};
    if (!match_mode(&s, MODE_MIXED)) /* the loosest first: most names fail here */
        return 0;
    if (match_mode(&s, MODE_FULL))
        return XL_PINYIN_FULL;
    return match_mode(&s, MODE_INITIALS) ? XL_PINYIN_INITIALS : XL_PINYIN_MIXED;
}

int xl_pinyin_match(const char *name, const char *query)
{
    char q[XL_PINYIN_MAX_QUERY + 1];
    if (!name || !xl_pinyin_query(query, q, sizeof q))
        return 0;
    return xl_pinyin_match_normalized(name, q);
}

/* ---- search keys ---- */

/* Appends "s|" to a '|'-list unless the list already holds s. Returns 1 if added. */
static int list_add(xl_buf *list, const char *s, size_t n)
{
    for (const char *p = list->data; (p = strchr(p, '|')) != NULL; p++) {
        if ((size_t)(list->data + list->len - (p + 1)) > n && memcmp(p + 1, s, n) == 0 &&
            p[1 + n] == '|')
            return 0;
    }
    xl_buf_put(list, s, n);
    xl_buf_put(list, "|", 1);
    return 1;
}

static void spell(const py_name *pn, const size_t *pick, xl_buf *full, xl_buf *ini)
{
    full->len = ini->len = 0;
    for (size_t i = 0; i < pn->n; i++) {
        const py_unit *u = &pn->u[i];
        size_t len = 1;
        const char *rd = unit_count(u) ? unit_reading(u, pick[i], &len) : "-";
        xl_buf_put(full, rd, len);
        xl_buf_put(ini, rd, 1);
    }
}

typedef struct py_keys {
    xl_buf fulls, inits, full, ini;
    size_t combos;
} py_keys;

static void keys_add(const py_name *pn, const size_t *pick, py_keys *k)
{
    if (k->combos >= XL_PINYIN_MAX_COMBOS)
        return;
    spell(pn, pick, &k->full, &k->ini);
    if (list_add(&k->fulls, k->full.data, k->full.len)) {
        k->combos++;
        list_add(&k->inits, k->ini.data, k->ini.len);
    }
}

/* Next combination of readings, last unit fastest; 0 after the last one. */
static int pick_next(const py_name *pn, size_t *pick)
{
    for (size_t i = pn->n; i-- > 0;) {
        if (pick[i] + 1 < unit_count(&pn->u[i])) {
            pick[i]++;
            return 1;
        }
        pick[i] = 0;
    }
    return 0;
}

/* Customary readings, then each alternative reading alone, then the rest in order. */
static void keys_enumerate(const py_name *pn, py_keys *k)
{
    size_t pick[XL_PINYIN_MAX_UNITS] = {0};
    keys_add(pn, pick, k);
    for (size_t i = 0; i < pn->n; i++) {
        for (size_t r = 1; r < unit_count(&pn->u[i]); r++) {
            pick[i] = r;
            keys_add(pn, pick, k);
        }
        pick[i] = 0;
    }
    for (int steps = 0; steps < 256 && k->combos < XL_PINYIN_MAX_COMBOS; steps++) {
        if (!pick_next(pn, pick))
            break;
        keys_add(pn, pick, k);
    }
}

static int name_readable(const py_name *pn)
{
    for (size_t i = 0; i < pn->n; i++)
        if (unit_count(&pn->u[i]))
            return 1;
    return 0;
}

void xl_pinyin_keys(const char *name, xl_buf *out)
{
    py_name pn;
    name_parse(name ? name : "", &pn);
    if (!name_readable(&pn)) {
        xl_buf_put(out, "|", 1);
        return;
    }
    py_keys k = {.combos = 0};
    xl_buf_init(&k.fulls);
    xl_buf_init(&k.inits);
    xl_buf_init(&k.full);
    xl_buf_init(&k.ini);
    xl_buf_put(&k.fulls, "|", 1);
    xl_buf_put(&k.inits, "|", 1);
    keys_enumerate(&pn, &k);
    xl_buf_put(out, k.fulls.data, k.fulls.len);
    xl_buf_put(out, k.inits.data + 1, k.inits.len - 1);
    xl_buf_release(&k.fulls);
    xl_buf_release(&k.inits);
    xl_buf_release(&k.full);
    xl_buf_release(&k.ini);
}
