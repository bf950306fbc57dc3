/* rows.h — a table of rows opened over the current pane: the rows behind a statistic, the
 * responsible persons' record, the assessment's ranking. The rows come from a load callback
 * (called again whenever a pane opened over it closes); Enter opens the row's list item,
 * person or building card unless the spec says otherwise. */
#ifndef UI_PANE_ROWS_H
#define UI_PANE_ROWS_H

#include "ui/pane.h"
#include "xiangli/report.h"

typedef struct ui_rows_spec {
    const char *title;
    const char *help_title;
    /* Fills out (its heads and rows) and the line shown above the table. */
    int (*load)(void *ctx, ui_app *app, xl_behind *out, char *intro, size_t size);
    /* Enter on a row; NULL = item, else person, else building. */
    int (*open)(void *ctx, ui_app *app, const xl_behind_row *r);
    /* Other keys (actions below); r may be NULL. */
    int (*key)(void *ctx, ui_app *app, const xl_behind_row *r, ui_action act);
    void (*free)(void *ctx);
    const ui_action *actions; /* extra actions, shown in the help and as hints */
    size_t nactions;
} ui_rows_spec;

/* The spec must outlive the pane (a static). ctx is freed with spec->free. */
int ui_rows_open(ui_app *app, const ui_rows_spec *spec, void *ctx);

#endif
