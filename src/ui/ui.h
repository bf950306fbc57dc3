/* ui.h — the TUI entry point. */
#ifndef XL_UI_H
#define XL_UI_H

#include "xiangli/config.h"
#include "xiangli/db.h"
#include "xiangli/err.h"

/* Runs the desk until the user quits; the terminal is restored on every path. */
int ui_run(xl_db *db, const xl_config *cfg, xl_err *err);

#endif
