/* lookup.h — "who lives there / who is this": the one search behind the CLI and the TUI.
 *   1–3 digits      building number: everyone living there, by room
 *   N-R             one room (127-302)
 *   4+ digits       phone or ID-number tail
 *   other text      name substring (Chinese); current residents first, then people who
 *                   moved out (with their last residency)
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
} xl_hit;

typedef struct xl_lookup_result {
    xl_query_kind kind;
    xl_hit *hits;
    size_t n;
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
 * living there), phone_masked, id_masked. */
void xl_lookup_json(const xl_lookup_result *res, struct xl_buf *out);

#endif
