/* lists_ui.h — the screens of the four lists (清单) and the roundtable (小圆桌) opened over the
 * current pane, and the helpers they share (listcommon.c). The two tabs themselves are
 * ui_lists_new() and ui_roundtable_new() in panes.h. Every opener returns key flags; a
 * failure leaves a message in the status line instead. */
#ifndef UI_LISTS_UI_H
#define UI_LISTS_UI_H

#include <stddef.h>
#include <stdint.h>

#include "ui/pane.h"
#include "ui/widget/listview.h"
#include "xiangli/lists.h"
#include "xiangli/meeting.h"

/* ---- list items (itemview.c, itemedit.c) ---- */

/* 事项: details, the chain (Enter follows it) and the history from the audit. */
int ui_item_view_open(ui_app *app, int64_t id);
/* New item of a kind; building > 0 fills the buildings. The new id is written to
 * *select_out (when not NULL) so the pane below can show it chosen. */
int ui_item_new_open(ui_app *app, xl_item_kind kind, int building, int64_t *select_out);
int ui_item_edit_open(ui_app *app, int64_t id);
/* Status change; done and dropped ask for a closing note. */
int ui_item_status_open(ui_app *app, int64_t id);
/* A new item of the kind after from's (problem → demand → empowerment → action), with
 * from's category and buildings, linked from it when saved. */
int ui_item_follow_open(ui_app *app, int64_t from);
/* A picker of the items this one may be linked with (either direction of the chain). */
int ui_item_link_open(ui_app *app, int64_t id);

/* ---- meetings (meetingview.c, meetingedit.c, present.c) ---- */

/* 会议: agenda and attendance of one meeting. */
int ui_meeting_view_open(ui_app *app, int64_t id);
/* Plans a meeting (building > 0: a roundtable of that building). The new id is written to
 * *open_out (when not NULL): the roundtable pane opens it when the form closes. */
int ui_meeting_plan_open(ui_app *app, int building, int64_t *open_out);
/* Time, place, host and title of a planned meeting. */
int ui_meeting_edit_open(ui_app *app, int64_t id);
/* A free agenda item (its own title, minutes); *select_out becomes (size_t)-1 when added:
 * the meeting view then selects the last item. */
int ui_agenda_free_open(ui_app *app, int64_t meeting, size_t *select_out);
/* Starts a planned meeting (asks first) or goes on with a running one, full screen. */
int ui_present_open(ui_app *app, int64_t meeting);
/* Asks, closes the meeting (minutes written) and exports the minutes to a Markdown file. */
int ui_meeting_close_ask(ui_app *app, int64_t meeting);
/* Buildings without a roundtable for [roundtable] stale_days days. Enter writes the
 * building to *plan_out and closes the list: the pane below then plans its roundtable. */
int ui_stale_buildings_open(ui_app *app, int *plan_out);

/* ---- shared helpers (listcommon.c) ---- */

/* Status label, with the overdue mark ("! 逾期") when overdue. */
const char *ui_item_status_text(xl_item_status s, int overdue);
/* The status in a word or two, for a list column ("待办", "进行", "!逾期"): readable
 * without colour; and the widest of them in columns. */
const char *ui_item_status_short(xl_item_status s, int overdue);
int ui_item_status_short_width(void);
/* "127号", "127号等3栋" or "全小区". */
void ui_item_where(char *out, size_t size, int building, int nbuildings);
/* "127 215" for a form field; "" for the whole community. */
void ui_buildings_format(char *out, size_t size, const int *b, size_t n);
/* Parses "127 215" / "127,215"; 0 with a translated reason in msg when it cannot. */
int ui_buildings_parse(xl_db *db, const char *text, int *b, size_t cap, size_t *n, char *msg,
                       size_t msgsize);
/* A date "YYYY-MM-DD" days after today. */
void ui_date_after_today(int days, char out[11]);
/* The field a core message "FIELD: reason" is about: its index in names[0..n), -1 if none;
 * *reason points after "FIELD: " (the whole message when no field matched). */
int ui_err_field(const xl_err *err, const char *const *names, size_t n, const char **reason);
/* "出席 12 人：业主 2 · 二房东 1 · 租客 8 · 单位 1". */
void ui_attend_summary(const xl_attend_counts *c, char *out, size_t size);
/* Where closed meetings' minutes go: the directory beside [backup] directory, named
 * xiangli-minutes (~/xiangli-minutes by default). */
void ui_minutes_dir(const char *backup_dir, char *out, size_t size);

/* ---- choosing a person or an organisation (owner, host) by typing ---- */

enum { UI_PARTY_HITS = 40 };

typedef struct ui_party_hit {
    xl_party who;
    char name[96];
    char note[96];   /* organisation kind, or where the person lives */
} ui_party_hit;

typedef struct ui_party_pick {
    ui_party_hit hits[UI_PARTY_HITS];
    size_t n;
    ui_listview lv; /* over hits; lv.sel == n: nobody chosen */
    int draw_x, draw_cols; /* where the hits go, while they draw */
    xl_party chosen;
    char chosen_name[96];
    char query[256];
} ui_party_pick;

/* A meeting at a glance, for a question about it: its status, the size of its agenda and
 * the question (fmt with the meeting's title). */
typedef struct ui_meeting_glance {
    xl_meeting_status status;
    size_t nagenda;
    char question[256];
} ui_meeting_glance;
/* Reads meeting id into g; 0 when it cannot be read (the status line says why). */
int ui_meeting_glance_load(ui_app *app, int64_t id, const char *fmt, ui_meeting_glance *g);

/* Starts with who (may be NONE) chosen. */
void ui_party_pick_init(ui_party_pick *p, xl_party who, const char *name);
/* Searches organisations (name contains text) and people (xl_lookup: a name, a building
 * number, 127-302); the first hit becomes the choice; empty text chooses nobody. */
void ui_party_pick_search(ui_party_pick *p, xl_db *db, const char *text);
/* Up/Down/PgUp/PgDn move the choice; 1 when the key was one of those. */
int ui_party_pick_key(ui_party_pick *p, int key);
/* The hits from row y in at most rows rows, the choice highlighted; heading on the first. */
void ui_party_pick_draw(ui_party_pick *p, WINDOW *w, int y, int x, int cols, int rows,
                        const char *heading);

#endif
