/* help.h — the key help overlay, generated from the key table (keys.h). */
#ifndef UI_HELP_H
#define UI_HELP_H

#include "ui/pane.h"

/* Draws a box in the middle of w listing the global keys and the keys of pane. */
void ui_help_draw(WINDOW *w, const ui_pane *pane, int mouse);

#endif
