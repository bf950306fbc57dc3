/* structure.h — the community's structure as the desk lists and edits it: organisations,
 * party members, the three pioneer groups' teams, and the stored values of a building or a
 * room that the building card's forms start from. Writing goes through community.h
 * (xl_community_enter): the same rules as the community workbook. */
#ifndef XL_STRUCTURE_H
#define XL_STRUCTURE_H

#include <stddef.h>
#include <stdint.h>

#include "xiangli/community.h"
#include "xiangli/db.h"
#include "xiangli/model.h"

typedef struct xl_org_row {
    int64_t id;
    char name[100];
    char kind[16];     /* "street" … "other" (xl_org_kind_label) */
    char contact[100];
} xl_org_row;

typedef struct xl_party_row {
    int64_t person_id;
    char name[100];
    char branch[100];
    int building;      /* the party-member household: as given, else where the person lives
                        * now; 0 when neither */
    char room[9];
} xl_party_row;

typedef struct xl_team_row {
    int group;         /* 1..3 */
    char member[100];  /* a person's or an organisation's name */
    int is_org, leader;
} xl_team_row;

/* Every row, in name order (teams: by group, the leader first). *rows: free() it. Party
 * members are the people marked as such (person.party_member, kept by migration 007's
 * triggers), with their party_member details when there are any. */
int xl_org_rows(xl_db *db, xl_org_row **rows, size_t *n, xl_err *err);
int xl_party_list(xl_db *db, xl_party_row **rows, size_t *n, xl_err *err);
int xl_teams_list(xl_db *db, xl_team_row **rows, size_t *n, xl_err *err);

/* Organisation kinds and room uses: model.h (XL_ORG_KINDS, XL_ROOM_USES). */

/* The stored text of each column of a building / a room, as a form shows it (numbers,
 * the lane's and the grid's names, the owner's and the grid leader's names; phone and ID
 * columns stay empty: they are never shown unmasked). XL_ENOTFOUND when there is none. */
typedef char xl_cvalue[100];
int xl_building_values(xl_db *db, int number, xl_cvalue v[XL_B_COUNT], xl_err *err);
int xl_room_values(xl_db *db, int building, const char *room, xl_cvalue v[XL_R_COUNT],
                   xl_err *err);

#endif
