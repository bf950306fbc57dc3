/* theme.c — the theme table: for each colour role, how each theme shows it. */
#include "ui/theme.h"

#include <string.h>

typedef struct ui_look {
    short fg, bg; /* -1 = the terminal's own */
    attr_t attr;
} ui_look;

#define L(fg, bg, attr) {fg, bg, attr}
#define BK COLOR_BLACK
#define RD COLOR_RED
#define GN COLOR_GREEN
#define YE COLOR_YELLOW
#define BL COLOR_BLUE
#define MA COLOR_MAGENTA
#define CY COLOR_CYAN
#define WH COLOR_WHITE
#define DF (-1)
#define N A_NORMAL
#define B A_BOLD
#define R A_REVERSE
#define U A_UNDERLINE

/* X(role, default look, dark look, monochrome attributes) */
#define UI_THEME_TABLE(X)                                            \
    X(NORMAL,     L(DF, DF, N),  L(WH, BK, N),  N)                   \
    X(DIM,        L(DF, DF, A_DIM), L(WH, BK, A_DIM), A_DIM)         \
    X(TITLE,      L(WH, BL, B),  L(BK, CY, B),  R | B)               \
    X(TAB,        L(WH, BL, N),  L(BK, CY, N),  R)                   \
    X(TAB_ACTIVE, L(BL, WH, B),  L(CY, BK, B),  B)                   \
    X(STATUS,     L(BK, WH, N),  L(BK, WH, N),  R)                   \
    X(STATUS_KEY, L(BL, WH, B),  L(BL, WH, B),  R | B)               \
    X(MESSAGE,    L(BK, CY, B),  L(BK, CY, B),  R | B)               \
    X(ERROR,      L(WH, RD, B),  L(WH, RD, B),  R | B)               \
    X(PROMPT,     L(BK, YE, B),  L(BK, YE, B),  R | B)               \
    X(HEADING,    L(BL, DF, B),  L(CY, BK, B),  B | U)               \
    X(LABEL,      L(DF, DF, B),  L(YE, BK, N),  B)                   \
    X(LANE,       L(BL, DF, B),  L(CY, BK, B),  B)                   \
    X(CELL,       L(DF, DF, N),  L(WH, BK, N),  N)                   \
    X(RATE_LOW,   L(WH, RD, B),  L(WH, RD, B),  B)                   \
    X(RATE_MID,   L(BK, YE, N),  L(BK, YE, N),  N)                   \
    X(RATE_HIGH,  L(BK, GN, N),  L(BK, GN, N),  N)                   \
    X(GROUP_1,    L(WH, BL, N),  L(WH, BL, N),  N)                   \
    X(GROUP_2,    L(BK, MA, N),  L(BK, MA, N),  U)                   \
    X(GROUP_3,    L(BK, CY, N),  L(BK, CY, N),  B)                   \
    X(PARTY_YES,  L(WH, RD, B),  L(YE, RD, B),  B)                   \
    X(PANEL,      L(BK, WH, N),  L(WH, BL, N),  R)                   \
    X(PANEL_KEY,  L(BL, WH, B),  L(YE, BL, B),  R | B)               \
    X(PANEL_HEAD, L(BK, WH, B | U), L(CY, BL, B | U), R | B | U)    \
    X(WARN,       L(RD, DF, B),  L(YE, BK, B),  B | U)               \
    X(FIELD,      L(DF, DF, U),  L(WH, BK, U),  U)                   \
    X(FIELD_FOCUS, L(BK, YE, N), L(BK, YE, N),  R)                   \
    X(SELECTED,   L(BK, CY, N),  L(BK, CY, N),  R)                   \
    X(SHOW,       L(WH, BK, B),  L(WH, BK, B),  B)                   \
    X(SHOW_DIM,   L(WH, BK, N),  L(WH, BK, N),  N)                   \
    X(SHOW_ACCENT, L(YE, BK, B), L(YE, BK, B),  B | U)               \
    X(SHOW_BAR,   L(BK, WH, N),  L(BK, WH, N),  R)

static const struct {
    ui_look def, dark;
    attr_t mono;
} theme_table[UI_C_COUNT] = {
#define UI_X(role, def, dark, mono) [UI_C_##role] = {def, dark, mono},
    UI_THEME_TABLE(UI_X)
#undef UI_X
};

static attr_t role_attr[UI_C_COUNT];
static int mono;

static void use_mono(void)
{
    mono = 1;
    for (int i = 0; i < UI_C_COUNT; i++)
        role_attr[i] = theme_table[i].mono;
}

static void use_colors(int dark)
{
    int own = !dark && use_default_colors() == OK; /* may -1 mean the terminal's own? */
    mono = 0;
    for (int i = 0; i < UI_C_COUNT; i++) {
        const ui_look *l = dark ? &theme_table[i].dark : &theme_table[i].def;
        short fg = l->fg == DF && !own ? COLOR_WHITE : l->fg;
        short bg = l->bg == DF && !own ? COLOR_BLACK : l->bg;
        init_pair((short)(i + 1), fg, bg);
        role_attr[i] = COLOR_PAIR(i + 1) | l->attr;
    }
}

void ui_theme_init(const char *name)
{
    if (!has_colors() || (name && strcmp(name, "mono") == 0) || start_color() == ERR ||
        COLOR_PAIRS <= UI_C_COUNT) {
        use_mono();
        return;
    }
    use_colors(name && strcmp(name, "dark") == 0);
}

attr_t ui_attr(ui_color_role role)
{
    return (unsigned)role < UI_C_COUNT ? role_attr[role] : A_NORMAL;
}

int ui_theme_is_mono(void)
{
    return mono;
}
