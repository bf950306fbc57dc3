/* search_sql.h — for core/ only: the search keys of a person's name, the application SQL
 * functions that keep them, and the FTS5 expressions that search them.
 *
 * person.pinyin (data/schema/004_search.sql) holds xl_search_keys(name): tokens, each
 * starting with a marker, for an FTS5 trigram index (person_search, case-sensitive) that
 * finds candidates; lookup.c confirms each with xl_pinyin_match / instr():
 *   |spelling   the full pinyin of every suffix of the name that starts at a unit, one per
 *               combination of readings (xl_pinyin_keys of that suffix): 张三 → |zhangsan|san
 *   !INITIALS   their initials, in capitals so that their trigrams never meet a full
 *               spelling's: !ZS!S
 *   |#|         the name holds Latin letters (a word is a unit whose reading is itself)
 *   ~suffix     every suffix of the name's text: ~张三~三   (a substring of the name is a
 *               prefix of one of these, so a 2-character query is a 3-character trigram)
 *   (c)         every distinct character: (张)(三)         (a 1-character query)
 * Pinyin tokens fold 'v' (ü) to 'u', as do the queries compared with them ("lu" finds 吕 lv;
 * xl_pinyin_match then decides). Example: 张三 → "|zhangsan!ZS|san!S~张三~三(张)(三)".
 *
 * Why these tokens find every match: a query q (n letters, folded) matches a name by the
 * rules of pinyin.h only as pieces p1..pm, each a non-empty prefix of a reading of
 * consecutive units i, i+1, ... So
 *   FULL      "|"+q is a prefix of a full token; INITIALS "!"+q of an initials token;
 *   MIXED     (m >= 2): if |p1| >= 2, "|"+p1 is a full token's prefix, and then either the
 *             next unit's suffix starts with the next two letters ("|"+2 or "!"+2), or one
 *             letter is left (the initials of units i, i+1 start an initials token); if
 *             |p1| = 1, the initials q0 q1 start one and p2 is treated the same way.
 * The expressions below are these conditions as ANDs of trigrams: supersets of the hits,
 * never missing one (except names with more reading combinations than
 * XL_PINYIN_MAX_COMBOS, whose rarer combinations are not spelled out). */
#ifndef XL_SEARCH_SQL_H
#define XL_SEARCH_SQL_H

#include <sqlite3.h>

#include "xiangli/mem.h"

/* Registers on h (SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS):
 *   xl_search_keys(name)      TEXT, the keys above ('' for NULL)
 *   xl_pinyin_match(name, q)  INTEGER, xl_pinyin_match(): 0 or the rank XL_PINYIN_*
 * Returns an SQLite result code. Called by xl_db_open on every connection, before
 * migrations run (the triggers and the backfill of 004_search.sql call them). */
int xl_search_sql_register(sqlite3 *h);

/* Appends the keys of name to out (the function above). */
void xl_search_keys(const char *name, xl_buf *out);

/* Tells the SQL function xl_search_keys that keys are name's keys (the caller made them with
 * xl_search_keys), so an insert's triggers that ask for them do not make them again. */
void xl_search_keys_remember(const char *name, const char *keys);

/* person_key (data/schema/015_person_key.sql): a B-tree of every search key with the
 * building its person lives in now (0: nowhere), so that a prefix search is a range of
 * keys read in building order without touching person or residency. A person's keys (the
 * view person_keys, in plain SQL from person.name and the keys above):
 *   "|spelling" and "!INITIALS" as above (folded, initials in capitals; not a single
 *             initial: INITIALS and MIXED queries cut two units or more),
 *   "#"       the name holds Latin letters (a word is a unit whose reading is itself),
 *   "~suffix" every suffix of the name's text (a substring of the name is a prefix of one).
 * and in person_key_v, the "|spelling"s that hold a v, unfolded (xl_search_v_keys(name,
 * keys)): a query with v but no u reads those. A query's range is [marker + q, marker + q +
 * U+10FFFF). */

/* Indexes the people with ids first..last whose indexing was deferred
 * (xl_db_defer_search_index): person_search and person_key, each in one statement. */
struct xl_db;
struct xl_err;
int xl_search_index_people(struct xl_db *db, long long first, long long last, struct xl_err *err);

/* Folds 'v' to 'u' in place. */
void xl_search_fold_v(char *s);

/* FTS5 MATCH expressions over person_search for a reduced, folded pinyin query qf (see
 * xl_pinyin_query). Each appends to out and returns 1, or returns 0 (out untouched) when
 * the condition cannot be written with trigrams — the caller then scans everyone. */
int xl_search_expr_full(const char *qf, xl_buf *out);     /* FULL hits ⊆ it; strlen >= 2 */
int xl_search_expr_initials(const char *qf, xl_buf *out); /* INITIALS hits ⊆ it */
int xl_search_expr_mixed(const char *qf, xl_buf *out);    /* MIXED hits ⊆ it; strlen >= 3 */
/* Every hit of any rank (for an unlimited search). A 1-letter query i, u or v (no
 * Mandarin syllable starts with one) can only match Latin words: the |#| names. */
int xl_search_expr_any(const char *qf, xl_buf *out);

#endif
