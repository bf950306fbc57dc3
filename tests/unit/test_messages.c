/* test_messages.c — the whole message table (messages.def) against the office's typography
 * and vocabulary rules (WORDS.md): both languages present, the same printf conversions in
 * both, no half-width `,:()` or 「」 in Chinese sentences, no English-only Chinese message, no
 * Chinese in the English column, and one message per text (two ids with the same Chinese are
 * one concept told twice, unless it is a listed homonym). Every rule lists every offender
 * before it fails, so one run shows the whole job. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "xiangli/i18n.h"

static const char *const ids[] = {
#define XL_MSG(id, zh, en) #id,
#include "xiangli/messages.def"
#undef XL_MSG
};

/* Chinese messages without a Chinese character on purpose: a format or a mark that is the
 * same in every language. Each with its reason. */
static const char *const ascii_ok[] = {
    "LIST_F_TEXT_FMT", /* “%s”: a search text shown in quotes */
    "LIST_HEAD_FMT",   /* "%s %zu": a list's name and its count */
    "HIST_T_ARROW",    /* →: from old value to new value */
    "AUD_MARK",        /* "! " marks a revealed number in the audit log */
    NULL,
};

/* Chinese messages whose half-width punctuation is what the officer types or what a file
 * holds, not sentence punctuation. */
static const char *const punct_ok[] = {
    "CHASE_CSV_HEAD",       /* the header line of a CSV file: commas separate its columns */
    "ASSESS_ENTRY_BAD_FMT", /* shows the syntax to type: rubbish=85:分类到位 */
    NULL,
};

/* Two ids with the same Chinese text, kept apart because they serve different concepts (the
 * English tells them apart). Each pair with its reason. */
static const char *const homonyms[][2] = {
    /* the role in a list of roles vs the column naming a building's owner */
    {"ROLE_OWNER", "OWNER"},
    /* one building vs the buildings a list item concerns (English plural) */
    {"BUILDING", "ITEM_F_BUILDINGS"},
    /* a building's group vs the page listing all pioneer groups */
    {"PIONEER_GROUP", "ST_PAGE_TEAMS"},
    /* the move-in date column vs the kind of move in a monthly count */
    {"SINCE", "RPT_MOVED_IN"},
    /* a person's field vs the heading of the breakdown by province */
    {"REG_F_PROVINCE", "STAT_H_PROVINCES"},
    /* next form field vs next agenda item on the shared screen */
    {"ACT_NEXT_FIELD", "ACT_SHOW_NEXT"},
    {"ACT_PREV_FIELD", "ACT_SHOW_PREV"},
    /* the mark on a person's card vs the structure page of all party members */
    {"REG_CARD_PARTY", "ST_PAGE_PARTY"},
    /* the dates column of a residency on the card vs the act of signing in or out */
    {"REG_CARD_IN", "PEND_ACTION_IN"},
    {"REG_CARD_OUT", "PEND_ACTION_OUT"},
    /* the kind of list item vs the heading of the actions in the minutes */
    {"LIST_KIND_ACTION", "MTG_MIN_ACTIONS"},
    /* an item category vs a count of open safety items per person */
    {"LIST_CAT_SAFETY", "RESP_H_SAFETY"},
    /* "other" category of an item vs "other" kind of organisation */
    {"LIST_CAT_OTHER", "ORG_OTHER"},
    /* the key that closes a meeting vs the short state of a closed meeting */
    {"HINT_MTG_CLOSE", "MTG_SHORT_CLOSED"},
    /* the pane of the four lists vs the field naming which list an item is on */
    {"PANE_LISTS", "ITEM_F_KIND"},
    /* a key that does it vs the history entry that it was done */
    {"HINT_NEW", "HIST_CREATE"},
    {"HINT_EDIT", "HIST_UPDATE"},
    {"HINT_ITEM_LINK", "HIST_LINK"},
    /* the attendance key vs the count of roundtables a person attended */
    {"HINT_ATTEND", "RESP_H_ATTENDED"},
    /* an item's category vs an organisation's kind (both called 类别 on the sheets) */
    {"LIST_COL_CATEGORY", "CF_ORG_KIND"},
    /* several buildings of an item vs one building in the audit log (English plural) */
    {"ITEM_BUILDINGS_FMT", "AUD_BUILDING_FMT"},
    /* a building, and the whole community, in the narrow "where" column of the lists, whose
     * English needs the short forms "No. 127" and "all" */
    {"BUILDING_FMT", "LIST_WHERE_FMT"},
    {"LIST_WHOLE_COMMUNITY", "LIST_WHERE_ALL"},
    {NULL, NULL},
};

/* English messages that may hold Chinese: the names of the office's own sheets and the
 * values written on them (the template is Chinese in both languages), and inputs the
 * program reads as typed. */
static const char *const en_cjk_ok[] = {
    "IMP_DATE_BAD_FMT",      /* 2024年3月5日 is a date format the import reads */
    "CSV_W_UNKNOWN_COMMAS",  /* shows the full-width comma that does not separate columns */
    "CI_E_NO_SHEETS",        /* sheet names */
    "CI_E_NO_BUILDING_FMT",  /* sheet name 楼栋 */
    "CI_E_NO_PERSON",        /* sheet name 人员 */
    "CI_E_LANE_NEW",         /* a lane is written 1弄 on the sheet */
    "CI_E_RESP_ROLE",        /* the values the sheet takes */
    "CI_E_USE",              /* the values the sheet takes */
    "CI_E_YES_NO",           /* the values the sheet takes */
    "TPL_B_LANE",            /* a lane is written 1弄 */
    "TPL_R_BUILDING",        /* sheet name 楼栋 */
    "CF_NOTE_LANE",          /* a lane is written 1弄 */
    "ST_EMPTY_ORGS",         /* sheet name 组织 */
    "ST_EMPTY_PARTY",        /* sheet name 党员 */
    "ST_EMPTY_TEAMS",        /* sheet name 楼组 */
    "CIV_INTRO",             /* sheet names */
    "CIV_NO_PATH",           /* the template's file name */
    "CLI_E_LOOKUP_WHAT",     /* a name to look up, as an example */
    "CAT_E_SHAPE_FMT",       /* the syntax of a category: key/中文/English */
    NULL,
};

static int listed(const char *const *list, const char *id)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(list[i], id) == 0)
            return 1;
    return 0;
}

/* The code point at s (UTF-8), its length in *len. */
static unsigned cp_at(const char *s, int *len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        *len = 1;
        return u[0];
    }
    if ((u[0] & 0xE0) == 0xC0 && u[1]) {
        *len = 2;
        return ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
    }
    if ((u[0] & 0xF0) == 0xE0 && u[1] && u[2]) {
        *len = 3;
        return ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
    }
    if ((u[0] & 0xF8) == 0xF0 && u[1] && u[2] && u[3]) {
        *len = 4;
        return ((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) | ((u[2] & 0x3Fu) << 6) |
               (u[3] & 0x3Fu);
    }
    *len = 1;
    return 0xFFFD;
}

/* Chinese characters and the full-width punctuation around them. */
static int is_cjk(unsigned c)
{
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF) || c >= 0x20000;
}

static int has_cjk(const char *s)
{
    while (*s) {
        int n;
        if (is_cjk(cp_at(s, &n)))
            return 1;
        s += n;
    }
    return 0;
}

/* The first non-space code point before byte offset i of s (0 if none). */
static unsigned cp_before(const char *s, size_t i)
{
    while (i > 0 && s[i - 1] == ' ')
        i--;
    if (i == 0)
        return 0;
    size_t j = i - 1;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    int n;
    return cp_at(s + j, &n);
}

static unsigned cp_after(const char *s, size_t i)
{
    i++;
    while (s[i] == ' ')
        i++;
    int n;
    return s[i] ? cp_at(s + i, &n) : 0;
}

/* The printf conversions of s in argument order, one letter each ("%zu" -> "zu", "%-8s" ->
 * "s"), joined with spaces into out. Positional ones ("%2$d") go to their place, so a
 * translation may reorder its arguments. */
static void conversions(const char *s, char *out, size_t cap)
{
    char conv[16][8];
    int n = 0, max = 0;
    memset(conv, 0, sizeof conv);
    for (const char *p = s; *p; p++) {
        if (*p != '%')
            continue;
        p++;
        if (*p == '%')
            continue;
        int pos = 0;
        const char *q = p;
        while (*q >= '0' && *q <= '9')
            pos = pos * 10 + (*q++ - '0');
        if (*q == '$' && pos > 0 && pos <= 16)
            p = q + 1;
        else
            pos = ++n;
        while (*p && strchr("-+ #0123456789.*'", *p))
            p++;
        size_t c = 0;
        char one[8];
        while (*p && strchr("hljztL", *p) && c < 4)
            one[c++] = *p++;
        if (!*p)
            break;
        if (!strchr("diouxXeEfFgGaAcspn", *p))
            continue; /* "80%及以上": a per cent sign, not a conversion */
        one[c++] = *p;
        one[c] = '\0';
        if (pos <= 16) {
            memcpy(conv[pos - 1], one, c + 1);
            if (pos > max)
                max = pos;
        }
    }
    size_t o = 0;
    out[0] = '\0';
    for (int i = 0; i < max && o < cap; i++)
        o += (size_t)snprintf(out + o, cap - o, "%s ", conv[i][0] ? conv[i] : "?");
}

static void messages__both_languages(void **state)
{
    (void)state;
    int bad = 0;
    for (int i = 0; i < XL_MSG_COUNT; i++) {
        const char *zh = xl_tr_in((xl_msg)i, "zh"), *en = xl_tr_in((xl_msg)i, "en");
        if (!zh || !*zh || !en || !*en) {
            fprintf(stderr, "empty language: %s\n", ids[i]);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void messages__same_conversions(void **state)
{
    (void)state;
    int bad = 0;
    for (int i = 0; i < XL_MSG_COUNT; i++) {
        char a[256], b[256];
        size_t n = strlen(ids[i]);
        if (n < 4 || strcmp(ids[i] + n - 4, "_FMT") != 0)
            continue; /* not a format: printed as it is ("80% or more") */
        conversions(xl_tr_in((xl_msg)i, "zh"), a, sizeof a);
        conversions(xl_tr_in((xl_msg)i, "en"), b, sizeof b);
        if (strcmp(a, b) != 0) {
            fprintf(stderr, "conversions differ: %s: zh \"%s\" en \"%s\"\n", ids[i], a, b);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void messages__chinese_punctuation(void **state)
{
    (void)state;
    int bad = 0;
    for (int i = 0; i < XL_MSG_COUNT; i++) {
        const char *zh = xl_tr_in((xl_msg)i, "zh");
        if (strstr(zh, "「") || strstr(zh, "」")) {
            fprintf(stderr, "「」 in Chinese (use “”): %s: %s\n", ids[i], zh);
            bad++;
        }
        if (strstr(zh, "＝")) {
            fprintf(stderr, "＝ shorthand in Chinese (say it in words): %s: %s\n", ids[i], zh);
            bad++;
        }
        for (size_t k = 0; zh[k] && !listed(punct_ok, ids[i]); k++) {
            if (!strchr(",:()", zh[k]))
                continue;
            if (is_cjk(cp_before(zh, k)) || is_cjk(cp_after(zh, k))) {
                fprintf(stderr, "half-width '%c' beside Chinese: %s: %s\n", zh[k], ids[i], zh);
                bad++;
                break;
            }
        }
    }
    assert_int_equal(bad, 0);
}

static void messages__chinese_not_english(void **state)
{
    (void)state;
    int bad = 0;
    for (int i = 0; i < XL_MSG_COUNT; i++) {
        const char *zh = xl_tr_in((xl_msg)i, "zh");
        if (!has_cjk(zh) && !listed(ascii_ok, ids[i])) {
            fprintf(stderr, "Chinese message without Chinese: %s: %s\n", ids[i], zh);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void messages__english_not_chinese(void **state)
{
    (void)state;
    int bad = 0;
    for (int i = 0; i < XL_MSG_COUNT; i++) {
        const char *en = xl_tr_in((xl_msg)i, "en");
        if (has_cjk(en) && !listed(en_cjk_ok, ids[i])) {
            fprintf(stderr, "Chinese in the English message: %s: %s\n", ids[i], en);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static int homonym(const char *a, const char *b)
{
    for (size_t i = 0; homonyms[i][0]; i++)
        if ((strcmp(homonyms[i][0], a) == 0 && strcmp(homonyms[i][1], b) == 0) ||
            (strcmp(homonyms[i][0], b) == 0 && strcmp(homonyms[i][1], a) == 0))
            return 1;
    return 0;
}

static void messages__one_text_one_id(void **state)
{
    (void)state;
    int bad = 0;
    for (int i = 0; i < XL_MSG_COUNT; i++)
        for (int j = i + 1; j < XL_MSG_COUNT; j++)
            if (strcmp(xl_tr_in((xl_msg)i, "zh"), xl_tr_in((xl_msg)j, "zh")) == 0 &&
                !homonym(ids[i], ids[j])) {
                fprintf(stderr, "same Chinese text: %s and %s: %s\n", ids[i], ids[j],
                        xl_tr_in((xl_msg)i, "zh"));
                bad++;
            }
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(messages__both_languages),
        cmocka_unit_test(messages__same_conversions),
        cmocka_unit_test(messages__chinese_punctuation),
        cmocka_unit_test(messages__chinese_not_english),
        cmocka_unit_test(messages__english_not_chinese),
        cmocka_unit_test(messages__one_text_one_id),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
