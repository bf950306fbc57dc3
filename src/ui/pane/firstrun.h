/* firstrun.h — the map's first-run screen while there are no buildings (firstrun.c). */
#ifndef UI_PANE_FIRSTRUN_H
#define UI_PANE_FIRSTRUN_H

#include <stddef.h>

#include "ui/pane.h"

/* Where t writes the community template: full path, and as shown (~/…). */
void ui_firstrun_path(char *full, size_t fsize, char *shown, size_t ssize);
/* The three steps, the commands and the path, drawn into the map's window. */
void ui_firstrun_draw(WINDOW *w);
/* t and i (UI_ACT_FIRST_TEMPLATE / UI_ACT_FIRST_IMPORT); other actions: UI_IGNORED. */
int ui_firstrun_key(ui_app *app, ui_action act);

#endif
