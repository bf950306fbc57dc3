/* theme.h — colours as a table indexed by role. Draw code asks for a role, never a colour. */
#ifndef UI_THEME_H
#define UI_THEME_H

#include <curses.h>

/* X(ROLE): every place on the screen that can have its own look. */
#define UI_COLOR_ROLES(X) \
    X(NORMAL)             \
    X(DIM)                \
    X(TITLE)              \
    X(TAB)                \
    X(TAB_ACTIVE)         \
    X(STATUS)             \
    X(STATUS_KEY)         \
    X(MESSAGE)            \
    X(ERROR)              \
    X(PROMPT)             \
    X(HEADING)            \
    X(LABEL)              \
    X(LANE)               \
    X(CELL)               \
    X(RATE_LOW)           \
    X(RATE_MID)           \
    X(RATE_HIGH)          \
    X(GROUP_1)            \
    X(GROUP_2)            \
    X(GROUP_3)            \
    X(PARTY_YES)          \
    X(PANEL)              \
    X(PANEL_KEY)          \
    X(PANEL_HEAD)         \
    X(WARN)               \
    X(FIELD)              \
    X(FIELD_FOCUS)        \
    X(SELECTED)           \
    X(SHOW)               \
    X(SHOW_DIM)           \
    X(SHOW_ACCENT)        \
    X(SHOW_BAR)

typedef enum {
#define UI_X(role) UI_C_##role,
    UI_COLOR_ROLES(UI_X)
#undef UI_X
    UI_C_COUNT
} ui_color_role;

/* Sets up colour pairs for the named theme ("default", "dark", "mono"; unknown names get
 * "default"). Without colour support the monochrome theme is used. Call after initscr. */
void ui_theme_init(const char *name);
/* The attribute (colour pair and video attributes) for a role. */
attr_t ui_attr(ui_color_role role);
/* 1 when the theme has no colours: draw code then adds marker characters. */
int ui_theme_is_mono(void);

#endif
