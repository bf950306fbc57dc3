/* audit_words.c — an audit row's detail in the officer's words (report.h xl_audit_words).
 * The audit keeps its details as records, in stable English keys (file=, rows=, status: …)
 * that tests and scripts read; the desk's audit pane, a list item's history and `xiangli
 * audit` show them through here, so under Chinese the keys and stored values read as the
 * screens name them. Titles in quotes and other values stay as written. */
#include "xiangli/report.h"

#include <string.h>

#include "xiangli/categories.h"
#include "xiangli/chase.h"
#include "xiangli/i18n.h"
#include "xiangli/lists.h"
#include "xiangli/meeting.h"
#include "xiangli/mem.h"
#include "xiangli/model.h"

/* What the value after a key is, when it is a stored key with a label of its own. */
typedef enum { V_NONE, V_ROLE, V_CHANNEL, V_ACTION, V_FIELD, V_OUTCOME } value_kind;

/* Phrases of the audit details and what they read as; matched where a word starts (and, when
 * a phrase ends in a letter, where that word ends: "at" is not the start of "attendance"). */
static const struct {
    const char *text;
    xl_msg label;
    value_kind value;
} phrases[] = {
    /* the four lists and the meetings (lists_item.c, agenda.c, meeting.c) */
    {"category=", XL_MSG_HIST_T_CATEGORY, V_NONE}, {"buildings=", XL_MSG_HIST_T_BUILDINGS, V_NONE},
    {"owner=", XL_MSG_HIST_T_OWNER, V_NONE},       {"due=", XL_MSG_HIST_T_DUE, V_NONE},
    {"category:", XL_MSG_HIST_T_CATEGORY, V_NONE}, {"buildings:", XL_MSG_HIST_T_BUILDINGS, V_NONE},
    {"owner:", XL_MSG_HIST_T_OWNER, V_NONE},       {"due:", XL_MSG_HIST_T_DUE, V_NONE},
    {"title:", XL_MSG_HIST_T_TITLE, V_NONE},       {"detail:", XL_MSG_HIST_T_DETAIL, V_NONE},
    {"kind:", XL_MSG_HIST_T_KIND, V_NONE},         {"status:", XL_MSG_HIST_T_STATUS, V_NONE},
    {"note:", XL_MSG_HIST_T_NOTE, V_NONE},         {"raised_at:", XL_MSG_HIST_T_RAISED, V_NONE},
    {"raised_by:", XL_MSG_HIST_T_RAISED, V_NONE},  {"from meeting", XL_MSG_ITEM_MEETING, V_NONE},
    {"linked from", XL_MSG_HIST_T_LINKED, V_NONE},
    {"agenda add", XL_MSG_AUD_ACT_AGENDA_ADD, V_NONE}, {"agenda move", XL_MSG_AUD_ACT_AGENDA_MOVE, V_NONE},
    {"agenda remove", XL_MSG_AUD_P_AGENDA_REMOVE, V_NONE},
    {"attendance add", XL_MSG_AUD_ACT_ATTEND_ADD, V_NONE},
    {"attendance remove", XL_MSG_AUD_ACT_ATTEND_REMOVE, V_NONE},
    {"free item", XL_MSG_MTG_MIN_FREE_ITEM, V_NONE}, {"list item", XL_MSG_AUD_P_LIST_ITEM, V_NONE},
    {"minutes written", XL_MSG_AUD_P_MINUTES_WRITTEN, V_NONE}, {"minutes:", XL_MSG_AUD_P_DURATION, V_NONE},
    {"notes:", XL_MSG_SHOW_NOTES, V_NONE},         {"decision:", XL_MSG_SHOW_DECISION, V_NONE},
    {"agenda", XL_MSG_MTG_F_AGENDA_TITLE, V_NONE},
    {"community", XL_MSG_LIST_WHOLE_COMMUNITY, V_NONE}, {"->", XL_MSG_HIST_T_ARROW, V_NONE},
    /* the register, imports and exports, reports (resident.c, import.c, export.c, …) */
    {"file=", XL_MSG_AUD_K_FILE, V_NONE},          {"rows=", XL_MSG_AUD_K_ROWS, V_NONE},
    {"new=", XL_MSG_AUD_K_NEW, V_NONE},            {"moves=", XL_MSG_AUD_K_MOVES, V_NONE},
    {"unchanged=", XL_MSG_AUD_K_UNCHANGED, V_NONE}, {"reason=", XL_MSG_AUD_K_REASON, V_NONE},
    {"field=", XL_MSG_AUD_K_FIELD, V_FIELD},       {"month=", XL_MSG_AUD_K_MONTH, V_NONE},
    {"format=", XL_MSG_AUD_K_FORMAT, V_NONE},      {"quarter=", XL_MSG_AUD_K_QUARTER, V_NONE},
    {"outcome=", XL_MSG_AUD_K_OUTCOME, V_OUTCOME}, {"residents=", XL_MSG_AUD_K_RESIDENTS, V_NONE},
    {"moved_out_before=", XL_MSG_AUD_K_BEFORE, V_NONE}, {"people=", XL_MSG_AUD_K_PEOPLE, V_NONE},
    {"id_numbers=", XL_MSG_AUD_K_ID_NUMBERS, V_NONE}, {"phones=", XL_MSG_AUD_K_PHONES, V_NONE},
    {"building=", XL_MSG_AUD_K_BUILDING, V_NONE},  {"room=", XL_MSG_AUD_K_ROOM, V_NONE},
    {"at=", XL_MSG_AUD_K_ROOM, V_NONE},            {"action=", XL_MSG_AUD_K_ACTION, V_ACTION},
    {"receipt=", XL_MSG_AUD_K_RECEIPT, V_NONE},    {"to=", XL_MSG_AUD_K_TO, V_NONE},
    {"from=", XL_MSG_AUD_K_FROM, V_NONE},          {"role=", XL_MSG_AUD_K_ROLE, V_ROLE},
    {"moved_in=", XL_MSG_AUD_K_MOVED_IN, V_NONE},  {"moved_out=", XL_MSG_AUD_K_MOVED_OUT, V_NONE},
    {"channel=", XL_MSG_AUD_K_CHANNEL, V_CHANNEL}, {"id=", XL_MSG_AUD_K_ID, V_NONE},
    {"residency=", XL_MSG_AUD_K_RESIDENCY, V_NONE}, {"since=", XL_MSG_AUD_K_SINCE, V_NONE},
    {"seed=", XL_MSG_AUD_K_SEED, V_NONE},          {"scale=", XL_MSG_AUD_K_SCALE, V_NONE},
    /* a meeting's particulars (meeting.c, agenda.c): after the keys above, so "building=" and
     * "at=" are keys and a bare "building 127" or "at 19:30" a particular */
    {"pioneer group", XL_MSG_PIONEER_GROUP, V_NONE}, {"building", XL_MSG_CF_BUILDING, V_NONE},
    {"at", XL_MSG_MTG_F_TIME, V_NONE},             {"place", XL_MSG_MTG_F_PLACE, V_NONE},
    {"host", XL_MSG_MTG_F_HOST, V_NONE},           {"was", XL_MSG_AUD_P_WAS, V_NONE},
    {"min", XL_MSG_AUD_P_MIN, V_NONE},
};

/* The label of a meeting's kind or status key, or of an attendee's role key; NULL else. */
static const char *meeting_key_label(const char *key)
{
    for (int i = 0; i < XL_MEETING_KIND_COUNT; i++)
        if (strcmp(xl_meeting_kind_key((xl_meeting_kind)i), key) == 0)
            return xl_meeting_kind_label((xl_meeting_kind)i);
    for (int i = 0; i < XL_MEETING_STATUS_COUNT; i++)
        if (strcmp(xl_meeting_status_key((xl_meeting_status)i), key) == 0)
            return xl_meeting_status_label((xl_meeting_status)i);
    for (int i = 0; i < XL_ATTEND_ROLE_COUNT; i++)
        if (strcmp(xl_attend_role_key((xl_attend_role)i), key) == 0)
            return xl_attend_role_label((xl_attend_role)i);
    return NULL;
}

/* The label of a list item's kind, status or category key, or of a meeting's (above); NULL
 * for another word. */
static const char *key_label(const char *key)
{
    int k = xl_item_kind_parse(key), st = xl_item_status_parse(key), c = xl_category_find(key);
    if (k >= 0 && strcmp(xl_item_kind_key((xl_item_kind)k), key) == 0)
        return xl_item_kind_label((xl_item_kind)k);
    if (st >= 0 && strcmp(xl_item_status_key((xl_item_status)st), key) == 0)
        return xl_item_status_label((xl_item_status)st);
    if (c >= 0 && strcmp(xl_category_key((size_t)c), key) == 0)
        return xl_category_label((size_t)c);
    return meeting_key_label(key);
}

/* The label of the value after a key of that kind; NULL to keep it as written. */
static const char *value_label(value_kind v, const char *val)
{
    switch (v) {
    case V_ROLE: return xl_role_parse(val) >= 0 ? xl_role_label_of(val) : NULL;
    case V_CHANNEL: return xl_channel_parse(val) >= 0 ? xl_channel_label_of(val) : NULL;
    case V_ACTION:
        return !strcmp(val, "in") ? _(PEND_ACTION_IN) : !strcmp(val, "out") ? _(PEND_ACTION_OUT) : NULL;
    case V_FIELD:
        return !strcmp(val, "phone") ? _(PHONE) : !strcmp(val, "id_number") ? _(ID_NUMBER) : NULL;
    case V_OUTCOME:
        return !strcmp(val, "listed")       ? xl_chase_outcome_label(XL_CHASE_LISTED)
               : !strcmp(val, "confirmed")  ? xl_chase_outcome_label(XL_CHASE_CONFIRMED)
               : !strcmp(val, "signed_out") ? xl_chase_outcome_label(XL_CHASE_SIGNED_OUT)
                                            : NULL;
    default: return NULL;
    }
}

typedef struct out_text {
    char *s;
    size_t size, o;
    int full; /* cut: nothing more is written */
} out_text;

static void put(out_text *t, const char *s, size_t n)
{
    if (t->full)
        return;
    if (t->o + n >= t->size) { /* cut, never inside a character */
        t->full = 1;
        n = t->size - 1 - t->o;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(t->s + t->o, s, n);
    t->o += n;
    t->s[t->o] = '\0';
}

static void put_str(out_text *t, const char *s) { put(t, s, strlen(s)); }

/* The value at s after a key of kind v (up to a blank or ';'), its label or itself; returns
 * bytes read. */
static size_t put_value(out_text *t, value_kind v, const char *s)
{
    size_t n = strcspn(s, " ;");
    char val[32];
    const char *label = NULL;
    if (n < sizeof val) {
        memcpy(val, s, n);
        val[n] = '\0';
        label = value_label(v, val);
    }
    if (label)
        put_str(t, label);
    else
        put(t, s, n);
    return n;
}

/* The next piece of a detail at s, in the officer's words; returns bytes read. */
static size_t piece(out_text *t, const char *s, int word_start)
{
    for (size_t i = 0; word_start && i < sizeof phrases / sizeof phrases[0]; i++) {
        size_t n = strlen(phrases[i].text);
        if (strncmp(s, phrases[i].text, n) != 0) /* first: s may be shorter than the phrase */
            continue;
        char last = phrases[i].text[n - 1];
        int whole = !(last >= 'a' && last <= 'z') || !((s[n] >= 'a' && s[n] <= 'z') || s[n] == '_');
        if (whole) {
            const char *label = xl_tr(phrases[i].label);
            put_str(t, label);
            size_t l = strlen(label);
            if (l >= 3 && strcmp(label + l - 3, "：") == 0) /* "状态：待办", not "状态： 待办" */
                while (s[n] == ' ')
                    n++;
            return n + (phrases[i].value != V_NONE ? put_value(t, phrases[i].value, s + n) : 0);
        }
    }
    size_t n = 0;
    while ((s[n] >= 'a' && s[n] <= 'z') || s[n] == '_')
        n++;
    char key[32];
    const char *label = NULL;
    if (word_start && n && n < sizeof key) {
        memcpy(key, s, n);
        key[n] = '\0';
        label = key_label(key);
    }
    if (label) {
        put_str(t, label);
        return n;
    }
    n = n ? n : 1;
    put(t, s, n);
    return n;
}

void xl_audit_words(const char *detail, char *out, size_t size)
{
    if (!out || size == 0)
        return;
    out_text t = {out, size, 0, 0};
    out[0] = '\0';
    if (!detail)
        return;
    if (strcmp(xl_i18n_lang(), "en") == 0) {
        xl_strlcpy_utf8(out, detail, size);
        return;
    }
    int quoted = 0;
    for (size_t i = 0; detail[i] && !t.full && t.o + 1 < size;) {
        if (detail[i] == '\'')
            quoted = !quoted;
        if (quoted || detail[i] == '\'') {
            put(&t, detail + i, 1);
            i++;
            continue;
        }
        int word_start = i == 0 || !((detail[i - 1] >= 'a' && detail[i - 1] <= 'z') || detail[i - 1] == '_');
        i += piece(&t, detail + i, word_start);
    }
}
