/* template.c — the community workbook template (template.h), written with libxlsxwriter. */
#include "xiangli/template.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "xiangli/fileio.h"
#include "xiangli/i18n.h"

#define VALID_ROWS 5000

/* The template is the office's: its sheet names, headers and choices are Chinese whatever the
 * UI language, and come from the message table (the desk's words for the same things; the
 * community import reads them back, community.c). The notes follow the UI language. */
#define SHEET_LANG "zh"
#define END XL_MSG_COUNT

/* One column: header, its note, whether text-formatted, its drop-down choices (messages, or
 * for the pioneer groups the numbers 1～3). */
typedef struct tcol {
    xl_msg head;
    xl_msg note;
    int text;
    const xl_msg *choices;
    double width;
} tcol;

static const xl_msg roles_resp[] = {XL_MSG_ROLE_OWNER, XL_MSG_ROLE_SUBLANDLORD, END};
static const xl_msg groups[] = {END}; /* a marker: the choices 1, 2, 3 */
static const xl_msg uses[] = {XL_MSG_USE_RENT, XL_MSG_USE_OWN, XL_MSG_USE_VACANT, XL_MSG_USE_BUSINESS, END};
static const xl_msg roles[] = {XL_MSG_ROLE_OWNER, XL_MSG_ROLE_SUBLANDLORD, XL_MSG_ROLE_TENANT,
                               XL_MSG_ROLE_FAMILY, END};
static const xl_msg genders[] = {XL_MSG_REG_GENDER_M, XL_MSG_REG_GENDER_F, END};
static const xl_msg kinds[] = {XL_MSG_ORG_STREET, XL_MSG_ORG_POLICE, XL_MSG_ORG_DEPARTMENT,
                               XL_MSG_ORG_DEPUTY, XL_MSG_ORG_VOLUNTEER, XL_MSG_ORG_PROPERTY,
                               XL_MSG_ORG_ENTERPRISE, XL_MSG_ORG_SOCIAL, XL_MSG_ORG_OTHER, END};
static const xl_msg yes_no[] = {XL_MSG_CF_YES, XL_MSG_CF_NO, END};

static const tcol buildings[] = {
    {XL_MSG_BUILDING, XL_MSG_TPL_B_NUMBER, 0, NULL, 8}, {XL_MSG_LANE, XL_MSG_TPL_B_LANE, 0, NULL, 8},
    {XL_MSG_CF_ADDRESS, XL_MSG_TPL_B_ADDRESS, 0, NULL, 20}, {XL_MSG_FLOORS, XL_MSG_TPL_B_FLOORS, 0, NULL, 6},
    {XL_MSG_ROLE_OWNER, XL_MSG_TPL_B_OWNER, 0, NULL, 10},
    {XL_MSG_TPL_H_OWNER_PHONE, XL_MSG_TPL_B_OWNER_PHONE, 1, NULL, 14},
    {XL_MSG_TPL_H_OWNER_ID, XL_MSG_TPL_B_OWNER_ID, 1, NULL, 22},
    {XL_MSG_RESPONSIBLE, XL_MSG_TPL_B_RESP, 0, NULL, 10},
    {XL_MSG_TPL_H_RESP_ROLE, XL_MSG_TPL_B_RESP_ROLE, 0, roles_resp, 10},
    {XL_MSG_TPL_H_RESP_PHONE, XL_MSG_TPL_B_RESP_PHONE, 1, NULL, 14},
    {XL_MSG_PIONEER_GROUP, XL_MSG_TPL_B_GROUP, 0, groups, 8},
    {XL_MSG_MICRO_GRID, XL_MSG_TPL_B_GRID, 0, NULL, 12},
    {XL_MSG_GRID_LEADER, XL_MSG_TPL_B_GRID_LEADER, 0, NULL, 10},
    {XL_MSG_TPL_H_MAP_ROW, XL_MSG_TPL_B_MAP_ROW, 0, NULL, 8},
    {XL_MSG_TPL_H_MAP_COL, XL_MSG_TPL_B_MAP_COL, 0, NULL, 8}, {END, 0, 0, NULL, 0}};
static const tcol rooms[] = {
    {XL_MSG_BUILDING, XL_MSG_TPL_R_BUILDING, 0, NULL, 8}, {XL_MSG_ROOM, XL_MSG_TPL_R_ROOM, 1, NULL, 8},
    {XL_MSG_DECLARED, XL_MSG_TPL_R_DECLARED, 0, NULL, 10}, {XL_MSG_CF_USE, XL_MSG_TPL_R_USE, 0, uses, 8},
    {XL_MSG_CF_FLOOR, XL_MSG_TPL_R_FLOOR, 0, NULL, 6}, {END, 0, 0, NULL, 0}};
/* the residents sheet's columns are the register's own (csv.h XL_CSV_COLUMNS) */
static const tcol residents[] = {
    {XL_MSG_NAME, XL_MSG_TPL_P_NAME, 0, NULL, 10}, {XL_MSG_REG_F_GENDER, XL_MSG_TPL_P_GENDER, 0, genders, 6},
    {XL_MSG_ID_NUMBER, XL_MSG_TPL_P_ID, 1, NULL, 22}, {XL_MSG_PHONE, XL_MSG_TPL_P_PHONE, 1, NULL, 14},
    {XL_MSG_BUILDING, XL_MSG_CF_BUILDING, 0, NULL, 8}, {XL_MSG_ROOM, XL_MSG_TPL_P_ROOM, 1, NULL, 8},
    {XL_MSG_ROLE, XL_MSG_TPL_P_ROLE, 0, roles, 8}, {XL_MSG_REG_F_MOVED_IN, XL_MSG_TPL_P_MOVED_IN, 1, NULL, 12},
    {XL_MSG_REG_F_PROVINCE, XL_MSG_REG_F_PROVINCE, 0, NULL, 10},
    {XL_MSG_REG_F_WORKPLACE, XL_MSG_REG_F_WORKPLACE, 0, NULL, 16}, {END, 0, 0, NULL, 0}};
static const tcol orgs[] = {
    {XL_MSG_CF_ORG_NAME, XL_MSG_TPL_O_NAME, 0, NULL, 20}, {XL_MSG_CF_ORG_KIND, XL_MSG_TPL_O_KIND, 0, kinds, 14},
    {XL_MSG_CF_CONTACT, XL_MSG_TPL_O_CONTACT, 1, NULL, 20}, {END, 0, 0, NULL, 0}};
static const tcol party[] = {
    {XL_MSG_NAME, XL_MSG_TPL_Y_NAME, 0, NULL, 10}, {XL_MSG_ID_NUMBER, XL_MSG_TPL_Y_ID, 1, NULL, 22},
    {XL_MSG_BUILDING, XL_MSG_TPL_Y_BUILDING, 0, NULL, 8}, {XL_MSG_ROOM, XL_MSG_TPL_Y_ROOM, 1, NULL, 8},
    {XL_MSG_CF_BRANCH, XL_MSG_TPL_Y_BRANCH, 0, NULL, 20}, {END, 0, 0, NULL, 0}};
static const tcol teams[] = {
    {XL_MSG_PIONEER_GROUP, XL_MSG_TPL_B_GROUP, 0, groups, 8}, {XL_MSG_CF_MEMBER, XL_MSG_TPL_T_MEMBER, 0, NULL, 16},
    {XL_MSG_ID_NUMBER, XL_MSG_TPL_T_ID, 1, NULL, 22}, {XL_MSG_CF_LEADER, XL_MSG_TPL_T_LEADER, 0, yes_no, 6},
    {END, 0, 0, NULL, 0}};

/* the sheets' names: the same messages as the community import's (community.h XL_CKINDS) */
static const struct {
    xl_msg name;
    const tcol *cols;
} sheets[] = {{XL_MSG_BUILDING, buildings}, {XL_MSG_ROOM, rooms}, {XL_MSG_TPL_SHEET_PEOPLE, residents},
              {XL_MSG_ST_PAGE_ORGS, orgs}, {XL_MSG_ST_PAGE_PARTY, party}, {XL_MSG_MTG_MIN_PIONEER, teams}};

static void add_list(lxw_worksheet *ws, int col, const xl_msg *choices)
{
    static char one[] = "1", two[] = "2", three[] = "3";
    char *list[16] = {one, two, three, NULL};
    if (choices != groups) {
        size_t n = 0;
        for (; choices[n] != END && n + 1 < sizeof list / sizeof list[0]; n++)
            list[n] = (char *)xl_tr_in(choices[n], SHEET_LANG);
        list[n] = NULL;
    }
    lxw_data_validation v;
    memset(&v, 0, sizeof v);
    v.validate = LXW_VALIDATION_TYPE_LIST;
    v.value_list = list;
    worksheet_data_validation_range(ws, 1, (lxw_col_t)col, VALID_ROWS, (lxw_col_t)col, &v);
}

static void add_sheet(lxw_workbook *wb, size_t s, lxw_format *head, lxw_format *text)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, xl_tr_in(sheets[s].name, SHEET_LANG));
    for (int c = 0; sheets[s].cols[c].head != END; c++) {
        const tcol *t = &sheets[s].cols[c];
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, t->width, t->text ? text : NULL);
        worksheet_write_string(ws, 0, (lxw_col_t)c, xl_tr_in(t->head, SHEET_LANG), head);
        worksheet_write_comment(ws, 0, (lxw_col_t)c, xl_tr(t->note));
        if (t->choices)
            add_list(ws, c, t->choices);
    }
    worksheet_freeze_panes(ws, 1, 0);
}

static int template_write(const char *path, void *ctx, xl_err *err);

int xl_template_community(const char *path, int force, xl_err *err)
{
    struct stat sb;
    if (!force && stat(path, &sb) == 0)
        return xl_err_set(err, XL_EFAIL, "%s: %s", path, _(TPL_E_EXISTS));
    return xl_file_write_by_name(path, template_write, NULL, err);
}

static int template_write(const char *path, void *ctx, xl_err *err)
{
    (void)ctx;
    lxw_workbook *wb = workbook_new(path);
    if (!wb)
        return xl_err_set(err, XL_EFAIL, _(TPL_E_WRITE_FMT), path);
    lxw_format *head = workbook_add_format(wb), *text = workbook_add_format(wb);
    format_set_bold(head);
    format_set_num_format(head, "@");
    format_set_num_format(text, "@");
    for (size_t s = 0; s < sizeof sheets / sizeof sheets[0]; s++)
        add_sheet(wb, s, head, text);
    errno = 0;
    lxw_error rc = workbook_close(wb);
    int sys = errno;
    if (rc != LXW_NO_ERROR) /* libxlsxwriter's own text is English: say what errno means */
        return xl_err_set(err, XL_EFAIL, _(TPL_E_WRITE_FMT), xl_sys_reason(sys ? sys : EIO));
    return XL_OK;
}
