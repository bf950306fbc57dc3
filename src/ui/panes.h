/* panes.h — the panes the app can show. Each is one file ending in its pane_ops table. */
#ifndef UI_PANES_H
#define UI_PANES_H

#include "ui/pane.h"
#include "ui/theme.h"
#include "xiangli/building.h"

/* 楼栋地图: every building by lane, coloured by an overlay. */
ui_pane ui_map_new(ui_app *app);
/* 登记: the register of residents (register.c); its other screens are in register.h. */
ui_pane ui_register_new(ui_app *app);
/* 清单: the four lists (lists.c); 小圆桌: meetings (roundtable.c). Their other screens are in
 * lists_ui.h. */
ui_pane ui_lists_new(ui_app *app);
ui_pane ui_roundtable_new(ui_app *app);
/* 统计: the monthly figures (stats.c); 文档: the community's documents (docs.c). */
ui_pane ui_stats_new(ui_app *app);
ui_pane ui_docs_new(ui_app *app);
/* The colour role of a building's registration rate (red / yellow / green), as on the map. */
ui_color_role ui_map_rate_role(const xl_building_summary *b);
/* A rate 0..1 as a whole percentage, rounded down (so 79.9% never shows as 80%). */
int ui_percent(double rate);
/* 楼栋卡片: opens building number's card over the current tab; returns key flags.
 * An unknown building leaves a message in the status line instead. */
int ui_card_open(ui_app *app, int number);

#endif
