/* ui.h — the terminal interface (ncursesw). */
#ifndef UI_UI_H
#define UI_UI_H

#include "xiangli/config.h"
#include "xiangli/db.h"
#include "xiangli/err.h"

/* Runs the interface until the user quits. The caller has already called setlocale() and
 * xl_i18n_set_lang(). The terminal is restored (endwin) on every return path.
 * XL_OK on a normal quit; XL_EFAIL (with err set) when the terminal cannot be used. */
int ui_run(xl_db *db, const xl_config *cfg, xl_err *err);

#endif
