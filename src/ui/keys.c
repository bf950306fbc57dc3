/* keys.c — the binding table, parsed from the key names in keys.h. */
#include "ui/keys.h"

#include <stdint.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xiangli/i18n.h"

enum { SCOPE_GLOBAL = 1, SCOPE_PANE = 0 };

static const struct {
    int global;
    const char *keys;
    xl_msg label, hint;
} actions[UI_ACT_COUNT] = {
#define UI_X(id, scope, keys, label, hint) \
    [UI_ACT_##id] = {SCOPE_##scope, keys, XL_MSG_##label, XL_MSG_##hint},
    UI_ACTIONS(UI_X)
#undef UI_X
};

static const struct {
    const char *name;
    int keys[3];
} named[] = {
    {"Up", {UI_KEY_FN(KEY_UP)}},        {"Down", {UI_KEY_FN(KEY_DOWN)}},
    {"Left", {UI_KEY_FN(KEY_LEFT)}},    {"Right", {UI_KEY_FN(KEY_RIGHT)}},
    {"PgUp", {UI_KEY_FN(KEY_PPAGE)}},   {"PgDn", {UI_KEY_FN(KEY_NPAGE)}},
    {"Home", {UI_KEY_FN(KEY_HOME)}},    {"End", {UI_KEY_FN(KEY_END)}},
    {"Enter", {'\n', '\r', UI_KEY_FN(KEY_ENTER)}},
    {"Esc", {UI_KEY_ESC}},              {"Tab", {'\t'}},
    {"S-Tab", {UI_KEY_FN(KEY_BTAB)}},   {"Space", {' '}},
};

#define MAX_BINDINGS 192
static struct binding {
    int key;
    ui_action act;
} bindings[MAX_BINDINGS];
static size_t nbindings;

static void bind(int key, ui_action act)
{
    if (nbindings < MAX_BINDINGS && key > 0)
        bindings[nbindings++] = (struct binding){key, act};
}

static void bind_token(const char *tok, size_t len, ui_action act)
{
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        if (strlen(named[i].name) == len && strncmp(named[i].name, tok, len) == 0) {
            for (size_t k = 0; k < 3; k++)
                bind(named[i].keys[k], act);
            return;
        }
    }
    if (len == 1)
        bind((unsigned char)tok[0], act);
    else if (len == 2 && tok[0] == '^')
        bind(tok[1] & 0x1f, act);
    else if (len == 3 && tok[1] == '-') /* a range such as 1-9 */
        for (int c = (unsigned char)tok[0]; c <= (unsigned char)tok[2]; c++)
            bind(c, act);
    else if (tok[0] == 'F' && len <= 3)
        bind(UI_KEY_FN(KEY_F(atoi(tok + 1))), act);
}

static void bind_action(ui_action act)
{
    const char *s = actions[act].keys;
    while (*s) {
        size_t len = strcspn(s, " ");
        if (len > 0)
            bind_token(s, len, act);
        s += len;
        s += strspn(s, " ");
    }
}

void ui_keys_init(void)
{
    static const struct { const char *seq; int code; } extra[] = {
        {"\033[1~", KEY_HOME}, {"\033[4~", KEY_END}, {"\033[7~", KEY_HOME},
        {"\033[8~", KEY_END},  {"\033[H", KEY_HOME}, {"\033[F", KEY_END},
    };
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
        define_key(extra[i].seq, extra[i].code);
    if (nbindings > 0)
        return;
    for (int a = 0; a < UI_ACT_COUNT; a++)
        bind_action((ui_action)a);
}

/* How many continuation bytes follow a UTF-8 lead byte; -1 for a byte that cannot lead. */
static int utf8_tail(int c, uint32_t *cp)
{
    if (c >= 0xC2 && c <= 0xDF)
        return *cp = (uint32_t)c & 0x1F, 1;
    if (c >= 0xE0 && c <= 0xEF)
        return *cp = (uint32_t)c & 0x0F, 2;
    if (c >= 0xF0 && c <= 0xF4)
        return *cp = (uint32_t)c & 0x07, 3;
    return -1;
}

/* The bytes are decoded here, not by wget_wch: after one invalid byte ncurses' multibyte
 * state stays broken and every typed character is dropped until a function key. Here an
 * invalid byte is dropped alone and decoding starts again at the next byte. */
int ui_key_read(WINDOW *w)
{
    int c = wgetch(w);
    uint32_t cp;
    if (c == ERR)
        return -1;
    if (c >= KEY_MIN)
        return UI_KEY_FN(c);
    if (c < 0x80)
        return c;
    int need = utf8_tail(c, &cp);
    for (int i = 0; i < need; i++) {
        int d = wgetch(w);
        if (d == ERR || d < 0x80 || d > 0xBF) {
            if (d != ERR)
                ungetch(d); /* not a continuation: it starts the next key */
            return -1;
        }
        cp = cp << 6 | ((uint32_t)d & 0x3F);
    }
    if (need < 0 || (need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    return (int)cp;
}

ui_action ui_keys_global(int key)
{
    for (size_t i = 0; i < nbindings; i++)
        if (bindings[i].key == key && actions[bindings[i].act].global)
            return bindings[i].act;
    return UI_ACT_NONE;
}

ui_action ui_keys_match(int key, const ui_action *acts, size_t n)
{
    for (size_t i = 0; i < nbindings; i++) {
        if (bindings[i].key != key)
            continue;
        for (size_t k = 0; k < n; k++)
            if (acts[k] == bindings[i].act)
                return acts[k];
    }
    return UI_ACT_NONE;
}

int ui_keys_is_global(ui_action a)
{
    return (unsigned)a < UI_ACT_COUNT && actions[a].global;
}

/* One key of the table as the officer sees it (WORDS.md): Shift+Tab, Ctrl+L, 空格, 上键 …;
 * keys printed on the keyboard (Enter, Esc, Tab, PgUp, Home, F1, letters) as they are. */
static void show_token(const char *tok, size_t len, char *out, size_t size)
{
    static const struct {
        const char *tok;
        xl_msg name;
    } shown[] = {
        {"Space", XL_MSG_KEYNAME_SPACE}, {"Up", XL_MSG_KEYNAME_UP},
        {"Down", XL_MSG_KEYNAME_DOWN},   {"Left", XL_MSG_KEYNAME_LEFT},
        {"Right", XL_MSG_KEYNAME_RIGHT},
    };
    for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++)
        if (strlen(shown[i].tok) == len && strncmp(shown[i].tok, tok, len) == 0) {
            snprintf(out, size, "%s", xl_tr(shown[i].name));
            return;
        }
    if (len == 5 && strncmp(tok, "S-Tab", 5) == 0)
        snprintf(out, size, "Shift+Tab");
    else if (len == 2 && tok[0] == '^')
        snprintf(out, size, "Ctrl+%c", tok[1]);
    else
        snprintf(out, size, "%.*s", (int)len, tok);
}

const char *ui_keys_names(ui_action a)
{
    static char buf[96];
    const char *s = (unsigned)a < UI_ACT_COUNT ? actions[a].keys : "";
    size_t at = 0;
    buf[0] = '\0';
    while (*s && at + 1 < sizeof buf) {
        size_t len = strcspn(s, " ");
        if (len > 0) {
            if (at > 0)
                buf[at++] = ' ';
            show_token(s, len, buf + at, sizeof buf - at);
            at += strlen(buf + at);
        }
        s += len;
        s += strspn(s, " ");
    }
    return buf;
}

void ui_keys_first(ui_action a, char *out, size_t size)
{
    const char *s = (unsigned)a < UI_ACT_COUNT ? actions[a].keys : "";
    if (size == 0)
        return;
    show_token(s, strcspn(s, " "), out, size);
}

const char *ui_keys_label(ui_action a)
{
    return (unsigned)a < UI_ACT_COUNT ? xl_tr(actions[a].label) : "";
}

const char *ui_keys_hint(ui_action a)
{
    return (unsigned)a < UI_ACT_COUNT ? xl_tr(actions[a].hint) : "";
}

int ui_keys_answer(int key)
{
    if (key == 'y' || key == 'Y')
        return 1;
    return key == 'n' || key == 'N' || key == UI_KEY_ESC ? 0 : -1;
}
