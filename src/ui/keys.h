/* keys.h — key bindings as data. Each action is declared once: whether it works everywhere
 * (GLOBAL) or only in panes that list it (PANE), its default keys as text, its help label and
 * its short status-bar hint. The help screen and the hints are generated from this table. */
#ifndef UI_KEYS_H
#define UI_KEYS_H

#include <curses.h>
#include <stddef.h>

/* X(ACTION, scope, "default keys", help label message, hint message) */
#define UI_ACTIONS(X)                                                          \
    X(HELP,      GLOBAL, "? F1",          ACT_HELP,      HELP)                 \
    X(BACK,      GLOBAL, "q Esc",         ACT_BACK,      BACK)                 \
    X(NEXT_PANE, GLOBAL, "Tab",           ACT_NEXT_PANE, ACT_NEXT_PANE)        \
    X(PREV_PANE, GLOBAL, "S-Tab",         ACT_PREV_PANE, ACT_PREV_PANE)        \
    X(PANE_N,    GLOBAL, "1-9",           ACT_PANE_N,    ACT_PANE_N)           \
    X(REDRAW,    GLOBAL, "^L",            ACT_REDRAW,    ACT_REDRAW)           \
    X(UP,        PANE,   "Up k",          ACT_UP,        ACT_UP)               \
    X(DOWN,      PANE,   "Down j",        ACT_DOWN,      HINT_SCROLL)          \
    X(LEFT,      PANE,   "Left h",        ACT_LEFT,      ACT_LEFT)             \
    X(RIGHT,     PANE,   "Right l",       ACT_RIGHT,     ACT_RIGHT)            \
    X(PAGE_UP,   PANE,   "PgUp ^B",       ACT_PAGE_UP,   ACT_PAGE_UP)          \
    X(PAGE_DOWN, PANE,   "PgDn ^F Space", ACT_PAGE_DOWN, HINT_PAGE)            \
    X(FIRST,     PANE,   "Home",          ACT_FIRST,     ACT_FIRST)            \
    X(LAST,      PANE,   "End",           ACT_LAST,      ACT_LAST)             \
    X(OPEN,      PANE,   "Enter",         ACT_OPEN,      HINT_OPEN)            \
    X(GOTO,      PANE,   "g",             ACT_GOTO,      HINT_GOTO)            \
    X(OVERLAY,   PANE,   "o",             ACT_OVERLAY,   HINT_OVERLAY)         \
    X(QR,        PANE,   "c",             ACT_QR,        HINT_QR)

typedef enum {
    UI_ACT_NONE = -1,
#define UI_X(id, scope, keys, label, hint) UI_ACT_##id,
    UI_ACTIONS(UI_X)
#undef UI_X
    UI_ACT_COUNT
} ui_action;

/* Keys as one int: a character is its code point, a curses function key is UI_KEY_FN(code). */
#define UI_KEY_FN(code) (0x110000 + (code))
#define UI_KEY_ESC 27

/* Parses the table (once) and teaches curses the other common Home/End sequences. */
void ui_keys_init(void);
/* Reads one key from w (get_wch): a character or UI_KEY_FN(code); -1 when none. */
int ui_key_read(WINDOW *w);

/* The global action bound to key, or UI_ACT_NONE. */
ui_action ui_keys_global(int key);
/* The action among acts[0..n) bound to key, or UI_ACT_NONE. */
ui_action ui_keys_match(int key, const ui_action *acts, size_t n);
int ui_keys_is_global(ui_action a);

/* The keys as written in the table ("Up k"), the first of them ("Up"), the help label and
 * the short hint, in the current language. */
const char *ui_keys_names(ui_action a);
void ui_keys_first(ui_action a, char *out, size_t size);
const char *ui_keys_label(ui_action a);
const char *ui_keys_hint(ui_action a);

#endif
