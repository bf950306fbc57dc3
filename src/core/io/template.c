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

/* One column: header, its note, whether text-formatted, its drop-down choices. */
typedef struct tcol {
    const char *head;
    xl_msg note;
    int text;
    const char *const *choices;
    double width;
} tcol;

static const char *const roles_resp[] = {"业主", "二房东", NULL};
static const char *const groups[] = {"1", "2", "3", NULL};
static const char *const uses[] = {"出租", "自住", "空置", "商用", NULL};
static const char *const roles[] = {"业主", "二房东", "租客", "家属", NULL};
static const char *const genders[] = {"男", "女", NULL};
static const char *const kinds[] = {"街道办事处", "派出所", "职能部门", "两代表一委员", "志愿者队伍",
                                    "物业服务", "企业", "社会组织", "其他", NULL};
static const char *const yes_no[] = {"是", "否", NULL};

static const tcol buildings[] = {
    {"楼栋", XL_MSG_TPL_B_NUMBER, 0, NULL, 8}, {"弄", XL_MSG_TPL_B_LANE, 0, NULL, 8},
    {"门牌地址", XL_MSG_TPL_B_ADDRESS, 0, NULL, 20}, {"层数", XL_MSG_TPL_B_FLOORS, 0, NULL, 6},
    {"业主", XL_MSG_TPL_B_OWNER, 0, NULL, 10}, {"业主电话", XL_MSG_TPL_B_OWNER_PHONE, 1, NULL, 14},
    {"业主身份证号", XL_MSG_TPL_B_OWNER_ID, 1, NULL, 22}, {"第一责任人", XL_MSG_TPL_B_RESP, 0, NULL, 10},
    {"责任人身份", XL_MSG_TPL_B_RESP_ROLE, 0, roles_resp, 10},
    {"责任人电话", XL_MSG_TPL_B_RESP_PHONE, 1, NULL, 14},
    {"先锋楼组", XL_MSG_TPL_B_GROUP, 0, groups, 8}, {"微网格", XL_MSG_TPL_B_GRID, 0, NULL, 12},
    {"网格长", XL_MSG_TPL_B_GRID_LEADER, 0, NULL, 10}, {"地图行", XL_MSG_TPL_B_MAP_ROW, 0, NULL, 8},
    {"地图列", XL_MSG_TPL_B_MAP_COL, 0, NULL, 8}, {NULL, 0, 0, NULL, 0}};
static const tcol rooms[] = {
    {"楼栋", XL_MSG_TPL_R_BUILDING, 0, NULL, 8}, {"房间", XL_MSG_TPL_R_ROOM, 1, NULL, 8},
    {"核定人数", XL_MSG_TPL_R_DECLARED, 0, NULL, 10}, {"用途", XL_MSG_TPL_R_USE, 0, uses, 8},
    {"楼层", XL_MSG_TPL_R_FLOOR, 0, NULL, 6}, {NULL, 0, 0, NULL, 0}};
static const tcol residents[] = {
    {"姓名", XL_MSG_TPL_P_NAME, 0, NULL, 10}, {"性别", XL_MSG_TPL_P_GENDER, 0, genders, 6},
    {"身份证号", XL_MSG_TPL_P_ID, 1, NULL, 22}, {"手机号", XL_MSG_TPL_P_PHONE, 1, NULL, 14},
    {"楼栋", XL_MSG_CF_BUILDING, 0, NULL, 8}, {"房间", XL_MSG_TPL_P_ROOM, 1, NULL, 8},
    {"身份", XL_MSG_TPL_P_ROLE, 0, roles, 8}, {"入住日期", XL_MSG_TPL_P_MOVED_IN, 1, NULL, 12},
    {"户籍省份", XL_MSG_REG_F_PROVINCE, 0, NULL, 10}, {"工作单位", XL_MSG_REG_F_WORKPLACE, 0, NULL, 16},
    {NULL, 0, 0, NULL, 0}};
static const tcol orgs[] = {
    {"名称", XL_MSG_TPL_O_NAME, 0, NULL, 20}, {"类别", XL_MSG_TPL_O_KIND, 0, kinds, 14},
    {"联系方式", XL_MSG_TPL_O_CONTACT, 1, NULL, 20}, {NULL, 0, 0, NULL, 0}};
static const tcol party[] = {
    {"姓名", XL_MSG_TPL_Y_NAME, 0, NULL, 10}, {"身份证号", XL_MSG_TPL_Y_ID, 1, NULL, 22},
    {"楼栋", XL_MSG_TPL_Y_BUILDING, 0, NULL, 8}, {"房间", XL_MSG_TPL_Y_ROOM, 1, NULL, 8},
    {"党支部", XL_MSG_TPL_Y_BRANCH, 0, NULL, 20}, {NULL, 0, 0, NULL, 0}};
static const tcol teams[] = {
    {"先锋楼组", XL_MSG_TPL_B_GROUP, 0, groups, 8}, {"成员", XL_MSG_TPL_T_MEMBER, 0, NULL, 16},
    {"身份证号", XL_MSG_TPL_T_ID, 1, NULL, 22}, {"组长", XL_MSG_TPL_T_LEADER, 0, yes_no, 6},
    {NULL, 0, 0, NULL, 0}};

static const struct {
    const char *name;
    const tcol *cols;
} sheets[] = {{"楼栋", buildings}, {"房间", rooms}, {"人员", residents},
              {"组织", orgs}, {"党员", party}, {"楼组", teams}};

static void add_list(lxw_worksheet *ws, int col, const char *const *choices)
{
    lxw_data_validation v;
    memset(&v, 0, sizeof v);
    v.validate = LXW_VALIDATION_TYPE_LIST;
    v.value_list = (char **)choices;
    worksheet_data_validation_range(ws, 1, (lxw_col_t)col, VALID_ROWS, (lxw_col_t)col, &v);
}

static void add_sheet(lxw_workbook *wb, size_t s, lxw_format *head, lxw_format *text)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, sheets[s].name);
    for (int c = 0; sheets[s].cols[c].head; c++) {
        const tcol *t = &sheets[s].cols[c];
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, t->width, t->text ? text : NULL);
        worksheet_write_string(ws, 0, (lxw_col_t)c, t->head, head);
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
