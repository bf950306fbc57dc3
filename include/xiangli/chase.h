/* chase.h — chasing a building's forgotten sign-outs (the stale view's work): the whole
 * list confirmed or signed out after calling the landlord, one transaction with its audit
 * row; a chase list per first responsible person for the grid worker's round (names and
 * rooms, never full numbers); each chase recorded (who, when, outcome) so the building card
 * can say when it was last chased. */
#ifndef XL_CHASE_H
#define XL_CHASE_H

#include <stddef.h>

#include "xiangli/db.h"
#include "xiangli/err.h"

typedef enum { XL_CHASE_LISTED, XL_CHASE_CONFIRMED, XL_CHASE_SIGNED_OUT } xl_chase_outcome;

/* Every stale tenancy of the building (stale after days days, as xl_stale_list_load)
 * confirmed as still living there: one transaction, a chase row and an audit row
 * "stale.confirm_building". *count: how many. XL_ENOTFOUND when the building has none. */
int xl_chase_confirm_building(xl_db *db, int days, int building, int *count, xl_err *err);
/* The same, each signed out at its last confirmed date (the likeliest moved-out date). */
int xl_chase_signout_building(xl_db *db, int days, int building, int *count, xl_err *err);
/* The chase list of one first responsible person (resp = the name as the stale list shows
 * it; NULL or "" = every building) as CSV at path (0600, the safe writer): 第一责任人, 楼号,
 * 房间, 姓名, 最近核实, 未核实天数. Records a "listed" chase per building. *rows: lines. */
int xl_chase_list_write(xl_db *db, int days, const char *resp, const char *path, int *rows,
                        xl_err *err);

typedef struct xl_chase_last {
    char at[20];             /* "" = never chased */
    char operator_name[64];
    xl_chase_outcome outcome;
    int residents;
} xl_chase_last;
/* The building's last chase; at = "" when there was none. */
int xl_chase_last_load(xl_db *db, int building, xl_chase_last *out, xl_err *err);
/* The outcome in the UI's language (已打印催办单, 已整栋核实, 已整栋签出). */
const char *xl_chase_outcome_label(xl_chase_outcome o);

#endif
