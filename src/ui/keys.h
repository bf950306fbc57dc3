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
    X(QR,        PANE,   "c",             ACT_QR,        HINT_QR)              \
    X(SEARCH,    PANE,   "/",             ACT_SEARCH,    HINT_SEARCH)          \
    X(SIGNIN,    PANE,   "a i",           ACT_SIGNIN,    PEND_ACTION_IN)          \
    X(OPEN_PERSON, PANE, "Enter",         ACT_OPEN_PERSON, HINT_OPEN)          \
    X(FILTER_BUILDING, PANE, "b",         ACT_FILTER_BUILDING, BUILDING) \
    X(FILTER_ROLE, PANE, "r",             ACT_FILTER_ROLE, ROLE)   \
    X(FILTER_STATE, PANE, "s",            ACT_FILTER_STATE, PEND_COL_STATE) \
    X(HISTORY,   PANE,   "H",             ACT_HISTORY,   REG_FILTER_HISTORY)         \
    X(CLEAR,     PANE,   "x",             ACT_CLEAR,     HINT_CLEAR)           \
    X(STALE,     PANE,   "S",             ACT_STALE,     HINT_STALE)           \
    X(STALE_BY_BUILDING, PANE, "b",       ACT_STALE_BY_BUILDING, HINT_STALE_BY_BUILDING) \
    X(STALE_BY_RESP, PANE,   "r",         ACT_STALE_BY_RESP, RESPONSIBLE) \
    X(STALE_CONFIRM_ALL, PANE, "Y",       ACT_STALE_CONFIRM_ALL, HINT_STALE_CONFIRM_ALL) \
    X(STALE_SIGNOUT_ALL, PANE, "O",       ACT_STALE_SIGNOUT_ALL, HINT_STALE_SIGNOUT_ALL) \
    X(STALE_CHASE_LIST, PANE, "P",        ACT_STALE_CHASE_LIST, HINT_STALE_CHASE_LIST) \
    X(IMPORT,    PANE,   "I",             ACT_IMPORT,    HINT_IMPORT)          \
    X(PENDING,   PANE,   "P",             ACT_PENDING,   PEND_STATE_WAITING)         \
    X(PENDING_CONFIRM, PANE, "y",         ACT_PENDING_CONFIRM, HINT_PENDING_CONFIRM) \
    X(PENDING_REJECT, PANE, "n",          ACT_PENDING_REJECT, HINT_PENDING_REJECT) \
    X(AUDIT,     PANE,   "L",             ACT_AUDIT,     HINT_AUDIT)           \
    X(AUDIT_OPERATOR, PANE, "o",          ACT_AUDIT_OPERATOR, AUD_COL_OPERATOR) \
    X(AUDIT_SINCE, PANE, "d",             ACT_AUDIT_SINCE, PEND_COL_DATE)   \
    X(AUDIT_CLEAR, PANE, "x",             ACT_AUDIT_CLEAR, HINT_CLEAR)         \
    X(SIGNOUT,   PANE,   "o",             ACT_SIGNOUT,   PEND_ACTION_OUT)         \
    X(MOVE,      PANE,   "m",             ACT_MOVE,      HINT_MOVE)            \
    X(REVEAL,    PANE,   "v",             ACT_REVEAL,    HINT_REVEAL)          \
    X(CONFIRM,   PANE,   "y",             ACT_CONFIRM,   HINT_CONFIRM)         \
    X(RESPONSIBLE, PANE, "R",             ACT_RESPONSIBLE, HINT_RESPONSIBLE)   \
    X(BUILDING_EDIT, PANE, "e",           ACT_BUILDING_EDIT, HINT_BUILDING_EDIT) \
    X(ROOM_EDIT, PANE,   "r",             ACT_ROOM_EDIT, ROOM)       \
    X(ROOM_REMOVE, PANE, "D",             ACT_ROOM_REMOVE, HINT_ROOM_REMOVE)   \
    X(STRUCT_PAGE, PANE, "Right Left ] [", ACT_STRUCT_PAGE, HINT_STRUCT_PAGE)  \
    X(STRUCT_NEW, PANE,  "n",             ACT_STRUCT_NEW, HINT_NEW)            \
    X(STRUCT_EDIT, PANE, "e Enter",       ACT_STRUCT_EDIT, HINT_EDIT)          \
    X(FIRST_TEMPLATE, PANE, "t",          ACT_FIRST_TEMPLATE, HINT_FIRST_TEMPLATE) \
    X(FIRST_IMPORT, PANE, "i",            ACT_FIRST_IMPORT, HINT_IMPORT) \
    X(SUBMIT,    PANE,   "Enter F2",      ACT_SUBMIT,    ACT_SUBMIT)          \
    X(NEXT_FIELD, PANE,  "Tab Down",      ACT_NEXT_FIELD, ACT_NEXT_FIELD)     \
    X(PREV_FIELD, PANE,  "S-Tab Up",      ACT_PREV_FIELD, ACT_PREV_FIELD)      \
    X(FORM_CANCEL, PANE, "Esc",           ACT_FORM_CANCEL, HINT_FORM_CANCEL)   \
    X(CHOICE,    PANE,   "Space Left Right", ACT_CHOICE, HINT_CHOICE)          \
    X(CLEAR_FIELD, PANE, "^U",            ACT_CLEAR_FIELD, ACT_CLEAR_FIELD)    \
    X(IMPORT_RUN, PANE,  "y",             ACT_IMPORT_RUN, HINT_IMPORT_RUN)     \
    X(IMPORT_CHECK, PANE, "Enter",        ACT_IMPORT_CHECK, HINT_IMPORT_CHECK) \
    X(LIST_SWITCH, PANE, "Right Left ] [", ACT_LIST_SWITCH, HINT_LIST_NEXT)    \
    X(ITEM_OPEN, PANE,   "Enter",         ACT_ITEM_OPEN, HINT_OPEN)            \
    X(ITEM_NEW,  PANE,   "n",             ACT_ITEM_NEW,  HINT_NEW)             \
    X(ITEM_EDIT, PANE,   "e",             ACT_ITEM_EDIT, HINT_EDIT)            \
    X(ITEM_STATUS, PANE, "s",             ACT_ITEM_STATUS, PEND_COL_STATE)   \
    X(ITEM_LINK, PANE,   "L",             ACT_ITEM_LINK, HINT_ITEM_LINK)       \
    X(ITEM_FOLLOW, PANE, "N",             ACT_ITEM_FOLLOW, HINT_ITEM_FOLLOW)   \
    X(FILTER_CATEGORY, PANE, "c",         ACT_FILTER_CATEGORY, LIST_COL_CATEGORY) \
    X(FILTER_OWNER, PANE, "o",            ACT_FILTER_OWNER, LIST_COL_OWNER) \
    X(FILTER_STATUS, PANE, "t",           ACT_FILTER_STATUS, PEND_COL_STATE) \
    X(FILTER_OVERDUE, PANE, "!",          ACT_FILTER_OVERDUE, LIST_OVERDUE) \
    X(LIST_SEARCH, PANE, "/",             ACT_LIST_SEARCH, HINT_SEARCH)        \
    X(CHAIN_JUMP, PANE,  "Enter",         ACT_CHAIN_JUMP, HINT_GOTO)     \
    X(PICK_CHOOSE, PANE, "Enter",         ACT_PICK_CHOOSE, ACT_PICK_CHOOSE)   \
    X(PICK_TICK, PANE,   "Space",         ACT_PICK_TICK, HINT_PICK_TICK)       \
    X(PICK_DONE, PANE,   "Enter",         ACT_PICK_DONE, ACT_PICK_DONE)       \
    X(MTG_OPEN,  PANE,   "Enter",         ACT_MTG_OPEN,  HINT_OPEN)            \
    X(MTG_NEW,   PANE,   "n",             MTG_PLAN_TITLE,   HINT_MTG_NEW)         \
    X(MTG_PRESENT, PANE, "p",             ACT_MTG_PRESENT, KEYS_PRESENT)   \
    X(MTG_CLOSE, PANE,   "C",             ACT_MTG_CLOSE, HINT_MTG_CLOSE)       \
    X(MTG_STALE, PANE,   "w",             ACT_MTG_STALE, HINT_MTG_STALE)       \
    X(MTG_EDIT,  PANE,   "e",             ACT_MTG_EDIT,  HINT_EDIT)            \
    X(AGENDA_ADD, PANE,  "a",             ACT_AGENDA_ADD, HINT_AGENDA_ADD)     \
    X(AGENDA_FREE, PANE, "f",             ACT_AGENDA_FREE, MTG_MIN_FREE_ITEM)   \
    X(AGENDA_UP, PANE,   "K -",           ACT_AGENDA_UP, HINT_AGENDA_MOVE)     \
    X(AGENDA_DOWN, PANE, "J +",           ACT_AGENDA_DOWN, HINT_AGENDA_MOVE)   \
    X(AGENDA_MINUTES, PANE, "m",          ACT_AGENDA_MINUTES, MTG_F_MINUTES) \
    X(AGENDA_REMOVE, PANE, "D",           ACT_AGENDA_REMOVE, HINT_AGENDA_REMOVE) \
    X(ATTEND,    PANE,   "A",             ACT_ATTEND,    HINT_ATTEND)          \
    X(SHOW_NEXT, PANE,   "Right Space",   ACT_SHOW_NEXT, ACT_SHOW_NEXT)       \
    X(SHOW_PREV, PANE,   "Left",          ACT_SHOW_PREV, ACT_SHOW_PREV)       \
    X(SHOW_NOTE, PANE,   "n",             ACT_SHOW_NOTE, MTG_MIN_NOTES)       \
    X(SHOW_DECISION, PANE, "d",           ACT_SHOW_DECISION, MTG_MIN_DECISION) \
    X(SHOW_ACTION, PANE, "a",             ACT_SHOW_ACTION, HINT_SHOW_ACTION)   \
    X(QR_STYLE,  PANE,   "s",             ACT_QR_STYLE,  HINT_QR_STYLE)        \
    X(QR_POSTER, PANE,   "p",             ACT_QR_POSTER, HINT_QR_POSTER)       \
    X(QR_LANE,   PANE,   "l",             ACT_QR_LANE,   HINT_QR_LANE)         \
    X(QR_ALL,    PANE,   "a",             ACT_QR_ALL,    HINT_QR_ALL)          \
    X(QR_ROTATE, PANE,   "r",             ACT_QR_ROTATE, HINT_QR_ROTATE)   \
    X(STAT_ASSESS, PANE, "a",             ACT_STAT_ASSESS, ASSESS_TITLE)   \
    X(STAT_RESP, PANE,   "r",             ACT_STAT_RESP, RESPONSIBLE)       \
    X(STAT_REPORT, PANE, "w",             ACT_STAT_REPORT, HINT_STAT_REPORT)   \
    X(RESP_CHANGES, PANE, "H",            ACT_RESP_CHANGES, RESP_H_CHANGES) \
    X(DOC_SWITCH, PANE,  "Right Left ] [", ACT_DOC_SWITCH, HINT_DOC_SWITCH)

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
/* The same over an array of actions. */
#define UI_KEYS_MATCH(key, acts) ui_keys_match((key), (acts), sizeof(acts) / sizeof((acts)[0]))
int ui_keys_is_global(ui_action a);
/* The answer to a yes/no question: 1 for y, 0 for n or Esc, -1 for any other key. */
int ui_keys_answer(int key);

/* The keys as the officer sees them ("上键 k", "Shift+Tab", "Ctrl+L", "空格"; the table's
 * own tokens stay "Up k", "S-Tab", "^L", "Space"), the first of them, the help label and the
 * short hint, in the current language. ui_keys_names returns a buffer that the next call
 * overwrites. */
const char *ui_keys_names(ui_action a);
void ui_keys_first(ui_action a, char *out, size_t size);
const char *ui_keys_label(ui_action a);
const char *ui_keys_hint(ui_action a);

#endif
