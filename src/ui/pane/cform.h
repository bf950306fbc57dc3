/* cform.h — the form for one row of the community's structure (a building, a room, an
 * organisation, a party member, a team member): the fields of community.h's columns, saved
 * by xl_community_enter with the community workbook's own checks, each refusal beside its
 * field. Used by the building card (building.c's e and r) and the structure tab. */
#ifndef UI_PANE_CFORM_H
#define UI_PANE_CFORM_H

#include <stddef.h>

#include "ui/pane.h"
#include "xiangli/structure.h"

/* Opens the form over the current pane. kind: XL_CK_…; cols[0..n): the columns shown, in
 * order; values: every column's starting text (xl_cvalue[xl_ckind_columns(kind)]), the
 * columns not shown are saved as they are (the building's number of its card). intro: a line
 * under the title, or NULL. Returns key flags. */
int ui_cform_open(ui_app *app, int kind, const char *title, const char *intro, const int *cols,
                  size_t n, const xl_cvalue *values);

/* The building card's edits (cardedit.c): the building's form, a room asked for by number
 * (edited when it exists, else added) and a room's removal (asked, then confirmed). */
int ui_card_edit_building(ui_app *app, int number);
int ui_card_room_ask(ui_app *app, int number);
int ui_card_room_remove_ask(ui_app *app, int number);

#endif
