/* panes.h — the panes the app can show. Each is one file ending in its pane_ops table. */
#ifndef UI_PANES_H
#define UI_PANES_H

#include "ui/pane.h"
#include "ui/theme.h"
#include "xiangli/building.h"

/* The tabs, in order (keys 1..9), declared once: X(name, TITLE) gives ui_<name>_new, the
 * pane's constructor, and app.c's tab table; TITLE is the tab's label (the pane's own title),
 * shown before the pane is built: app.c builds a tab the first time it is shown, so the desk's
 * first frame costs only the first tab. 楼栋地图 map: every building by lane, coloured by an
 * overlay (map.c); 登记 register: the register of residents (register.c, its other screens
 * in register.h); 清单 lists: the four lists (lists.c); 小圆桌 roundtable: meetings
 * (roundtable.c); 统计 stats: the monthly figures (stats.c); 文档 docs: the community's
 * documents (docs.c); 社区结构 structure: organisations, party members, pioneer
 * groups (structure.c). The lists' and meetings' other screens are in lists_ui.h. */
#define UI_TABS(X)                 \
    X(map, PANE_MAP)               \
    X(register, PANE_REGISTER)     \
    X(lists, PANE_LISTS)           \
    X(roundtable, PANE_ROUNDTABLE) \
    X(stats, STAT_TITLE)           \
    X(docs, DOCS_TITLE)            \
    X(structure, PANE_STRUCTURE)

#define UI_TAB_DECLARE(name, title) ui_pane ui_##name##_new(ui_app *app);
UI_TABS(UI_TAB_DECLARE)
#undef UI_TAB_DECLARE

/* The colour role of a building's registration rate (red / yellow / green), as on the map. */
ui_color_role ui_map_rate_role(const xl_building_summary *b);
/* A rate 0..1 as a whole percentage, rounded down (so 79.9% never shows as 80%). */
int ui_percent(double rate);
/* 楼栋卡片: opens building number's card over the current tab; returns key flags.
 * An unknown building leaves a message in the status line instead. */
int ui_card_open(ui_app *app, int number);
/* 值班员: who is on duty, asked at the start when nobody named the officer (onduty.c). */
void ui_onduty_open(ui_app *app);

#endif
