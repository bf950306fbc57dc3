/* community.h — the office's own community, loaded from the sheets it keeps and kept up to
 * date afterwards: buildings, rooms, organisations, residents, party members and the three
 * pioneer groups' teams.
 *
 * Import (xl_community_import): a workbook (.xlsx/.xls, sheets named 楼栋 房间 人员 (or the older 住户) 组织
 * 党员 楼组) or, for one kind, a CSV or a workbook's first sheet. Sheets are read in
 * dependency order (buildings, rooms, organisations, residents, party members, teams), and
 * checked field by field before anything is written; then every row is applied in ONE
 * transaction: all or nothing. Each sheet's header row is found under any title rows;
 * Chinese or English headers in any order (the tables in community.c). A row is matched by
 * its natural key — building number; building + room; organisation name; ID number (or
 * name + building-room) for people; group + member for teams — and is added, changed or
 * left unchanged; an empty cell leaves the stored value as it is. Each added or changed
 * entity gets an audit row naming the file ("community.building.add" …), the whole one
 * "import.community". dry_run: the same run, rolled back, so the counts and rows it lists
 * are exactly what an import would do. An import that changes nothing writes nothing.
 * Problems name the place as a user sees it: "community.xlsx:楼栋:5: 层数: …".
 *
 * Buildings without a map position (地图行/地图列) are laid out by lane (row, in the
 * lanes' number order) and number (column). */
#ifndef XL_COMMUNITY_H
#define XL_COMMUNITY_H

#include <stddef.h>
#include <stdint.h>

#include "xiangli/db.h"
#include "xiangli/import.h"
#include "xiangli/sheet.h"

/* The kinds in dependency order: id, command word, and the message whose Chinese is the sheet's
 * name (楼栋, 房间, 组织, 人员, 党员, 楼组: Chinese whatever the UI language). */
#define XL_CKINDS(X)                                \
    X(BUILDINGS, "buildings", BUILDING)             \
    X(ROOMS, "rooms", ROOM)                         \
    X(ORGS, "organisations", ST_PAGE_ORGS)          \
    X(RESIDENTS, "residents", TPL_SHEET_PEOPLE)     \
    X(PARTY, "party", ST_PAGE_PARTY)                \
    X(TEAMS, "teams", MTG_MIN_PIONEER)

typedef enum {
#define XL_CK_ENUM(id, word, sheet) XL_CK_##id,
    XL_CKINDS(XL_CK_ENUM)
#undef XL_CK_ENUM
    XL_CK_COUNT
} xl_ckind;

enum { CI_MAXCOL_PUBLIC = 16 };

/* The columns of each kind, in the template's order (the header tables live in
 * community.c): the desk's forms fill them (xl_community_enter). */
enum { XL_B_NUMBER, XL_B_LANE, XL_B_ADDRESS, XL_B_FLOORS, XL_B_OWNER, XL_B_OWNER_PHONE, XL_B_OWNER_ID, XL_B_RESP,
       XL_B_RESP_ROLE, XL_B_RESP_PHONE, XL_B_GROUP, XL_B_GRID, XL_B_GRID_LEADER, XL_B_MAP_ROW, XL_B_MAP_COL, XL_B_COUNT };
enum { XL_R_BUILDING, XL_R_ROOM, XL_R_DECLARED, XL_R_USE, XL_R_FLOOR, XL_R_COUNT };
enum { XL_O_NAME, XL_O_KIND, XL_O_CONTACT, XL_O_COUNT };
enum { XL_P_NAME, XL_P_ID, XL_P_BUILDING, XL_P_ROOM, XL_P_BRANCH, XL_P_COUNT };
enum { XL_T_GROUP, XL_T_MEMBER, XL_T_ID, XL_T_LEADER, XL_T_COUNT };

const char *xl_ckind_word(int kind);  /* "buildings" */
const char *xl_ckind_sheet(int kind); /* "楼栋" */
/* "buildings" / "楼栋" / "organizations" … → kind, or -1. */
int xl_ckind_parse(const char *word);
/* How many columns kind has (XL_B_COUNT …); 0 for the residents (signed in, not entered). */
int xl_ckind_columns(int kind);

typedef struct xl_ccount {
    int present;          /* the sheet was in the file */
    size_t rows, added, changed, unchanged;
    size_t *added_lines, *changed_lines;  /* row numbers as a user sees them */
} xl_ccount;

typedef struct xl_cimport_report {
    int dry_run, written;
    xl_ccount count[XL_CK_COUNT];
    xl_sheet sheet[XL_CK_COUNT];    /* each sheet's rows and problems */
    xl_import_report residents;     /* the residents sheet goes through import.h */
    size_t nerrors;
} xl_cimport_report;

void xl_cimport_report_init(xl_cimport_report *rep);
void xl_cimport_report_release(xl_cimport_report *rep);
/* Every problem, sheet by sheet in kind order. */
size_t xl_cimport_problem_count(const xl_cimport_report *rep);
void xl_cimport_problem_format(const xl_cimport_report *rep, size_t i, char *out, size_t size);

/* kind: one of xl_ckind, or -1 for every sheet of a workbook ("import community").
 * XL_OK when imported (dry_run: when it would be), XL_EFAIL when refused (err: the first
 * problem and how many more) or on a database error; XL_EUSAGE for no path. */
int xl_community_import(xl_db *db, const char *path, int kind, int dry_run,
                        xl_cimport_report *rep, xl_err *err);

/* One row of kind typed at the desk (the structure pane's and the building card's forms):
 * values[c] is the text of column c (XL_B_… for buildings, XL_R_… rooms, XL_O_…
 * organisations, XL_P_… party members, XL_T_… teams), checked by exactly the rules of a
 * sheet row and written the same way: an empty value leaves the stored one as it is. One
 * transaction with an audit row per entity added or changed ("community.building.update",
 * detail "desk", the operator named); nothing is written when nothing changed.
 * XL_OK (*changed: 1 when something was written); XL_EFAIL when refused: every refused
 * column is in out (one message each, in column order) and err is the first, as a field
 * refusal whose field is the column's number ("3"); or a database failure (out->n == 0). */
typedef struct xl_centry_problem {
    int col;
    char msg[192];
} xl_centry_problem;
typedef struct xl_centry_problems {
    xl_centry_problem e[CI_MAXCOL_PUBLIC];
    size_t n;
} xl_centry_problems;

int xl_community_enter(xl_db *db, int kind, const char *const *values, int *changed,
                       xl_centry_problems *out, xl_err *err);

/* Removing a room or a building: refused while anyone lives there, naming them (up to
 * five names, then how many more). Audited. */
int xl_room_remove(xl_db *db, int building, const char *room, xl_err *err);
int xl_building_remove(xl_db *db, int building, xl_err *err);

#endif
