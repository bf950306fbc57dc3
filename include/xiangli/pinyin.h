/* pinyin.h — Mandarin readings of Chinese characters and the pinyin name matcher used by the
 * register's incremental search. The table is generated at build time from Unihan
 * (src/gen/gen_pinyin.py); every reading of a polyphonic character counts, so surnames are
 * found by their surname reading (单 shan, 曾 zeng, 解 xie, 区 ou, 仇 qiu, 查 zha, 朴 piao)
 * as well as by their everyday one.
 *
 * Readings are toneless lower-case a-z; ü is written v (吕 "lv"), and a query may use u
 * for it ("lu" also finds 吕).
 *
 * How a name matches a query (xl_pinyin_match):
 *  - The query is reduced to its letters: case is ignored, spaces and apostrophes are
 *    dropped ("Zhang San", "zhang'san" == "zhangsan"). A query holding anything else
 *    (digits, Chinese, punctuation) is not a pinyin query and matches nothing; the empty
 *    query matches every name.
 *  - The name is read as a row of units: each Chinese character is one unit with all its
 *    readings; a run of Latin letters is one unit whose reading is the word itself. Spaces
 *    and name separators (· • ・ ‧ . - ') are skipped, so 买买提·艾力 reads as
 *    mai mai ti ai li. Anything else (digits, brackets, a character without a reading)
 *    is a wall the query cannot run across.
 *  - The query must be the concatenation of non-empty prefixes of one reading of each of
 *    consecutive units, left to right, starting at ANY unit. So for 张三: "zhangsan",
 *    "zhang san", "zhangs", "zhang", "zs" (initials), "zsan", "zhs" (mixed, the usual IME
 *    habit), and "san" / "s" (starting at the second character) all match; "zhangx",
 *    "sz", "ans" do not.
 *  - Initials: since any prefix of a syllable counts, both the IME initial "z" and the
 *    full initial "zh" work for 张 ("zs" and "zhs" both find 张三).
 *  - A hit is ranked, so a list can put the likeliest first: XL_PINYIN_FULL when whole
 *    syllables spell the query (the last may be cut: "zhangs", "san"), else
 *    XL_PINYIN_INITIALS when one letter per character does ("zs"), else XL_PINYIN_MIXED
 *    ("zsan"; also chance hits such as "zhang" = z+hang for 赵行).
 *  - Matching is prefix-monotone: if a query matches, so does every prefix of it. A search
 *    that grows a key at a time may therefore filter the previous keystroke's hits only.
 *  - Limits: names are read up to XL_PINYIN_MAX_UNITS units (and 255 bytes); queries
 *    longer than XL_PINYIN_MAX_QUERY letters match nothing. */
#ifndef XL_PINYIN_H
#define XL_PINYIN_H

#include <stddef.h>
#include <stdint.h>

#include "xiangli/mem.h"

#define XL_PINYIN_MAX_UNITS 32
#define XL_PINYIN_MAX_QUERY 64
/* At most this many reading combinations are spelled out per name by xl_pinyin_keys. */
#define XL_PINYIN_MAX_COMBOS 16

/* All toneless readings of cp, customary first, as pointers to static NUL-terminated
 * strings. Writes at most max of them to out (out may be NULL when max is 0) and returns
 * the total number (0: not a character with a known reading). */
size_t xl_pinyin_readings(uint32_t cp, const char **out, size_t max);

/* Reduces a query to lower-case letters (spaces and apostrophes dropped) in out.
 * Returns 1 if it is a pinyin query (only ASCII letters, spaces, apostrophes; at most
 * XL_PINYIN_MAX_QUERY letters, fitting in size), else 0 with out set to "". */
int xl_pinyin_query(const char *query, char *out, size_t size);

enum { XL_PINYIN_MIXED = 1, XL_PINYIN_INITIALS = 2, XL_PINYIN_FULL = 3 };

/* 0 if the UTF-8 name does not match the query by pinyin (rules above), else the rank of
 * the hit (XL_PINYIN_*; the empty query gives XL_PINYIN_FULL). NULL name: 0. */
int xl_pinyin_match(const char *name, const char *query);
/* The same for a query already reduced by xl_pinyin_query (saves redoing it per name when
 * scanning many names). */
int xl_pinyin_match_normalized(const char *name, const char *q);

/* Appends the name's search keys to out, for storing in a column and pre-filtering with
 * instr()/LIKE before confirming with xl_pinyin_match:
 *     "|zhangsan|zs|"               张三
 *     "|danxiaoming|shanxiaoming|chanxiaoming|dxm|sxm|cxm|"   单晓明
 * i.e. '|'-separated full spellings, then initials, one per combination of readings of
 * polyphonic characters (customary readings first, then each alternative reading alone,
 * at most XL_PINYIN_MAX_COMBOS). A wall unit is spelled '-'. Every full-spelling or
 * initials query that matches (e.g. "zhangs", "san", "zs") is a substring of the keys, so
 * instr()/LIKE finds those; the filter is not exact (mid-syllable hits like "angs" must be
 * confirmed with xl_pinyin_match) and mixed queries ("zsan") are only found by
 * xl_pinyin_match. A name without any readable unit gives "|". */
void xl_pinyin_keys(const char *name, xl_buf *out);

#endif
