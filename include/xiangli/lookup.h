/* lookup.h — "who lives there / who is this": the one search behind `xiangli lookup` and
 * the TUI's incremental search (both call xl_lookup, so scripts and the screen agree).
 *   1–3 digits      building number: everyone living there, by room
 *   N-R             one room (127-302)
 *   4 digits        the last 4 of a phone or ID number (a final x/X for an ID number);
 *                   more digits match only the whole number (never a longer tail)
 *   ASCII letters   pinyin (spaces and apostrophes ignored): the person's name read by
 *                   xl_pinyin_match (pinyin.h) — full "zhangsan"/"zhang san", initials
 *                   "zs", mixed "zsan", from any character of the name, every reading of a
 *                   polyphonic character (单 shan, 曾 zeng, 解 xie, 区 ou, 仇 qiu, 查 zha,
 *                   朴 piao), u for ü ("lu" finds 吕)
 *   other text      name substring (Chinese)
 * Order of name and pinyin hits: for pinyin, by rank first (FULL, then INITIALS, then
 * MIXED); then current residents, people who moved out (with their last residency), people
 * with no residency; then building, room (as text), name, person id. A limit returns exactly
 * the first `limit` hits of that order, so the TUI's page is the CLI's first lines.
 * How it stays fast on a large register (ranges of a B-tree of search keys, an in-order
 * walk of the current residents for common queries) is described in
 * src/core/register/lookup.c.
 * No unmasked ID or phone number ever leaves this module. */
#ifndef XL_LOOKUP_H
#define XL_LOOKUP_H

#include <stddef.h>
#include <stdint.h>
#include "xiangli/db.h"

typedef enum {
    XL_Q_BUILDING,
    XL_Q_ROOM,
    XL_Q_TAIL,
    XL_Q_NAME,
    XL_Q_PINYIN,
} xl_query_kind;

typedef struct xl_hit {
    int64_t person_id;
    char name[64];
    int building;
    char room[9];
    char role[16];        /* role key */
    char moved_in[11];
    char moved_out[11];   /* "" while living there */
    char phone_masked[16];
    char id_masked[24];
    int complete;         /* registration state (登记状态), as the register: see resident.h */
    int rank;             /* pinyin queries: XL_PINYIN_FULL / _INITIALS / _MIXED; else 0 */
} xl_hit;

typedef struct xl_lookup_result {
    xl_query_kind kind;
    xl_hit *hits;
    size_t n;
    size_t cap;           /* allocated hits (private) */
    /* for building/room queries: the building's first responsible person */
    int building;
    char resp_name[64];
    char resp_role[16];
    char resp_phone_masked[16];
} xl_lookup_result;

/* Parses the query; XL_EUSAGE with a message for an empty or malformed one. */
int xl_lookup_classify(const char *query, xl_query_kind *kind, int *building, char room[9],
                       xl_err *err);
struct xl_buf;
/* limit 0 = no limit. */
int xl_lookup(xl_db *db, const char *query, size_t limit, xl_lookup_result *res, xl_err *err);
void xl_lookup_release(xl_lookup_result *res);
/* JSON array of hit objects: name, building, room, role, moved_in, moved_out (null while
 * living there), phone_masked, id_masked, complete (true/false). */
void xl_lookup_json(const xl_lookup_result *res, struct xl_buf *out);

#endif
