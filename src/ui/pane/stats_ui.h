/* stats_ui.h — the statistics pane's parts (stats.c, stats_lines.c) and the screens it opens:
 * the assessment (assess.c), the responsible persons' record (resprecord.c), writing the
 * workbook (resprecord.c). */
#ifndef UI_PANE_STATS_UI_H
#define UI_PANE_STATS_UI_H

#include "ui/pane.h"
#include "ui/theme.h"
#include "xiangli/report.h"

typedef enum { L_HEAD, L_TEXT, L_ROLE, L_BUILDING, L_MONTH, L_PROVINCE, L_ITEMS, L_OVERDUE,
               L_COVER, L_BLANK } line_kind;

/* L_TEXT lines */
enum { T_TARGET, T_BELOW_MORE, T_COVER, T_NO_OVERDUE };

/* The figures' options from the configuration. */
void ui_stats_opts(ui_app *app, xl_report_opts *o);
/* One line of the pane (msg: L_HEAD's message id, L_TEXT's T_*). */
void ui_stats_draw_line(const xl_figures *f, const xl_report_opts *o, WINDOW *w, int y,
                        line_kind k, size_t idx, int msg, attr_t attr);
/* Enter on a line: the rows behind it. */
int ui_stats_open_line(ui_app *app, const xl_figures *f, const xl_report_opts *o, line_kind k,
                       size_t idx);
/* A bar of value / max over width columns, at least one cell for a value above 0. */
void ui_stats_bar(WINDOW *w, int y, int x, int width, int value, int max, ui_color_role role);

int ui_assess_open(ui_app *app);
int ui_resp_record_open(ui_app *app);
/* Asks for the month and writes ~/xiangli-reports/街道报表-YYYY-MM.xlsx. */
int ui_report_write_ask(ui_app *app);

#endif
