/* building.h — buildings for the map and the building card. */
#ifndef XL_BUILDING_H
#define XL_BUILDING_H

#include <stddef.h>
#include <stdint.h>
#include "xiangli/db.h"

/* The registration rate where no headcount is declared: shown "—", null in JSON. */
#define XL_RATE_NONE (-1.0)

/* One building as the map needs it. */
typedef struct xl_building_summary {
    int number;
    int lane_id;
    char lane[32];
    int map_row, map_col;   /* grid position: row = lane order, col = position in lane */
    int pioneer_group;      /* 1..3, 0 none */
    int party_households;   /* rooms/households with a party member living there */
    int residents;          /* current residents in the register */
    int tenants;            /* current tenants */
    int declared;           /* declared headcount, all rooms */
    double rate;            /* registration rate 0..1 (residents / declared, capped at 1);
                               XL_RATE_NONE when no headcount is declared */
} xl_building_summary;

int xl_buildings_list(xl_db *db, xl_building_summary **out, size_t *n, xl_err *err);
/* A mark that changes whenever the buildings' figures (and the lists' and roundtables'
 * figures per building) may have: a commit by another connection (PRAGMA data_version), a
 * write by this one, a new day (overdue actions, days since a roundtable). The same mark
 * twice: nothing to read again. */
typedef struct xl_buildings_mark {
    xl_db_stamp written;
    char today[11];
} xl_buildings_mark;
void xl_buildings_mark_take(xl_db *db, xl_buildings_mark *out);
int xl_buildings_mark_same(const xl_buildings_mark *a, const xl_buildings_mark *b);
void xl_buildings_free(xl_building_summary *list);
int xl_building_exists(xl_db *db, int number);

typedef struct xl_card_resident {
    int64_t person_id;
    char room[9];
    char name[64];
    char role[16];          /* role key */
    char moved_in[11];
    char id_masked[24];
    char phone_masked[16];
    int party_member;
} xl_card_resident;

typedef struct xl_card_room {
    char room[9];
    int floor;
    int declared;
    int residents;
} xl_card_room;

typedef struct xl_building_card {
    xl_building_summary s;
    int floors;
    char owner_name[64];
    char owner_phone_masked[16];
    char resp_name[64];
    char resp_role[16];       /* "owner" / "sublandlord" */
    char resp_phone_masked[16];
    char micro_grid[64];
    char grid_leader[64];
    char grid_leader_phone_masked[16];
    xl_card_room *rooms;
    size_t nrooms;
    xl_card_resident *residents;  /* sorted by room, then role, then name */
    size_t nresidents;
} xl_building_card;

/* XL_ENOTFOUND if there is no such building. */
int xl_building_card_load(xl_db *db, int number, xl_building_card *card, xl_err *err);
void xl_building_card_release(xl_building_card *card);

#endif
