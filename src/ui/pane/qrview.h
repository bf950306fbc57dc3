/* qrview.h — 签到码: a building's "巷里一家" sign-in code, large and centred, forced
 * dark-on-light, for a tenant standing at the desk (move-in or move-out). Opened over the
 * current pane (the building card, the register's person card); q/Esc closes it.
 * Keys: s style (half-block → full-width → inverse), p this building's posters, l the lane's
 * posters, a every building's posters (after y/n), r a new token (after y/n). Posters go to
 * xl_poster_default_dir() ($HOME/xiangli-posters), as the status line says. */
#ifndef UI_QRVIEW_H
#define UI_QRVIEW_H

#include "ui/pane.h"

/* Returns key flags (UI_REDRAW). An unknown building or a bad url_template leaves a message
 * in the status line instead of opening. */
int ui_qrview_open(ui_app *app, int building);

#endif
